// Chapter: "Optimizers" (docs/optimizers.md).
import {pow} from "../elementary.js";

/** A learning-rate schedule: the learning rate to use for update number `step` (0 for the first update). */
export type Schedule = (step: number) => number;

function positive(what: string, name: string, value: number): void {
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    throw new Error(`${what}: ${name} must be a positive finite number, got ${value}`);
  }
}

/**
 * Step decay: multiply the rate by `factor` every `every` updates, η_t = η₀ · factor^⌊t / every⌋.
 *
 * ```ts
 * const lr = stepDecay({initial: 0.1, factor: 0.5, every: 100});
 * lr(0); // 0.1
 * lr(250); // 0.025
 * ```
 */
export function stepDecay({initial, factor = 0.5, every}: {initial: number; factor?: number; every: number}): Schedule {
  positive("stepDecay", "initial", initial);
  if (!(factor > 0 && factor <= 1)) throw new Error(`stepDecay: factor must be in (0, 1], got ${factor}`);
  if (!(Number.isInteger(every) && every >= 1)) throw new Error(`stepDecay: every must be an integer ≥ 1, got ${every}`);
  return (step) => initial * pow(factor, Math.floor(step / every));
}

/**
 * Exponential decay, smooth in the step: η_t = η₀ · rate^(t / every).
 *
 * ```ts
 * const lr = exponentialDecay({initial: 0.1, rate: 0.96, every: 100});
 * lr(50); // 0.1 · 0.96^0.5 ≈ 0.098
 * ```
 */
export function exponentialDecay({initial, rate, every = 1}: {initial: number; rate: number; every?: number}): Schedule {
  positive("exponentialDecay", "initial", initial);
  if (!(rate > 0 && rate <= 1)) throw new Error(`exponentialDecay: rate must be in (0, 1], got ${rate}`);
  positive("exponentialDecay", "every", every);
  return (step) => initial * pow(rate, step / every);
}

/**
 * 1/t decay: η_t = η₀ / (1 + rate · t / every), the schedule for which SGD's classic convergence
 * proofs hold (Σ η_t = ∞, Σ η_t² < ∞ when rate > 0). With `every` = steps per epoch it is the per-epoch
 * form η₀ / (1 + rate · epoch), smoothly interpolated within an epoch.
 *
 * ```ts
 * const lr = inverseTimeDecay({initial: 0.1, rate: 0.01});
 * lr(100); // 0.05
 * ```
 */
export function inverseTimeDecay({initial, rate, every = 1}: {initial: number; rate: number; every?: number}): Schedule {
  positive("inverseTimeDecay", "initial", initial);
  if (!(Number.isFinite(rate) && rate >= 0)) throw new Error(`inverseTimeDecay: rate must be a finite number ≥ 0, got ${rate}`);
  positive("inverseTimeDecay", "every", every);
  return (step) => initial / (1 + (rate * step) / every);
}
