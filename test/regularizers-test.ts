import {describe, expect, it} from "vitest";
import {Matrix} from "../src/matrix.js";
import type {Parameter} from "../src/layers/layer.js";
import {elasticNet, l1, l2, maxNorm} from "../src/regularizers.js";
import {testMatrix} from "./helpers.js";

function parameter(name: string, rows: number[][], regularize = true): Parameter {
  const value = Matrix.fromRows(rows);
  return {name, value, grad: new Matrix(value.rows, value.cols), regularize};
}

describe("regularizers", () => {
  it("l2(λ) is (λ/2)·Σw² with gradient λ·w, and skips biases", () => {
    const W = parameter("W", [[1, -2], [3, 0]]);
    const b = parameter("b", [[5, 5]], false);
    // (0.1/2)·(1 + 4 + 9) = 0.7
    expect(l2(0.1).penalty([W, b])).toBeCloseTo(0.7, 15);
    l2(0.1).addGradient([W, b]);
    W.grad.data.forEach((g, i) => expect(g).toBeCloseTo([0.1, -0.2, 0.3, 0][i], 15));
    expect(Array.from(b.grad.data)).toEqual([0, 0]);
  });

  it("l2's gradient is the derivative of its penalty", () => {
    const W = {name: "W", value: testMatrix(3, 4), grad: new Matrix(3, 4), regularize: true};
    const reg = elasticNet({l1: 0.03, l2: 0.2});
    reg.addGradient([W]);
    for (let i = 0; i < W.value.data.length; i++) {
      const old = W.value.data[i];
      W.value.data[i] = old + 1e-6;
      const plus = reg.penalty([W]);
      W.value.data[i] = old - 1e-6;
      const minus = reg.penalty([W]);
      W.value.data[i] = old;
      expect(W.grad.data[i]).toBeCloseTo((plus - minus) / 2e-6, 8);
    }
  });

  it("l1(λ) is λ·Σ|w| with gradient λ·sign(w)", () => {
    const W = parameter("W", [[1, -2], [3, 0]]);
    expect(l1(0.5).penalty([W])).toBe(3);
    expect(l1({lambda: 0.5}).penalty([W])).toBe(3);
    l1(0.5).addGradient([W]);
    expect(Array.from(W.grad.data)).toEqual([0.5, -0.5, 0.5, 0]);
  });

  it("elasticNet adds the two penalties", () => {
    const W = parameter("W", [[1, -2]]);
    // 0.1·3 + (0.2/2)·5 = 0.8
    expect(elasticNet({l1: 0.1, l2: 0.2}).penalty([W])).toBeCloseTo(0.8, 15);
  });

  it("SGD with l2 decays weights by (1 − ηλ) when the loss gradient is 0", () => {
    const W = parameter("W", [[2]]);
    l2(0.5).addGradient([W]);
    W.value.data[0] -= 0.1 * W.grad.data[0];
    expect(W.value.data[0]).toBeCloseTo(2 * (1 - 0.1 * 0.5), 15);
  });

  it("maxNorm(c) rescales each column of W whose norm exceeds c", () => {
    // columns: [3, 4] has norm 5 → scaled to norm 2; [0.6, 0.8] has norm 1 → kept
    const W = parameter("W", [[3, 0.6], [4, 0.8]]);
    const b = parameter("b", [[30, 40]], false);
    maxNorm(2).apply([W, b]);
    W.value.data.forEach((v, i) => expect(v).toBeCloseTo([1.2, 0.6, 1.6, 0.8][i], 15));
    expect(Array.from(b.value.data)).toEqual([30, 40]);
  });

  it("regularizers reject bad strengths", () => {
    expect(() => l2(-1)).toThrow("l2: lambda must be a finite number ≥ 0, got -1");
    expect(() => l1(NaN)).toThrow("l1: lambda must be a finite number ≥ 0, got NaN");
    expect(() => elasticNet({l1: 0.1, l2: -0.1})).toThrow("elasticNet: l2 must be a finite number ≥ 0, got -0.1");
    expect(() => maxNorm(0)).toThrow("maxNorm: c must be a positive finite number, got 0");
  });
});
