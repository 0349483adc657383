import {describe, it, expect} from "vitest";
import {
  Matrix, matmul, matmulTransA, matmulTransB, add, subtract, hadamard, scale, addScaled, map, addRowVector,
  subtractRowVector, multiplyRowVector, divideRowVector, sumColumns, meanColumns, stdColumns, sumRows, sum, mean,
  std, min, max, norm, dot, argmaxRows, transpose, copy, selectRows, allFinite, assertFinite, ensure, affine
} from "../src/matrix.js";
import {testMatrix} from "./helpers.js";

/** The textbook triple loop, the oracle for the fast products. */
function naive(a: Matrix, b: Matrix): Matrix {
  const out = new Matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.get(i, k) * b.get(k, j);
      out.set(i, j, s);
    }
  return out;
}

function expectClose(a: Matrix, b: Matrix, tol = 1e-12): void {
  expect(a.shape).toEqual(b.shape);
  for (let i = 0; i < a.data.length; i++) expect(Math.abs(a.data[i] - b.data[i])).toBeLessThan(tol);
}

describe("products", () => {
  // includes shapes past the 32,768-entry threshold where B is first copied transposed
  const shapes: [number, number, number][] = [[1, 1, 1], [3, 2, 4], [4, 4, 4], [5, 7, 3], [9, 13, 6], [2, 0, 3], [17, 8, 1], [8, 5, 2], [11, 6, 5], [2, 9, 8], [7, 200, 190], [4, 300, 120]];
  it("matmul(a, b) equals the triple loop for odd and even shapes", () => {
    for (const [n, m, p] of shapes) {
      const a = testMatrix(n, m, n + m), b = testMatrix(m, p, p + 3);
      expectClose(matmul(a, b), naive(a, b));
    }
  });
  it("matmul skips zero rows correctly (sparse inputs)", () => {
    const a = testMatrix(6, 5, 2);
    for (let i = 0; i < a.data.length; i += 2) a.data[i] = 0;
    a.data.fill(0, 0, 20);
    const b = testMatrix(5, 4, 3);
    expectClose(matmul(a, b), naive(a, b));
  });
  it("matmulTransA(a, b) equals aᵀ·b", () => {
    for (const [n, m, p] of shapes) {
      const a = testMatrix(m, n, 5), b = testMatrix(m, p, 6);
      expectClose(matmulTransA(a, b), naive(transpose(a), b));
    }
  });
  it("matmulTransB(a, b) equals a·bᵀ", () => {
    for (const [n, m, p] of shapes) {
      const a = testMatrix(n, m, 8), b = testMatrix(p, m, 9);
      expectClose(matmulTransB(a, b), naive(a, transpose(b)));
    }
  });
  it("products reuse out, overwriting old contents", () => {
    const a = testMatrix(5, 3), b = testMatrix(3, 4, 2);
    const out = new Matrix(5, 4).fill(NaN); // stale contents, even NaN from a diverged step, must not leak
    expect(matmul(a, b, out)).toBe(out);
    expectClose(out, naive(a, b));
    const outA = new Matrix(3, 4).fill(7);
    expect(matmulTransA(a, testMatrix(5, 4), outA)).toBe(outA);
    expectClose(outA, naive(transpose(a), testMatrix(5, 4)));
  });
  it("every tile shape and leftover row or column is right: n and p from 1 to 9", () => {
    // the kernel switches between 2×4 and 4×2 tiles and finishes leftover rows and columns separately
    for (let n = 1; n <= 9; n++)
      for (let p = 1; p <= 9; p++)
        for (const m of [1, 2, 5]) {
          const a = testMatrix(n, m, n * 31 + p), b = testMatrix(m, p, p * 7 + m);
          expectClose(matmul(a, b), naive(a, b));
          expectClose(matmulTransA(transpose(a), b), naive(a, b));
          expectClose(matmulTransB(a, transpose(b)), naive(a, b));
        }
  });
  it("products reject mismatched shapes and aliasing with clear messages", () => {
    expect(() => matmul(new Matrix(2, 3), new Matrix(2, 3))).toThrow("matmul: a is 2×3 and b is 2×3; a.cols must equal b.rows");
    expect(() => matmulTransA(new Matrix(2, 3), new Matrix(3, 3))).toThrow("matmulTransA: a is 2×3 and b is 3×3; a.rows must equal b.rows");
    expect(() => matmulTransB(new Matrix(2, 3), new Matrix(3, 2))).toThrow("matmulTransB: a is 2×3 and b is 3×2; a.cols must equal b.cols");
    const a = testMatrix(3, 3);
    expect(() => matmul(a, a, a)).toThrow("matmul: out must not share memory with an input");
  });
});

