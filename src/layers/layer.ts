import type {Matrix} from "../matrix.js";
import type {LayerJSON} from "./registry.js";

/** A trainable matrix and the gradient that `backward` accumulates into it. */
export interface Parameter {
  /** Unique within a model after `sequential` prefixes it, e.g. "0.dense.W". */
  name: string;
  value: Matrix;
  grad: Matrix;
  /** Whether weight penalties (L2, L1, max-norm) apply: true for weights, false for biases and batch-norm γ, β. */
  regularize: boolean;
}

export interface ForwardOptions {
  /** Training mode: batch norm uses batch statistics and dropout drops. Default false. */
  training?: boolean;
}

/**
 * The contract every layer keeps. `forward` caches what `backward` needs;
 * `backward(dy)` returns dL/dx and adds dL/dθ into each parameter's `grad`.
 */
export interface Layer {
  /** Short kind, e.g. "dense", "relu", "batchNorm". */
  readonly kind: string;
  forward(x: Matrix, options?: ForwardOptions): Matrix;
  backward(dy: Matrix): Matrix;
  parameters(): Parameter[];
  /** A deep copy with the same parameter values and state (running averages, rng position). */
  clone(): Layer;
  /** One line for model summaries, e.g. "dense 2 → 16 (he)". */
  describe(): string;
  /**
   * Optional. When false, `backward` may skip computing dL/dx (it still accumulates parameter
   * gradients) and returns an n×0 matrix. `sequential` sets it on its first trainable layer, whose
   * dx nobody reads: for a 784-input network that saves about a third of the backward pass.
   */
  needsInputGradient?: boolean;
  /**
   * Optional, but every built-in layer has it: the layer as JSON (`{kind, …}`: sizes, options,
   * weights, state), for saving a model and for sending it to a Web Worker. Its kind must be
   * registered with `registerLayer(kind, fromJSON)` (layers/registry.ts) for `layerFromJSON` to
   * rebuild it.
   */
  toJSON?(): LayerJSON;
}
