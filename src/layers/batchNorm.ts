// Chapter: "Batch normalization" (docs/batch-norm.md).
import {Matrix, ensure} from "../matrix.js";
import type {ForwardOptions, Layer, Parameter} from "./layer.js";
import {registerLayer, matrixField, numberField, type LayerJSON} from "./registry.js";

/**
 * Batch normalization (Ioffe & Szegedy 2015), one feature per column:
 *   training:  μ = mean of the batch, σ² = (1/m) Σ (x − μ)²  (the biased variance, as in the paper's Algorithm 1)
 *   inference: μ, σ² = the running averages, running ← momentum·running + (1 − momentum)·batch
 *   x̂ = (x − μ) / √(σ² + ε),   y = γ·x̂ + β
 * γ starts at 1 and β at 0, so the layer starts as a pure normalizer; neither is weight-decayed.
 * (The running variance averages the biased batch variances too; PyTorch uses the unbiased one,
 * which differs by a factor m/(m − 1).)
 *
 * ```ts
 * const model = sequential(dense(2, 16), batchNorm(16), relu(), dense(16, 1));
 * ```
 */
export function batchNorm(n: number, options: {momentum?: number; epsilon?: number} = {}): BatchNorm {
  return new BatchNorm(n, options);
}

export class BatchNorm implements Layer {
  readonly kind = "batchNorm";
  readonly size: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly gamma: Parameter;
  readonly beta: Parameter;
  /** Running averages used at inference, 1 × n (mean starts at 0, variance at 1). */
  readonly runningMean: Matrix;
  readonly runningVariance: Matrix;
  /** The statistics of the last training batch, 1 × n. */
  readonly batchMean: Matrix;
  readonly batchVariance: Matrix;
  private readonly invStd: Float64Array;
  private xHat?: Matrix;
  private out?: Matrix;
  private dx?: Matrix;
  private training = false;

  constructor(n: number, {momentum = 0.9, epsilon = 1e-5}: {momentum?: number; epsilon?: number} = {}) {
    if (!(Number.isInteger(n) && n >= 1)) throw new Error(`batchNorm: n must be an integer ≥ 1, got ${n}`);
    if (!(typeof momentum === "number" && momentum >= 0 && momentum < 1)) throw new Error(`batchNorm: momentum must be in [0, 1), got ${momentum}`);
    if (!(typeof epsilon === "number" && Number.isFinite(epsilon) && epsilon > 0)) {
      throw new Error(`batchNorm: epsilon must be a positive finite number, got ${epsilon}`);
    }
    this.size = n;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.gamma = {name: "gamma", value: new Matrix(1, n).fill(1), grad: new Matrix(1, n), regularize: false};
    this.beta = {name: "beta", value: new Matrix(1, n), grad: new Matrix(1, n), regularize: false};
    this.runningMean = new Matrix(1, n);
    this.runningVariance = new Matrix(1, n).fill(1);
    this.batchMean = new Matrix(1, n);
    this.batchVariance = new Matrix(1, n);
    this.invStd = new Float64Array(n);
  }

