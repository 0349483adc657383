import {describe, it, expect} from "vitest";
import {maxout} from "../../src/layers/maxout.js";
import {Matrix} from "../../src/matrix.js";
import {assertGradientsClose, testMatrix} from "../helpers.js";

describe("maxout", () => {
  it("maxout(3, 2, {pieces: 4}) has a 3×8 weight matrix and outputs 2 columns", () => {
    const layer = maxout(3, 2, {pieces: 4, seed: 1});
    expect(layer.W.shape).toEqual([3, 8]);
    expect(layer.forward(testMatrix(5, 3)).shape).toEqual([5, 2]);
  });
  it("each output is the max of its unit's pieces", () => {
    const layer = maxout(1, 2, {pieces: 3});
    layer.W.data.set([1, -1, 2, 0.5, -3, 0]);
    layer.b.data.set([0, 0, 0, 0, 0, 1]);
    // x = 2: unit 0 pieces 2, −2, 4 → 4; unit 1 pieces 1, −6, 1 → 1
    // x = −1: unit 0 pieces −1, 1, −2 → 1; unit 1 pieces −0.5, 3, 1 → 3
    expect(layer.forward(Matrix.fromRows([[2], [-1]])).toRows()).toEqual([[4, 1], [1, 3]]);
  });
  it("passes the gradient check", () => {
    assertGradientsClose(maxout(3, 4, {pieces: 3, seed: 2}), testMatrix(5, 3, 4));
    assertGradientsClose(maxout(2, 1, {pieces: 2, seed: 3}), testMatrix(7, 2, 5));
  });
  it("with pieces: 1 it is a dense layer", () => {
    const layer = maxout(2, 3, {pieces: 1, seed: 1});
    const x = testMatrix(2, 2);
    const y = layer.forward(x);
    expect(y.get(1, 2)).toBeCloseTo(x.get(1, 0) * layer.W.get(0, 2) + x.get(1, 1) * layer.W.get(1, 2), 14);
  });
  it("bad input throws", () => {
    expect(() => maxout(2, 2, {pieces: 0})).toThrow("maxout: pieces must be a positive integer, got 0");
    expect(() => maxout(2, 2).forward(new Matrix(1, 3))).toThrow("maxout: input has 3 columns, expected 2 (nIn)");
  });
});
