// Looking inside a network, for the chapters on initialization, activations, batch norm and
// debugging: per-layer statistics of activations and of gradients, weight statistics, the size of
// one update relative to the weights, and a numerical gradient check.
import {Matrix} from "./matrix.js";
import {random} from "./random.js";
import {loss as lossOf, type Loss, type LossName} from "./losses.js";
import type {Layer, Parameter} from "./layers/layer.js";
import type {Sequential} from "./layers/sequential.js";

/** One histogram bar: `count` values fell in [x0, x1). */
export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

/** Summary of a set of numbers (a layer's outputs, its gradients, a weight matrix). */
export interface Summary {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Root mean square, √(mean of squares): the typical magnitude whatever the sign. */
  rms: number;
  histogram: Bin[];
}

export interface ActivationStats extends Summary {
  /** Index of the layer in `model.layers`. */
  layer: number;
  /** "index.kind", matching the parameter names, e.g. "3.relu". */
  name: string;
  kind: string;
  units: number;
  /** Fraction of outputs exactly 0 (sparsity). */
  zeros: number;
  /** ReLU layers: fraction of units that are 0 for every example in the batch; null for other kinds. */
  dead: number | null;
  /** Sigmoid and tanh layers: fraction of outputs in the flat tails (|tanh| > 0.99, sigmoid outside [0.01, 0.99]); null for other kinds. */
  saturated: number | null;
}

export interface HistogramOptions {
  /** Number of histogram bins (default 30). */
  bins?: number;
  /** Fixed [lo, hi] for the bins, so several histograms share an axis; values outside go to the end bins. Default: [min, max]. */
  domain?: [number, number];
}

// Duck-typed rather than `instanceof`, so a model built from another copy of the engine module still works.
function isModel(model: unknown): model is Sequential {
  const m = model as Sequential;
  return !!m && Array.isArray(m.layers) && typeof m.forward === "function" && typeof m.clone === "function" && typeof m.parameters === "function";
}

function checkModel(fn: string, model: unknown): asserts model is Sequential {
  if (!isModel(model)) {
    throw new Error(`${fn}: model must be a sequential model, got ${model === null ? "null" : typeof model === "object" ? (model as Layer).kind ?? "an object" : typeof model}`);
  }
}

function checkInput(fn: string, x: unknown, what = "x"): asserts x is Matrix {
  if (!(x instanceof Matrix) || x.rows < 1) {
    throw new Error(`${fn}: ${what} must be a Matrix with at least one row, got ${x instanceof Matrix ? `${x.rows}×${x.cols}` : typeof x}`);
  }
}

function checkBins(fn: string, bins: number, domain?: [number, number]): void {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`${fn}: bins must be an integer ≥ 1, got ${bins}`);
  if (domain !== undefined && !(Array.isArray(domain) && Number.isFinite(domain[0]) && Number.isFinite(domain[1]) && domain[0] < domain[1])) {
    throw new Error(`${fn}: domain must be [lo, hi] with finite lo < hi, got ${JSON.stringify(domain)}`);
  }
}

/**
 * Mean, standard deviation (population), min, max, RMS and an evenly binned histogram of `values`,
 * in two passes. Non-finite values make every statistic NaN and the histogram empty, so a page shows
 * that something diverged instead of a misleading chart.
 */
export function summarize(values: ArrayLike<number>, {bins = 30, domain}: HistogramOptions = {}): Summary {
  checkBins("summarize", bins, domain);
  const n = values.length;
  let sum = 0, squares = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    squares += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0 || !Number.isFinite(sum) || !Number.isFinite(squares)) {
    return {mean: NaN, std: NaN, min: n ? min : NaN, max: n ? max : NaN, rms: NaN, histogram: []};
  }
  const mean = sum / n;
  let deviations = 0;
  for (let i = 0; i < n; i++) deviations += (values[i] - mean) * (values[i] - mean);
  let [lo, hi] = domain ?? [min, max];
  if (!(hi > lo)) [lo, hi] = [lo - 0.5, lo + 0.5]; // all values equal: one unit-wide range around them
  const width = (hi - lo) / bins;
  const counts = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const k = Math.floor((values[i] - lo) / width);
    counts[k < 0 ? 0 : k >= bins ? bins - 1 : k]++;
  }
  const histogram = Array.from(counts, (count, k) => ({x0: lo + k * width, x1: k === bins - 1 ? hi : lo + (k + 1) * width, count}));
  return {mean, std: Math.sqrt(deviations / n), min, max, rms: Math.sqrt(squares / n), histogram};
}

