import {describe, expect, it} from "vitest";
import {
  Matrix, sequential, dense, sigmoid, tanh, relu, leakyRelu, elu, softplus, identity, prelu, maxout, batchNorm, dropout,
  layerFromJSON, modelFromJSON, registerLayer, layerKinds, loadLayerState, trainStep, adam, spirals, optimizerFromJSON,
  stepDecay, fit, type Layer, type LayerJSON
} from "../../src/index.js";

/** Every number (and escaped −0, NaN, ±Infinity) in a model's JSON text, in order. */
function allNumbers(model: Layer): (number | string)[] {
  const out: (number | string)[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
    else if (typeof v === "number" || typeof v === "string") out.push(v);
  };
  walk(JSON.parse(JSON.stringify(model)));
  return out;
}

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  const differing = Array.from(a).findIndex((v, i) => !Object.is(v, b[i]));
  expect(differing, `first difference at ${differing}: ${a[differing]} vs ${b[differing]}`).toBe(-1);
}

/** A model with every built-in layer kind, trained a few steps so that its state is not the initial one. */
function everyKind() {
  const model = sequential(
    dense(2, 8, {init: "he", seed: 1}), batchNorm(8), relu(),
    dense(8, 8, {seed: 2}), leakyRelu({slope: 0.05}), dropout(0.2, {seed: 3}),
    dense(8, 8, {seed: 4}), elu({alpha: 0.7}), prelu(8, {slope: 0.1}),
    maxout(8, 6, {pieces: 3, seed: 5}), tanh(), dense(6, 6, {seed: 6}), sigmoid(), dense(6, 6, {seed: 7}), softplus(), identity(),
    dense(6, 3, {seed: 8, bias: false})
  );
  const data = spirals({n: 60, classes: 3, seed: 2});
  const optimizer = adam({learningRate: stepDecay({initial: 0.01, every: 3})});
  for (let i = 0; i < 5; i++) trainStep(model, data.x, data.y, {loss: "softmaxCrossEntropy", optimizer});
  return {model, data, optimizer};
}

