// Chapter: "Neurons, losses and the engine" (docs/neurons.md).
import {Matrix, describeNonMatrix, isMatrix} from "./matrix.js";
import {exp, log, log1p} from "./elementary.js";

/** The names `loss(name)` accepts; "bce" and "crossEntropy" are aliases. */
export type LossName = "mse" | "binaryCrossEntropy" | "bce" | "softmaxCrossEntropy" | "crossEntropy" | "hinge" | "squaredHinge";

/**
 * A loss: a number that says how wrong a batch of outputs is, and its gradient with respect to those
 * outputs. Every loss is the *mean* over the batch, so its gradient carries a 1/n and the learning
 * rate does not have to change with the batch size.
 */
export interface Loss {
  /** The canonical name, e.g. "softmaxCrossEntropy". */
  readonly name: string;
  /** Whether `accuracy` means something for this loss (true for all but "mse"). */
  readonly classification: boolean;
  /** The loss and dL/dOutput, in a new matrix. */
  compute(output: Matrix, target: Matrix): {value: number; grad: Matrix};
  /** The loss alone. */
  value(output: Matrix, target: Matrix): number;
  /** The loss, writing dL/dOutput into `grad` (same shape as `output`): the training loop's allocation-free path. */
  computeInto(output: Matrix, target: Matrix, grad: Matrix): number;
}

/**
 * The loss with this name.
 *
 * ```ts
 * const {value, grad} = loss("softmaxCrossEntropy").compute(logits, labels); // labels: n×1 class indices
 * ```
 */
export function loss(name: LossName | Loss): Loss {
  if (typeof name === "object" && name !== null && typeof name.computeInto === "function") return name;
  const found = typeof name === "string" && Object.hasOwn(losses, name) ? losses[name] : undefined;
  if (!found) {
    throw new Error(`loss: unknown loss ${JSON.stringify(name)}; expected one of ${Object.keys(losses).map((k) => `"${k}"`).join(", ")}`);
  }
  return found;
}

/** σ(v) = 1 / (1 + e^−v), computed without overflow for large |v|. */
export function sigmoidOf(v: number): number {
  if (v >= 0) return 1 / (1 + exp(-v));
  const e = exp(v);
  return e / (1 + e);
}

/**
 * Row-wise softmax, p_ij = e^(z_ij − m_i) / Σ_k e^(z_ik − m_i) with m_i the row's maximum, so that no
 * exponential overflows (subtracting a constant from a row does not change its softmax).
 *
 * ```ts
 * softmax(Matrix.fromRows([[1000, 1001]])).toRows(); // [[0.269, 0.731]]
 * ```
 */
export function softmax(x: Matrix, out?: Matrix): Matrix {
  const p = out && out.rows === x.rows && out.cols === x.cols ? out : new Matrix(x.rows, x.cols);
  const k = x.cols;
  for (let i = 0; i < x.rows; i++) {
    const o = i * k;
    let m = -Infinity;
    for (let j = 0; j < k; j++) if (x.data[o + j] > m) m = x.data[o + j];
    let total = 0;
    for (let j = 0; j < k; j++) total += p.data[o + j] = exp(x.data[o + j] - m);
    for (let j = 0; j < k; j++) p.data[o + j] /= total;
  }
  return p;
}

/**
 * The fraction of rows classified correctly. With k > 1 columns the prediction is the arg-max column;
 * with one column it is "class 1 if the logit is positive". Targets are class indices (n×1), or
 * one-hot rows of the output's shape.
 *
 * ```ts
 * accuracy(model.predict(data.x), data.y); // 0.93
 * ```
 */
