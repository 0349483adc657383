import {existsSync, readFileSync, unlinkSync, writeFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {Matrix} from "../src/matrix.js";
import {dense} from "../src/layers/dense.js";
import {relu, tanh} from "../src/layers/activations.js";
import {dropout} from "../src/layers/dropout.js";
import {batchNorm} from "../src/layers/batchNorm.js";
import {sequential} from "../src/layers/sequential.js";
import {l2} from "../src/regularizers.js";
import {adam, momentum, sgd, stepDecay} from "../src/optimizers/index.js";
import {evaluate, fit, train, trainStep, zeroGrad, type HistoryEntry, type TrainOptions} from "../src/train.js";
import type {Dataset} from "../src/datasets/dataset.js";
import {testMatrix} from "./helpers.js";

/** 64 points in (−1, 1)², labelled by quadrant parity (XOR), fixed by the test helper's LCG. */
function quadrants(n = 64, seed = 11): Dataset {
  const x = testMatrix(n, 2, seed);
  const y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) y.data[i] = x.get(i, 0) * x.get(i, 1) > 0 ? 1 : 0;
  return {x, y, classes: 2};
}

function smallModel() {
  return sequential(dense(2, 8, {seed: 1}), tanh(), dense(8, 1, {seed: 2}));
}

function weights(model: {parameters(): {value: Matrix}[]}): number[] {
  return model.parameters().flatMap((p) => Array.from(p.value.data));
}

const round = (v: number | undefined) => (v === undefined ? null : Math.round(v * 1e4) / 1e4);

/**
 * Compares a training history, rounded to 4 digits, with test/output/<name>.json; on a mismatch writes
 * <name>-changed.json beside it and fails (as Plot's snapshot tests do). A missing snapshot is written.
 */
function assertSnapshot(name: string, history: HistoryEntry[]): void {
  // one line per epoch, so a diff shows where the curves part
  const lines = history.map((h) => JSON.stringify({epoch: h.epoch, loss: round(h.loss), accuracy: round(h.accuracy), validationLoss: round(h.validationLoss)}));
  const actual = `[\n${lines.join(",\n")}\n]\n`;
  const path = new URL(`./output/${name}.json`, import.meta.url);
  const changed = new URL(`./output/${name}-changed.json`, import.meta.url);
  if (!existsSync(path)) writeFileSync(path, actual);
  if (actual !== readFileSync(path, "utf8")) {
    writeFileSync(changed, actual);
    expect.fail(`the loss curve changed; compare test/output/${name}-changed.json with ${name}.json and replace it if the change is intended`);
  } else if (existsSync(changed)) unlinkSync(changed);
}

