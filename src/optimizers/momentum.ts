// Chapter: "Optimizers" (docs/optimizers.md).
import {BaseOptimizer, checkFraction, type LearningRate, checkKeys, registerOptimizer} from "./optimizer.js";

/**
 * Classical momentum (Polyak 1964; Rumelhart, Hinton & Williams 1986), in the velocity form
 * CS231n uses: v ← μ·v − η·g, then w ← w + v. With a constant gradient the step grows
 * towards η·g / (1 − μ), ten times plain SGD's for μ = 0.9.
 *
 * ```ts
 * const optimizer = momentum({learningRate: 0.01, momentum: 0.9});
 * ```
 */
export function momentum(options: {learningRate: LearningRate; momentum?: number; weightDecay?: number}): Momentum {
  checkKeys("momentum", options, ["learningRate", "momentum", "weightDecay"]);
  return new Momentum(options ?? ({} as never));
}

export class Momentum extends BaseOptimizer {
  readonly kind = "momentum";
  readonly momentum: number;
  protected readonly slotNames = ["velocity"] as const;

  constructor({learningRate, momentum = 0.9, weightDecay = 0}: {learningRate: LearningRate; momentum?: number; weightDecay?: number}) {
    super("momentum", learningRate, weightDecay);
    checkFraction("momentum", "momentum", momentum);
    this.momentum = momentum;
  }

  protected options(): Record<string, number> {
    return {momentum: this.momentum};
  }

  protected describeOptions(): string {
    return `μ ${this.momentum}`;
  }

  protected update(w: Float64Array, g: Float64Array, slots: Float64Array[], rate: number): void {
    const v = slots[0];
    const mu = this.momentum;
    for (let i = 0; i < w.length; i++) {
      v[i] = mu * v[i] - rate * g[i];
      w[i] += v[i];
    }
  }
}

registerOptimizer("momentum", (o) => new Momentum(o as never));
