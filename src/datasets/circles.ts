import {Matrix} from "../matrix.js";
import {random} from "../random.js";
import {checkInteger, checkNonNegative, classCount, type Dataset} from "./dataset.js";
import {sin, cos} from "../elementary.js";

/**
 * Two concentric circles: class 0 on the unit circle, class 1 on a circle of radius `factor`;
 * `noise` is the standard deviation of Gaussian noise added to each coordinate.
 *
 * ```ts
 * const data = circles({n: 300, noise: 0.05, factor: 0.5, seed: 1});
 * ```
 */
export function circles({n = 200, noise = 0.05, factor = 0.5, seed = 0}: {n?: number; noise?: number; factor?: number; seed?: number} = {}): Dataset {
  checkInteger("circles", "n", n);
  checkNonNegative("circles", "noise", noise);
  if (!(factor > 0 && factor < 1)) throw new Error(`circles: factor must be in (0, 1), got ${factor}`);
  const r = random(seed);
  const x = new Matrix(n, 2);
  const y = new Matrix(n, 1);
  const n0 = classCount(n, 2, 0);
  for (let i = 0; i < n; i++) {
    const c = i < n0 ? 0 : 1;
    const radius = c === 0 ? 1 : factor;
    const t = r.uniform(0, 2 * Math.PI);
    x.data[2 * i] = radius * cos(t) + noise * r.normal();
    x.data[2 * i + 1] = radius * sin(t) + noise * r.normal();
    y.data[i] = c;
  }
  return {x, y, classes: 2, name: "circles"};
}
