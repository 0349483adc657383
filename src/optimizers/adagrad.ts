// Chapter: "Optimizers" (docs/optimizers.md).
import {BaseOptimizer, checkPositive, type LearningRate, checkKeys, registerOptimizer} from "./optimizer.js";

/**
 * AdaGrad (Duchi, Hazan & Singer 2011): each weight's step is divided by the root of the sum of
 * all its past squared gradients, G ← G + g², w ← w − η·g / (√G + ε). Rarely-updated weights
 * keep large steps; the steps of all weights shrink for ever.
 *
 * ```ts
 * const optimizer = adagrad({learningRate: 0.1});
 * ```
 */
export function adagrad(options: {learningRate: LearningRate; epsilon?: number; weightDecay?: number}): AdaGrad {
  checkKeys("adagrad", options, ["learningRate", "epsilon", "weightDecay"]);
  return new AdaGrad(options ?? ({} as never));
}

export class AdaGrad extends BaseOptimizer {
  readonly kind = "adagrad";
  readonly epsilon: number;
  protected readonly slotNames = ["sumSquares"] as const;

  constructor({learningRate, epsilon = 1e-8, weightDecay = 0}: {learningRate: LearningRate; epsilon?: number; weightDecay?: number}) {
    super("adagrad", learningRate, weightDecay);
    checkPositive("adagrad", "epsilon", epsilon);
    this.epsilon = epsilon;
  }

  protected options(): Record<string, number> {
    return {epsilon: this.epsilon};
  }

  protected update(w: Float64Array, g: Float64Array, slots: Float64Array[], rate: number): void {
    const G = slots[0];
    const eps = this.epsilon;
    for (let i = 0; i < w.length; i++) {
      G[i] += g[i] * g[i];
      w[i] -= (rate * g[i]) / (Math.sqrt(G[i]) + eps);
    }
  }
}

registerOptimizer("adagrad", (o) => new AdaGrad(o as never));
