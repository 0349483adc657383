import {describe, expect, it} from "vitest";
import {eigs} from "mathjs";
import {Matrix, matmul, matmulTransA} from "../src/matrix.js";
import {covariance, minMaxScaler, pca, standardizer, symmetricEigen, whitening} from "../src/preprocessing.js";
import {random} from "../src/random.js";

/** n examples of d correlated features: z·A + offset with z standard normal. */
function correlated(n: number, A: number[][], offset: number[], seed: number): Matrix {
  const r = random(seed);
  const d = A[0].length;
  const z = new Matrix(n, A.length);
  for (let i = 0; i < z.data.length; i++) z.data[i] = r.normal();
  const x = matmul(z, Matrix.fromRows(A));
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x.data[i * d + j] += offset[j];
  return x;
}

function cov(x: Matrix): number[][] {
  return covariance(x).covariance.toRows();
}

function expectIdentity(m: number[][], tolerance: number) {
  m.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - (i === j ? 1 : 0))).toBeLessThan(tolerance)));
}

const A = [[2, 0.5, 0], [0, 1, -0.8], [0.3, 0, 0.2]];
const train = correlated(2000, A, [10, -5, 1000], 1);
const test = correlated(500, A, [10, -5, 1000], 2);

describe("standardizer", () => {
  it("gives the training data zero mean and unit variance per feature", () => {
    const s = standardizer(train);
    const z = s.transform(train);
    const c = cov(z);
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(z.column(j).reduce((a, b) => a + b, 0) / z.rows)).toBeLessThan(1e-10);
      expect(c[j][j]).toBeCloseTo(1, 10);
    }
  });

  it("transforms other data with the training statistics, not its own", () => {
    const s = standardizer(train);
    const shifted = test.clone();
    for (let i = 0; i < shifted.rows; i++) shifted.data[i * 3] += 5; // move feature 0 by 5
    const a = s.transform(test), b = s.transform(shifted);
    for (let i = 0; i < test.rows; i++) expect(b.get(i, 0) - a.get(i, 0)).toBeCloseTo(5 / s.std.data[0], 10);
    expect(s.transform(Matrix.fromRows([Array.from(s.mean.data)])).toRows()[0]).toEqual([0, 0, 0]);
  });

  it("maps a constant feature to 0 instead of NaN, and inverse undoes transform", () => {
    const x = Matrix.fromRows([[1, 7], [2, 7], [4, 7]]);
    const s = standardizer(x);
    const z = s.transform(x);
    expect(z.column(1)).toEqual(Float64Array.from([0, 0, 0]));
    expect(s.std.data[1]).toBe(1);
    s.inverse(z).data.forEach((v, i) => expect(v).toBeCloseTo(x.data[i], 12));
  });

  it("rejects NaN input and a test matrix with the wrong number of columns", () => {
    expect(() => standardizer(Matrix.fromRows([[1, NaN]]))).toThrow("standardizer: x must be finite, got NaN at row 0, column 1");
    expect(() => standardizer(train).transform(new Matrix(2, 2))).toThrow("standardizer.transform: x must have 3 columns, the number fitted on, got 2×2");
  });
});

describe("minMaxScaler", () => {
  it("maps the training minimum and maximum of each feature to the range ends", () => {
    const s = minMaxScaler(train, {range: [-1, 1]});
    const z = s.transform(train);
    for (let j = 0; j < 3; j++) {
      const column = z.column(j);
      expect(Math.min(...column)).toBeCloseTo(-1, 12);
      expect(Math.max(...column)).toBeCloseTo(1, 12);
    }
    s.inverse(z).data.forEach((v, i) => expect(v).toBeCloseTo(train.data[i], 9));
  });

  it("uses training bounds for other data, which may fall outside the range", () => {
    const s = minMaxScaler(Matrix.column([0, 10]));
    expect(Array.from(s.transform(Matrix.column([-5, 5, 20])).data)).toEqual([-0.5, 0.5, 2]);
    expect(Array.from(minMaxScaler(Matrix.column([3, 3])).transform(Matrix.column([3])).data)).toEqual([0]);
    expect(() => minMaxScaler(train, {range: [1, 1]})).toThrow("minMaxScaler: range must be [lo, hi] with finite lo < hi, got [1, 1]");
  });
});

describe("symmetricEigen", () => {
  it("symmetricEigen([[2, 1], [1, 2]]) has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, −1)/√2", () => {
    const {values, vectors} = symmetricEigen(Matrix.fromRows([[2, 1], [1, 2]]));
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors.get(0, 0))).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors.get(0, 0) * vectors.get(1, 0)).toBeGreaterThan(0);
    expect(vectors.get(0, 1) * vectors.get(1, 1)).toBeLessThan(0);
  });

  for (const d of [1, 3, 12, 40]) {
    it(`agrees with mathjs.eigs on a random ${d}×${d} covariance, with A·v = λ·v and orthonormal vectors`, () => {
      const r = random(d);
      const z = new Matrix(d + 3, d);
      for (let i = 0; i < z.data.length; i++) z.data[i] = r.normal();
      const a = matmulTransA(z, z);
      const {values, vectors} = symmetricEigen(a);
      const reference = (eigs(a.toRows()).values as number[]).slice().sort((p, q) => q - p);
      for (let j = 0; j < d; j++) expect(Math.abs(values[j] - reference[j])).toBeLessThan(1e-9 * Math.max(1, reference[0]));
      for (let j = 1; j < d; j++) expect(values[j - 1]).toBeGreaterThanOrEqual(values[j]);
      const av = matmul(a, vectors);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) expect(Math.abs(av.get(i, j) - values[j] * vectors.get(i, j))).toBeLessThan(1e-9 * values[0]);
      const vtv = matmulTransA(vectors, vectors);
      expectIdentity(vtv.toRows(), 1e-12);
    });
  }

  it("handles repeated and zero eigenvalues", () => {
    const {values} = symmetricEigen(Matrix.fromRows([[1, 0, 0], [0, 1, 0], [0, 0, 0]]));
    expect(Array.from(values)).toEqual([1, 1, 0]);
  });

  it("rejects a non-square or asymmetric matrix", () => {
    expect(() => symmetricEigen(new Matrix(2, 3))).toThrow("symmetricEigen: a must be a square matrix, got 2×3");
    expect(() => symmetricEigen(Matrix.fromRows([[1, 2], [0, 1]]))).toThrow(/symmetricEigen: a must be symmetric and finite, got a\[1\]\[0\] = 0 and a\[0\]\[1\] = 2/);
  });
});

