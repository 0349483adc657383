import {Matrix} from "../matrix.js";
import {random} from "../random.js";
import {checkInteger, checkNonNegative, classCount, type Dataset} from "./dataset.js";
import {sin, cos} from "../elementary.js";

/**
 * Interleaved spiral arms, one per class: the CS231n toy problem that no linear model can solve.
 * Class j sweeps the angle from 4j to 4(j+1) radians while the radius grows from 0 to 1.
 * As in CS231n, `noise` is the standard deviation of Gaussian noise added to the *angle* (radians),
 * so points near the centre move little and the arms stay recognisable; 0.2 is CS231n's value.
 *
 * ```ts
 * const data = spirals({n: 300, classes: 3, noise: 0.2, seed: 1}); // x 300×2, y 300×1 in {0, 1, 2}
 * ```
 */
export function spirals({n = 300, classes = 3, noise = 0.2, seed = 0}: {n?: number; classes?: number; noise?: number; seed?: number} = {}): Dataset {
  checkInteger("spirals", "n", n);
  checkInteger("spirals", "classes", classes, 2);
  checkNonNegative("spirals", "noise", noise);
  const r = random(seed);
  const x = new Matrix(n, 2);
  const y = new Matrix(n, 1);
  let i = 0;
  for (let c = 0; c < classes; c++) {
    const m = classCount(n, classes, c);
    for (let k = 0; k < m; k++, i++) {
      const t = m > 1 ? k / (m - 1) : 0; // position along the arm, 0..1
      const radius = t;
      const angle = 4 * c + 4 * t + noise * r.normal();
      x.data[2 * i] = radius * sin(angle);
      x.data[2 * i + 1] = radius * cos(angle);
      y.data[i] = c;
    }
  }
  return {x, y, classes, name: "spirals"};
}
