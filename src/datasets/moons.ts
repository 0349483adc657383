import {Matrix} from "../matrix.js";
import {random} from "../random.js";
import {checkInteger, checkNonNegative, classCount, type Dataset} from "./dataset.js";
import {sin, cos} from "../elementary.js";

/**
 * Two interleaving half circles (the layout of scikit-learn's `make_moons`): class 0 is the upper
 * arc (cos t, sin t), class 1 the lower arc (1 − cos t, 0.5 − sin t), t uniform in [0, π];
 * `noise` is the standard deviation of Gaussian noise added to each coordinate.
 *
 * ```ts
 * const data = moons({n: 400, noise: 0.15, seed: 1}); // x 400×2, y 400×1 in {0, 1}
 * ```
 */
export function moons({n = 200, noise = 0.1, seed = 0}: {n?: number; noise?: number; seed?: number} = {}): Dataset {
  checkInteger("moons", "n", n);
  checkNonNegative("moons", "noise", noise);
  const r = random(seed);
  const x = new Matrix(n, 2);
  const y = new Matrix(n, 1);
  const n0 = classCount(n, 2, 0);
  for (let i = 0; i < n; i++) {
    const t = r.uniform(0, Math.PI);
    const c = i < n0 ? 0 : 1;
    const px = c === 0 ? cos(t) : 1 - cos(t);
    const py = c === 0 ? sin(t) : 0.5 - sin(t);
    x.data[2 * i] = px + noise * r.normal();
    x.data[2 * i + 1] = py + noise * r.normal();
    y.data[i] = c;
  }
  return {x, y, classes: 2, name: "moons"};
}
