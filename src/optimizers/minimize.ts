// Chapter: "Optimizers" (docs/optimizers.md).
import {Matrix} from "../matrix.js";
import type {Parameter} from "../layers/layer.js";
import type {Optimizer} from "./optimizer.js";

export interface PathPoint {
  step: number;
  /** The parameters at this step, e.g. [x, y]. */
  point: number[];
  /** f(point). */
  value: number;
}

/**
 * Runs an optimizer on a function of a few variables and records its path: the optimizers chapter's
 * trajectories on 2-D loss surfaces use the very update code that trains networks. Without `gradient`,
 * central differences (h = 1e-6) stand in for it. Stops early if the value stops being finite.
 *
 * ```ts
 * // a long thin valley: SGD zig-zags, momentum rolls along it
 * const f = ([x, y]) => x * x + 10 * y * y;
 * const path = minimize({f, start: [-4, 1], optimizer: momentum({learningRate: 0.02}), steps: 100});
 * Plot.line(path, {x: (d) => d.point[0], y: (d) => d.point[1]}).plot();
 * ```
 */
export function minimize({
  f,
  gradient,
  start,
  optimizer,
  steps
}: {
  f: (point: number[]) => number;
  gradient?: (point: number[]) => ArrayLike<number>;
  start: ArrayLike<number>;
  optimizer: Optimizer;
  steps: number;
}): PathPoint[] {
  if (typeof f !== "function") throw new Error(`minimize: f must be a function of a point, e.g. ([x, y]) => x * x + y * y, got ${typeof f}`);
  if (!start || !(start.length >= 1)) throw new Error(`minimize: start must be a non-empty list of numbers, got ${String(start)}`);
  for (let i = 0; i < start.length; i++) {
    if (!Number.isFinite(start[i])) throw new Error(`minimize: start[${i}] must be a finite number, got ${start[i]}`);
  }
  if (!optimizer || typeof optimizer.step !== "function") throw new Error("minimize: optimizer is required, e.g. optimizer: sgd({learningRate: 0.1})");
  if (!(Number.isInteger(steps) && steps >= 0)) throw new Error(`minimize: steps must be an integer ≥ 0, got ${steps}`);
  const d = start.length;
  const w: Parameter = {name: "point", value: new Matrix(1, d, Float64Array.from(start)), grad: new Matrix(1, d), regularize: true};
  const params = [w];
  const point = () => Array.from(w.value.data);
  const path: PathPoint[] = [{step: 0, point: point(), value: f(point())}];
  for (let t = 1; t <= steps; t++) {
    const p = point();
    const g = gradient ? gradient(p) : centralDifferences(f, p);
    if (g.length !== d) throw new Error(`minimize: gradient returned ${g.length} numbers for a point of ${d}`);
    for (let i = 0; i < d; i++) w.grad.data[i] = g[i];
    optimizer.step(params);
    const value = f(point());
    path.push({step: t, point: point(), value});
    if (!Number.isFinite(value)) break;
  }
  return path;
}

function centralDifferences(f: (point: number[]) => number, p: number[], h = 1e-6): number[] {
  return p.map((v, i) => {
    const plus = p.slice();
    const minus = p.slice();
    plus[i] = v + h;
    minus[i] = v - h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}
