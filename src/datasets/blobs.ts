import {Matrix} from "../matrix.js";
import {random} from "../random.js";
import {checkInteger, checkNonNegative, classCount, type Dataset} from "./dataset.js";
import {sin, cos} from "../elementary.js";

/**
 * Isotropic Gaussian clusters, one class each. `centers` is a count (centers spaced evenly on a
 * circle of radius 2 in the plane) or a list of points of any dimension; `std` is each cluster's
 * standard deviation per coordinate.
 *
 * ```ts
 * blobs({n: 300, centers: 3, std: 0.5, seed: 1});
 * blobs({n: 100, centers: [[0, 0, 0], [3, 3, 3]], std: 1, seed: 1}); // 3-D
 * ```
 */
export function blobs({n = 300, centers = 3, std = 0.5, seed = 0}: {n?: number; centers?: number | number[][]; std?: number; seed?: number} = {}): Dataset {
  checkInteger("blobs", "n", n);
  checkNonNegative("blobs", "std", std);
  let points: number[][];
  if (typeof centers === "number") {
    checkInteger("blobs", "centers", centers);
    points = Array.from({length: centers}, (_, c) => {
      const angle = (2 * Math.PI * c) / centers;
      return [2 * cos(angle), 2 * sin(angle)];
    });
  } else {
    if (!Array.isArray(centers) || centers.length < 1) {
      throw new Error(`blobs: centers must be a positive integer or a non-empty list of points, got ${JSON.stringify(centers)}`);
    }
    const d = centers[0].length;
    for (const p of centers) {
      if (!Array.isArray(p) || p.length !== d || d < 1 || !p.every(Number.isFinite)) {
        throw new Error(`blobs: centers must all be finite points of the same dimension ${d}, got ${JSON.stringify(p)}`);
      }
    }
    points = centers;
  }
  const k = points.length;
  const d = points[0].length;
  const r = random(seed);
  const x = new Matrix(n, d);
  const y = new Matrix(n, 1);
  let i = 0;
  for (let c = 0; c < k; c++) {
    for (let m = classCount(n, k, c); m > 0; m--, i++) {
      for (let j = 0; j < d; j++) x.data[i * d + j] = points[c][j] + std * r.normal();
      y.data[i] = c;
    }
  }
  return {x, y, classes: k, name: "blobs"};
}