/** Runs the model forward and returns the output of every layer (on a clone in training mode, so
 * batch-norm running averages and dropout's random stream of the caller's model do not move). */
function forwardAll(model: Sequential, x: Matrix, training: boolean): {model: Sequential; outputs: Matrix[]} {
  const m = training ? model.clone() : model;
  m.forward(x, {training});
  return {model: m, outputs: m.outputs.slice()};
}

function deadFraction(y: Matrix): number {
  const {rows, cols, data} = y;
  let dead = 0;
  for (let j = 0; j < cols; j++) {
    let alive = false;
    for (let i = 0; i < rows && !alive; i++) alive = data[i * cols + j] !== 0;
    if (!alive) dead++;
  }
  return cols ? dead / cols : 0;
}

function saturatedFraction(y: Matrix, kind: string): number {
  const data = y.data;
  let count = 0;
  if (kind === "tanh") {
    for (let i = 0; i < data.length; i++) if (Math.abs(data[i]) > 0.99) count++;
  } else {
    for (let i = 0; i < data.length; i++) if (data[i] < 0.01 || data[i] > 0.99) count++;
  }
  return data.length ? count / data.length : 0;
}

/**
 * Statistics of every layer's output for the batch `x`: mean, std, min, max, a histogram, the
 * fraction of dead ReLU units (zero for every example in the batch) and of saturated sigmoid/tanh
 * outputs. `training: true` shows what a training step sees (batch statistics in batch norm, dropout);
 * it runs on a copy so the model's running averages stay put.
 *
 * ```ts
 * const stats = activationStats(model, data.x, {bins: 40, domain: [-1, 1]});
 * Plot.barY(stats, {x: "name", y: "std"}).plot();
 * ```
 */
export function activationStats(model: Sequential, x: Matrix, {bins = 30, domain, training = false}: HistogramOptions & {training?: boolean} = {}): ActivationStats[] {
  checkModel("activationStats", model);
  checkInput("activationStats", x);
  checkBins("activationStats", bins, domain);
  const {model: m, outputs} = forwardAll(model, x, training);
  return m.layers.map((layer, i) => {
    const y = outputs[i];
    let zeros = 0;
    for (let k = 0; k < y.data.length; k++) if (y.data[k] === 0) zeros++;
    return {
      layer: i,
      name: `${i}.${layer.kind}`,
      kind: layer.kind,
      units: y.cols,
      ...summarize(y.data, {bins, domain}),
      zeros: y.data.length ? zeros / y.data.length : 0,
      dead: layer.kind === "relu" ? deadFraction(y) : null,
      saturated: layer.kind === "tanh" || layer.kind === "sigmoid" ? saturatedFraction(y, layer.kind) : null
    };
  });
}

export interface ParameterGradient {
  name: string;
  /** ‖∂L/∂θ‖ (Frobenius norm) and ‖θ‖; their ratio times the learning rate is the relative size of an SGD step. */
  gradNorm: number;
  norm: number;
  gradStd: number;
}

export interface GradientStats extends Summary {
  layer: number;
  name: string;
  kind: string;
  units: number;
  /** ‖∂L/∂(layer output)‖ over the whole batch. */
  norm: number;
  /** Norm of all this layer's parameter gradients together; null for layers without parameters. */
  gradNorm: number | null;
  parameters: ParameterGradient[];
}

function frobenius(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return Math.sqrt(s);
}

/** A copy whose parameter gradients start at zero, the forward outputs and dL/d(each output), from one backward pass. */
function backpropagate(model: Sequential, x: Matrix, y: Matrix, lossName: LossName | Loss, training: boolean) {
  const m = model.clone();
  const params = m.parameters();
  for (const p of params) p.grad.fill(0);
  const output = m.forward(x, {training});
  const outputs = m.outputs.slice();
  const {value, grad} = lossOf(lossName).compute(output, y);
  const outputGradients: Matrix[] = new Array(m.layers.length);
  let g = grad;
  for (let i = m.layers.length - 1; i >= 0; i--) {
    outputGradients[i] = g;
    const layer = m.layers[i];
    if (i === 0 && "needsInputGradient" in layer) layer.needsInputGradient = false; // dL/dx of the data is not needed
    g = layer.backward(g);
  }
  return {model: m, value, outputs, outputGradients};
}

