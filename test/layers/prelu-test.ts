import {describe, it, expect} from "vitest";
import {prelu} from "../../src/layers/prelu.js";
import {Matrix} from "../../src/matrix.js";
import {assertGradientsClose, testMatrix} from "../helpers.js";

describe("prelu", () => {
  it("prelu(3) has a 1×3 slope parameter, initially 0.25, not regularized", () => {
    const layer = prelu(3);
    expect(layer.parameters().map((p) => [p.name, p.regularize])).toEqual([["slope", false]]);
    expect(Array.from(layer.a.data)).toEqual([0.25, 0.25, 0.25]);
  });
  it("forward applies each feature's slope to negative inputs", () => {
    const layer = prelu(2, {slope: 0.1});
    layer.a.data[1] = 0.5;
    expect(layer.forward(Matrix.fromRows([[-2, -2], [3, 4]])).toRows()).toEqual([[-0.2, -1], [3, 4]]);
  });
  it("passes the gradient check for inputs and slopes", () => {
    const layer = prelu(4, {slope: 0.2});
    layer.a.data.set([0.1, -0.3, 0.7, 0.25]);
    assertGradientsClose(layer, testMatrix(6, 4, 3));
  });
  it("clone is independent; bad input throws", () => {
    const layer = prelu(2);
    const copy = layer.clone();
    copy.a.data[0] = 9;
    expect(layer.a.data[0]).toBe(0.25);
    expect(() => prelu(0)).toThrow("prelu: n must be a positive integer, got 0");
    expect(() => layer.forward(new Matrix(1, 3))).toThrow("prelu: input has 3 columns, expected 2 (n)");
  });
});