export function accuracy(output: Matrix, target: Matrix): number {
  const n = output.rows;
  const k = output.cols;
  checkRows("accuracy", output, target);
  if (target.cols !== 1 && target.cols !== k) {
    throw new Error(`accuracy: target must be n×1 class indices or n×${k} one-hot rows, got ${target.rows}×${target.cols}`);
  }
  if (n === 0) return NaN;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let predicted: number;
    if (k === 1) predicted = output.data[i] > 0 ? 1 : 0;
    else predicted = argmax(output.data, i * k, k);
    const actual = target.cols === 1 ? (k === 1 ? (target.data[i] > 0.5 ? 1 : 0) : target.data[i]) : argmax(target.data, i * k, k);
    if (predicted === actual) correct++;
  }
  return correct / n;
}

function argmax(data: Float64Array, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (data[offset + j] > data[offset + best]) best = j;
  return best;
}

function checkRows(what: string, output: Matrix, target: Matrix): void {
  if (output.rows !== target.rows) {
    throw new Error(`${what}: output has ${output.rows} rows but target has ${target.rows}; they must match (one target row per example)`);
  }
}

function checkSameShape(what: string, output: Matrix, target: Matrix): void {
  if (output.rows !== target.rows || output.cols !== target.cols) {
    // the usual slip: k logits against n×1 class labels
    const hint =
      output.rows === target.rows && output.cols > 1 && target.cols === 1
        ? `; for ${output.cols} classes with n×1 labels use "softmaxCrossEntropy"${what === "mse" ? `, or one-hot the labels with oneHot(y, ${output.cols})` : ""}`
        : "";
    throw new Error(`${what}: output is ${output.rows}×${output.cols} but target is ${target.rows}×${target.cols}; they must have the same shape${hint}`);
  }
  if (output.rows === 0) throw new Error(`${what}: the batch is empty`);
}

function checkFinite(what: string, target: Matrix): void {
  for (let i = 0; i < target.data.length; i++) {
    if (!Number.isFinite(target.data[i])) {
      throw new Error(`${what}: target has ${target.data[i]} at row ${Math.floor(i / target.cols)}, column ${i % target.cols}; targets must be finite numbers`);
    }
  }
}

/**
 * For losses over classes: checks that target holds n×1 class indices in 0…k−1 or n×k one-hot rows,
 * and returns whether it is one-hot.
 */
function checkClasses(what: string, output: Matrix, target: Matrix, softLabels: boolean): boolean {
  checkRows(what, output, target);
  if (output.rows === 0) throw new Error(`${what}: the batch is empty`);
  const k = output.cols;
  checkFinite(what, target);
  if (target.cols === 1 && k > 1) {
    for (let i = 0; i < target.rows; i++) {
      const c = target.data[i];
      if (!(Number.isInteger(c) && c >= 0 && c < k)) {
        throw new Error(`${what}: target label at row ${i} is ${c}; labels must be integers in 0…${k - 1} for ${k} output columns`);
      }
    }
    return false;
  }
  if (target.cols === k && k > 1) {
    for (let i = 0; i < target.rows; i++) {
      let total = 0;
      for (let j = 0; j < k; j++) {
        const t = target.data[i * k + j];
        if (!(t >= 0 && t <= 1) || (!softLabels && t !== 0 && t !== 1)) {
          throw new Error(`${what}: target row ${i} has ${t} in column ${j}; one-hot rows hold ${softLabels ? "probabilities in [0, 1]" : "0s and a single 1"}`);
        }
        total += t;
      }
      if (Math.abs(total - 1) > 1e-6) throw new Error(`${what}: target row ${i} sums to ${total}; one-hot rows must sum to 1`);
    }
    return true;
  }
  throw new Error(`${what}: target must be n×1 class indices or n×${k} one-hot rows, got ${target.rows}×${target.cols} for output ${output.rows}×${k}`);
}

/** Shared plumbing: each loss writes one function `run(output, target, grad | null) → value`. */
abstract class BaseLoss implements Loss {
  abstract readonly name: string;
  readonly classification: boolean = true;
  protected abstract run(output: Matrix, target: Matrix, grad: Matrix | null): number;

