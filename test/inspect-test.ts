import {describe, expect, it} from "vitest";
import {Matrix} from "../src/matrix.js";
import {dense} from "../src/layers/dense.js";
import {relu, sigmoid, tanh} from "../src/layers/activations.js";
import {batchNorm} from "../src/layers/batchNorm.js";
import {dropout} from "../src/layers/dropout.js";
import {sequential} from "../src/layers/sequential.js";
import type {Layer} from "../src/layers/layer.js";
import {loss} from "../src/losses.js";
import {activationStats, gradientCheck, gradientStats, summarize, updateRatios, weightStats} from "../src/inspect.js";
import {testMatrix} from "./helpers.js";

/** dense(2, 3) with W = [[1, −1, 0], [1, −1, 0]] and b = [0, 0, −1]: on positive inputs unit 1 is negative and unit 2 is −1. */
function fixedModel(last: Layer = relu()) {
  const d = dense(2, 3, {seed: 1});
  d.W.data.set([1, -1, 0, 1, -1, 0]);
  d.parameters()[1].value.data.set([0, 0, -1]);
  return sequential(d, last);
}
const positive = Matrix.fromRows([[0.5, 1], [2, 0.1], [1, 1], [0.2, 0.3]]);

describe("summarize", () => {
  it("gives mean, population std, min, max, rms and a histogram whose counts add up", () => {
    const s = summarize([1, 2, 3, 4], {bins: 3});
    expect([s.mean, s.std, s.min, s.max]).toEqual([2.5, Math.sqrt(1.25), 1, 4]);
    expect(s.rms).toBeCloseTo(Math.sqrt(7.5), 14);
    expect(s.histogram.map((b) => b.count)).toEqual([1, 1, 2]);
    expect(s.histogram[0].x0).toBe(1);
    expect(s.histogram[2].x1).toBe(4);
  });
  it("clamps values outside a fixed domain into the end bins and survives constant data", () => {
    expect(summarize([-5, 0.1, 0.6, 5], {bins: 2, domain: [0, 1]}).histogram.map((b) => b.count)).toEqual([2, 2]);
    expect(summarize([3, 3], {bins: 4}).histogram.reduce((a, b) => a + b.count, 0)).toBe(2);
  });
  it("reports NaN rather than a misleading chart when values diverged", () => {
    const s = summarize([1, NaN, 2]);
    expect(s.mean).toBeNaN();
    expect(s.histogram).toEqual([]);
    expect(() => summarize([1], {bins: 0})).toThrow("summarize: bins must be an integer ≥ 1, got 0");
  });
});