/**
 * Backpropagates the loss on (x, y) once and reports, per layer, the statistics of ∂L/∂(layer output)
 * and the gradient norm of each of its parameters. The loss is the batch *mean*, as in training, so
 * gradients shrink like 1/n with the batch size. Runs on a copy: the model's own gradients, running
 * averages and random streams are untouched. `training` defaults to true (what a training step sees).
 *
 * ```ts
 * const grads = gradientStats(model, data.x, data.y, {loss: "softmaxCrossEntropy"});
 * Plot.lineY(grads, {x: "layer", y: "std"}).plot({y: {type: "log"}}); // vanishing gradients
 * ```
 */
export function gradientStats(
  model: Sequential,
  x: Matrix,
  y: Matrix,
  {loss, bins = 30, domain, training = true}: HistogramOptions & {loss: LossName | Loss; training?: boolean}
): GradientStats[] {
  checkModel("gradientStats", model);
  checkInput("gradientStats", x);
  checkInput("gradientStats", y, "y");
  checkBins("gradientStats", bins, domain);
  if (x.rows !== y.rows) throw new Error(`gradientStats: x has ${x.rows} rows but y has ${y.rows}; they must match`);
  const {model: m, outputGradients} = backpropagate(model, x, y, loss, training);
  let offset = 0;
  const params = m.parameters();
  return m.layers.map((layer, i) => {
    const g = outputGradients[i];
    const own = params.slice(offset, offset + layer.parameters().length);
    offset += own.length;
    const parameters = own.map((p) => ({
      name: p.name,
      gradNorm: frobenius(p.grad.data),
      norm: frobenius(p.value.data),
      gradStd: summarize(p.grad.data, {bins: 1}).std
    }));
    return {
      layer: i,
      name: `${i}.${layer.kind}`,
      kind: layer.kind,
      units: g.cols,
      ...summarize(g.data, {bins, domain}),
      norm: frobenius(g.data),
      gradNorm: parameters.length ? Math.sqrt(parameters.reduce((s, p) => s + p.gradNorm * p.gradNorm, 0)) : null,
      parameters
    };
  });
}

export interface WeightStats extends Summary {
  name: string;
  rows: number;
  cols: number;
  /** Frobenius norm ‖θ‖. */
  norm: number;
}

/**
 * Statistics of every parameter matrix: mean, std, min, max, norm and a histogram.
 *
 * ```ts
 * weightStats(model).map((w) => `${w.name}: std ${w.std.toFixed(3)}`);
 * ```
 */
export function weightStats(model: Sequential, {bins = 30, domain}: HistogramOptions = {}): WeightStats[] {
  checkModel("weightStats", model);
  checkBins("weightStats", bins, domain);
  return model.parameters().map((p) => ({
    name: p.name,
    rows: p.value.rows,
    cols: p.value.cols,
    ...summarize(p.value.data, {bins, domain}),
    norm: frobenius(p.value.data)
  }));
}

export interface UpdateRatio {
  name: string;
  /** ‖θ_after − θ_before‖. */
  update: number;
  /** ‖θ_before‖. */
  norm: number;
  /** update / norm; CS231n's rule of thumb puts a healthy SGD step near 1e-3. null when ‖θ_before‖ = 0 (a zero-initialized bias). */
  ratio: number | null;
}

type Parameters = Sequential | readonly Pick<Parameter, "name" | "value">[];

function parameterMap(fn: string, what: string, source: Parameters): Map<string, Matrix> {
  const list = isModel(source) ? source.parameters() : source;
  if (!Array.isArray(list)) throw new Error(`${fn}: ${what} must be a sequential model or a list of {name, value}, got ${typeof source}`);
  return new Map(list.map((p) => [p.name, p.value]));
}

/**
 * ‖ΔW‖/‖W‖ for every parameter between two states of the same model: keep `model.clone()` before
 * a training step and compare after it.
 *
 * ```ts
 * const before = model.clone();
 * trainStep(model, x, y, {loss: "bce", optimizer});
 * updateRatios(before, model); // [{name: "0.dense.W", ratio: 0.0012, …}, …]
 * ```
 */
