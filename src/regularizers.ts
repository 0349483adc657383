// Chapter: "Dropout and regularization" (docs/regularization.md).
import type {Parameter} from "./layers/layer.js";

/**
 * A weight penalty R(W) added to the loss. `penalty` returns its value; `addGradient` adds dR/dW into
 * each parameter's `grad` (call it after `backward`, before the optimizer step). Parameters with
 * `regularize: false` (biases, batch-norm γ and β) are skipped.
 */
export interface Regularizer {
  readonly kind: string;
  penalty(params: readonly Parameter[]): number;
  addGradient(params: readonly Parameter[]): void;
  describe(): string;
}

/** A hard limit applied to the weights themselves after each optimizer step. */
export interface Constraint {
  readonly kind: string;
  apply(params: readonly Parameter[]): void;
  describe(): string;
}

function checkLambda(what: string, name: string, value: unknown): asserts value is number {
  if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
    throw new Error(`${what}: ${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
}

/**
 * Elastic net, the sum of an L1 and an L2 penalty (Zou & Hastie 2005):
 *   R(W) = λ₁ Σ |w| + (λ₂/2) Σ w²,   dR/dw = λ₁ sign(w) + λ₂ w.
 * The ½ on the L2 term makes its gradient exactly λ₂·w, so SGD with this penalty is "weight decay":
 * w ← w − η(g + λ₂w) = (1 − ηλ₂)w − ηg.
 *
 * ```ts
 * fit(model, data, {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 100, regularizer: elasticNet({l1: 1e-4, l2: 1e-3})});
 * ```
 */
export function elasticNet({l1 = 0, l2 = 0}: {l1?: number; l2?: number}): ElasticNet {
  return new ElasticNet({l1, l2});
}

/**
 * L2 regularization ("weight decay"): R(W) = (λ/2) Σ w², dR/dw = λ·w.
 *
 * ```ts
 * const regularizer = l2(1e-3); // or l2({lambda: 1e-3})
 * ```
 */
export function l2(lambda: number | {lambda: number}): ElasticNet {
  if (typeof lambda === "object" && lambda !== null) lambda = lambda.lambda;
  checkLambda("l2", "lambda", lambda);
  return new ElasticNet({l1: 0, l2: lambda}, "l2");
}

/**
 * L1 regularization: R(W) = λ Σ |w|, dR/dw = λ·sign(w) (0 at w = 0, a subgradient). It pushes every
 * weight towards 0 at a constant rate, so small weights reach exactly 0: sparse weights.
 */
export function l1(lambda: number | {lambda: number}): ElasticNet {
  if (typeof lambda === "object" && lambda !== null) lambda = lambda.lambda;
  checkLambda("l1", "lambda", lambda);
  return new ElasticNet({l1: lambda, l2: 0}, "l1");
}

export class ElasticNet implements Regularizer {
  readonly kind: string;
  readonly l1: number;
  readonly l2: number;

  constructor({l1 = 0, l2 = 0}: {l1?: number; l2?: number}, kind = "elasticNet") {
    checkLambda(kind, "l1", l1);
    checkLambda(kind, "l2", l2);
    this.kind = kind;
    this.l1 = l1;
    this.l2 = l2;
  }

  penalty(params: readonly Parameter[]): number {
    let abs = 0;
    let squares = 0;
    for (let k = 0; k < params.length; k++) {
      if (!params[k].regularize) continue;
      const w = params[k].value.data;
      for (let i = 0; i < w.length; i++) {
        abs += Math.abs(w[i]);
        squares += w[i] * w[i];
      }
    }
    return this.l1 * abs + 0.5 * this.l2 * squares;
  }

  addGradient(params: readonly Parameter[]): void {
    const a = this.l1;
    const b = this.l2;
    for (let k = 0; k < params.length; k++) {
      if (!params[k].regularize) continue;
      const w = params[k].value.data;
      const g = params[k].grad.data;
      for (let i = 0; i < w.length; i++) g[i] += a * Math.sign(w[i]) + b * w[i];
    }
  }

  /** `{kind: "l2" | "l1" | "elasticNet", l1, l2}`; `regularizerFromJSON` rebuilds it. */
  toJSON(): {kind: string; l1: number; l2: number} {
    return {kind: this.kind, l1: this.l1, l2: this.l2};
  }

  describe(): string {
    if (this.kind === "l2") return `L2 (λ = ${this.l2})`;
    if (this.kind === "l1") return `L1 (λ = ${this.l1})`;
    return `elastic net (λ₁ = ${this.l1}, λ₂ = ${this.l2})`;
  }
}

/**
 * Max-norm constraint (Srebro & Shraibman 2005; used with dropout by Srivastava et al. 2014): after each
 * step, every unit's incoming weight vector — each column of W (nIn × nOut) — is scaled back onto the
 * ball ‖w‖₂ ≤ c if it left it. Weights cannot blow up however large the learning rate.
 *
 * ```ts
 * fit(model, data, {loss: "crossEntropy", optimizer: sgd({learningRate: 0.5}), epochs: 50, constraint: maxNorm(3)});
 * ```
 */
export function maxNorm(c: number | {c: number}): MaxNorm {
  return new MaxNorm(typeof c === "object" && c !== null ? c.c : c);
}

export class MaxNorm implements Constraint {
  readonly kind = "maxNorm";
  readonly c: number;

  constructor(c: number) {
    if (!(typeof c === "number" && Number.isFinite(c) && c > 0)) throw new Error(`maxNorm: c must be a positive finite number, got ${c}`);
    this.c = c;
  }

  apply(params: readonly Parameter[]): void {
    const c = this.c;
    for (let k = 0; k < params.length; k++) {
      if (!params[k].regularize) continue;
      const W = params[k].value;
      const w = W.data;
      const rows = W.rows;
      const cols = W.cols;
      for (let j = 0; j < cols; j++) {
        let squares = 0;
        for (let i = 0; i < rows; i++) squares += w[i * cols + j] * w[i * cols + j];
        if (squares > c * c) {
          const s = c / Math.sqrt(squares);
          for (let i = 0; i < rows; i++) w[i * cols + j] *= s;
        }
      }
    }
  }

  /** `{kind: "maxNorm", c}`. */
  toJSON(): {kind: string; c: number} {
    return {kind: this.kind, c: this.c};
  }

  describe(): string {
    return `max-norm (c = ${this.c})`;
  }
}

/**
 * A regularizer or constraint from its JSON (`toJSON()`): `{kind: "l2" | "l1" | "elasticNet", l1, l2}`
 * or `{kind: "maxNorm", c}`.
 */
export function regularizerFromJSON(json: {kind: string; l1?: number; l2?: number; c?: number}): ElasticNet | MaxNorm {
  switch (json?.kind) {
    case "l1":
    case "l2":
    case "elasticNet": return new ElasticNet({l1: json.l1 ?? 0, l2: json.l2 ?? 0}, json.kind);
    case "maxNorm": return new MaxNorm(json.c as number);
  }
  throw new Error(`regularizerFromJSON: unknown kind ${JSON.stringify(json?.kind)}; expected "l1", "l2", "elasticNet" or "maxNorm"`);
}
