// Chapter: "Optimizers" (docs/optimizers.md).
import {checkFraction, BaseOptimizer, type LearningRate, checkKeys, registerOptimizer} from "./optimizer.js";

/**
 * Nesterov accelerated gradient (Nesterov 1983; Sutskever et al. 2013), in the form CS231n gives,
 * which keeps the stored parameters at the "looked-ahead" point so the gradient can be taken
 * where it is: v_prev = v; v ← μ·v − η·g; w ← w − μ·v_prev + (1 + μ)·v.
 *
 * ```ts
 * const optimizer = nesterov({learningRate: 0.01, momentum: 0.9});
 * ```
 */
export function nesterov(options: {learningRate: LearningRate; momentum?: number; weightDecay?: number}): Nesterov {
  checkKeys("nesterov", options, ["learningRate", "momentum", "weightDecay"]);
  return new Nesterov(options ?? ({} as never));
}

export class Nesterov extends BaseOptimizer {
  readonly kind = "nesterov";
  readonly momentum: number;
  protected readonly slotNames = ["velocity"] as const;

  constructor({learningRate, momentum = 0.9, weightDecay = 0}: {learningRate: LearningRate; momentum?: number; weightDecay?: number}) {
    super("nesterov", learningRate, weightDecay);
    checkFraction("nesterov", "momentum", momentum);
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
      const previous = v[i];
      v[i] = mu * previous - rate * g[i];
      w[i] += -mu * previous + (1 + mu) * v[i];
    }
  }
}

registerOptimizer("nesterov", (o) => new Nesterov(o as never));
