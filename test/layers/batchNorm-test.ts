import {describe, expect, it} from "vitest";
import {Matrix} from "../../src/matrix.js";
import {batchNorm} from "../../src/layers/batchNorm.js";
import {assertGradientsClose, testMatrix} from "../helpers.js";

/** A batch whose columns have very different means and scales. */
function skewed(rows: number): Matrix {
  const x = testMatrix(rows, 3, 5);
  for (let i = 0; i < rows; i++) {
    x.set(i, 0, 10 + 5 * x.get(i, 0));
    x.set(i, 2, -3 + 0.01 * x.get(i, 2));
  }
  return x;
}

function columnStats(y: Matrix, j: number): {mean: number; variance: number} {
  const c = y.column(j);
  const mean = c.reduce((a, b) => a + b, 0) / c.length;
  return {mean, variance: c.reduce((a, b) => a + (b - mean) ** 2, 0) / c.length};
}

describe("batchNorm", () => {
  it("batchNorm(3) has γ = 1 and β = 0, both exempt from weight decay", () => {
    const bn = batchNorm(3);
    expect(Array.from(bn.gamma.value.data)).toEqual([1, 1, 1]);
    expect(Array.from(bn.beta.value.data)).toEqual([0, 0, 0]);
    expect(bn.parameters().map((p) => [p.name, p.regularize])).toEqual([["gamma", false], ["beta", false]]);
  });

  it("in training mode each feature has mean 0 and variance 1 over the batch", () => {
    const bn = batchNorm(3, {epsilon: 1e-12});
    const y = bn.forward(skewed(50), {training: true});
    for (let j = 0; j < 3; j++) {
      const {mean, variance} = columnStats(y, j);
      expect(mean).toBeCloseTo(0, 12);
      // the biased (1/m) variance is σ²/(σ² + ε): 1 up to ε's share, visible for column 2 (σ² ≈ 3e-5)
      const s2 = bn.batchVariance.data[j];
      expect(variance).toBeCloseTo(s2 / (s2 + 1e-12), 12);
      expect(variance).toBeCloseTo(1, 7);
    }
  });

  it("γ and β set each feature's scale and shift", () => {
    const bn = batchNorm(3, {epsilon: 1e-12});
    bn.gamma.value.data.set([2, 3, 0.5]);
    bn.beta.value.data.set([1, -1, 4]);
    const y = bn.forward(skewed(40), {training: true});
    [[1, 4], [-1, 9], [4, 0.25]].forEach(([mean, variance], j) => {
      expect(columnStats(y, j).mean).toBeCloseTo(mean, 10);
      expect(columnStats(y, j).variance).toBeCloseTo(variance, 6);
    });
  });

  it("running averages follow running ← momentum·running + (1 − momentum)·batch", () => {
    const bn = batchNorm(3, {momentum: 0.9});
    const x = skewed(20);
    bn.forward(x, {training: true});
    const batchMean = Array.from(bn.batchMean.data);
    const batchVariance = Array.from(bn.batchVariance.data);
    batchMean.forEach((m, j) => expect(bn.runningMean.data[j]).toBeCloseTo(0.1 * m, 12));
    batchVariance.forEach((v, j) => expect(bn.runningVariance.data[j]).toBeCloseTo(0.9 + 0.1 * v, 12));
    // after many steps on the same batch the running values converge to the batch statistics
    for (let i = 0; i < 400; i++) bn.forward(x, {training: true});
    batchMean.forEach((m, j) => expect(bn.runningMean.data[j]).toBeCloseTo(m, 8));
  });

  it("inference uses the running averages, not the batch", () => {
    const bn = batchNorm(3, {epsilon: 1e-5});
    const x = skewed(20);
    for (let i = 0; i < 5; i++) bn.forward(x, {training: true});
    bn.gamma.value.data.set([2, 1, 1]);
    bn.beta.value.data.set([0.5, 0, 0]);
    const one = x.row(3);
    const y = bn.forward(Matrix.fromRows([one]), {training: false});
    for (let j = 0; j < 3; j++) {
      const expected = bn.gamma.value.data[j] * ((one[j] - bn.runningMean.data[j]) / Math.sqrt(bn.runningVariance.data[j] + 1e-5)) + bn.beta.value.data[j];
      expect(y.get(0, j)).toBeCloseTo(expected, 12);
    }
    // inference leaves the running averages alone
    const before = Array.from(bn.runningMean.data);
    bn.forward(x, {training: false});
    expect(Array.from(bn.runningMean.data)).toEqual(before);
  });

  it("γ = √(σ² + ε) and β = μ undo the normalization: the layer can learn the identity", () => {
    const x = skewed(30);
    const bn = batchNorm(3);
    bn.forward(x, {training: true});
    for (let j = 0; j < 3; j++) {
      bn.gamma.value.data[j] = Math.sqrt(bn.batchVariance.data[j] + bn.epsilon);
      bn.beta.value.data[j] = bn.batchMean.data[j];
    }
    const y = bn.forward(x, {training: true});
    y.data.forEach((v, i) => expect(v).toBeCloseTo(x.data[i], 10));
  });

  it("a constant added to a feature (a bias before the layer) changes nothing in training mode", () => {
    const x = skewed(12);
    const shifted = x.clone();
    for (let i = 0; i < 12; i++) shifted.set(i, 1, shifted.get(i, 1) + 7);
    const a = Array.from(batchNorm(3).forward(x, {training: true}).data);
    const b = Array.from(batchNorm(3).forward(shifted, {training: true}).data);
    b.forEach((v, i) => expect(v).toBeCloseTo(a[i], 10));
  });

  it("backward matches finite differences in training mode, batch statistics included", () => {
    const bn = batchNorm(3);
    bn.gamma.value.data.set([1.5, 0.7, -0.4]);
    bn.beta.value.data.set([0.1, -0.2, 0.3]);
    assertGradientsClose(bn, skewed(6), {training: true, tolerance: 1e-5});
  });

  it("backward matches finite differences in inference mode", () => {
    const bn = batchNorm(3);
    bn.forward(skewed(8), {training: true});
    bn.gamma.value.data.set([1.5, 0.7, -0.4]);
    assertGradientsClose(bn, skewed(5), {training: false, tolerance: 1e-5});
  });

  it("clone copies γ, β and the running averages", () => {
    const bn = batchNorm(3);
    bn.forward(skewed(10), {training: true});
    bn.gamma.value.data[1] = 4;
    const copy = bn.clone();
    expect(Array.from(copy.runningMean.data)).toEqual(Array.from(bn.runningMean.data));
    expect(Array.from(copy.runningVariance.data)).toEqual(Array.from(bn.runningVariance.data));
    expect(copy.gamma.value.data[1]).toBe(4);
    copy.gamma.value.data[1] = 5;
    expect(bn.gamma.value.data[1]).toBe(4);
  });

  it("batchNorm rejects bad options and inputs", () => {
    expect(() => batchNorm(0)).toThrow("batchNorm: n must be an integer ≥ 1, got 0");
    expect(() => batchNorm(3, {momentum: 1})).toThrow("batchNorm: momentum must be in [0, 1), got 1");
    expect(() => batchNorm(3, {epsilon: -1})).toThrow("batchNorm: epsilon must be a positive finite number, got -1");
    expect(() => batchNorm(3).forward(new Matrix(2, 4))).toThrow("batchNorm: input has 4 columns, expected 3");
    expect(() => batchNorm(3).forward(new Matrix(1, 3), {training: true})).toThrow("batchNorm: training needs at least 2 rows per batch (one row has no variance), got 1");
    expect(batchNorm(3).forward(new Matrix(1, 3), {training: false}).rows).toBe(1);
  });
});
