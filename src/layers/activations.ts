// Chapter: "Neurons, losses and the engine" (docs/neurons.md). Each activation keeps its forward
// and backward loops side by side; backward multiplies dy by f'(x), written with whatever forward cached.
import {Matrix} from "../matrix.js";
import type {ForwardOptions, Layer, Parameter} from "./layer.js";

export type ActivationName = "identity" | "sigmoid" | "tanh" | "relu" | "leakyRelu" | "elu" | "softplus";

const NO_PARAMETERS: Parameter[] = [];

/** Shared plumbing: reusable output and gradient buffers, shape checks. Subclasses write the loops. */
abstract class Activation implements Layer {
  abstract readonly kind: ActivationName;
  protected x: Matrix | null = null;
  protected y: Matrix | undefined;
  protected dx: Matrix | undefined;

  abstract forward(x: Matrix, options?: ForwardOptions): Matrix;
  abstract backward(dy: Matrix): Matrix;
  abstract clone(): Layer;

  /** Validates x, remembers it and returns the output buffer (reused across calls of the same shape). */
  protected begin(x: Matrix): Matrix {
    if (!(x instanceof Matrix)) throw new Error(`${this.kind}: input must be a Matrix, got ${typeof x}`);
    this.x = x;
    const y = this.y;
    return (this.y = y && y.rows === x.rows && y.cols === x.cols ? y : new Matrix(x.rows, x.cols));
  }

  /** Checks dy against the last input and returns the dx buffer. */
  protected beginBackward(dy: Matrix): Matrix {
    const x = this.x;
    if (!x) throw new Error(`${this.kind}: backward called before forward`);
    if (dy.rows !== x.rows || dy.cols !== x.cols) {
      throw new Error(`${this.kind}: dy is ${dy.rows}×${dy.cols}, expected ${x.rows}×${x.cols} like the last input`);
    }
    const dx = this.dx;
    return (this.dx = dx && dx.rows === x.rows && dx.cols === x.cols ? dx : new Matrix(x.rows, x.cols));
  }

  parameters(): Parameter[] {
    return NO_PARAMETERS;
  }

  describe(): string {
    return this.kind;
  }
}

/** f(x) = x: the output layer of a regression, or "no activation" in experiments. */
export class Identity extends Activation {
  readonly kind = "identity";
  forward(x: Matrix): Matrix {
    const y = this.begin(x);
    y.data.set(x.data);
    return y;
  }
  backward(dy: Matrix): Matrix {
    const dx = this.beginBackward(dy);
    dx.data.set(dy.data);
    return dx;
  }
  clone(): Identity {
    return new Identity();
  }
}

/** σ(x) = 1/(1 + e^−x), σ' = σ(1 − σ) ≤ 1/4, computed without overflow for large |x|. */
export class Sigmoid extends Activation {
  readonly kind = "sigmoid";
  forward(x: Matrix): Matrix {
    const y = this.begin(x), X = x.data, Y = y.data;
    for (let i = 0; i < X.length; i++) {
      const v = X[i];
      const e = Math.exp(-Math.abs(v)); // ≤ 1, never overflows
      Y[i] = (v >= 0 ? 1 : e) / (1 + e);
    }
    return y;
  }
  backward(dy: Matrix): Matrix {
    const dx = this.beginBackward(dy), Y = this.y!.data, D = dy.data, G = dx.data;
    for (let i = 0; i < G.length; i++) G[i] = D[i] * Y[i] * (1 - Y[i]);
    return dx;
  }
  clone(): Sigmoid {
    return new Sigmoid();
  }
}