describe("element-wise helpers", () => {
  const a = Matrix.fromRows([[1, 2], [3, 4]]), b = Matrix.fromRows([[5, 6], [7, 8]]);
  it("add, subtract, hadamard, scale", () => {
    expect(add(a, b).toRows()).toEqual([[6, 8], [10, 12]]);
    expect(subtract(a, b).toRows()).toEqual([[-4, -4], [-4, -4]]);
    expect(hadamard(a, b).toRows()).toEqual([[5, 12], [21, 32]]);
    expect(scale(a, 2).toRows()).toEqual([[2, 4], [6, 8]]);
  });
  it("work in place when out is an input", () => {
    const c = a.clone();
    expect(add(c, b, c)).toBe(c);
    expect(c.toRows()).toEqual([[6, 8], [10, 12]]);
    addScaled(c, b, -1);
    expect(c.toRows()).toEqual([[1, 2], [3, 4]]);
  });
  it("map passes value, row and column", () => {
    expect(map(a, (v, i, j) => v * 10 + i * 100 + j).toRows()).toEqual([[10, 21], [130, 141]]);
  });
  it("row-vector broadcasting", () => {
    const v = Matrix.fromRows([[10, 20]]);
    expect(addRowVector(a, v).toRows()).toEqual([[11, 22], [13, 24]]);
    expect(subtractRowVector(a, v).toRows()).toEqual([[-9, -18], [-7, -16]]);
    expect(multiplyRowVector(a, v).toRows()).toEqual([[10, 40], [30, 80]]);
    expect(divideRowVector(a, v).toRows()).toEqual([[0.1, 0.1], [0.3, 0.2]]);
    expect(() => addRowVector(a, Matrix.fromRows([[1, 2, 3]]))).toThrow(
      "addRowVector: row vector is 1×3, expected 1×2 to match a 2×2 matrix"
    );
  });
  it("reductions", () => {
    expect(sumColumns(a).toRows()).toEqual([[4, 6]]);
    expect(meanColumns(a).toRows()).toEqual([[2, 3]]);
    expect(stdColumns(a).toRows()).toEqual([[1, 1]]);
    expect(sumRows(a).toRows()).toEqual([[3], [7]]);
    expect(sum(a)).toBe(10);
    expect(mean(a)).toBe(2.5);
    expect(std(a)).toBeCloseTo(Math.sqrt(1.25), 14);
    expect(min(a)).toBe(1);
    expect(max(b)).toBe(8);
    expect(norm(a)).toBeCloseTo(Math.sqrt(30), 14);
    expect(dot(a, b)).toBe(70);
    expect(() => mean(new Matrix(0, 3))).toThrow("mean: matrix is empty (0×3)");
  });
  it("argmaxRows returns class indices as an n×1 matrix, first index on ties", () => {
    const m = Matrix.fromRows([[0.1, 0.7, 0.2], [3, 3, 1], [-1, -2, -0.5]]);
    expect(argmaxRows(m).toRows()).toEqual([[1], [0], [2]]);
  });
  it("transpose, copy, selectRows", () => {
    expect(transpose(Matrix.fromRows([[1, 2, 3]])).toRows()).toEqual([[1], [2], [3]]);
    const c = copy(a);
    expect(c).not.toBe(a);
    expect(c.toRows()).toEqual(a.toRows());
    expect(selectRows(b, [1, 0, 1]).toRows()).toEqual([[7, 8], [5, 6], [7, 8]]);
    expect(() => selectRows(b, [2])).toThrow("selectRows: index 2 at position 0 is out of range [0, 2)");
  });
  it("a missing matrix or a nested array throws naming the function and the parameter", () => {
    const a = testMatrix(2, 2);
    expect(() => matmul(a, undefined as unknown as Matrix)).toThrow("matmul: b must be a Matrix, got undefined");
    expect(() => add([[1, 2]] as unknown as Matrix, a)).toThrow("add: a must be a Matrix, got an array (make a matrix with Matrix.fromRows or Matrix.column)");
    expect(() => affine(a, a, null as unknown as Matrix)).toThrow("affine: b must be a Matrix, got null");
    expect(() => sumColumns(3 as unknown as Matrix)).toThrow("sumColumns: a must be a Matrix, got number");
    expect(() => mean({rows: 1, cols: 1, data: [1]} as unknown as Matrix)).toThrow("mean: a must be a Matrix, got object");
  });
  it("mismatched shapes throw naming the function", () => {
    expect(() => add(a, new Matrix(3, 2))).toThrow("add: shape mismatch, 2×2 vs 3×2");
    expect(() => hadamard(a, new Matrix(2, 1))).toThrow("hadamard: shape mismatch, 2×2 vs 2×1");
  });
  it("assertFinite names the first NaN's position", () => {
    const m = Matrix.fromRows([[1, 2], [3, NaN]]);
    expect(allFinite(m)).toBe(false);
    expect(allFinite(a)).toBe(true);
    expect(() => assertFinite(m, "dense: input")).toThrow("dense: input has NaN at row 1, column 1");
    expect(() => assertFinite(a, "x")).not.toThrow();
  });
  it("ensure reuses a matrix of the right shape and replaces one of the wrong shape", () => {
    const m = new Matrix(2, 3);
    expect(ensure(m, 2, 3)).toBe(m);
    expect(ensure(m, 3, 2)).not.toBe(m);
  });
});

