// Chapter: "Optimizers" (docs/optimizers.md).
import {BaseOptimizer, type LearningRate, checkKeys, registerOptimizer} from "./optimizer.js";

/**
 * Plain (mini-batch) stochastic gradient descent: w ← w − η·g.
 *
 * ```ts
 * const optimizer = sgd({learningRate: 0.1});
 * ```
 */
export function sgd(options: {learningRate: LearningRate; weightDecay?: number}): SGD {
  checkKeys("sgd", options, ["learningRate", "weightDecay"]);
  return new SGD(options ?? ({} as never));
}

export class SGD extends BaseOptimizer {
  readonly kind = "sgd";
  protected readonly slotNames = [] as const;

  constructor({learningRate, weightDecay = 0}: {learningRate: LearningRate; weightDecay?: number}) {
    super("sgd", learningRate, weightDecay);
  }

  protected update(w: Float64Array, g: Float64Array, _s: Float64Array[], rate: number): void {
    for (let i = 0; i < w.length; i++) w[i] -= rate * g[i];
  }
}

registerOptimizer("sgd", (o) => new SGD(o as never));
