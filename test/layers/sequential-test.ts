import {describe, it, expect} from "vitest";
import {sequential, Sequential} from "../../src/layers/sequential.js";
import {dense} from "../../src/layers/dense.js";
import {tanh, relu, sigmoid, elu, softplus, leakyRelu} from "../../src/layers/activations.js";
import {prelu} from "../../src/layers/prelu.js";
import {maxout} from "../../src/layers/maxout.js";
import {Matrix} from "../../src/matrix.js";
import {assertGradientsClose, testMatrix} from "../helpers.js";

const mlp = () => sequential(dense(3, 5, {seed: 1, init: "he"}), tanh(), dense(5, 4, {seed: 2}), relu(), dense(4, 2, {seed: 3}));

describe("sequential", () => {
  it("passes the gradient check through a composition of every layer type", () => {
    const model = sequential(
      dense(3, 6, {seed: 1, biasInit: 0.1}), tanh(), dense(6, 5, {seed: 2}), prelu(5), maxout(5, 4, {pieces: 2, seed: 3}),
      sigmoid(), dense(4, 4, {seed: 4}), elu(), dense(4, 3, {seed: 5}), softplus(), leakyRelu(), dense(3, 2, {seed: 6})
    );
    assertGradientsClose(model, testMatrix(5, 3, 2));
  });
  it("nests: a sequential inside a sequential", () => {
    const model = sequential(sequential(dense(2, 3, {seed: 1}), tanh()), dense(3, 2, {seed: 2}));
    assertGradientsClose(model, testMatrix(4, 2, 3));
    expect(model.parameters().map((p) => p.name)).toEqual(["0.sequential.0.dense.W", "0.sequential.0.dense.b", "1.dense.W", "1.dense.b"]);
  });
  it("prefixes parameter names with the layer index and keeps the same objects across calls", () => {
    const model = mlp();
    const names = model.parameters().map((p) => p.name);
    expect(names).toEqual(["0.dense.W", "0.dense.b", "2.dense.W", "2.dense.b", "4.dense.W", "4.dense.b"]);
    expect(model.parameters()[0]).toBe(model.parameters()[0]);
    expect(model.parameters()[0].value).toBe((model.layers[0] as ReturnType<typeof dense>).W);
    expect(model.parameterCount()).toBe(3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2);
  });
  it("keeps each layer's last output in outputs", () => {
    const model = mlp();
    const y = model.forward(testMatrix(7, 3));
    expect(model.outputs.length).toBe(5);
    expect(model.outputs[4]).toBe(y);
    expect(model.outputs[1].shape).toEqual([7, 5]);
    expect(model.outputs[3].data.every((v) => v >= 0)).toBe(true);
  });
  it("predict returns a copy that a later forward does not overwrite", () => {
    const model = mlp();
    const a = model.predict(testMatrix(2, 3, 1));
    const saved = a.data.slice();
    model.predict(testMatrix(2, 3, 2));
    expect(a.data).toEqual(saved);
  });
  it("needsInputGradient = false gives the same parameter gradients and skips dx", () => {
    const a = mlp(), b = mlp();
    b.needsInputGradient = false;
    const x = testMatrix(4, 3), dy = testMatrix(4, 2, 8);
    a.forward(x, {training: true});
    b.forward(x, {training: true});
    expect(a.backward(dy).shape).toEqual([4, 3]);
    expect(b.backward(dy).shape).toEqual([4, 0]);
    a.parameters().forEach((p, i) => expect(b.parameters()[i].grad.data).toEqual(p.grad.data));
    // and switching back restores dx
    b.needsInputGradient = true;
    b.forward(x);
    expect(b.backward(dy).shape).toEqual([4, 3]);
  });
  it("clone() deep-copies: training the clone leaves the original alone", () => {
    const model = mlp();
    const copy = model.clone();
    expect(copy).toBeInstanceOf(Sequential);
    expect(copy.predict(testMatrix(2, 3)).data).toEqual(model.predict(testMatrix(2, 3)).data);
    copy.parameters()[0].value.data[0] += 1;
    expect(copy.parameters()[0].value.data[0]).not.toBe(model.parameters()[0].value.data[0]);
  });
  it("summary() lists layers and parameter counts", () => {
    const text = sequential(dense(2, 16, {init: "he"}), relu(), dense(16, 1)).summary();
    expect(text).toBe(
      [
        "#  layer                  parameters",
        "0  dense 2 → 16 (he)              48",
        "1  relu                            0",
        "2  dense 16 → 1 (xavier)          17",
        "   total                          65"
      ].join("\n")
    );
  });
  it("accepts an array and rejects things that are not layers", () => {
    expect(sequential([dense(2, 2), relu()]).layers.length).toBe(2);
    expect(() => sequential(dense(2, 2), "relu" as never)).toThrow(
      "sequential: argument 1 is not a layer (got string); pass layers like dense(2, 4) or relu()"
    );
    expect(() => mlp().forward(Matrix.fromRows([[1, NaN, 3]]))).toThrow("sequential: input has NaN at row 0, column 1");
    expect(() => mlp().forward(new Matrix(2, 4))).toThrow("dense: input has 4 columns, expected 3 (nIn)");
  });
});