describe("accumulating products", () => {
  it("accumulate adds the product to out (out += A·B) for all three products", () => {
    const a = testMatrix(5, 3, 1), b = testMatrix(3, 4, 2), base = testMatrix(5, 4, 3);
    const out = base.clone();
    matmul(a, b, out, true);
    expectClose(out, add(base, naive(a, b)));
    const outA = testMatrix(3, 4, 4), baseA = outA.clone(), c = testMatrix(5, 4, 5);
    matmulTransA(a, c, outA, true);
    expectClose(outA, add(baseA, naive(transpose(a), c)));
    const outB = testMatrix(5, 7, 6), baseB = outB.clone(), d = testMatrix(7, 3, 7);
    matmulTransB(a, d, outB, true);
    expectClose(outB, add(baseB, naive(a, transpose(d))));
  });
  it("accumulate works on the large-matrix path too", () => {
    const a = testMatrix(5, 250, 1), b = testMatrix(250, 140, 2), base = testMatrix(5, 140, 3);
    const out = base.clone();
    matmul(a, b, out, true);
    expectClose(out, add(base, naive(a, b)), 1e-10);
    const c = testMatrix(5, 140, 4), outA = testMatrix(250, 140, 5), baseA = outA.clone();
    matmulTransA(a, c, outA, true);
    expectClose(outA, add(baseA, naive(transpose(a), c)), 1e-10);
  });
  it("accumulate without out starts from zero; into a wrong-shaped out it throws", () => {
    const a = testMatrix(2, 3), b = testMatrix(3, 2, 2);
    expectClose(matmul(a, b, undefined, true), naive(a, b));
    expect(() => matmul(a, b, new Matrix(9, 9), true)).toThrow("matmul: cannot accumulate into a 9×9 out, the product is 2×2");
  });
});

describe("affine", () => {
  it("affine(x, W, b) equals x·W plus b in every row, on small and large shapes", () => {
    for (const [n, m, p] of [[1, 1, 1], [3, 2, 16], [32, 16, 2], [7, 5, 9], [5, 300, 120], [4, 0, 3]] as [number, number, number][]) {
      const x = testMatrix(n, m, n + 1), w = testMatrix(m, p, p + 2), b = testMatrix(1, p, 3);
      expectClose(affine(x, w, b), addRowVector(naive(x, w), b), 1e-10);
    }
  });
  it("affine overwrites a reused out, even one holding NaN from a diverged step", () => {
    const x = testMatrix(5, 3), w = testMatrix(3, 4, 2), b = testMatrix(1, 4, 3);
    const out = new Matrix(5, 4).fill(NaN);
    expect(affine(x, w, b, out)).toBe(out);
    expectClose(out, addRowVector(naive(x, w), b));
  });
  it("affine rejects mismatched shapes and aliasing with clear messages", () => {
    const x = testMatrix(2, 3), w = testMatrix(3, 4);
    expect(() => affine(x, testMatrix(2, 4), new Matrix(1, 4))).toThrow("affine: x is 2×3 and W is 2×4; x.cols must equal W.rows");
    expect(() => affine(x, w, new Matrix(1, 3))).toThrow("affine: b is 1×3, expected 1×4 (one bias per column of W)");
    expect(() => affine(x, w, new Matrix(2, 4))).toThrow("affine: b is 2×4, expected 1×4 (one bias per column of W)");
    const b = new Matrix(1, 4);
    expect(() => affine(x, w, b, x)).toThrow("affine: out must not share memory with an input");
  });
});

describe("sumColumns", () => {
  it("sums every column for row counts that are and are not multiples of four", () => {
    for (const n of [0, 1, 3, 4, 5, 8, 11]) {
      const a = testMatrix(n, 3, n + 5);
      const expected = [0, 0, 0];
      for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) expected[j] += a.get(i, j);
      const got = sumColumns(a).toRows()[0];
      got.forEach((v, j) => expect(v).toBeCloseTo(expected[j], 12));
    }
  });
  it("with accumulate adds into out; into a wrong-shaped out it throws", () => {
    const a = Matrix.fromRows([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
    const out = Matrix.fromRows([[100, 200]]);
    expect(sumColumns(a, out, true)).toBe(out);
    expect(out.toRows()).toEqual([[125, 230]]);
    expect(sumColumns(a, Matrix.fromRows([[100, 200]])).toRows()).toEqual([[25, 30]]);
    expect(() => sumColumns(a, new Matrix(1, 3), true)).toThrow("sumColumns: cannot accumulate into a 1×3 out, the sums are 1×2");
  });
});
