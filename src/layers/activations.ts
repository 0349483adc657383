// Chapter: "Neurons, losses and the engine" (docs/neurons.md). Each activation keeps its forward
// and backward loops side by side; backward multiplies dy by f'(x), written with whatever forward cached.
import {Matrix} from "../matrix.js";
import type {ForwardOptions, Layer, Parameter} from "./layer.js";
import {exp, expm1, log1p, tanh as tanhAccurate} from "../elementary.js";
import {registerLayer, numberField, type LayerJSON} from "./registry.js";

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

  /** `{kind}`, plus `slope` (leaky ReLU) or `alpha` (ELU). */
  toJSON(): LayerJSON {
    return {kind: this.kind};
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
      const e = exp(-Math.abs(v)); // ≤ 1, never overflows
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

// tanh by its addition formula, because Math.tanh costs ~25 ns here, which would be almost half of a
// small network's training step. Write x = a + r with a = k/32 the nearest multiple of 1/32 and
// |r| ≤ 1/64. Then
//   tanh(x) = (tanh a + tanh r) / (1 + tanh a · tanh r),
// tanh a comes from a table (k from −640 to 640, since tanh(20) rounds to 1) filled by the engine's
// own tanh (elementary.ts, never Math.tanh, whose last bits differ between engines), and tanh r from its
// odd series r − r³/3 + 2r⁵/15 − 17r⁷/315, whose first omitted term is below 1e-16 of tanh r. The
// sum tanh a + tanh r cannot cancel badly (for k ≠ 0, |tanh r| ≤ 1/64 is about half of |tanh a| or
// less), so the relative error stays near 1e-15 (tested against Math.tanh). NaN in gives NaN out.
const STEPS = 32; // table entries per unit of x
const LIMIT = 20; // |x| beyond which tanh(x) is ±1 in double precision
const TANH_TABLE = new Float64Array(2 * STEPS * LIMIT + 1);
for (let k = -STEPS * LIMIT; k <= STEPS * LIMIT; k++) TANH_TABLE[k + STEPS * LIMIT] = tanhAccurate(k / STEPS);
const ROUND = 6755399441055744; // 1.5·2⁵²: (v + ROUND) − ROUND rounds v to the nearest integer

/** tanh(v) with the fast method above; exported for tests and for pages that draw the curve. */
export function tanhOf(v: number): number {
  const x = Math.min(Math.max(v, -LIMIT), LIMIT);
  const k = x * STEPS + ROUND - ROUND;
  const r = x - k / STEPS; // exact: k/32 and x are close
  const r2 = r * r;
  const t = r + r * r2 * (-1 / 3 + r2 * (2 / 15 + r2 * (-17 / 315)));
  const T = TANH_TABLE[(k + STEPS * LIMIT) | 0];
  return (T + t) / (1 + T * t);
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
  toJSON(): LayerJSON {
    return {kind: this.kind, slope: this.slope};
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
      Y[i] = v > 0 ? v : a * expm1(v);
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
  toJSON(): LayerJSON {
    return {kind: this.kind, alpha: this.alpha};
  }
}

/** log(1 + eˣ), a smooth ReLU whose derivative is σ(x); computed as max(x, 0) + log1p(e^−|x|) to avoid overflow. */
export class Softplus extends Activation {
  readonly kind = "softplus";
  forward(x: Matrix): Matrix {
    const y = this.begin(x), X = x.data, Y = y.data;
    for (let i = 0; i < X.length; i++) {
      const v = X[i];
      Y[i] = Math.max(v, 0) + log1p(exp(-Math.abs(v)));
    }
    return y;
  }
  backward(dy: Matrix): Matrix {
    const dx = this.beginBackward(dy), X = this.x!.data, D = dy.data, G = dx.data;
    for (let i = 0; i < G.length; i++) {
      const v = X[i];
      const e = exp(-Math.abs(v));
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

registerLayer("identity", () => identity());
registerLayer("sigmoid", () => sigmoid());
registerLayer("tanh", () => tanh());
registerLayer("relu", () => relu());
registerLayer("leakyRelu", (json) => leakyRelu({slope: numberField(json, "slope", 0.01)}));
registerLayer("elu", (json) => elu({alpha: numberField(json, "alpha", 1)}));
registerLayer("softplus", () => softplus());