export function updateRatios(before: Parameters, after: Parameters): UpdateRatio[] {
  const a = parameterMap("updateRatios", "before", before);
  const b = parameterMap("updateRatios", "after", after);
  return [...a].map(([name, w0]) => {
    const w1 = b.get(name);
    if (!w1) throw new Error(`updateRatios: parameter ${JSON.stringify(name)} is in before but not in after; compare two states of the same model`);
    if (w1.rows !== w0.rows || w1.cols !== w0.cols) {
      throw new Error(`updateRatios: parameter ${name} is ${w0.rows}×${w0.cols} before and ${w1.rows}×${w1.cols} after`);
    }
    let d = 0;
    for (let i = 0; i < w0.data.length; i++) d += (w1.data[i] - w0.data[i]) * (w1.data[i] - w0.data[i]);
    const update = Math.sqrt(d);
    const norm = frobenius(w0.data);
    return {name, update, norm, ratio: norm > 0 ? update / norm : null};
  });
}

export interface GradientCheck {
  /** Largest relative error |analytic − numeric| / max(|analytic|, |numeric|) over all checked entries. */
  maxRelativeError: number;
  parameters: {
    name: string;
    maxRelativeError: number;
    /** How many entries were checked (all, or `samples` chosen at random). */
    checked: number;
    /** The entry with the largest error. */
    worst: {index: number; analytic: number; numeric: number};
  }[];
}

/**
 * Compares backpropagation's gradient with central differences (L(θ + ε) − L(θ − ε)) / 2ε, entry
 * by entry, in double precision. Relative errors below about 1e-7 mean the gradient is right; near
 * a ReLU kink a single entry can be off by much more without any bug. Each parameter with more than
 * `samples` entries is checked at `samples` random entries (seeded). Works on a copy of the model
 * and restores every entry it perturbs; `training` defaults to false so dropout does not redraw
 * its mask between the two evaluations.
 *
 * ```ts
 * const check = gradientCheck(model, x, y, {loss: "softmaxCrossEntropy"});
 * check.maxRelativeError; // e.g. 3e-9
 * ```
 */
export function gradientCheck(
  model: Sequential,
  x: Matrix,
  y: Matrix,
  {loss, epsilon = 1e-5, samples = 50, seed = 0, training = false}: {loss: LossName | Loss; epsilon?: number; samples?: number; seed?: number; training?: boolean}
): GradientCheck {
  checkModel("gradientCheck", model);
  checkInput("gradientCheck", x);
  checkInput("gradientCheck", y, "y");
  if (x.rows !== y.rows) throw new Error(`gradientCheck: x has ${x.rows} rows but y has ${y.rows}; they must match`);
  if (!(epsilon > 0 && epsilon < 1)) throw new Error(`gradientCheck: epsilon must be in (0, 1), got ${epsilon}`);
  if (!(samples === Infinity || (Number.isInteger(samples) && samples >= 1))) throw new Error(`gradientCheck: samples must be an integer ≥ 1 or Infinity, got ${samples}`);
  const L = lossOf(loss);
  const {model: m} = backpropagate(model, x, y, L, training);
  const rng = random(seed);
  const value = () => L.value(m.forward(x, {training}), y);
  const parameters = m.parameters().map((p) => {
    const analytic = p.grad.data.slice();
    const entries = p.value.data;
    const indices = entries.length <= samples ? Array.from(entries, (_, i) => i) : rng.permutation(entries.length).slice(0, samples);
    let worst = {index: -1, analytic: 0, numeric: 0}, maxError = 0;
    for (const i of indices) {
      const old = entries[i];
      entries[i] = old + epsilon;
      const plus = value();
      entries[i] = old - epsilon;
      const minus = value();
      entries[i] = old;
      const numeric = (plus - minus) / (2 * epsilon);
      const scale = Math.max(Math.abs(numeric), Math.abs(analytic[i]));
      const error = scale < 1e-12 ? 0 : Math.abs(numeric - analytic[i]) / scale;
      if (error > maxError || worst.index < 0 || Number.isNaN(error)) {
        maxError = Number.isNaN(error) ? NaN : Math.max(maxError, error);
        worst = {index: i, analytic: analytic[i], numeric};
      }
    }
    return {name: p.name, maxRelativeError: maxError, checked: indices.length, worst};
  });
  return {maxRelativeError: parameters.reduce((a, p) => (Number.isNaN(p.maxRelativeError) ? NaN : Math.max(a, p.maxRelativeError)), 0), parameters};
}