  compute(output: Matrix, target: Matrix): {value: number; grad: Matrix} {
    this.checkInputs(output, target);
    const grad = new Matrix(output.rows, output.cols);
    return {value: this.run(output, target, grad), grad};
  }

  value(output: Matrix, target: Matrix): number {
    this.checkInputs(output, target);
    return this.run(output, target, null);
  }

  computeInto(output: Matrix, target: Matrix, grad: Matrix): number {
    this.checkInputs(output, target);
    if (!isMatrix(grad)) throw new Error(`${this.name}: grad must be a Matrix, got ${describeNonMatrix(grad)}`);
    if (grad.rows !== output.rows || grad.cols !== output.cols) {
      throw new Error(`${this.name}: grad is ${grad.rows}×${grad.cols} but output is ${output.rows}×${output.cols}; they must have the same shape`);
    }
    return this.run(output, target, grad);
  }

  private checkInputs(output: Matrix, target: Matrix): void {
    if (!isMatrix(output)) throw new Error(`${this.name}: output must be a Matrix (the model's output), got ${describeNonMatrix(output)}`);
    if (!isMatrix(target)) throw new Error(`${this.name}: target must be a Matrix (labels or target values), got ${describeNonMatrix(target)}`);
  }
}


/**
 * Mean squared error over every entry: L = (1/(n·d)) Σ (y − t)², dL/dy = 2(y − t)/(n·d).
 * (No ½ in front: this is the quantity people call MSE. Nielsen's ½ only rescales the gradient.)
 */
export class MeanSquaredError extends BaseLoss {
  readonly name = "mse";
  readonly classification = false;

  protected run(y: Matrix, t: Matrix, grad: Matrix | null): number {
    checkSameShape("mse", y, t);
    checkFinite("mse", t);
    const count = y.data.length;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const e = y.data[i] - t.data[i];
      total += e * e;
      if (grad) grad.data[i] = (2 * e) / count;
    }
    return total / count;
  }
}

/**
 * Binary cross-entropy on logits z (the network's output before any sigmoid), targets t ∈ [0, 1]:
 *   L = mean of −t·log σ(z) − (1 − t)·log(1 − σ(z)) = mean of softplus(z) − t·z,
 * computed as max(z, 0) − t·z + log(1 + e^−|z|) so that no exponential overflows; dL/dz = (σ(z) − t)/count.
 */
export class BinaryCrossEntropy extends BaseLoss {
  readonly name = "binaryCrossEntropy";

  protected run(z: Matrix, t: Matrix, grad: Matrix | null): number {
    checkSameShape("binaryCrossEntropy", z, t);
    const count = z.data.length;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const zi = z.data[i];
      const ti = t.data[i];
      if (!(ti >= 0 && ti <= 1)) {
        throw new Error(`binaryCrossEntropy: target at row ${Math.floor(i / t.cols)} is ${ti}; targets must be in [0, 1] (0 or 1 for hard labels)`);
      }
      total += Math.max(zi, 0) - ti * zi + log1p(exp(-Math.abs(zi)));
      if (grad) grad.data[i] = (sigmoidOf(zi) - ti) / count;
    }
    return total / count;
  }
}

/**
 * Softmax cross-entropy on logits z (k ≥ 2 columns): L_i = log Σ_j e^(z_ij) − z_i,y_i, with the
 * log-sum-exp taken after subtracting the row's maximum. The gradient is the famous
 * dL/dz = (softmax(z) − onehot(y)) / n. Targets are class indices or one-hot (or soft) rows.
 */
export class SoftmaxCrossEntropy extends BaseLoss {
  readonly name = "softmaxCrossEntropy";

