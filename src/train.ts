// Chapter: the training loop (mini-batches, epochs, validation, early stopping). Everything else in
// the book calls these functions.
import {Matrix, assertFinite, isMatrix} from "./matrix.js";
import {random} from "./random.js";
import {nextTask} from "./nextTask.js";
import type {Dataset} from "./datasets/dataset.js";
import type {Layer, Parameter} from "./layers/layer.js";
import type {Sequential} from "./layers/sequential.js";
import type {BatchNorm} from "./layers/batchNorm.js";
import {accuracy, loss as lossNamed, type Loss, type LossName} from "./losses.js";
import type {Regularizer, Constraint} from "./regularizers.js";
import type {Optimizer} from "./optimizers/optimizer.js";
import {clipByGlobalNorm, clipByValue} from "./optimizers/clipping.js";

export interface TrainOptions {
  loss: LossName | Loss;
  optimizer: Optimizer;
  epochs: number;
  /** Default 32; the full batch if ≥ the number of training rows. A last batch of one row is merged into the one before. */
  batchSize?: number;
  /** Seeds the shuffling and the validation split, nothing else. Default 0. */
  seed?: number;
  /** A held-out set, or the fraction of the training data to hold out (chosen with `seed`). */
  validation?: Dataset | number;
  /**
   * Stop after `patience` epochs in a row without a new best monitored loss. With `restoreBest`, the run
   * ends (stopped early or not) with the weights and batch-norm running averages of the best epoch, and
   * the final Progress reports that epoch's losses. `monitor` defaults to "validationLoss" when there is
   * a validation set, else "loss".
   */
  earlyStopping?: {patience: number; monitor?: "validationLoss" | "loss"; restoreBest?: boolean};
  regularizer?: Regularizer;
  constraint?: Constraint;
  /** Gradient clipping after the regularizer's gradient is added: by global norm, by value, or both. */
  clip?: {norm?: number; value?: number};
  /**
   * Default true: train a clone, so that rerunning a cell starts from the same initial weights; the
   * optimizer is then reset too. With `copy: false` the model is trained in place and the optimizer
   * keeps its state, so a second call continues the first.
   */
  copy?: boolean;
  /** Milliseconds of work between yields of `train` (default 30): small enough for a smooth page. */
  yieldEvery?: number;
}

export interface HistoryEntry {
  epoch: number;
  step: number;
  loss: number;
  accuracy?: number;
  validationLoss?: number;
  validationAccuracy?: number;
  /** The learning rate of the epoch's last step. */
  learningRate: number;
  /** The regularizer's penalty R(W) at the end of the epoch (only with a regularizer); loss + penalty is what was minimized. */
  penalty?: number;
}

export interface Progress<M extends Layer = Sequential> {
  /** Epochs and steps (mini-batch updates) completed so far. */
  epoch: number;
  step: number;
  /**
   * Mean training loss and accuracy of the latest epoch, measured on the mini-batches as they were
   * trained (in training mode: with dropout, on batch statistics). Between epochs: of the epoch so far.
   * The loss is the data loss; a regularizer's penalty is not included.
   */
  loss: number;
  accuracy?: number;
  /** On the validation set in inference mode, after the latest epoch. */
  validationLoss?: number;
  validationAccuracy?: number;
  /** One entry per completed epoch. */
  history: HistoryEntry[];
  /** The model being trained (a clone of the one passed in, unless `copy: false`). */
  model: M;
  /** The learning rate of the latest step. */
  learningRate: number;
  /** The regularizer's penalty after the latest epoch (only with a regularizer). */
  penalty?: number;
  /** The global gradient norm before clipping at the latest step (only with `clip.norm`). */
  gradientNorm?: number;
  /** The epoch with the best monitored loss (only with early stopping). */
  bestEpoch?: number;
  done: boolean;
  stoppedEarly: boolean;
}

export interface StepOptions {
  loss: LossName | Loss;
  optimizer: Optimizer;
  regularizer?: Regularizer;
  constraint?: Constraint;
  clip?: {norm?: number; value?: number};
}

/** What one model reuses from step to step: its parameter list and the dL/dOutput buffers. */
interface StepCache {
  params: Parameter[];
  grads: Map<number, Matrix>;
  /** The model's output from the last step's forward pass. */
  output?: Matrix;
  gradientNorm: number;
}

const caches = new WeakMap<Layer, StepCache>();
const TRAINING = {training: true} as const;
const INFERENCE = {training: false} as const;