  forward(x: Matrix, {training = false}: ForwardOptions = {}): Matrix {
    const n = this.size;
    if (x.cols !== n) throw new Error(`batchNorm: input has ${x.cols} columns, expected ${n}`);
    const m = x.rows;
    if (m === 0) throw new Error("batchNorm: the batch is empty");
    if (training && m === 1) {
      // one row has variance 0: x̂ would be 0 for every input and the running variance would be dragged to 0
      throw new Error("batchNorm: training needs at least 2 rows per batch (one row has no variance), got 1; use a larger batch, or training: false");
    }
    const X = x.data;
    const mean = training ? this.batchMean.data : this.runningMean.data;
    const variance = training ? this.batchVariance.data : this.runningVariance.data;
    if (training) {
      mean.fill(0);
      variance.fill(0);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) mean[j] += X[i * n + j];
      for (let j = 0; j < n; j++) mean[j] /= m;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const d = X[i * n + j] - mean[j];
          variance[j] += d * d;
        }
      }
      for (let j = 0; j < n; j++) variance[j] /= m;
      const rm = this.runningMean.data;
      const rv = this.runningVariance.data;
      const mu = this.momentum;
      for (let j = 0; j < n; j++) {
        rm[j] = mu * rm[j] + (1 - mu) * mean[j];
        rv[j] = mu * rv[j] + (1 - mu) * variance[j];
      }
    }
    const invStd = this.invStd;
    for (let j = 0; j < n; j++) invStd[j] = 1 / Math.sqrt(variance[j] + this.epsilon);
    const xHat = (this.xHat = ensure(this.xHat, m, n)).data;
    const out = (this.out = ensure(this.out, m, n));
    const y = out.data;
    const g = this.gamma.value.data;
    const b = this.beta.value.data;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const k = i * n + j;
        xHat[k] = (X[k] - mean[j]) * invStd[j];
        y[k] = g[j] * xHat[k] + b[j];
      }
    }
    this.training = training;
    return out;
  }

  backward(dy: Matrix): Matrix {
    const xHatM = this.xHat;
    if (!xHatM) throw new Error("batchNorm: backward called before forward");
    const n = this.size;
    const m = xHatM.rows;
    if (dy.rows !== m || dy.cols !== n) throw new Error(`batchNorm: dy is ${dy.rows}×${dy.cols}, expected ${m}×${n} like the last output`);
    const xHat = xHatM.data;
    const D = dy.data;
    const g = this.gamma.value.data;
    const dGamma = this.gamma.grad.data;
    const dBeta = this.beta.grad.data;
    const invStd = this.invStd;
    const dx = (this.dx = ensure(this.dx, m, n));
    const DX = dx.data;
    for (let j = 0; j < n; j++) {
      // dβ = Σ dy,  dγ = Σ dy ⊙ x̂
      let sumDy = 0;
      let sumDyXHat = 0;
      for (let i = 0; i < m; i++) {
        sumDy += D[i * n + j];
        sumDyXHat += D[i * n + j] * xHat[i * n + j];
      }
      dBeta[j] += sumDy;
      dGamma[j] += sumDyXHat;
      if (this.training) {
        // μ and σ² depend on every row, so each dx mixes the whole column:
        // dx = γ/(m·σ̂) · (m·dy − Σ dy − x̂ · Σ dy ⊙ x̂),  σ̂ = √(σ² + ε)
        const s = (g[j] * invStd[j]) / m;
        for (let i = 0; i < m; i++) {
          const k = i * n + j;
          DX[k] = s * (m * D[k] - sumDy - xHat[k] * sumDyXHat);
        }
      } else {
        // running statistics are constants: the layer is an affine map per feature
        const s = g[j] * invStd[j];
        for (let i = 0; i < m; i++) DX[i * n + j] = s * D[i * n + j];
      }
    }
    return dx;
  }

  parameters(): Parameter[] {
    return [this.gamma, this.beta];
  }

  clone(): BatchNorm {
    const copy = new BatchNorm(this.size, {momentum: this.momentum, epsilon: this.epsilon});
    copy.gamma.value.data.set(this.gamma.value.data);
    copy.beta.value.data.set(this.beta.value.data);
    copy.runningMean.data.set(this.runningMean.data);
    copy.runningVariance.data.set(this.runningVariance.data);
    return copy;
  }

  describe(): string {
    return `batchNorm ${this.size} (momentum ${this.momentum})`;
  }

  /** `{kind: "batchNorm", size, momentum, epsilon, gamma, beta, runningMean, runningVariance, batchMean, batchVariance}`. */
  toJSON(): LayerJSON {
    return {
      kind: this.kind, size: this.size, momentum: this.momentum, epsilon: this.epsilon,
      gamma: this.gamma.value.clone(), beta: this.beta.value.clone(),
      runningMean: this.runningMean.clone(), runningVariance: this.runningVariance.clone(),
      batchMean: this.batchMean.clone(), batchVariance: this.batchVariance.clone()
    };
  }

  static fromJSON(json: LayerJSON): BatchNorm {
    const n = numberField(json, "size");
    const layer = new BatchNorm(n, {momentum: numberField(json, "momentum", 0.9), epsilon: numberField(json, "epsilon", 1e-5)});
    layer.gamma.value.data.set(matrixField(json, "gamma", 1, n).data);
    layer.beta.value.data.set(matrixField(json, "beta", 1, n).data);
    layer.runningMean.data.set(matrixField(json, "runningMean", 1, n).data);
    layer.runningVariance.data.set(matrixField(json, "runningVariance", 1, n).data);
    if (json.batchMean) layer.batchMean.data.set(matrixField(json, "batchMean", 1, n).data);
    if (json.batchVariance) layer.batchVariance.data.set(matrixField(json, "batchVariance", 1, n).data);
    return layer;
  }
}

registerLayer("batchNorm", BatchNorm.fromJSON);
