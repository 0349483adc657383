import {Matrix} from "../matrix.js";
import {random} from "../random.js";
import {checkInteger, checkNonNegative, type Dataset} from "./dataset.js";

/**
 * Points uniform in the square [−1, 1]², labelled 1 where the two coordinates have different
 * signs (exclusive or of x₁ > 0 and x₂ > 0), else 0. The label is decided first, then Gaussian
 * noise of standard deviation `noise` moves each point, so noisy points can cross an axis.
 *
 * ```ts
 * const data = xor({n: 200, noise: 0.05, seed: 1});
 * ```
 */
export function xor({n = 200, noise = 0, seed = 0}: {n?: number; noise?: number; seed?: number} = {}): Dataset {
  checkInteger("xor", "n", n);
  checkNonNegative("xor", "noise", noise);
  const r = random(seed);
  const x = new Matrix(n, 2);
  const y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) {
    const a = r.uniform(-1, 1);
    const b = r.uniform(-1, 1);
    y.data[i] = a > 0 !== b > 0 ? 1 : 0;
    x.data[2 * i] = a + noise * r.normal();
    x.data[2 * i + 1] = b + noise * r.normal();
  }
  return {x, y, classes: 2, name: "xor"};
}
