import {BaseOptimizer, type LearningRate} from "./optimizer.js";

/**
 * Plain (mini-batch) stochastic gradient descent: w ← w − η·g.
 *
 * ```ts
 * const optimizer = sgd({learningRate: 0.1});
 * ```
 */
export function sgd({learningRate}: {learningRate: LearningRate}): SGD {
  return new SGD({learningRate});
}

export class SGD extends BaseOptimizer {
  readonly kind = "sgd";
  protected readonly slotNames = [] as const;

  constructor({learningRate}: {learningRate: LearningRate}) {
    super("sgd", learningRate);
  }

  protected update(w: Float64Array, g: Float64Array, _s: Float64Array[], rate: number): void {
    for (let i = 0; i < w.length; i++) w[i] -= rate * g[i];
  }
}