function cacheFor(model: Layer): StepCache {
  let cache = caches.get(model);
  if (!cache) caches.set(model, (cache = {params: model.parameters(), grads: new Map(), gradientNorm: NaN}));
  return cache;
}

/**
 * Sets every parameter's gradient to zero (`backward` adds into them).
 *
 * ```ts
 * zeroGrad(model);
 * model.backward(loss("mse").compute(model.forward(x, {training: true}), y).grad);
 * ```
 */
export function zeroGrad(model: Layer): void {
  const params = cacheFor(model).params;
  for (let i = 0; i < params.length; i++) params[i].grad.data.fill(0);
}

/** One step without the divergence check; returns the loss, and skips the update if it is not finite. */
function step(model: Layer, x: Matrix, y: Matrix, loss: Loss, options: StepOptions): number {
  const cache = cacheFor(model);
  const params = cache.params;
  const out = (cache.output = model.forward(x, TRAINING));
  let grad = cache.grads.get(out.rows);
  if (!grad || grad.cols !== out.cols) cache.grads.set(out.rows, (grad = new Matrix(out.rows, out.cols)));
  const value = loss.computeInto(out, y, grad);
  if (!Number.isFinite(value)) return value;
  for (let i = 0; i < params.length; i++) params[i].grad.data.fill(0);
  // nobody reads dL/dx of the model's input here, so let the first layer skip computing it
  const needsInputGradient = model.needsInputGradient;
  if (needsInputGradient !== undefined) model.needsInputGradient = false;
  model.backward(grad);
  if (needsInputGradient !== undefined) model.needsInputGradient = needsInputGradient;
  if (options.regularizer) options.regularizer.addGradient(params);
  const clip = options.clip;
  if (clip) {
    if (clip.value !== undefined) clipByValue(params, clip.value);
    if (clip.norm !== undefined) cache.gradientNorm = clipByGlobalNorm(params, clip.norm);
  }
  options.optimizer.step(params);
  if (options.constraint) options.constraint.apply(params);
  return value;
}

/**
 * One training step on one mini-batch: forward (training mode) → loss → zero the gradients → backward →
 * add the regularizer's gradient → clip → optimizer step → constraint. Returns the loss before the update.
 * After its first call on a model it allocates no arrays (the benchmark's hot path): the model's parameter
 * list and the dL/dOutput buffer are kept per model, so layers added to a model after its first step are
 * not seen.
 *
 * ```ts
 * const optimizer = sgd({learningRate: 0.1});
 * for (let i = 0; i < 100; i++) trainStep(model, data.x, data.y, {loss: "bce", optimizer});
 * ```
 */
export function trainStep(model: Layer, x: Matrix, y: Matrix, options: StepOptions): number {
  if (!options || !options.optimizer || typeof options.optimizer.step !== "function") {
    throw new Error("trainStep: optimizer is required, e.g. {loss: \"bce\", optimizer: sgd({learningRate: 0.1})}");
  }
  const value = step(model, x, y, lossNamed(options.loss), options);
  if (!Number.isFinite(value)) {
    throw new Error(`trainStep: loss became ${value}; try a smaller learning rate, gradient clipping, or another initialization`);
  }
  return value;
}

/**
 * The loss (and accuracy, for classification losses) of a model on a dataset, in inference mode.
 *
 * ```ts
 * const {loss, accuracy} = evaluate(model, test, {loss: "crossEntropy"});
 * ```
 */
export function evaluate(model: Layer, data: Dataset, {loss}: {loss: LossName | Loss}): {loss: number; accuracy?: number} {
  checkDataset("evaluate", "data", data);
  const l = lossNamed(loss);
  const out = model.forward(data.x, INFERENCE);
  const value = l.value(out, data.y);
  return l.classification ? {loss: value, accuracy: accuracy(out, data.y)} : {loss: value};
}

/**
 * Trains `model` on `data`, yielding a `Progress` at least every `yieldEvery` ms and once more at the end
 * with `done: true`. Stopping the iteration (a Framework cell being invalidated, `break` in `for await`)
 * stops training. The model passed in is left unchanged unless `copy: false`.
 *
 * ```ts
 * const run = train(model, moons({n: 400, seed: 1}), {loss: "bce", optimizer: adam({learningRate: 0.01}), epochs: 200});
 * // in a Framework page, `run` is the latest Progress: run.history, run.loss, run.model
 * ```
 */