describe("activationStats", () => {
  it("reports each layer's output statistics, names and kinds", () => {
    const model = fixedModel();
    const stats = activationStats(model, positive, {bins: 5});
    expect(stats.map((s) => s.name)).toEqual(["0.dense", "1.relu"]);
    const y = model.predict(positive);
    const values = Array.from(y.data);
    const mean = values.reduce((a, b) => a + b) / values.length;
    expect(stats[1].mean).toBeCloseTo(mean, 14);
    expect(stats[1].units).toBe(3);
    expect(stats[1].histogram.reduce((a, b) => a + b.count, 0)).toBe(12);
    expect(stats[0].dead).toBeNull();
    expect(stats[0].saturated).toBeNull();
  });

  it("counts a ReLU unit as dead only when it is zero for every example", () => {
    const stats = activationStats(fixedModel(), positive);
    expect(stats[1].dead).toBeCloseTo(2 / 3, 14); // units 1 and 2 never fire on positive inputs
    expect(stats[1].zeros).toBeCloseTo(8 / 12, 14);
    const mixed = Matrix.fromRows([[1, 1], [-1, -1]]); // now unit 1 fires for the second example
    expect(activationStats(fixedModel(), mixed)[1].dead).toBeCloseTo(1 / 3, 14);
  });

  it("counts saturated tanh (|y| > 0.99) and sigmoid (outside [0.01, 0.99]) outputs", () => {
    const x = Matrix.fromRows([[3, 0]]); // pre-activations 3, −3, −1
    expect(activationStats(fixedModel(tanh()), x)[1].saturated).toBeCloseTo(2 / 3, 14); // tanh 3 = 0.995
    expect(activationStats(fixedModel(sigmoid()), x)[1].saturated).toBe(0); // σ(3) = 0.953
    const big = Matrix.fromRows([[5, 0]]);
    expect(activationStats(fixedModel(sigmoid()), big)[1].saturated).toBeCloseTo(2 / 3, 14); // σ(5) = 0.9933
  });

  it("training: true uses batch statistics without moving the model's running averages", () => {
    const bn = batchNorm(3);
    const model = sequential(dense(2, 3, {seed: 2}), bn);
    const x = testMatrix(50, 2, 3);
    for (let i = 0; i < x.data.length; i++) x.data[i] = 10 + 5 * x.data[i];
    const stats = activationStats(model, x, {training: true});
    expect(Math.abs(stats[1].mean)).toBeLessThan(1e-6);
    expect(stats[1].std).toBeCloseTo(1, 3);
    expect(Array.from(bn.runningMean.data)).toEqual([0, 0, 0]);
    expect(Math.abs(activationStats(model, x)[1].mean)).toBeGreaterThan(1); // inference: running stats 0 and 1
  });

  it("rejects a layer instead of a model, and an empty batch", () => {
    expect(() => activationStats(dense(2, 2) as any, positive)).toThrow("activationStats: model must be a sequential model, got dense");
    expect(() => activationStats(fixedModel(), new Matrix(0, 2))).toThrow("activationStats: x must be a Matrix with at least one row, got 0×2");
  });
});

describe("gradientStats", () => {
  const x = testMatrix(30, 4, 1);
  const labels = Matrix.column(Array.from({length: 30}, (_, i) => i % 3));

  it("gives ∂L/∂(last output) equal to the loss gradient and parameter norms equal to one backward pass", () => {
    const model = sequential(dense(4, 8, {seed: 1}), tanh(), dense(8, 3, {seed: 2}));
    const stats = gradientStats(model, x, labels, {loss: "softmaxCrossEntropy"});
    const reference = model.clone();
    const out = reference.forward(x, {training: true});
    const {grad} = loss("softmaxCrossEntropy").compute(out, labels);
    reference.backward(grad);
    let norm = 0;
    for (const v of grad.data) norm += v * v;
    expect(stats[2].norm).toBeCloseTo(Math.sqrt(norm), 12);
    const W0 = reference.parameters()[0];
    expect(stats[0].parameters[0].name).toBe("0.dense.W");
    expect(stats[0].parameters[0].gradNorm).toBeCloseTo(Math.hypot(...W0.grad.data), 12);
    expect(stats[1].gradNorm).toBeNull();
    expect(stats[1].parameters).toEqual([]);
    // The caller's model keeps zero gradients.
    for (const p of model.parameters()) expect(p.grad.data.every((v) => v === 0)).toBe(true);
  });

  it("shows gradients vanishing towards the input in a deep sigmoid network", () => {
    const layers: Layer[] = [];
    for (let i = 0; i < 8; i++) layers.push(dense(i ? 16 : 4, 16, {init: "xavier", seed: i + 1}), sigmoid());
    layers.push(dense(16, 3, {seed: 99}));
    const stats = gradientStats(sequential(...layers), x, labels, {loss: "softmaxCrossEntropy"});
    const dense0 = stats[0].std, dense14 = stats[14].std;
    expect(dense0).toBeLessThan(dense14 / 20); // σ' ≤ 1/4 per layer
  });

  it("rejects mismatched x and y", () => {
    const model = sequential(dense(4, 3));
    expect(() => gradientStats(model, x, Matrix.column([0]), {loss: "mse"})).toThrow("gradientStats: x has 30 rows but y has 1; they must match");
  });
});