  protected run(z: Matrix, t: Matrix, grad: Matrix | null): number {
    if (z.cols < 2) {
      throw new Error(`softmaxCrossEntropy: output must have at least 2 columns (one logit per class), got ${z.cols}; for a single logit use "binaryCrossEntropy"`);
    }
    const oneHot = checkClasses("softmaxCrossEntropy", z, t, true);
    const n = z.rows;
    const k = z.cols;
    let total = 0;
    const Z = z.data;
    const T = t.data;
    const G = grad ? grad.data : null;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      let m = -Infinity;
      for (let j = 0; j < k; j++) if (Z[o + j] > m) m = Z[o + j];
      // e^(z − m) goes straight into the gradient buffer, so each exponential is computed once
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const d = Z[o + j] - m;
        const e = d === 0 ? 1 : exp(d); // the largest logit's term is e⁰ = 1: one exponential fewer per row
        if (G) G[o + j] = e;
        sum += e;
      }
      const lse = m + log(sum);
      if (oneHot) {
        for (let j = 0; j < k; j++) {
          const tj = T[o + j];
          if (tj !== 0) total += tj * (lse - Z[o + j]);
        }
      } else {
        total += lse - Z[o + T[i]];
      }
      if (G) {
        // dL/dz = (softmax(z) − t) / n
        const s = 1 / (sum * n);
        for (let j = 0; j < k; j++) G[o + j] *= s;
        if (oneHot) for (let j = 0; j < k; j++) G[o + j] -= T[o + j] / n;
        else G[o + T[i]] -= 1 / n;
      }
    }
    return total / n;
  }
}

/**
 * The multiclass SVM loss of Weston & Watkins (1999), as in CS231n, with margin 1:
 *   L_i = Σ_{j ≠ y_i} max(0, s_j − s_{y_i} + 1)        (hinge)
 *   L_i = Σ_{j ≠ y_i} max(0, s_j − s_{y_i} + 1)²       (squaredHinge)
 * With one output column it is the binary hinge max(0, 1 − y·s) with y = 2t − 1 for t ∈ {0, 1}.
 */
export class Hinge extends BaseLoss {
  readonly name: "hinge" | "squaredHinge";
  private readonly squared: boolean;

  constructor({squared = false}: {squared?: boolean} = {}) {
    super();
    this.squared = squared;
    this.name = squared ? "squaredHinge" : "hinge";
  }

  protected run(s: Matrix, t: Matrix, grad: Matrix | null): number {
    const n = s.rows;
    const k = s.cols;
    const sq = this.squared;
    if (k === 1) {
      checkSameShape(this.name, s, t);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const ti = t.data[i];
        if (ti !== 0 && ti !== 1) throw new Error(`${this.name}: target at row ${i} is ${ti}; with one output column targets must be 0 or 1`);
        const y = 2 * ti - 1;
        const margin = 1 - y * s.data[i];
        if (margin > 0) {
          total += sq ? margin * margin : margin;
          if (grad) grad.data[i] = (sq ? -2 * y * margin : -y) / n;
        } else if (grad) grad.data[i] = 0;
      }
      return total / n;
    }
    const oneHot = checkClasses(this.name, s, t, false);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      const y = oneHot ? argmax(t.data, o, k) : t.data[i];
      const sy = s.data[o + y];
      let dy = 0;
      for (let j = 0; j < k; j++) {
        if (j === y) continue;
        const margin = s.data[o + j] - sy + 1;
        let d = 0;
        if (margin > 0) {
          total += sq ? margin * margin : margin;
          d = sq ? 2 * margin : 1;
        }
        dy -= d;
        if (grad) grad.data[o + j] = d / n;
      }
      if (grad) grad.data[o + y] = dy / n;
    }
    return total / n;
  }
}

const losses: Record<LossName, Loss> = {
  mse: new MeanSquaredError(),
  binaryCrossEntropy: new BinaryCrossEntropy(),
  bce: undefined as unknown as Loss,
  softmaxCrossEntropy: new SoftmaxCrossEntropy(),
  crossEntropy: undefined as unknown as Loss,
  hinge: new Hinge(),
  squaredHinge: new Hinge({squared: true})
};
losses.bce = losses.binaryCrossEntropy;
losses.crossEntropy = losses.softmaxCrossEntropy;
