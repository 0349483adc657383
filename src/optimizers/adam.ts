// Chapter: "Optimizers" (docs/optimizers.md).
import {BaseOptimizer, checkFraction, checkPositive, type LearningRate, checkKeys, registerOptimizer} from "./optimizer.js";
import {pow} from "../elementary.js";

/**
 * Adam (Kingma & Ba 2015, Algorithm 1): momentum on the gradient and RMSprop's scaling, with both
 * averages corrected for starting at zero:
 *   m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m / (1 − β₁ᵗ),       v̂ = v / (1 − β₂ᵗ)
 *   w ← w − η·m̂ / (√v̂ + ε)
 * Without the correction the first steps would be about (1 − β₁)/√(1 − β₂) ≈ 3 times too large.
 *
 * ```ts
 * const optimizer = adam({learningRate: 0.001});
 * ```
 */
export function adam(options: {learningRate?: LearningRate; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number} = {}): Adam {
  checkKeys("adam", options, ["learningRate", "beta1", "beta2", "epsilon", "weightDecay"]);
  return new Adam(options);
}

export class Adam extends BaseOptimizer {
  readonly kind = "adam";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  protected readonly slotNames = ["m", "v"] as const;

  constructor({
    learningRate = 0.001,
    beta1 = 0.9,
    beta2 = 0.999,
    epsilon = 1e-8,
    weightDecay = 0
  }: {learningRate?: LearningRate; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number} = {}) {
    super("adam", learningRate, weightDecay);
    checkFraction("adam", "beta1", beta1);
    checkFraction("adam", "beta2", beta2);
    checkPositive("adam", "epsilon", epsilon);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  protected options(): Record<string, number> {
    return {beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon};
  }

  protected describeOptions(): string {
    return `β₁ ${this.beta1}, β₂ ${this.beta2}`;
  }

  protected update(w: Float64Array, g: Float64Array, slots: Float64Array[], rate: number, t: number): void {
    const m = slots[0];
    const v = slots[1];
    const b1 = this.beta1;
    const b2 = this.beta2;
    const eps = this.epsilon;
    const step = rate / (1 - pow(b1, t)); // η / (1 − β₁ᵗ), so m̂ never needs its own array
    const inverseC2 = 1 / (1 - pow(b2, t));
    for (let i = 0; i < w.length; i++) {
      const gi = g[i];
      const mi = (m[i] = b1 * m[i] + (1 - b1) * gi);
      const vi = (v[i] = b2 * v[i] + (1 - b2) * gi * gi);
      w[i] -= (step * mi) / (Math.sqrt(vi * inverseC2) + eps);
    }
  }
}

registerOptimizer("adam", (o) => new Adam(o as never));
