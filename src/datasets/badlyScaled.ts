import {Matrix} from "../matrix.js";
import {random} from "../random.js";
import {checkInteger, checkNonNegative, type Dataset} from "./dataset.js";

/**
 * Two features on very different scales, for the input-normalization chapter: x₁ is uniform in
 * [0, 1] and x₂ is normal with mean 1000 and standard deviation 200. The label is 1 when
 * z₁ + z₂ > 0, where zⱼ are the features in standard units, so both features matter equally
 * and the boundary is diagonal only after standardization. `noise` (in standard units) is added
 * to the score before thresholding, which makes classes overlap near the boundary.
 *
 * ```ts
 * const data = badlyScaled({n: 400, seed: 1});
 * ```
 */
export function badlyScaled({n = 400, noise = 0, seed = 0}: {n?: number; noise?: number; seed?: number} = {}): Dataset {
  checkInteger("badlyScaled", "n", n);
  checkNonNegative("badlyScaled", "noise", noise);
  const r = random(seed);
  const x = new Matrix(n, 2);
  const y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) {
    const a = r.uniform(0, 1);
    const b = r.normal(1000, 200);
    const z = (a - 0.5) / Math.sqrt(1 / 12) + (b - 1000) / 200 + noise * r.normal();
    x.data[2 * i] = a;
    x.data[2 * i + 1] = b;
    y.data[i] = z > 0 ? 1 : 0;
  }
  return {x, y, classes: 2, name: "badlyScaled"};
}
