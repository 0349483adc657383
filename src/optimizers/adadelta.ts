// Chapter: "Optimizers" (docs/optimizers.md).
import {BaseOptimizer, checkFraction, checkPositive, type LearningRate, checkKeys, registerOptimizer} from "./optimizer.js";

/**
 * AdaDelta (Zeiler 2012, Algorithm 1): like RMSprop, but the numerator is a running RMS of past
 * *updates*, so the step has the units of w and needs no learning rate:
 *   E[g²] ← ρ·E[g²] + (1 − ρ)·g²
 *   Δw = −√(E[Δw²] + ε) / √(E[g²] + ε) · g
 *   E[Δw²] ← ρ·E[Δw²] + (1 − ρ)·Δw²
 *   w ← w + η·Δw            (η = 1 in the paper; kept as an option, as Keras and PyTorch do)
 * ε sits inside both roots, and it sets the size of the first steps: about √ε / √(1 − ρ).
 *
 * ```ts
 * const optimizer = adadelta({rho: 0.95, epsilon: 1e-6});
 * ```
 */
export function adadelta(options: {rho?: number; epsilon?: number; learningRate?: LearningRate; weightDecay?: number} = {}): AdaDelta {
  checkKeys("adadelta", options, ["rho", "epsilon", "learningRate", "weightDecay"]);
  return new AdaDelta(options);
}

export class AdaDelta extends BaseOptimizer {
  readonly kind = "adadelta";
  readonly rho: number;
  readonly epsilon: number;
  protected readonly slotNames = ["meanSquareGrad", "meanSquareDelta"] as const;

  constructor({rho = 0.95, epsilon = 1e-6, learningRate = 1, weightDecay = 0}: {rho?: number; epsilon?: number; learningRate?: LearningRate; weightDecay?: number} = {}) {
    super("adadelta", learningRate, weightDecay);
    checkFraction("adadelta", "rho", rho);
    checkPositive("adadelta", "epsilon", epsilon);
    this.rho = rho;
    this.epsilon = epsilon;
  }

  protected options(): Record<string, number> {
    return {rho: this.rho, epsilon: this.epsilon};
  }

  protected describeOptions(): string {
    return `ρ ${this.rho}, ε ${this.epsilon}`;
  }

  protected update(w: Float64Array, g: Float64Array, slots: Float64Array[], rate: number): void {
    const Eg2 = slots[0];
    const Edx2 = slots[1];
    const rho = this.rho;
    const eps = this.epsilon;
    for (let i = 0; i < w.length; i++) {
      Eg2[i] = rho * Eg2[i] + (1 - rho) * g[i] * g[i];
      const dx = (-Math.sqrt(Edx2[i] + eps) / Math.sqrt(Eg2[i] + eps)) * g[i];
      Edx2[i] = rho * Edx2[i] + (1 - rho) * dx * dx;
      w[i] += rate * dx;
    }
  }
}

registerOptimizer("adadelta", (o) => new AdaDelta(o as never));
