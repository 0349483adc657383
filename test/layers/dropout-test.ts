import {describe, expect, it} from "vitest";
import {Matrix} from "../../src/matrix.js";
import {dropout} from "../../src/layers/dropout.js";
import {assertGradientsClose, testMatrix} from "../helpers.js";

describe("dropout", () => {
  it("inverted dropout keeps the expected activation (statistically)", () => {
    // 200 000 units of value 1 at rate 0.3: the mean is 1 with standard error √(0.3/0.7 / 200 000) ≈ 0.0015
    const x = new Matrix(1000, 200).fill(1);
    const y = dropout(0.3, {seed: 4}).forward(x, {training: true});
    const mean = y.data.reduce((a, b) => a + b, 0) / y.data.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.006);
    const dropped = y.data.filter((v) => v === 0).length / y.data.length;
    expect(Math.abs(dropped - 0.3)).toBeLessThan(0.004);
    expect(new Set(y.data)).toEqual(new Set([0, 1 / 0.7]));
  });

  it("inverted dropout is the identity at test time", () => {
    const x = testMatrix(4, 5);
    expect(Array.from(dropout(0.5).forward(x, {training: false}).data)).toEqual(Array.from(x.data));
  });

  it("vanilla dropout scales by (1 − rate) at test time and not at training", () => {
    const x = testMatrix(4, 5);
    const layer = dropout(0.25, {mode: "vanilla", seed: 1});
    const test = layer.forward(x, {training: false});
    test.data.forEach((v, i) => expect(v).toBe(0.75 * x.data[i]));
    const train = layer.forward(x, {training: true});
    train.data.forEach((v, i) => expect(v === 0 || v === x.data[i]).toBe(true));
  });

  it("vanilla dropout's training output averages (1 − rate)·x, the value it uses at test time", () => {
    const x = new Matrix(1000, 200).fill(2);
    const y = dropout(0.4, {mode: "vanilla", seed: 9}).forward(x, {training: true});
    const mean = y.data.reduce((a, b) => a + b, 0) / y.data.length;
    // standard error 2·√(0.4·0.6/200 000) ≈ 0.0022
    expect(Math.abs(mean - 0.6 * 2)).toBeLessThan(0.01);
  });

  it("the same seed gives the same masks, and a clone continues the same stream", () => {
    const x = new Matrix(10, 10).fill(1);
    const a = dropout(0.5, {seed: 7});
    const b = dropout(0.5, {seed: 7});
    expect(Array.from(a.forward(x, {training: true}).data)).toEqual(Array.from(b.forward(x, {training: true}).data));
    const c = a.clone();
    expect(Array.from(c.forward(x, {training: true}).data)).toEqual(Array.from(a.forward(x, {training: true}).data));
    expect(Array.from(dropout(0.5, {seed: 8}).forward(x, {training: true}).data)).not.toEqual(Array.from(b.forward(x, {training: true}).data));
  });

  it("setMask fixes the mask, and backward passes gradient only through kept units", () => {
    const x = testMatrix(3, 4);
    const mask = Matrix.fromRows([[1, 0, 1, 1], [0, 0, 1, 0], [1, 1, 1, 1]]);
    const layer = dropout(0.5).setMask(mask);
    const y = layer.forward(x, {training: true});
    y.data.forEach((v, i) => expect(v).toBe(mask.data[i] * x.data[i] * 2));
    assertGradientsClose(layer, x, {training: true});
    const dx = layer.backward(new Matrix(3, 4).fill(1));
    expect(Array.from(dx.data)).toEqual(Array.from(mask.data, (m) => 2 * m));
  });

  it("rate 0 keeps everything", () => {
    const x = testMatrix(3, 3);
    expect(Array.from(dropout(0).forward(x, {training: true}).data)).toEqual(Array.from(x.data));
  });

  it("dropout rejects a rate outside [0, 1) and a bad mask", () => {
    expect(() => dropout(1)).toThrow("dropout: rate must be in [0, 1), got 1");
    expect(() => dropout(-0.1)).toThrow("dropout: rate must be in [0, 1), got -0.1");
    expect(() => dropout(0.5, {mode: "gaussian" as "vanilla"})).toThrow('dropout: mode must be "inverted" or "vanilla", got "gaussian"');
    expect(() => dropout(0.5).setMask(Matrix.fromRows([[0.5]]))).toThrow("dropout: mask entries must be 0 or 1, got 0.5 at index 0");
    expect(() => dropout(0.5, {mask: new Matrix(2, 2)}).forward(new Matrix(3, 2), {training: true})).toThrow(
      "dropout: the fixed mask is 2×2 but the input is 3×2"
    );
  });
});
