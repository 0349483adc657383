// Chapter: "Vanishing and exploding gradients" (docs/gradients.md).
import type {Parameter} from "../layers/layer.js";

/**
 * Rescales all gradients together so their combined L2 norm is at most `maxNorm`
 * (Pascanu, Mikolov & Bengio 2013): if ‖g‖ > maxNorm then g ← g · maxNorm / ‖g‖.
 * The direction of the step is kept; only its length is capped. Returns the norm before clipping.
 *
 * ```ts
 * const norm = clipByGlobalNorm(model.parameters(), 5);
 * ```
 */
export function clipByGlobalNorm(params: readonly Parameter[], maxNorm: number): number {
  if (!(Number.isFinite(maxNorm) && maxNorm > 0)) throw new Error(`clipByGlobalNorm: maxNorm must be a positive finite number, got ${maxNorm}`);
  let squares = 0;
  for (let k = 0; k < params.length; k++) {
    const g = params[k].grad.data;
    for (let i = 0; i < g.length; i++) squares += g[i] * g[i];
  }
  const norm = Math.sqrt(squares);
  if (norm > maxNorm) {
    const s = maxNorm / norm;
    for (let k = 0; k < params.length; k++) {
      const g = params[k].grad.data;
      for (let i = 0; i < g.length; i++) g[i] *= s;
    }
  }
  return norm;
}

/**
 * Clamps every gradient entry to [−limit, limit]. Cruder than `clipByGlobalNorm`: it changes the
 * direction of the step as well as its length.
 *
 * ```ts
 * clipByValue(model.parameters(), 1);
 * ```
 */
export function clipByValue(params: readonly Parameter[], limit: number): void {
  if (!(Number.isFinite(limit) && limit > 0)) throw new Error(`clipByValue: limit must be a positive finite number, got ${limit}`);
  for (let k = 0; k < params.length; k++) {
    const g = params[k].grad.data;
    for (let i = 0; i < g.length; i++) {
      if (g[i] > limit) g[i] = limit;
      else if (g[i] < -limit) g[i] = -limit;
    }
  }
}
