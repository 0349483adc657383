// Chapter: "Neurons, losses and the engine" (docs/neurons.md). Forward x·W + b, backward three products.
import {Matrix, affine, matmulTransA, matmulTransB, sumColumns} from "../matrix.js";
import {initialize, type InitializerName, type InitializerOptions} from "../initializers.js";
import type {Random} from "../random.js";
import type {ForwardOptions, Layer, Parameter} from "./layer.js";
import {registerLayer, matrixField, numberField, type LayerJSON} from "./registry.js";

export interface DenseOptions {
  /** Weight initializer (see `initialize`); default "xavier". */
  init?: InitializerName;
  /** Whether to add a learnable bias b; default true. */
  bias?: boolean;
  /** Seed for the initializer; default 0. Give each layer its own seed. */
  seed?: number | Random;
  /** Passed to the initializer: std for "normal"/"sparse", range for "uniform", gain for any, value for "constant". */
  std?: number;
  range?: number;
  gain?: number;
  value?: number;
  sparsity?: number;
  /** Initial value of every bias; default 0. */
  biasInit?: number;
}

const EMPTY_ROWS: Matrix[] = [];

/** An n×0 matrix, what `backward` returns when it was told to skip dL/dx. */
function noGradient(rows: number): Matrix {
  return (EMPTY_ROWS[rows] ??= new Matrix(rows, 0));
}

/**
 * A fully connected layer y = x·W + b, with W of shape nIn × nOut (one column per unit) and b 1 × nOut.
 *
 * ```ts
 * const layer = dense(2, 16, {init: "he", seed: 1});
 * layer.forward(Matrix.fromRows([[0.5, -1]])); // 1 × 16
 * ```
 */
export class Dense implements Layer {
  readonly kind = "dense";
  readonly nIn: number;
  readonly nOut: number;
  readonly init: InitializerName;
  readonly hasBias: boolean;
  /** Weights, nIn × nOut. */
  readonly W: Matrix;
  /** Bias, 1 × nOut (stays zero when `bias: false`). */
  readonly b: Matrix;
  readonly dW: Matrix;
  readonly db: Matrix;
  needsInputGradient = true;
  private readonly params: Parameter[];
  private x: Matrix | null = null;
  private y: Matrix | undefined;
  private dx: Matrix | undefined;

  constructor(nIn: number, nOut: number, options: DenseOptions = {}) {
    if (!Number.isInteger(nIn) || nIn < 1) throw new Error(`dense: nIn must be a positive integer, got ${nIn}`);
    if (!Number.isInteger(nOut) || nOut < 1) throw new Error(`dense: nOut must be a positive integer, got ${nOut}`);
    const {init = "xavier", bias = true, biasInit = 0, seed = 0, std, range, gain, value, sparsity} = options;
    if (typeof bias !== "boolean") throw new Error(`dense: bias must be true or false, got ${bias}`);
    if (!Number.isFinite(biasInit)) throw new Error(`dense: biasInit must be a finite number, got ${biasInit}`);
    const initOptions: InitializerOptions = {seed, std, range, gain, value, sparsity};
    this.nIn = nIn;
    this.nOut = nOut;
    this.init = init;
    this.hasBias = bias;
    this.W = initialize(init, nIn, nOut, initOptions);
    this.b = new Matrix(1, nOut).fill(bias ? biasInit : 0);
    this.dW = new Matrix(nIn, nOut);
    this.db = new Matrix(1, nOut);
    this.params = [{name: "W", value: this.W, grad: this.dW, regularize: true}];
    if (bias) this.params.push({name: "b", value: this.b, grad: this.db, regularize: false});
  }

  forward(x: Matrix, _options?: ForwardOptions): Matrix {
    if (!(x instanceof Matrix)) throw new Error(`dense: input must be a Matrix, got ${typeof x}`);
    if (x.cols !== this.nIn) throw new Error(`dense: input has ${x.cols} columns, expected ${this.nIn} (nIn)`);
    const y = (this.y = affine(x, this.W, this.b, this.y)); // x·W + b, reusing last call's buffer
    this.x = x;
    return y;
  }

  backward(dy: Matrix): Matrix {
    const x = this.x;
    if (!x) throw new Error(`dense: backward called before forward`);
    if (dy.rows !== x.rows || dy.cols !== this.nOut) {
      throw new Error(`dense: dy is ${dy.rows}×${dy.cols}, expected ${x.rows}×${this.nOut} (batch × nOut)`);
    }
    matmulTransA(x, dy, this.dW, true); // dW += xᵀ·dy
    if (this.hasBias) sumColumns(dy, this.db, true); // db += Σᵢ dyᵢ
    if (!this.needsInputGradient) return noGradient(dy.rows);
    return (this.dx = matmulTransB(dy, this.W, this.dx)); // dx = dy·Wᵀ
  }

  parameters(): Parameter[] {
    return this.params;
  }

  clone(): Dense {
    const copy = new Dense(this.nIn, this.nOut, {init: "zeros", bias: this.hasBias});
    (copy as {init: InitializerName}).init = this.init;
    copy.W.data.set(this.W.data);
    copy.b.data.set(this.b.data);
    copy.dW.data.set(this.dW.data);
    copy.db.data.set(this.db.data);
    copy.needsInputGradient = this.needsInputGradient;
    return copy;
  }

  describe(): string {
    return `dense ${this.nIn} → ${this.nOut} (${this.init}${this.hasBias ? "" : ", no bias"})`;
  }

  /** `{kind: "dense", nIn, nOut, init, bias, W, b}`; `init` is kept for `describe`, the weights are W and b. */
  toJSON(): LayerJSON {
    return {kind: this.kind, nIn: this.nIn, nOut: this.nOut, init: this.init, bias: this.hasBias, W: this.W.clone(), b: this.b.clone()};
  }

  static fromJSON(json: LayerJSON): Dense {
    const nIn = numberField(json, "nIn"), nOut = numberField(json, "nOut");
    const layer = new Dense(nIn, nOut, {init: "zeros", bias: json.bias !== false});
    (layer as {init: InitializerName}).init = (json.init as InitializerName) ?? "xavier";
    layer.W.data.set(matrixField(json, "W", nIn, nOut).data);
    layer.b.data.set(matrixField(json, "b", 1, nOut).data);
    return layer;
  }
}

registerLayer("dense", Dense.fromJSON);

/** A fully connected layer: see `Dense`. */
export function dense(nIn: number, nOut: number, options: DenseOptions = {}): Dense {
  return new Dense(nIn, nOut, options);
}
