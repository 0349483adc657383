// Chapter: "Dropout and regularization" (docs/regularization.md).
import {Matrix, ensure} from "../matrix.js";
import {random, type Random} from "../random.js";
import type {ForwardOptions, Layer, Parameter} from "./layer.js";
import {registerLayer, matrixField, numberField, randomField, type LayerJSON} from "./registry.js";

export type DropoutMode = "inverted" | "vanilla";

/**
 * Dropout (Srivastava et al. 2014): at training time each unit is zeroed with probability `rate`,
 * so every step trains a different thinned network. The output's expected value must be the same
 * at training and at test time, and there are two ways to arrange that:
 *   "inverted" (default): training y = x·mask/(1 − rate), test y = x — prediction code stays unchanged;
 *   "vanilla" (the paper's): training y = x·mask,            test y = (1 − rate)·x.
 * `rate` is the probability of *dropping* a unit (Keras's convention; the paper's p is the keep probability).
 *
 * ```ts
 * const model = sequential(dense(2, 64), relu(), dropout(0.5, {seed: 1}), dense(64, 1));
 * ```
 */
export function dropout(rate: number, options: {seed?: number | Random; mode?: DropoutMode; mask?: Matrix} = {}): Dropout {
  return new Dropout(rate, options);
}

export class Dropout implements Layer {
  readonly kind = "dropout";
  readonly rate: number;
  readonly mode: DropoutMode;
  /** The mask of the last training forward: 1 where a unit was kept, 0 where dropped. */
  mask?: Matrix;
  private fixed = false;
  private rng: Random;
  private out?: Matrix;
  private dx?: Matrix;
  /** What backward multiplies dy by: the mask and scale of training, or the constant scale of test time. */
  private lastTraining = false;

  constructor(rate: number, {seed = 0, mode = "inverted", mask}: {seed?: number | Random; mode?: DropoutMode; mask?: Matrix} = {}) {
    if (!(typeof rate === "number" && rate >= 0 && rate < 1)) throw new Error(`dropout: rate must be in [0, 1), got ${rate}`);
    if (mode !== "inverted" && mode !== "vanilla") throw new Error(`dropout: mode must be "inverted" or "vanilla", got ${JSON.stringify(mode)}`);
    this.rate = rate;
    this.mode = mode;
    this.rng = random(seed);
    if (mask) this.setMask(mask);
  }

  /** Fixes the mask used by every training forward (for gradient checks and figures); `null` draws fresh masks again. */
  setMask(mask: Matrix | null): this {
    if (mask === null) {
      this.fixed = false;
      return this;
    }
    for (let i = 0; i < mask.data.length; i++) {
      if (mask.data[i] !== 0 && mask.data[i] !== 1) throw new Error(`dropout: mask entries must be 0 or 1, got ${mask.data[i]} at index ${i}`);
    }
    this.mask = mask.clone();
    this.fixed = true;
    return this;
  }

  forward(x: Matrix, {training = false}: ForwardOptions = {}): Matrix {
    const out = (this.out = ensure(this.out, x.rows, x.cols));
    const X = x.data;
    const Y = out.data;
    this.lastTraining = training;
    if (training) {
      if (this.fixed) {
        if (this.mask!.rows !== x.rows || this.mask!.cols !== x.cols) {
          throw new Error(`dropout: the fixed mask is ${this.mask!.rows}×${this.mask!.cols} but the input is ${x.rows}×${x.cols}`);
        }
      } else {
        const mask = (this.mask = ensure(this.mask, x.rows, x.cols)).data;
        const keep = 1 - this.rate;
        for (let i = 0; i < mask.length; i++) mask[i] = this.rng.uniform() < keep ? 1 : 0;
      }
      const M = this.mask!.data;
      const s = this.trainScale();
      for (let i = 0; i < Y.length; i++) Y[i] = X[i] * M[i] * s;
    } else {
      const s = this.testScale();
      for (let i = 0; i < Y.length; i++) Y[i] = X[i] * s;
    }
    return out;
  }

  backward(dy: Matrix): Matrix {
    const dx = (this.dx = ensure(this.dx, dy.rows, dy.cols));
    const D = dy.data;
    const DX = dx.data;
    if (this.lastTraining) {
      const M = this.mask!.data;
      if (M.length !== D.length) throw new Error(`dropout: dy is ${dy.rows}×${dy.cols}, expected the shape of the last output`);
      const s = this.trainScale();
      for (let i = 0; i < D.length; i++) DX[i] = D[i] * M[i] * s;
    } else {
      const s = this.testScale();
      for (let i = 0; i < D.length; i++) DX[i] = D[i] * s;
    }
    return dx;
  }

  parameters(): Parameter[] {
    return [];
  }

  clone(): Dropout {
    const copy = new Dropout(this.rate, {mode: this.mode, seed: this.rng.clone()});
    if (this.fixed) copy.setMask(this.mask!);
    return copy;
  }

  describe(): string {
    return `dropout ${this.rate} (${this.mode})`;
  }

  /**
   * `{kind: "dropout", rate, mode, rng}` and, when a mask is fixed, `mask`. `rng` is the generator's
   * position, so a rebuilt layer draws the same masks the saved one would have drawn next.
   */
  toJSON(): LayerJSON {
    const json: LayerJSON = {kind: this.kind, rate: this.rate, mode: this.mode, rng: this.rng.toJSON()};
    if (this.fixed) json.mask = this.mask!.clone();
    return json;
  }

  static fromJSON(json: LayerJSON): Dropout {
    const mode = (json.mode ?? "inverted") as DropoutMode;
    const layer = new Dropout(numberField(json, "rate"), {mode, seed: randomField(json, "rng")});
    if (json.mask) layer.setMask(matrixField(json, "mask"));
    return layer;
  }

  private trainScale(): number {
    return this.mode === "inverted" ? 1 / (1 - this.rate) : 1;
  }

  private testScale(): number {
    return this.mode === "inverted" ? 1 : 1 - this.rate;
  }
}

registerLayer("dropout", Dropout.fromJSON);
