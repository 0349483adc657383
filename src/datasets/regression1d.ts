import {Matrix} from "../matrix.js";
import {random} from "../random.js";
import {checkFinite, checkInteger, checkNonNegative, type Dataset} from "./dataset.js";
import {sin} from "../elementary.js";

/** The default target: smooth, a little asymmetric, with one and a half wiggles on [−1, 1]. */
export const defaultRegressionFunction = (x: number): number => sin(3 * x) + 0.5 * x;

/** A regression dataset that also carries the noise-free function, so a page can draw the truth. */
export interface RegressionDataset extends Dataset {
  fn: (x: number) => number;
}

/**
 * n points with x uniform on `domain` and y = fn(x) + Gaussian noise of standard deviation `noise`.
 * x and y are both n×1; `classes` is unset.
 *
 * ```ts
 * const data = regression1d({n: 50, noise: 0.2, seed: 1});
 * const cubic = regression1d({n: 50, fn: (x) => x ** 3, domain: [-2, 2], seed: 1});
 * ```
 */
export function regression1d({
  n = 100,
  noise = 0.1,
  seed = 0,
  fn = defaultRegressionFunction,
  domain = [-1, 1]
}: {n?: number; noise?: number; seed?: number; fn?: (x: number) => number; domain?: [number, number]} = {}): RegressionDataset {
  checkInteger("regression1d", "n", n);
  checkNonNegative("regression1d", "noise", noise);
  if (typeof fn !== "function") throw new Error(`regression1d: fn must be a function of one number, got ${typeof fn}`);
  const [a, b] = domain;
  checkFinite("regression1d", "domain[0]", a);
  checkFinite("regression1d", "domain[1]", b);
  if (!(a < b)) throw new Error(`regression1d: domain must be [a, b] with a < b, got [${a}, ${b}]`);
  const r = random(seed);
  const x = new Matrix(n, 1);
  const y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) {
    const v = r.uniform(a, b);
    const f = fn(v);
    if (!Number.isFinite(f)) throw new Error(`regression1d: fn(${v}) returned ${f}; fn must return finite numbers on the domain`);
    x.data[i] = v;
    y.data[i] = f + noise * r.normal();
  }
  return {x, y, name: "regression1d", fn};
}