export async function* train<M extends Layer = Sequential>(model: M, data: Dataset, options: TrainOptions): AsyncGenerator<Progress<M>, void, undefined> {
  const loop = run(model, data, options, true);
  for (const progress of loop) {
    yield progress;
    // A cell that runs `for await (const p of train(…))` itself only gives way to microtasks, and the
    // page cannot draw or take a click until the loop ends: wait for a real task before the next slice.
    if (!progress.done) await nextTask();
  }
}

/**
 * Runs the same loop as `train` synchronously to the end and returns the final `Progress`.
 *
 * ```ts
 * const {model: trained, history} = fit(model, data, {loss: "bce", optimizer: sgd({learningRate: 0.5}), epochs: 50});
 * ```
 */
export function fit<M extends Layer = Sequential>(model: M, data: Dataset, options: TrainOptions): Progress<M> {
  let last: Progress<M> | undefined;
  for (const progress of run(model, data, options, false)) last = progress;
  return last!;
}

const OPTION_NAMES = ["loss", "optimizer", "epochs", "batchSize", "seed", "validation", "earlyStopping", "regularizer", "constraint", "clip", "copy", "yieldEvery"];

function checkDataset(what: string, name: string, data: Dataset): void {
  if (!data || !isMatrix(data.x) || !isMatrix(data.y)) {
    throw new Error(`${what}: ${name} must be a dataset {x, y} of matrices, got ${data === null ? "null" : typeof data}`);
  }
  if (data.x.rows !== data.y.rows) {
    throw new Error(`${what}: ${name}.x has ${data.x.rows} rows but ${name}.y has ${data.y.rows}; they must match (one target row per example)`);
  }
  if (data.x.rows === 0) throw new Error(`${what}: ${name} has no rows`);
  assertFinite(data.x, `${what}: ${name}.x`);
  assertFinite(data.y, `${what}: ${name}.y`);
}

function checkOptions(model: Layer, data: Dataset, options: TrainOptions): void {
  if (!model || typeof model.forward !== "function" || typeof model.clone !== "function") {
    throw new Error(`train: model must be a layer or sequential(...) model, got ${model === null ? "null" : typeof model}`);
  }
  if (!options || typeof options !== "object") throw new Error("train: options are required, e.g. {loss: \"bce\", optimizer: sgd({learningRate: 0.1}), epochs: 100}");
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) throw new Error(`train: unknown option "${key}"; the options are ${OPTION_NAMES.join(", ")}`);
  }
  checkDataset("train", "data", data);
  const {optimizer, epochs, batchSize = 32, seed = 0, validation, earlyStopping, clip, yieldEvery = 30} = options;
  if (!optimizer || typeof optimizer.step !== "function") {
    throw new Error(`train: optimizer is required, e.g. optimizer: sgd({learningRate: 0.1}), got ${String(optimizer)}`);
  }
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new Error(`train: epochs must be an integer ≥ 1, got ${epochs}`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new Error(`train: batchSize must be an integer ≥ 1, got ${batchSize}`);
  if (!(typeof seed === "number" && Number.isFinite(seed))) throw new Error(`train: seed must be a finite number, got ${seed}`);
  if (!(typeof yieldEvery === "number" && yieldEvery >= 0)) throw new Error(`train: yieldEvery must be a number of milliseconds ≥ 0, got ${yieldEvery}`);
  if (typeof validation === "number") {
    if (!(validation > 0 && validation < 1)) throw new Error(`train: validation as a fraction must be in (0, 1), got ${validation}`);
    const held = Math.round(validation * data.x.rows);
    if (held < 1 || held >= data.x.rows) {
      throw new Error(`train: validation ${validation} of ${data.x.rows} rows leaves ${held} for validation and ${data.x.rows - held} for training; both need at least 1`);
    }
  } else if (validation !== undefined) {
    checkDataset("train", "validation", validation);
    if (validation.x.cols !== data.x.cols || validation.y.cols !== data.y.cols) {
      throw new Error(`train: validation has ${validation.x.cols} input and ${validation.y.cols} target columns, but data has ${data.x.cols} and ${data.y.cols}`);
    }
  }
  if (earlyStopping) {
    const {patience, monitor} = earlyStopping;
    if (!(Number.isInteger(patience) && patience >= 1)) throw new Error(`train: earlyStopping.patience must be an integer ≥ 1, got ${patience}`);
    if (monitor !== undefined && monitor !== "loss" && monitor !== "validationLoss") {
      throw new Error(`train: earlyStopping.monitor must be "loss" or "validationLoss", got ${JSON.stringify(monitor)}`);
    }
    if (monitor === "validationLoss" && validation === undefined) {
      throw new Error('train: earlyStopping monitors "validationLoss" but there is no validation set; pass validation (a dataset or a fraction) or monitor: "loss"');
    }
  }
  if (clip) {
    for (const key of Object.keys(clip)) if (key !== "norm" && key !== "value") throw new Error(`train: unknown clip option "${key}"; use clip: {norm} or clip: {value}`);
    if (clip.norm !== undefined && !(Number.isFinite(clip.norm) && clip.norm > 0)) throw new Error(`train: clip.norm must be a positive finite number, got ${clip.norm}`);
    if (clip.value !== undefined && !(Number.isFinite(clip.value) && clip.value > 0)) throw new Error(`train: clip.value must be a positive finite number, got ${clip.value}`);
  }
  if (options.regularizer && typeof options.regularizer.addGradient !== "function") throw new Error("train: regularizer must come from l2(λ), l1(λ) or elasticNet({l1, l2})");
  if (options.constraint && typeof options.constraint.apply !== "function") throw new Error("train: constraint must come from maxNorm(c)");
}