describe("train", () => {
  it("fit trains a small network on XOR quadrants and records one history entry per epoch", () => {
    const data = quadrants();
    const run = fit(smallModel(), data, {loss: "bce", optimizer: adam({learningRate: 0.05}), epochs: 150, batchSize: 16, seed: 1});
    expect(run.done).toBe(true);
    expect(run.stoppedEarly).toBe(false);
    expect(run.epoch).toBe(150);
    expect(run.step).toBe(150 * 4);
    expect(run.history.length).toBe(150);
    expect(run.history[149]).toMatchObject({epoch: 150, step: 600, learningRate: 0.05});
    expect(run.history[0].loss).toBeGreaterThan(0.6);
    const final = evaluate(run.model, data, {loss: "bce"});
    expect(final.loss).toBeLessThan(0.15);
    expect(final.accuracy).toBeGreaterThan(0.95);
  });

  it("the same seed gives the identical training curve; another seed a different one", () => {
    const data = quadrants();
    const model = sequential(dense(2, 8, {seed: 1}), relu(), dropout(0.2, {seed: 3}), dense(8, 1, {seed: 2}));
    const options = (seed: number): TrainOptions => ({loss: "bce", optimizer: momentum({learningRate: 0.1}), epochs: 20, batchSize: 8, seed});
    const a = fit(model, data, options(4)).history;
    const b = fit(model, data, options(4)).history;
    const c = fit(model, data, options(5)).history;
    expect(b).toEqual(a);
    expect(c.map((h) => h.loss)).not.toEqual(a.map((h) => h.loss));
  });

  it("trains a clone by default and the model itself with copy: false", () => {
    const data = quadrants();
    const model = smallModel();
    const before = weights(model);
    const run = fit(model, data, {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 2});
    expect(weights(model)).toEqual(before);
    expect(run.model).not.toBe(model);
    const inPlace = fit(model, data, {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 2, copy: false});
    expect(inPlace.model).toBe(model);
    expect(weights(model)).toEqual(weights(run.model));
  });

  it("a seeded 50-epoch loss curve matches the snapshot in test/output/train-curve.json", () => {
    const run = fit(smallModel(), quadrants(), {loss: "bce", optimizer: momentum({learningRate: 0.1, momentum: 0.9}), epochs: 50, batchSize: 16, seed: 5, validation: 0.25});
    assertSnapshot("train-curve", run.history);
  });

  it("a 50-epoch curve with batch norm, dropout, Adam, L2 and clipping matches test/output/train-curve-regularized.json", () => {
    const model = sequential(dense(2, 16, {init: "he", seed: 1}), batchNorm(16), relu(), dropout(0.2, {seed: 4}), dense(16, 1, {seed: 2}));
    const run = fit(model, quadrants(96, 12), {
      loss: "bce",
      optimizer: adam({learningRate: 0.02}),
      epochs: 50,
      batchSize: 16,
      seed: 6,
      validation: 0.25,
      regularizer: l2(1e-3),
      clip: {norm: 1}
    });
    assertSnapshot("train-curve-regularized", run.history);
  });

  it("early stopping stops when the validation loss stops improving, and restores the best weights", () => {
    const data = quadrants();
    // the validation labels are the training labels flipped: the better the fit, the worse validation gets
    const flipped = {x: data.x, y: new Matrix(data.y.rows, 1, data.y.data.map((v) => 1 - v))};
    const run = fit(smallModel(), data, {
      loss: "bce",
      optimizer: adam({learningRate: 0.05}),
      epochs: 100,
      validation: flipped,
      earlyStopping: {patience: 3, restoreBest: true}
    });
    expect(run.stoppedEarly).toBe(true);
    expect(run.done).toBe(true);
    expect(run.epoch).toBe(run.bestEpoch! + 3);
    expect(run.epoch).toBeLessThan(100);
    const best = run.history[run.bestEpoch! - 1].validationLoss!;
    run.history.slice(run.bestEpoch!).forEach((h) => expect(h.validationLoss!).toBeGreaterThanOrEqual(best));
    expect(evaluate(run.model, flipped, {loss: "bce"}).loss).toBeCloseTo(best, 12);
    expect(run.validationLoss).toBe(best);
  });

  it("early stopping without restoreBest keeps the last weights", () => {
    const data = quadrants();
    const flipped = {x: data.x, y: new Matrix(data.y.rows, 1, data.y.data.map((v) => 1 - v))};
    const run = fit(smallModel(), data, {loss: "bce", optimizer: adam({learningRate: 0.05}), epochs: 100, validation: flipped, earlyStopping: {patience: 3}});
    expect(run.stoppedEarly).toBe(true);
    expect(run.validationLoss).toBe(run.history.at(-1)!.validationLoss);
    expect(evaluate(run.model, flipped, {loss: "bce"}).loss).toBeCloseTo(run.validationLoss!, 12);
  });

  it("restoreBest also restores batch-norm running averages", () => {
    const data = quadrants();
    const flipped = {x: data.x, y: new Matrix(data.y.rows, 1, data.y.data.map((v) => 1 - v))};
    const model = sequential(dense(2, 8, {seed: 1}), batchNorm(8), tanh(), dense(8, 1, {seed: 2}));
    const run = fit(model, data, {loss: "bce", optimizer: adam({learningRate: 0.05}), epochs: 100, batchSize: 16, validation: flipped, earlyStopping: {patience: 2, restoreBest: true}});
    expect(run.stoppedEarly).toBe(true);
    expect(evaluate(run.model, flipped, {loss: "bce"}).loss).toBeCloseTo(run.history[run.bestEpoch! - 1].validationLoss!, 12);
  });

  it("validation as a fraction holds out that share of the rows, the same ones for the same seed", () => {
    const data = quadrants(100);
    const options: TrainOptions = {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 3, batchSize: 10, validation: 0.2, seed: 9};
    const a = fit(smallModel(), data, options);
    expect(a.step).toBe(3 * 8); // 80 training rows in batches of 10
    expect(a.validationLoss).toBeDefined();
    expect(fit(smallModel(), data, options).history).toEqual(a.history);
  });

  it("a last batch of one row is merged into the one before, so batch norm can train on any n", () => {
    const data = quadrants(33); // 33 = 32 + 1 with batches of 16: steps of 16 and 17 rows
    const model = sequential(dense(2, 8, {seed: 1}), batchNorm(8), tanh(), dense(8, 1, {seed: 2}));
    const run = fit(model, data, {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 3, batchSize: 16});
    expect(run.step).toBe(3 * 2);
    expect(Number.isFinite(run.loss)).toBe(true);
  });

  it("clipping by global norm bounds every step", () => {
    const data = quadrants();
    const model = smallModel();
    const optimizer = sgd({learningRate: 1});
    for (let i = 0; i < 5; i++) {
      const before = weights(model);
      trainStep(model, data.x, data.y, {loss: "bce", optimizer, clip: {norm: 0.01}});
      const after = weights(model);
      const change = Math.sqrt(after.reduce((s, w, k) => s + (w - before[k]) ** 2, 0));
      expect(change).toBeLessThanOrEqual(0.01 + 1e-12); // η · maxNorm
      expect(change).toBeGreaterThan(0.0099); // the raw gradient was larger, so it was clipped to exactly 0.01
    }
    const run = fit(smallModel(), data, {loss: "bce", optimizer: sgd({learningRate: 1}), epochs: 1, clip: {norm: 0.01}});
    expect(run.gradientNorm).toBeGreaterThan(0.01);
  });

  it("clipping by value bounds every gradient entry", () => {
    const data = quadrants();
    const model = smallModel();
    const before = weights(model);
    trainStep(model, data.x, data.y, {loss: "bce", optimizer: sgd({learningRate: 1}), clip: {value: 1e-3}});
    weights(model).forEach((w, k) => expect(Math.abs(w - before[k])).toBeLessThanOrEqual(1e-3 + 1e-15));
  });

  it("trainStep is one SGD step: W ← W − η·dW", () => {
    const x = testMatrix(4, 3);
    const y = testMatrix(4, 2, 5);
    const layer = dense(3, 2, {seed: 1});
    const W0 = Array.from(layer.W.data);
    // dL/dW = xᵀ·dL/dy with dL/dy = 2(xW + b − y)/(n·d) for the mean squared error
    const out = layer.forward(x);
    const dW = new Array(6).fill(0);
    for (let i = 0; i < 4; i++) for (let a = 0; a < 3; a++) for (let j = 0; j < 2; j++) dW[a * 2 + j] += (x.get(i, a) * 2 * (out.get(i, j) - y.get(i, j))) / 8;
    const value = trainStep(layer, x, y, {loss: "mse", optimizer: sgd({learningRate: 0.5})});
    expect(value).toBeGreaterThan(0);
    Array.from(layer.W.data).forEach((w, k) => expect(w).toBeCloseTo(W0[k] - 0.5 * dW[k], 12));
  });

  it("a regularizer pulls the weights towards zero", () => {
    const data = quadrants();
    const options: TrainOptions = {loss: "bce", optimizer: sgd({learningRate: 0.2}), epochs: 40, batchSize: 16};
    const norm = (m: {parameters(): {value: Matrix; regularize: boolean}[]}) => Math.hypot(...m.parameters().filter((p) => p.regularize).flatMap((p) => Array.from(p.value.data)));
    const plain = fit(smallModel(), data, options);
    const decayed = fit(smallModel(), data, {...options, regularizer: l2(0.5)});
    expect(norm(decayed.model)).toBeLessThan(0.7 * norm(plain.model));
    // the penalty is reported beside the data loss: (λ/2)‖W‖²
    expect(decayed.history[39].penalty).toBeCloseTo(0.25 * norm(decayed.model) ** 2, 12);
    expect(plain.history[39].penalty).toBeUndefined();
  });

  it("a learning-rate schedule advances once per step and is recorded per epoch", () => {
    // 64 rows in batches of 16: 4 steps per epoch, so stepDecay every 4 steps halves the rate each epoch
    const run = fit(smallModel(), quadrants(), {loss: "bce", optimizer: sgd({learningRate: stepDecay({initial: 0.4, every: 4})}), epochs: 3, batchSize: 16});
    expect(run.history.map((h) => h.learningRate)).toEqual([0.4, 0.2, 0.1]);
  });

  it("one optimizer keeps separate state for separate models", () => {
    const data = quadrants();
    const optimizer = momentum({learningRate: 0.1});
    const a = smallModel();
    const b = smallModel();
    trainStep(a, data.x, data.y, {loss: "bce", optimizer});
    const [W] = b.parameters();
    expect(optimizer.stateOf(W)).toEqual({});
    expect(optimizer.stateOf(a.parameters()[0]).velocity.length).toBe(W.value.data.length);
  });

  it("zeroGrad clears the gradients", () => {
    const data = quadrants();
    const model = smallModel();
    trainStep(model, data.x, data.y, {loss: "bce", optimizer: sgd({learningRate: 0.1})});
    expect(model.parameters().some((p) => p.grad.data.some((g) => g !== 0))).toBe(true);
    zeroGrad(model);
    expect(model.parameters().every((p) => p.grad.data.every((g) => g === 0))).toBe(true);
  });

  it("a diverging run stops with a message that says where and what to try", () => {
    const data = {x: testMatrix(32, 2), y: new Matrix(32, 1).fill(1e3)};
    const model = sequential(dense(2, 16, {seed: 1}), relu(), dense(16, 1, {seed: 2}));
    expect(() => fit(model, data, {loss: "mse", optimizer: sgd({learningRate: 10}), epochs: 50, batchSize: 8})).toThrow(
      /^train: loss became (NaN|Infinity) at step \d+ \(epoch \d+\); try a smaller learning rate, gradient clipping, or another initialization$/
    );
  });

  it("train yields progress as an async generator and ends with done: true", async () => {
    const seen: {epoch: number; done: boolean}[] = [];
    for await (const p of train(smallModel(), quadrants(), {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 30, yieldEvery: 0})) {
      seen.push({epoch: p.epoch, done: p.done});
    }
    expect(seen.at(-1)).toEqual({epoch: 30, done: true});
    expect(seen.filter((p) => p.done).length).toBe(1);
    expect(seen.length).toBeGreaterThanOrEqual(30); // yieldEvery: 0 yields after every epoch (and step)
  });

  it("train yields before each epoch's validation pass, so a page can draw before that long forward pass", async () => {
    // full batch: one step per epoch, so with yieldEvery: 0 the only yields are at epoch ends
    const data = quadrants();
    const completed: number[] = [];
    for await (const p of train(smallModel(), data, {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 3, batchSize: data.x.rows, validation: 0.25, yieldEvery: 0})) {
      completed.push(p.history.length);
    }
    // before epoch k's validation, k − 1 epochs are in the history; after it, k
    expect(completed).toEqual([0, 1, 1, 2, 2, 3]); // the last is the final progress, done: true
  });

  it("train gives way to other tasks between slices, so a page can draw while a cell loops over it", async () => {
    let otherTaskRan = false;
    setImmediate(() => (otherTaskRan = true));
    let slices = 0;
    for await (const p of train(smallModel(), quadrants(), {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 5, yieldEvery: 0})) {
      if (++slices === 3) expect(otherTaskRan).toBe(true);
      if (p.done) break;
    }
    expect(slices).toBeGreaterThan(3);
  });

  it("stopping the iteration stops training", async () => {
    const optimizer = sgd({learningRate: 0.1});
    const run = train(smallModel(), quadrants(), {loss: "bce", optimizer, epochs: 1000, batchSize: 8, yieldEvery: 0});
    let count = 0;
    for await (const p of run) {
      if (++count === 3) {
        expect(p.done).toBe(false);
        break; // calls run.return()
      }
    }
    const steps = optimizer.stepCount;
    expect(steps).toBeLessThan(20);
    expect((await run.next()).done).toBe(true);
    expect(optimizer.stepCount).toBe(steps);
  });

  it("train validates its arguments", () => {
    const data = quadrants();
    const model = smallModel();
    const ok: TrainOptions = {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 1};
    const bad = (options: Partial<TrainOptions> | Record<string, unknown>, d: Dataset = data) => () => fit(model, d, {...ok, ...options} as TrainOptions);
    expect(bad({epochs: 0})).toThrow("train: epochs must be an integer ≥ 1, got 0");
    expect(bad({epochs: 2.5})).toThrow("train: epochs must be an integer ≥ 1, got 2.5");
    expect(bad({batchSize: 0})).toThrow("train: batchSize must be an integer ≥ 1, got 0");
    expect(bad({optimizer: undefined})).toThrow("train: optimizer is required, e.g. optimizer: sgd({learningRate: 0.1}), got undefined");
    expect(bad({loss: "l2" as "mse"})).toThrow('loss: unknown loss "l2"');
    expect(bad({learningRate: 0.1})).toThrow('train: unknown option "learningRate"; the options are loss, optimizer, epochs');
    expect(bad({validation: 1})).toThrow("train: validation as a fraction must be in (0, 1), got 1");
    expect(bad({earlyStopping: {patience: 2, monitor: "validationLoss"}})).toThrow('train: earlyStopping monitors "validationLoss" but there is no validation set');
    expect(bad({clip: {norm: -1}})).toThrow("train: clip.norm must be a positive finite number, got -1");
    expect(bad({}, {x: data.x, y: new Matrix(63, 1)})).toThrow("train: data.x has 64 rows but data.y has 63; they must match");
    const nan = data.x.clone();
    nan.set(3, 1, NaN);
    expect(bad({}, {x: nan, y: data.y})).toThrow("train: data.x has NaN at row 3, column 1");
    expect(() => trainStep(model, data.x, data.y, {loss: "bce"} as never)).toThrow("trainStep: optimizer is required");
  });
});
