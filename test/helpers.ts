import {expect} from "vitest";
import {Matrix} from "../src/matrix.js";
import type {Layer} from "../src/layers/layer.js";

/** A deterministic matrix with entries in (-1, 1), so tests need no engine random generator. */
export function testMatrix(rows: number, cols: number, seed = 1): Matrix {
  const m = new Matrix(rows, cols);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < m.data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0; // Numerical Recipes LCG: enough for test inputs
    m.data[i] = s / 2 ** 31 - 1;
  }
  return m;
}

/** |a − b| / max(|a|, |b|, tiny): the relative error CS231n recommends for gradient checks. */
export function relativeError(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale < 1e-12 ? 0 : Math.abs(a - b) / scale;
}

/**
 * Checks a layer's backward pass against central finite differences of
 * L = Σ forward(x) ⊙ R for a fixed random R, for dL/dx and every parameter.
 * `prepare` runs before each forward (e.g. to fix a dropout mask).
 */
export function assertGradientsClose(
  layer: Layer,
  x: Matrix,
  {training = true, epsilon = 1e-6, tolerance = 1e-6, checkInput = true, prepare = () => {}}: {
    training?: boolean;
    epsilon?: number;
    tolerance?: number;
    checkInput?: boolean;
    prepare?: () => void;
  } = {}
): void {
  const lossOf = (): number => {
    prepare();
    const y = layer.forward(x, {training});
    let total = 0;
    for (let i = 0; i < y.data.length; i++) total += y.data[i] * R.data[i];
    return total;
  };
  prepare();
  const y = layer.forward(x, {training});
  const R = testMatrix(y.rows, y.cols, 7);
  for (const p of layer.parameters()) p.grad.fill(0);
  const dx = layer.backward(R.clone());

  const check = (values: Float64Array, analytic: Float64Array, what: string) => {
    for (let i = 0; i < values.length; i++) {
      const old = values[i];
      values[i] = old + epsilon;
      const plus = lossOf();
      values[i] = old - epsilon;
      const minus = lossOf();
      values[i] = old;
      const numeric = (plus - minus) / (2 * epsilon);
      const error = relativeError(numeric, analytic[i]);
      if (error > tolerance && Math.abs(numeric - analytic[i]) > 1e-9) {
        expect.fail(`${what}[${i}]: analytic ${analytic[i]}, numeric ${numeric}, relative error ${error.toExponential(2)}`);
      }
    }
  };
  if (checkInput) check(x.data, dx.data, `${layer.kind} dL/dx`);
  for (const p of layer.parameters()) check(p.value.data, p.grad.data.slice(), `${layer.kind} dL/d${p.name}`);
}