/** Rows `order[start … start + count)` of `source`, copied into `out` (no allocation once `out` exists). */
function gather(source: Matrix, order: Uint32Array, start: number, count: number, out: Matrix): Matrix {
  const d = source.cols;
  const S = source.data;
  const O = out.data;
  for (let i = 0; i < count; i++) {
    const from = order[start + i] * d;
    const to = i * d;
    for (let j = 0; j < d; j++) O[to + j] = S[from + j];
  }
  return out;
}

function rowsOf(source: Matrix, rows: ArrayLike<number>): Matrix {
  const order = Uint32Array.from(rows);
  return gather(source, order, 0, order.length, new Matrix(order.length, source.cols));
}

/** A copy of everything `restoreBest` needs: parameter values and batch-norm running averages. */
function snapshot(model: Layer, params: Parameter[]): Float64Array[] {
  const values = params.map((p) => p.value.data.slice());
  for (const bn of batchNorms(model)) values.push(bn.runningMean.data.slice(), bn.runningVariance.data.slice());
  return values;
}

function restore(model: Layer, params: Parameter[], values: Float64Array[]): void {
  params.forEach((p, i) => p.value.data.set(values[i]));
  let k = params.length;
  for (const bn of batchNorms(model)) {
    bn.runningMean.data.set(values[k++]);
    bn.runningVariance.data.set(values[k++]);
  }
}

/** Layers with running averages (batch norm), found by shape rather than class for the same reason as isMatrix. */
function batchNorms(model: Layer): BatchNorm[] {
  const m = model as Partial<BatchNorm> & {layers?: unknown};
  if (m.runningMean && m.runningVariance && isMatrix(m.runningMean) && isMatrix(m.runningVariance)) return [m as BatchNorm];
  return Array.isArray(m.layers) ? m.layers.flatMap((layer: Layer) => batchNorms(layer)) : [];
}

