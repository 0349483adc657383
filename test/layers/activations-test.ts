import {describe, it, expect} from "vitest";
import {
  activation, activationNames, identity, sigmoid, tanh, relu, leakyRelu, elu, softplus, tanhOf, type ActivationName
} from "../../src/layers/activations.js";
import {Matrix} from "../../src/matrix.js";
import {assertGradientsClose, testMatrix} from "../helpers.js";

const scaled = (rows: number, cols: number, seed: number, s: number) => {
  const m = testMatrix(rows, cols, seed);
  for (let i = 0; i < m.data.length; i++) m.data[i] *= s;
  return m;
};

describe("activations", () => {
  for (const name of activationNames) {
    it(`${name} passes the gradient check`, () => {
      assertGradientsClose(activation(name), scaled(6, 5, 3, 4));
    });
  }
  it("leakyRelu and elu with options pass the gradient check", () => {
    assertGradientsClose(leakyRelu({slope: 0.2}), scaled(5, 4, 4, 3));
    assertGradientsClose(elu({alpha: 0.7}), scaled(5, 4, 5, 3));
  });
  it("compute the textbook formulas", () => {
    const x = Matrix.fromRows([[-2, -0.5, 0, 0.5, 3]]);
    const f: Record<ActivationName, (v: number) => number> = {
      identity: (v) => v,
      sigmoid: (v) => 1 / (1 + Math.exp(-v)),
      tanh: Math.tanh,
      relu: (v) => Math.max(0, v),
      leakyRelu: (v) => (v > 0 ? v : 0.01 * v),
      elu: (v) => (v > 0 ? v : Math.exp(v) - 1),
      softplus: (v) => Math.log(1 + Math.exp(v))
    };
    for (const name of activationNames) {
      const y = activation(name).forward(x);
      x.data.forEach((v, i) => expect(y.data[i], `${name}(${v})`).toBeCloseTo(f[name](v), 14));
    }
  });
  it("the fast tanh agrees with Math.tanh to 2e-15 relative error, including tiny and huge inputs", () => {
    let worst = 0;
    const check = (v: number) => {
      const exact = Math.tanh(v);
      const error = exact === 0 ? Math.abs(tanhOf(v)) : Math.abs(tanhOf(v) - exact) / Math.abs(exact);
      worst = Math.max(worst, error);
    };
    for (let i = -20000; i <= 20000; i++) check(i / 1000);
    for (let e = -300; e <= 2; e += 0.37) {
      check(10 ** e);
      check(-(10 ** e));
    }
    [0, 1e-320, 19, 20, 25, 1e10, -1e308].forEach(check);
    expect(worst).toBeLessThan(2e-15);
    expect(tanhOf(1e300)).toBe(1);
    expect(tanhOf(-Infinity)).toBe(-1);
    expect(tanhOf(NaN)).toBeNaN();
    expect(tanh().forward(Matrix.fromRows([[0.3, -4]])).data).toEqual(new Float64Array([tanhOf(0.3), tanhOf(-4)]));
  });
  it("sigmoid and softplus stay finite for huge inputs", () => {
    const x = Matrix.fromRows([[-1000, -50, 50, 1000]]);
    const s = sigmoid().forward(x).data;
    expect([s[0], s[2], s[3]]).toEqual([0, 1, 1]);
    expect(Math.abs(s[1] / Math.exp(-50) - 1)).toBeLessThan(1e-14); // σ(−50) ≈ e^−50, not 0
    const p = softplus().forward(x).data;
    expect(p[0]).toBe(0);
    expect(p[3]).toBe(1000);
    expect(p[1]).toBeCloseTo(Math.exp(-50), 30);
    const layer = softplus();
    layer.forward(x);
    expect(Array.from(layer.backward(Matrix.fromRows([[1, 1, 1, 1]])).data).every(Number.isFinite)).toBe(true);
  });
  it("relu passes NaN through so divergence is visible", () => {
    expect(relu().forward(Matrix.fromRows([[NaN, -1, 2]])).data[0]).toBeNaN();
  });
  it("identity copies, and backward passes dy through", () => {
    const layer = identity();
    const x = Matrix.fromRows([[1, 2]]);
    expect(layer.forward(x).data).toEqual(x.data);
    expect(layer.backward(Matrix.fromRows([[3, 4]])).toRows()).toEqual([[3, 4]]);
  });
  it("activation(name) rejects unknown names and bad options", () => {
    expect(() => activation("relux" as ActivationName)).toThrow('activation: unknown name "relux"; expected one of "identity", "sigmoid"');
    expect(() => leakyRelu({slope: NaN})).toThrow("leakyRelu: slope must be a finite number, got NaN");
    expect(() => elu({alpha: -1})).toThrow("elu: alpha must be a finite number ≥ 0, got -1");
    const layer = tanh();
    expect(() => layer.backward(new Matrix(1, 1))).toThrow("tanh: backward called before forward");
    layer.forward(new Matrix(2, 3));
    expect(() => layer.backward(new Matrix(3, 2))).toThrow("tanh: dy is 3×2, expected 2×3 like the last input");
  });
  it("clone keeps options; activations have no parameters", () => {
    const layer = leakyRelu({slope: 0.3}).clone();
    expect(layer.slope).toBe(0.3);
    expect(layer.describe()).toBe("leakyRelu (slope 0.3)");
    expect(relu().parameters()).toEqual([]);
    expect(activation("elu", {alpha: 2}).describe()).toBe("elu (alpha 2)");
  });
});
