// Chapter: "Optimizers" (docs/optimizers.md).
import {BaseOptimizer, checkFraction, checkPositive, type LearningRate, checkKeys, registerOptimizer} from "./optimizer.js";

/**
 * RMSprop (Hinton, Coursera lecture 6e, 2012): AdaGrad with a leaky average instead of a sum,
 * so the steps stop shrinking: s ← ρ·s + (1 − ρ)·g², w ← w − η·g / (√s + ε).
 *
 * ```ts
 * const optimizer = rmsprop({learningRate: 0.001, decay: 0.9});
 * ```
 */
export function rmsprop(options: {learningRate: LearningRate; decay?: number; epsilon?: number; weightDecay?: number}): RMSprop {
  checkKeys("rmsprop", options, ["learningRate", "decay", "epsilon", "weightDecay"]);
  return new RMSprop(options ?? ({} as never));
}

export class RMSprop extends BaseOptimizer {
  readonly kind = "rmsprop";
  readonly decay: number;
  readonly epsilon: number;
  protected readonly slotNames = ["meanSquare"] as const;

  constructor({learningRate, decay = 0.9, epsilon = 1e-8, weightDecay = 0}: {learningRate: LearningRate; decay?: number; epsilon?: number; weightDecay?: number}) {
    super("rmsprop", learningRate, weightDecay);
    checkFraction("rmsprop", "decay", decay);
    checkPositive("rmsprop", "epsilon", epsilon);
    this.decay = decay;
    this.epsilon = epsilon;
  }

  protected options(): Record<string, number> {
    return {decay: this.decay, epsilon: this.epsilon};
  }

  protected describeOptions(): string {
    return `decay ${this.decay}`;
  }

  protected update(w: Float64Array, g: Float64Array, slots: Float64Array[], rate: number): void {
    const s = slots[0];
    const rho = this.decay;
    const eps = this.epsilon;
    for (let i = 0; i < w.length; i++) {
      s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
      w[i] -= (rate * g[i]) / (Math.sqrt(s[i]) + eps);
    }
  }
}

registerOptimizer("rmsprop", (o) => new RMSprop(o as never));
