// Chapter: activations. Maxout (Goodfellow, Warde-Farley, Mirza, Courville & Bengio 2013):
// each unit is the max of `pieces` affine functions of the input.
import {Matrix, matmul, matmulTransA, matmulTransB} from "../matrix.js";
import {initialize, type InitializerName} from "../initializers.js";
import type {Random} from "../random.js";
import type {ForwardOptions, Layer, Parameter} from "./layer.js";
import {registerLayer, matrixField, numberField, type LayerJSON} from "./registry.js";

export interface MaxoutOptions {
  /** Affine pieces per unit; default 2. */
  pieces?: number;
  /** Weight initializer; default "xavier" over fanIn = nIn, fanOut = nOut·pieces. */
  init?: InitializerName;
  seed?: number | Random;
}

/**
 * yⱼ = max over k of (x·W + b)[j·pieces + k]: a learned piecewise-linear convex activation that
 * generalizes ReLU (max(wᵀx + b, 0)) and leaky ReLU, at `pieces` times the parameters.
 * W is nIn × (nOut·pieces), with unit j's pieces in adjacent columns.
 *
 * ```ts
 * const layer = maxout(2, 8, {pieces: 3, seed: 1});
 * ```
 */
export class Maxout implements Layer {
  readonly kind = "maxout";
  readonly nIn: number;
  readonly nOut: number;
  readonly pieces: number;
  readonly init: InitializerName;
  readonly W: Matrix;
  readonly b: Matrix;
  readonly dW: Matrix;
  readonly db: Matrix;
  needsInputGradient = true;
  private readonly params: Parameter[];
  private x: Matrix | null = null;
  private z: Matrix | undefined;
  private y: Matrix | undefined;
  private dz: Matrix | undefined;
  private dx: Matrix | undefined;
  /** For each output, the column of z that won the max (where the gradient flows). */
  private winner: Int32Array = new Int32Array(0);

  constructor(nIn: number, nOut: number, {pieces = 2, init = "xavier", seed = 0}: MaxoutOptions = {}) {
    if (!Number.isInteger(nIn) || nIn < 1) throw new Error(`maxout: nIn must be a positive integer, got ${nIn}`);
    if (!Number.isInteger(nOut) || nOut < 1) throw new Error(`maxout: nOut must be a positive integer, got ${nOut}`);
    if (!Number.isInteger(pieces) || pieces < 1) throw new Error(`maxout: pieces must be a positive integer, got ${pieces}`);
    this.nIn = nIn;
    this.nOut = nOut;
    this.pieces = pieces;
    this.init = init;
    this.W = initialize(init, nIn, nOut * pieces, {seed});
    this.b = new Matrix(1, nOut * pieces);
    this.dW = new Matrix(nIn, nOut * pieces);
    this.db = new Matrix(1, nOut * pieces);
    this.params = [
      {name: "W", value: this.W, grad: this.dW, regularize: true},
      {name: "b", value: this.b, grad: this.db, regularize: false}
    ];
  }

  forward(x: Matrix, _options?: ForwardOptions): Matrix {
    if (!(x instanceof Matrix)) throw new Error(`maxout: input must be a Matrix, got ${typeof x}`);
    if (x.cols !== this.nIn) throw new Error(`maxout: input has ${x.cols} columns, expected ${this.nIn} (nIn)`);
    const n = x.rows, m = this.nOut, k = this.pieces, w = m * k;
    const z = (this.z = this.z && this.z.rows === n ? this.z : new Matrix(n, w));
    const y = (this.y = this.y && this.y.rows === n ? this.y : new Matrix(n, m));
    if (this.winner.length !== n * m) this.winner = new Int32Array(n * m);
    const Z = z.data, Y = y.data, B = this.b.data, win = this.winner;
    for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) Z[i * w + j] = B[j]; // start at b, add x·W
    matmul(x, this.W, z, true);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const start = i * w + j * k;
        let best = start;
        for (let c = start + 1; c < start + k; c++) if (Z[c] > Z[best]) best = c;
        Y[i * m + j] = Z[best];
        win[i * m + j] = best;
      }
    }
    this.x = x;
    return y;
  }

  backward(dy: Matrix): Matrix {
    const x = this.x;
    if (!x) throw new Error(`maxout: backward called before forward`);
    if (dy.rows !== x.rows || dy.cols !== this.nOut) throw new Error(`maxout: dy is ${dy.rows}×${dy.cols}, expected ${x.rows}×${this.nOut}`);
    const n = x.rows, w = this.nOut * this.pieces;
    const dz = (this.dz = this.dz && this.dz.rows === n ? this.dz : new Matrix(n, w));
    const DZ = dz.data, D = dy.data, win = this.winner;
    DZ.fill(0);
    for (let t = 0; t < D.length; t++) DZ[win[t]] = D[t]; // only the winning piece sees the gradient
    matmulTransA(x, dz, this.dW, true);
    const G = this.db.data;
    for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) G[j] += DZ[i * w + j];
    if (!this.needsInputGradient) return new Matrix(n, 0);
    return (this.dx = matmulTransB(dz, this.W, this.dx));
  }

  parameters(): Parameter[] {
    return this.params;
  }

  clone(): Maxout {
    const copy = new Maxout(this.nIn, this.nOut, {pieces: this.pieces, init: "zeros"});
    (copy as {init: InitializerName}).init = this.init;
    copy.W.data.set(this.W.data);
    copy.b.data.set(this.b.data);
    copy.dW.data.set(this.dW.data);
    copy.db.data.set(this.db.data);
    copy.needsInputGradient = this.needsInputGradient;
    return copy;
  }

  describe(): string {
    return `maxout ${this.nIn} → ${this.nOut} (${this.pieces} pieces, ${this.init})`;
  }

  /** `{kind: "maxout", nIn, nOut, pieces, init, W, b}`. */
  toJSON(): LayerJSON {
    return {kind: this.kind, nIn: this.nIn, nOut: this.nOut, pieces: this.pieces, init: this.init, W: this.W.clone(), b: this.b.clone()};
  }

  static fromJSON(json: LayerJSON): Maxout {
    const nIn = numberField(json, "nIn"), nOut = numberField(json, "nOut"), pieces = numberField(json, "pieces", 2);
    const layer = new Maxout(nIn, nOut, {pieces, init: "zeros"});
    (layer as {init: InitializerName}).init = (json.init as InitializerName) ?? "xavier";
    layer.W.data.set(matrixField(json, "W", nIn, nOut * pieces).data);
    layer.b.data.set(matrixField(json, "b", 1, nOut * pieces).data);
    return layer;
  }
}

registerLayer("maxout", Maxout.fromJSON);

/** A maxout layer: see `Maxout`. */
export function maxout(nIn: number, nOut: number, options: MaxoutOptions = {}): Maxout {
  return new Maxout(nIn, nOut, options);
}
