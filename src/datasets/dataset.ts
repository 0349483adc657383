import {Matrix} from "../matrix.js";

/**
 * Examples and targets. Rows of `x` are examples; `y` is n×1 class indices 0..classes−1 for
 * classification (then `classes` is set) or n×d real targets for regression.
 */
export interface Dataset {
  x: Matrix;
  y: Matrix;
  classes?: number;
  name?: string;
}

/**
 * One-hot rows from n×1 class indices: `oneHot(Matrix.column([2, 0]), 3)` → [[0, 0, 1], [1, 0, 0]].
 */
export function oneHot(labels: Matrix, k: number): Matrix {
  if (!Number.isInteger(k) || k < 1) throw new Error(`oneHot: k must be a positive integer, got ${k}`);
  if (labels.cols !== 1) throw new Error(`oneHot: labels must be n×1 class indices, got ${labels.rows}×${labels.cols}`);
  const out = new Matrix(labels.rows, k);
  for (let i = 0; i < labels.rows; i++) {
    const c = labels.data[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new Error(`oneHot: label ${i} must be an integer in [0, ${k - 1}], got ${c}`);
    }
    out.data[i * k + c] = 1;
  }
  return out;
}

// Option checks shared by the generators, so every dataset rejects bad input the same way.

/** Throws unless `value` is an integer ≥ `min`. */
export function checkInteger(fn: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${fn}: ${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/** Throws unless `value` is a finite number ≥ 0. */
export function checkNonNegative(fn: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new Error(`${fn}: ${name} must be a finite number ≥ 0, got ${value}`);
  }
}

/** Throws unless `value` is a finite number. */
export function checkFinite(fn: string, name: string, value: number): void {
  if (!Number.isFinite(value)) throw new Error(`${fn}: ${name} must be a finite number, got ${value}`);
}

/** How many of n examples go to class c when n is shared as evenly as possible among k classes. */
export function classCount(n: number, k: number, c: number): number {
  return Math.floor(n / k) + (c < n % k ? 1 : 0);
}