describe("weightStats and updateRatios", () => {
  it("weightStats reports each parameter's shape, mean, std and norm", () => {
    const stats = weightStats(fixedModel());
    expect(stats.map((s) => s.name)).toEqual(["0.dense.W", "0.dense.b"]);
    expect(stats[0].norm).toBeCloseTo(2, 14);
    expect(stats[0].mean).toBe(0);
    expect([stats[0].rows, stats[0].cols]).toEqual([2, 3]);
    expect(stats[1].mean).toBeCloseTo(-1 / 3, 14);
  });

  it("updateRatios(before, after) is ‖ΔW‖/‖W‖, null for a parameter that was zero", () => {
    const before = sequential(dense(3, 2, {seed: 1}));
    const after = before.clone();
    const [W, b] = after.parameters();
    for (let i = 0; i < W.value.data.length; i++) W.value.data[i] *= 1.01;
    b.value.data[0] = 0.5;
    const ratios = updateRatios(before, after);
    expect(ratios[0].ratio).toBeCloseTo(0.01, 12);
    expect(ratios[1].ratio).toBeNull();
    expect(ratios[1].update).toBe(0.5);
    expect(() => updateRatios(before, sequential(dense(2, 2)))).toThrow("updateRatios: parameter 0.dense.W is 3×2 before and 2×2 after");
  });
});

describe("gradientCheck", () => {
  const x = testMatrix(6, 3, 4);
  const y = Matrix.column([0, 1, 2, 0, 1, 2]);

  it("finds relative errors below 1e-7 for a correct network and restores every parameter", () => {
    const model = sequential(dense(3, 5, {seed: 1}), tanh(), dense(5, 4, {seed: 2}), sigmoid(), dense(4, 3, {seed: 3}));
    const values = model.parameters().map((p) => p.value.data.slice());
    const check = gradientCheck(model, x, y, {loss: "softmaxCrossEntropy"});
    expect(check.maxRelativeError).toBeLessThan(1e-7);
    expect(check.parameters.map((p) => p.name)).toContain("2.dense.W");
    expect(check.parameters[0].checked).toBe(15);
    model.parameters().forEach((p, i) => expect(Array.from(p.value.data)).toEqual(Array.from(values[i])));
  });

  it("catches a layer whose backward is wrong", () => {
    // A ReLU that forgets to zero the gradient of negative inputs.
    const broken: Layer = {
      kind: "brokenRelu",
      x: null as Matrix | null,
      forward(x: Matrix) {
        (this as any).x = x;
        const y = x.clone();
        for (let i = 0; i < y.data.length; i++) y.data[i] = Math.max(0, y.data[i]);
        return y;
      },
      backward: (dy: Matrix) => dy.clone(),
      parameters: () => [],
      clone() {
        return {...this};
      },
      describe: () => "brokenRelu"
    } as Layer;
    const model = sequential(dense(3, 6, {seed: 1}), broken, dense(6, 3, {seed: 2}));
    const check = gradientCheck(model, x, y, {loss: "softmaxCrossEntropy"});
    expect(check.maxRelativeError).toBeGreaterThan(1e-2);
    const first = check.parameters.find((p) => p.name === "0.dense.W")!;
    expect(Math.abs(first.worst.analytic - first.worst.numeric)).toBeGreaterThan(1e-6);
  });

  it("checks at most `samples` entries of a large parameter, and dropout with a fixed mask in training mode", () => {
    const d = dropout(0.5, {seed: 1});
    const model = sequential(dense(3, 40, {seed: 1}), d, dense(40, 3, {seed: 2}));
    d.setMask(Matrix.fromRows(Array.from({length: 6}, (_, i) => Array.from({length: 40}, (_, j) => (i + j) % 2))));
    const check = gradientCheck(model, x, y, {loss: "softmaxCrossEntropy", samples: 10, training: true});
    expect(check.parameters[0].checked).toBe(10);
    expect(check.maxRelativeError).toBeLessThan(1e-7);
    expect(() => gradientCheck(model, x, y, {loss: "mse", epsilon: 0})).toThrow("gradientCheck: epsilon must be in (0, 1), got 0");
  });
});