/** The loop itself, as a synchronous generator; `timed` makes it yield every `yieldEvery` ms. */
function* run<M extends Layer>(original: M, data: Dataset, options: TrainOptions, timed: boolean): Generator<Progress<M>, void, undefined> {
  checkOptions(original, data, options);
  const loss = lossNamed(options.loss);
  const {optimizer, epochs, seed = 0, earlyStopping, copy = true, yieldEvery = 30} = options;
  const model = (copy ? original.clone() : original) as M;
  if (copy) optimizer.reset();

  // the split and the shuffles draw from separate streams of one seed
  const base = random(seed);
  const splitRandom = base.fork();
  const shuffleRandom = base.fork();
  let trainX = data.x;
  let trainY = data.y;
  let validation: Dataset | undefined;
  if (typeof options.validation === "number") {
    const order = splitRandom.permutation(data.x.rows);
    const held = Math.round(options.validation * data.x.rows);
    const kept = order.slice(held).sort((a, b) => a - b);
    const heldOut = order.slice(0, held).sort((a, b) => a - b);
    validation = {x: rowsOf(data.x, heldOut), y: rowsOf(data.y, heldOut)};
    trainX = rowsOf(data.x, kept);
    trainY = rowsOf(data.y, kept);
  } else validation = options.validation;

  const n = trainX.rows;
  const batchSize = Math.min(options.batchSize ?? 32, n);
  const fullBatch = batchSize === n;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const batches = new Map<number, {x: Matrix; y: Matrix}>();
  const batchOf = (count: number) => {
    let b = batches.get(count);
    if (!b) batches.set(count, (b = {x: new Matrix(count, trainX.cols), y: new Matrix(count, trainY.cols)}));
    return b;
  };

  const cache = cacheFor(model);
  const params = cache.params;
  const stepOptions: StepOptions = {loss, optimizer, regularizer: options.regularizer, constraint: options.constraint, clip: options.clip};
  const monitor = earlyStopping ? (earlyStopping.monitor ?? (validation ? "validationLoss" : "loss")) : undefined;
  let best = Infinity;
  let bestEpoch = 0;
  let bestValues: Float64Array[] | undefined;
  let waited = 0;

  const history: HistoryEntry[] = [];
  let steps = 0;
  let epoch = 0;
  let epochLoss = 0;
  let epochCorrect = 0;
  let epochSeen = 0;
  let latest: Omit<HistoryEntry, "epoch" | "step" | "learningRate"> = {loss: NaN};
  let learningRate = optimizer.learningRateAt(optimizer.stepCount);
  let stoppedEarly = false;
  const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());
  let lastYield = now();

  const progress = (done: boolean): Progress<M> => {
    const current = done || epochSeen === 0 ? latest : {...latest, loss: epochLoss / epochSeen, accuracy: loss.classification ? epochCorrect / epochSeen : undefined};
    const p: Progress<M> = {epoch, step: steps, ...current, history: history.slice(), model, learningRate, done, stoppedEarly};
    if (options.clip?.norm !== undefined) p.gradientNorm = cache.gradientNorm;
    if (earlyStopping) p.bestEpoch = bestEpoch;
    for (const key of ["accuracy", "validationLoss", "validationAccuracy", "penalty"] as const) if (p[key] === undefined) delete p[key];
    return p;
  };

  for (epoch = 0; epoch < epochs; ) {
    if (!fullBatch) shuffleRandom.shuffle(order);
    epochLoss = epochCorrect = epochSeen = 0;
    for (let start = 0, count = 0; start < n; start += count) {
      count = Math.min(batchSize, n - start);
      // a last batch of one row joins the one before: batch norm cannot normalize a single row
      if (n - start - count === 1) count++;
      let x = trainX;
      let y = trainY;
      if (!fullBatch) {
        const b = batchOf(count);
        x = gather(trainX, order, start, count, b.x);
        y = gather(trainY, order, start, count, b.y);
      }
      learningRate = optimizer.learningRateAt(optimizer.stepCount);
      const value = step(model, x, y, loss, stepOptions);
      if (!Number.isFinite(value)) {
        throw new Error(`train: loss became ${value} at step ${steps + 1} (epoch ${epoch + 1}); try a smaller learning rate, gradient clipping, or another initialization`);
      }
      steps++;
      epochLoss += value * count;
      if (loss.classification) epochCorrect += accuracy(cache.output!, y) * count;
      epochSeen += count;
      if (timed && now() - lastYield >= yieldEvery && start + count < n) {
        yield progress(false);
        lastYield = now();
      }
    }
    if (timed && validation && now() - lastYield >= yieldEvery) {
      // the validation pass is a forward pass over a whole dataset: let the page draw before it
      yield progress(false);
      lastYield = now();
    }
    epoch++;
    latest = {loss: epochLoss / epochSeen};
    if (loss.classification) latest.accuracy = epochCorrect / epochSeen;
    if (options.regularizer) latest.penalty = options.regularizer.penalty(params);
    if (validation) {
      const v = evaluate(model, validation, {loss});
      latest.validationLoss = v.loss;
      if (v.accuracy !== undefined) latest.validationAccuracy = v.accuracy;
    }
    history.push({epoch, step: steps, ...latest, learningRate});
    epochSeen = 0;

    if (earlyStopping) {
      const value = monitor === "validationLoss" ? latest.validationLoss! : latest.loss;
      if (value < best) {
        best = value;
        bestEpoch = epoch;
        waited = 0;
        if (earlyStopping.restoreBest) bestValues = snapshot(model, params);
      } else if (++waited >= earlyStopping.patience) {
        stoppedEarly = true;
        break;
      }
    }
    if (timed && epoch < epochs && now() - lastYield >= yieldEvery) {
      yield progress(false);
      lastYield = now();
    }
  }
  if (earlyStopping?.restoreBest && bestValues && bestEpoch < epoch) {
    restore(model, params, bestValues);
    const {epoch: _e, step: _s, learningRate: _l, ...best} = history[bestEpoch - 1];
    latest = best; // the reported losses now describe the weights the model has
  }
  yield progress(true);
}