// tanh(x) = e/(e + 2) with e = expm1(2x). Math.tanh costs ~25 ns here, a third of a small network's
// step, so expm1 is computed inline: 2x = k·ln2/32 + r with |r| < ln2/32, e^(2x) = S[k]·e^r from a
// table S[k] = 2^(k/32), and e^r − 1 from a degree-7 polynomial. Relative error < 1e-14 (tested
// against Math.tanh), branch-free, and NaN in gives NaN out.
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const C_HI = LN2_HI / 32;
const C_LO = LN2_LO / 32;
const INV_C = 32 / Math.LN2;
const CLAMP = 40; // tanh(20) rounds to 1 in double precision
const OFFSET = Math.ceil(CLAMP * INV_C) + 1;
const EXP_TABLE = new Float64Array(2 * OFFSET + 1);
for (let k = -OFFSET; k <= OFFSET; k++) EXP_TABLE[k + OFFSET] = Math.exp(k * C_HI + k * C_LO);

/** tanh(v) with the fast inline method above; exported for tests and for pages that draw the curve. */
export function tanhOf(v: number): number {
  const z = Math.min(Math.max(2 * v, -CLAMP), CLAMP);
  const k = (z * INV_C) | 0;
  const r = z - k * C_HI - k * C_LO;
  const r2 = r * r;
  const p = r + r2 * (0.5 + r * (1 / 6)) + r2 * r2 * (1 / 24 + r * (1 / 120) + r2 * (1 / 720 + r * (1 / 5040)));
  const s = EXP_TABLE[k + OFFSET];
  const e = s * p + (s - 1);
  return e / (e + 2);
}

/** tanh(x), zero-centred, tanh' = 1 − tanh² ≤ 1. */
export class Tanh extends Activation {
  readonly kind = "tanh";
  forward(x: Matrix): Matrix {
    const y = this.begin(x), X = x.data, Y = y.data;
    for (let i = 0; i < X.length; i++) Y[i] = tanhOf(X[i]); // small enough for the JIT to inline
    return y;
  }
  backward(dy: Matrix): Matrix {
    const dx = this.beginBackward(dy), Y = this.y!.data, D = dy.data, G = dx.data, n = G.length;
    // four entries per turn of the loop, whose own bookkeeping otherwise costs as much as the arithmetic
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const t0 = Y[i], t1 = Y[i + 1], t2 = Y[i + 2], t3 = Y[i + 3];
      G[i] = D[i] * (1 - t0 * t0);
      G[i + 1] = D[i + 1] * (1 - t1 * t1);
      G[i + 2] = D[i + 2] * (1 - t2 * t2);
      G[i + 3] = D[i + 3] * (1 - t3 * t3);
    }
    for (; i < n; i++) G[i] = D[i] * (1 - Y[i] * Y[i]);
    return dx;
  }
  clone(): Tanh {
    return new Tanh();
  }
}

/** max(0, x); the derivative is 1 for x > 0 and 0 otherwise (0 at the kink, by convention). */
export class Relu extends Activation {
  readonly kind = "relu";
  forward(x: Matrix): Matrix {
    const y = this.begin(x), X = x.data, Y = y.data;
    for (let i = 0; i < X.length; i++) Y[i] = Math.max(X[i], 0); // branch-free; NaN stays NaN, so divergence shows
    return y;
  }
  backward(dy: Matrix): Matrix {
    const dx = this.beginBackward(dy), X = this.x!.data, D = dy.data, G = dx.data;
    for (let i = 0; i < G.length; i++) G[i] = X[i] > 0 ? D[i] : 0;
    return dx;
  }
  clone(): Relu {
    return new Relu();
  }
}

/** x for x > 0, slope·x otherwise (Maas, Hannun & Ng 2013): dead units still get a gradient. */
export class LeakyRelu extends Activation {
  readonly kind = "leakyRelu";
  readonly slope: number;
  constructor({slope = 0.01}: {slope?: number} = {}) {
    super();
    if (!Number.isFinite(slope)) throw new Error(`leakyRelu: slope must be a finite number, got ${slope}`);
    this.slope = slope;
  }
  forward(x: Matrix): Matrix {
    const y = this.begin(x), X = x.data, Y = y.data, a = this.slope;
    for (let i = 0; i < X.length; i++) {
      const v = X[i];
      Y[i] = v > 0 ? v : a * v;
    }
    return y;
  }
  backward(dy: Matrix): Matrix {
    const dx = this.beginBackward(dy), X = this.x!.data, D = dy.data, G = dx.data, a = this.slope;
    for (let i = 0; i < G.length; i++) G[i] = X[i] > 0 ? D[i] : a * D[i];
    return dx;
  }
  clone(): LeakyRelu {
    return new LeakyRelu({slope: this.slope});
  }
  describe(): string {
    return `leakyRelu (slope ${this.slope})`;
  }
}

