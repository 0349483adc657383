// Chapter: activations. PReLU (He, Zhang, Ren & Sun 2015, "Delving Deep into Rectifiers"):
// a leaky ReLU whose negative slope aⱼ is learned, one per feature.
import {Matrix} from "../matrix.js";
import type {ForwardOptions, Layer, Parameter} from "./layer.js";
import {registerLayer, matrixField, numberField, type LayerJSON} from "./registry.js";

/**
 * y = x for x > 0 and aⱼ·x otherwise, with one learnable slope aⱼ per feature (a 1 × n parameter
 * named "slope", not weight-decayed: He et al. found decay pushes a toward 0, i.e. toward ReLU).
 *
 * ```ts
 * const layer = prelu(16, {slope: 0.25});
 * ```
 */
export class PRelu implements Layer {
  readonly kind = "prelu";
  readonly n: number;
  /** Slopes, 1 × n. */
  readonly a: Matrix;
  readonly da: Matrix;
  private readonly params: Parameter[];
  private x: Matrix | null = null;
  private y: Matrix | undefined;
  private dx: Matrix | undefined;

  constructor(n: number, {slope = 0.25}: {slope?: number} = {}) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`prelu: n must be a positive integer, got ${n}`);
    if (!Number.isFinite(slope)) throw new Error(`prelu: slope must be a finite number, got ${slope}`);
    this.n = n;
    this.a = new Matrix(1, n).fill(slope);
    this.da = new Matrix(1, n);
    this.params = [{name: "slope", value: this.a, grad: this.da, regularize: false}];
  }

  forward(x: Matrix, _options?: ForwardOptions): Matrix {
    if (!(x instanceof Matrix)) throw new Error(`prelu: input must be a Matrix, got ${typeof x}`);
    if (x.cols !== this.n) throw new Error(`prelu: input has ${x.cols} columns, expected ${this.n} (n)`);
    const n = x.rows, c = this.n;
    const y = (this.y = this.y && this.y.rows === n ? this.y : new Matrix(n, c));
    const X = x.data, Y = y.data, A = this.a.data;
    for (let i = 0; i < n; i++) {
      const r = i * c;
      for (let j = 0; j < c; j++) {
        const v = X[r + j];
        Y[r + j] = v > 0 ? v : A[j] * v;
      }
    }
    this.x = x;
    return y;
  }

  backward(dy: Matrix): Matrix {
    const x = this.x;
    if (!x) throw new Error(`prelu: backward called before forward`);
    if (dy.rows !== x.rows || dy.cols !== this.n) throw new Error(`prelu: dy is ${dy.rows}×${dy.cols}, expected ${x.rows}×${this.n}`);
    const n = x.rows, c = this.n;
    const dx = (this.dx = this.dx && this.dx.rows === n ? this.dx : new Matrix(n, c));
    const X = x.data, D = dy.data, G = dx.data, A = this.a.data, dA = this.da.data;
    for (let i = 0; i < n; i++) {
      const r = i * c;
      for (let j = 0; j < c; j++) {
        const v = X[r + j], d = D[r + j];
        if (v > 0) G[r + j] = d;
        else {
          G[r + j] = A[j] * d;
          dA[j] += d * v; // ∂y/∂aⱼ = x where x ≤ 0
        }
      }
    }
    return dx;
  }

  parameters(): Parameter[] {
    return this.params;
  }

  clone(): PRelu {
    const copy = new PRelu(this.n);
    copy.a.data.set(this.a.data);
    copy.da.data.set(this.da.data);
    return copy;
  }

  describe(): string {
    return `prelu ${this.n}`;
  }

  /** `{kind: "prelu", n, a}`: the slopes. */
  toJSON(): LayerJSON {
    return {kind: this.kind, n: this.n, a: this.a.clone()};
  }

  static fromJSON(json: LayerJSON): PRelu {
    const n = numberField(json, "n");
    const layer = new PRelu(n);
    layer.a.data.set(matrixField(json, "a", 1, n).data);
    return layer;
  }
}

registerLayer("prelu", PRelu.fromJSON);

/** A PReLU layer over n features: see `PRelu`. */
export function prelu(n: number, options: {slope?: number} = {}): PRelu {
  return new PRelu(n, options);
}