describe("layer JSON", () => {
  it("every built-in kind is registered", () => {
    for (const kind of ["dense", "identity", "sigmoid", "tanh", "relu", "leakyRelu", "elu", "softplus", "prelu", "maxout", "batchNorm", "dropout", "sequential"]) {
      expect(layerKinds()).toContain(kind);
    }
  });

  it("a model survives JSON.stringify and modelFromJSON bit for bit, and trains on identically", () => {
    const {model, data, optimizer} = everyKind();
    const text = JSON.stringify(model);
    const copy = modelFromJSON(JSON.parse(text));
    expect(JSON.stringify(copy)).toBe(text);
    expect(copy.summary()).toBe(model.summary());
    // inference, training-mode forward (dropout's generator position, batch statistics) and more training
    expectSameBits(copy.predict(data.x).data, model.predict(data.x).data);
    const restored = optimizerFromJSON(JSON.parse(JSON.stringify(optimizer)));
    for (let i = 0; i < 6; i++) {
      const a = trainStep(model, data.x, data.y, {loss: "softmaxCrossEntropy", optimizer});
      const b = trainStep(copy, data.x, data.y, {loss: "softmaxCrossEntropy", optimizer: restored});
      expect(Object.is(a, b)).toBe(true);
    }
    expectSameBits(copy.predict(data.x).data, model.predict(data.x).data);
    expect(allNumbers(copy)).toEqual(allNumbers(model));
  });

  it("the test fails if any state is lost: a fresh dropout generator draws other masks", () => {
    const {model, data} = everyKind();
    const json = JSON.parse(JSON.stringify(model));
    const drop = json.layers.find((l: LayerJSON) => l.kind === "dropout");
    drop.rng = dropout(0.2, {seed: 3}).toJSON().rng; // back to the start of the stream
    const copy = modelFromJSON(json);
    const a = model.forward(data.x, {training: true}).clone();
    const b = copy.forward(data.x, {training: true});
    expect(Array.from(a.data).every((v, i) => Object.is(v, b.data[i]))).toBe(false);
  });

  it("keeps −0, NaN and infinities through the JSON text", () => {
    const layer = dense(2, 2);
    layer.W.data.set([-0, NaN, Infinity, -Infinity]);
    const text = JSON.stringify(layer);
    expect(text).toContain('"-0"');
    const copy = layerFromJSON(JSON.parse(text)) as ReturnType<typeof dense>;
    expectSameBits(copy.W.data, layer.W.data);
  });

  it("batch norm keeps its running averages and dropout its fixed mask", () => {
    const bn = batchNorm(3, {momentum: 0.8});
    bn.forward(Matrix.fromRows([[1, 2, 3], [4, 5, 7], [0, 1, 1]]), {training: true});
    const bn2 = layerFromJSON(JSON.parse(JSON.stringify(bn))) as ReturnType<typeof batchNorm>;
    expectSameBits(bn2.runningMean.data, bn.runningMean.data);
    expectSameBits(bn2.runningVariance.data, bn.runningVariance.data);
    expect(bn2.momentum).toBe(0.8);
    const mask = Matrix.fromRows([[1, 0], [0, 1]]);
    const d = layerFromJSON(JSON.parse(JSON.stringify(dropout(0.5, {mask})))) as ReturnType<typeof dropout>;
    expect(Array.from(d.forward(Matrix.fromRows([[1, 1], [1, 1]]), {training: true}).data)).toEqual([2, 0, 0, 2]);
  });

  it("says what is wrong with bad JSON", () => {
    expect(() => layerFromJSON({kind: "residual"})).toThrow('layerFromJSON: unknown layer kind "residual"; known kinds are dense');
    expect(() => layerFromJSON(null as never)).toThrow("layerFromJSON: expected a layer's JSON {kind, …}, got null");
    const json = dense(2, 3).toJSON();
    expect(() => layerFromJSON({...json, W: dense(3, 3).W})).toThrow("dense.fromJSON: W is 3×3, expected 2×3");
    expect(() => modelFromJSON(relu().toJSON())).toThrow('modelFromJSON: expected a sequential model\'s JSON, got kind "relu"');
    const bare: Layer = {kind: "bare", forward: (x) => x, backward: (d) => d, parameters: () => [], clone: () => bare, describe: () => "bare"};
    expect(() => JSON.stringify(sequential(bare))).toThrow("sequential: layer 0 (bare) cannot be saved: give its class a toJSON() method");
  });

  it("a new layer kind registers with one line and then loads inside a model", () => {
    class Scale implements Layer {
      readonly kind = "scaleForTest";
      constructor(readonly factor: number) {}
      forward(x: Matrix) {
        return new Matrix(x.rows, x.cols, x.data.map((v) => v * this.factor));
      }
      backward(dy: Matrix) {
        return new Matrix(dy.rows, dy.cols, dy.data.map((v) => v * this.factor));
      }
      parameters() {
        return [];
      }
      clone() {
        return new Scale(this.factor);
      }
      describe() {
        return `scale ${this.factor}`;
      }
      toJSON() {
        return {kind: this.kind, factor: this.factor};
      }
    }
    registerLayer("scaleForTest", (json) => new Scale(json.factor as number));
    const model = sequential(dense(2, 2, {seed: 1}), new Scale(3));
    const copy = modelFromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.layers[1]).toBeInstanceOf(Scale);
    expectSameBits(copy.predict(Matrix.fromRows([[1, 2]])).data, model.predict(Matrix.fromRows([[1, 2]])).data);
  });

  it("loadLayerState writes a trained copy's state back into the original model", () => {
    const {model, data} = everyKind();
    const target = everyKind().model; // same architecture and state
    const trained = fit(model, data, {loss: "softmaxCrossEntropy", optimizer: adam({learningRate: 0.01}), epochs: 3, seed: 1});
    loadLayerState(target, trained.model.toJSON());
    expect(JSON.stringify(target)).toBe(JSON.stringify(trained.model));
    expect(() => loadLayerState(target, relu().toJSON())).toThrow('loadLayerState: JSON of kind "relu" does not fit a layer of kind "sequential"');
  });
});