/** x for x > 0, α(eˣ − 1) otherwise (Clevert, Unterthiner & Hochreiter 2016); f' = f + α for x ≤ 0. */
export class Elu extends Activation {
  readonly kind = "elu";
  readonly alpha: number;
  constructor({alpha = 1}: {alpha?: number} = {}) {
    super();
    if (!Number.isFinite(alpha) || alpha < 0) throw new Error(`elu: alpha must be a finite number ≥ 0, got ${alpha}`);
    this.alpha = alpha;
  }
  forward(x: Matrix): Matrix {
    const y = this.begin(x), X = x.data, Y = y.data, a = this.alpha;
    for (let i = 0; i < X.length; i++) {
      const v = X[i];
      Y[i] = v > 0 ? v : a * Math.expm1(v);
    }
    return y;
  }
  backward(dy: Matrix): Matrix {
    const dx = this.beginBackward(dy), X = this.x!.data, Y = this.y!.data, D = dy.data, G = dx.data, a = this.alpha;
    for (let i = 0; i < G.length; i++) G[i] = X[i] > 0 ? D[i] : D[i] * (Y[i] + a);
    return dx;
  }
  clone(): Elu {
    return new Elu({alpha: this.alpha});
  }
  describe(): string {
    return `elu (alpha ${this.alpha})`;
  }
}

/** log(1 + eˣ), a smooth ReLU whose derivative is σ(x); computed as max(x, 0) + log1p(e^−|x|) to avoid overflow. */
export class Softplus extends Activation {
  readonly kind = "softplus";
  forward(x: Matrix): Matrix {
    const y = this.begin(x), X = x.data, Y = y.data;
    for (let i = 0; i < X.length; i++) {
      const v = X[i];
      Y[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }
    return y;
  }
  backward(dy: Matrix): Matrix {
    const dx = this.beginBackward(dy), X = this.x!.data, D = dy.data, G = dx.data;
    for (let i = 0; i < G.length; i++) {
      const v = X[i];
      const e = Math.exp(-Math.abs(v));
      G[i] = (D[i] * (v >= 0 ? 1 : e)) / (1 + e);
    }
    return dx;
  }
  clone(): Softplus {
    return new Softplus();
  }
}

/** Factories, one per activation. */
export function identity(): Identity {
  return new Identity();
}
export function sigmoid(): Sigmoid {
  return new Sigmoid();
}
export function tanh(): Tanh {
  return new Tanh();
}
export function relu(): Relu {
  return new Relu();
}
export function leakyRelu(options: {slope?: number} = {}): LeakyRelu {
  return new LeakyRelu(options);
}
export function elu(options: {alpha?: number} = {}): Elu {
  return new Elu(options);
}
export function softplus(): Softplus {
  return new Softplus();
}

export const activationNames: ActivationName[] = ["identity", "sigmoid", "tanh", "relu", "leakyRelu", "elu", "softplus"];

/**
 * The activation layer for a name, e.g. from a page's select input:
 * `activation("relu")`; unknown names throw `activation: unknown name "relux"; expected one of …`.
 */
export function activation(name: ActivationName, options: {slope?: number; alpha?: number} = {}): Layer {
  switch (name) {
    case "identity": return identity();
    case "sigmoid": return sigmoid();
    case "tanh": return tanh();
    case "relu": return relu();
    case "leakyRelu": return leakyRelu({slope: options.slope});
    case "elu": return elu({alpha: options.alpha});
    case "softplus": return softplus();
  }
  throw new Error(`activation: unknown name ${JSON.stringify(name)}; expected one of ${activationNames.map((n) => `"${n}"`).join(", ")}`);
}