describe("pca", () => {
  it("projects the training data onto uncorrelated coordinates whose variances are the eigenvalues", () => {
    const p = pca(train);
    const c = cov(p.transform(train));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) expect(Math.abs(c[i][j] - (i === j ? p.eigenvalues[i] : 0))).toBeLessThan(1e-9);
    }
    expect(p.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("reconstructs exactly with all components, and with k loses exactly the dropped variance", () => {
    const full = pca(train);
    full.inverse(full.transform(test)).data.forEach((v, i) => expect(v).toBeCloseTo(test.data[i], 9));
    const p = pca(train, {components: 1});
    expect(p.components.shape).toEqual([3, 1]);
    const back = p.inverse(p.transform(train));
    let error = 0;
    for (let i = 0; i < train.data.length; i++) error += (back.data[i] - train.data[i]) ** 2;
    expect(error / train.rows).toBeCloseTo(p.eigenvalues[1] + p.eigenvalues[2], 8);
  });

  it("centres test data on the training mean", () => {
    const p = pca(train, {components: 2});
    const z = p.transform(Matrix.fromRows([Array.from(p.mean.data)]));
    expect(Math.hypot(...z.data)).toBeLessThan(1e-12);
    expect(() => pca(train, {components: 4})).toThrow("pca: components must be an integer in [1, 3] (the number of features), got 4");
  });
});

describe("whitening", () => {
  it("PCA whitening gives the training data identity covariance along the principal axes", () => {
    const w = whitening(train, {mode: "pca", epsilon: 0});
    expectIdentity(cov(w.transform(train)), 1e-9);
    // Its columns are the principal directions scaled by 1/√λ.
    const p = pca(train);
    for (let j = 0; j < 3; j++) expect(w.matrix.get(0, j)).toBeCloseTo(p.components.get(0, j) / Math.sqrt(p.eigenvalues[j]), 9);
  });

  it("ZCA whitening gives identity covariance too, is symmetric, and stays closer to the original data than PCA whitening", () => {
    const zca = whitening(train, {mode: "zca", epsilon: 0});
    const pcaW = whitening(train, {mode: "pca", epsilon: 0});
    expectIdentity(cov(zca.transform(train)), 1e-9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(zca.matrix.get(i, j)).toBeCloseTo(zca.matrix.get(j, i), 12);
    // Distance between the standardized data and its whitened version: ZCA is the minimum over all whitenings.
    const z = standardizer(train).transform(train);
    const distance = (m: Matrix) => m.data.reduce((s, v, i) => s + (v - z.data[i]) ** 2, 0) / train.rows;
    const standardized = whitening(z, {mode: "zca", epsilon: 0}).transform(z);
    const rotated = whitening(z, {mode: "pca", epsilon: 0}).transform(z);
    expect(distance(standardized)).toBeLessThan(distance(rotated));
    // Each ZCA feature correlates positively with the original feature of the same index.
    const x = zca.transform(train), y = pcaW.transform(train);
    expect(y.rows).toBe(train.rows);
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let i = 0; i < train.rows; i++) s += x.get(i, j) * (train.get(i, j) - zca.mean.data[j]);
      expect(s).toBeGreaterThan(0);
    }
  });

  it("uses the training statistics on test data, whose covariance is then only close to identity", () => {
    const w = whitening(train, {mode: "zca", epsilon: 0});
    const z = w.transform(test);
    const manual = matmul(Matrix.fromRows(test.toRows().map((row) => row.map((v, j) => v - w.mean.data[j]))), w.matrix);
    z.data.forEach((v, i) => expect(v).toBeCloseTo(manual.data[i], 10));
    expectIdentity(cov(z), 0.2);
  });

  it("needs epsilon > 0 when a feature is constant, and epsilon shrinks low-variance directions", () => {
    const x = Matrix.fromRows([[1, 5], [2, 5], [3, 5], [4, 5]]);
    expect(() => whitening(x, {epsilon: 0})).toThrow(/whitening: the training covariance is singular \(eigenvalue 2 of 2 is 0\); pass epsilon > 0/);
    const w = whitening(x, {mode: "zca", epsilon: 0.1});
    for (const v of w.transform(x).data) expect(Number.isFinite(v)).toBe(true);
    expect(() => whitening(x, {mode: "pcaa" as any})).toThrow('whitening: mode must be "pca" or "zca", got "pcaa"');
    expect(() => whitening(x, {epsilon: -1})).toThrow("whitening: epsilon must be a finite number ≥ 0, got -1");
  });
});
