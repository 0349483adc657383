import {describe, it, expect} from "vitest";
import {dense, Dense} from "../../src/layers/dense.js";
import {Matrix, matmul} from "../../src/matrix.js";
import {assertGradientsClose, testMatrix} from "../helpers.js";

describe("dense", () => {
  it("dense(3, 2) has a 3×2 weight matrix and a 1×2 bias", () => {
    const layer = dense(3, 2);
    expect(layer).toBeInstanceOf(Dense);
    expect(layer.W.shape).toEqual([3, 2]);
    expect(layer.b.shape).toEqual([1, 2]);
    expect(layer.parameters().map((p) => [p.name, p.regularize])).toEqual([["W", true], ["b", false]]);
  });
  it("forward computes x·W + b", () => {
    const layer = dense(2, 3, {seed: 4, biasInit: 0.5});
    const x = Matrix.fromRows([[1, 2], [-1, 0.5]]);
    const y = layer.forward(x);
    const expected = matmul(x, layer.W);
    for (let i = 0; i < y.data.length; i++) expect(y.data[i]).toBeCloseTo(expected.data[i] + 0.5, 14);
  });
  it("passes the gradient check with bias", () => {
    const layer = dense(4, 3, {seed: 1, biasInit: 0.1});
    assertGradientsClose(layer, testMatrix(5, 4, 2));
  });
  it("passes the gradient check without bias (and has no b parameter)", () => {
    const layer = dense(3, 5, {seed: 2, bias: false});
    expect(layer.parameters().map((p) => p.name)).toEqual(["W"]);
    assertGradientsClose(layer, testMatrix(6, 3, 3));
  });
  it("backward adds into grad rather than overwriting it", () => {
    const layer = dense(2, 2, {seed: 1});
    const x = testMatrix(3, 2), dy = testMatrix(3, 2, 5);
    layer.forward(x);
    layer.backward(dy);
    const once = layer.dW.clone();
    layer.backward(dy);
    for (let i = 0; i < once.data.length; i++) expect(layer.dW.data[i]).toBeCloseTo(2 * once.data[i], 14);
  });
  it("needsInputGradient = false skips dx but still accumulates parameter gradients", () => {
    const a = dense(3, 2, {seed: 7}), b = dense(3, 2, {seed: 7});
    b.needsInputGradient = false;
    const x = testMatrix(4, 3), dy = testMatrix(4, 2, 9);
    a.forward(x);
    b.forward(x);
    expect(a.backward(dy).shape).toEqual([4, 3]);
    expect(b.backward(dy).shape).toEqual([4, 0]);
    expect(b.dW.data).toEqual(a.dW.data);
    expect(b.db.data).toEqual(a.db.data);
  });
  it("reuses its buffers: a second step allocates no new output", () => {
    const layer = dense(3, 2, {seed: 1});
    const x = testMatrix(4, 3);
    const y1 = layer.forward(x), dx1 = layer.backward(testMatrix(4, 2));
    expect(layer.forward(x)).toBe(y1);
    expect(layer.backward(testMatrix(4, 2))).toBe(dx1);
  });
  it("same seed, same weights; init options reach the initializer", () => {
    expect(dense(5, 4, {seed: 3, init: "he"}).W.data).toEqual(dense(5, 4, {seed: 3, init: "he"}).W.data);
    expect(dense(5, 4, {init: "constant", value: 0.3}).W.data.every((v) => v === 0.3)).toBe(true);
    const wide = dense(400, 300, {init: "normal", std: 0.01, seed: 1});
    let s = 0;
    for (const v of wide.W.data) s += v * v;
    expect(Math.sqrt(s / wide.W.data.length)).toBeCloseTo(0.01, 3);
  });
  it("clone() copies weights into independent matrices", () => {
    const layer = dense(2, 2, {seed: 1, init: "he"});
    const copy = layer.clone();
    expect(copy.W.data).toEqual(layer.W.data);
    copy.W.data[0] = 42;
    expect(layer.W.data[0]).not.toBe(42);
    expect(copy.describe()).toBe("dense 2 → 2 (he)");
  });
  it("bad input gets clear messages", () => {
    expect(() => dense(0, 2)).toThrow("dense: nIn must be a positive integer, got 0");
    expect(() => dense(2, 1.5)).toThrow("dense: nOut must be a positive integer, got 1.5");
    expect(() => dense(2, 2, {init: "nope" as "he"})).toThrow('initialize: unknown initializer "nope"');
    const layer = dense(2, 3);
    expect(() => layer.forward(new Matrix(4, 3))).toThrow("dense: input has 3 columns, expected 2 (nIn)");
    expect(() => dense(2, 3).backward(new Matrix(1, 3))).toThrow("dense: backward called before forward");
    layer.forward(new Matrix(4, 2));
    expect(() => layer.backward(new Matrix(4, 2))).toThrow("dense: dy is 4×2, expected 4×3 (batch × nOut)");
  });
});
