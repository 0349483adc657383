// The engine's table of contents: each line re-exports one concept's file.
export * from "./matrix.js";
export * from "./random.js";
// the elementary functions every seeded computation uses (not tanh: `tanh()` is the layer; see tanhOf)
export {exp, expm1, log, log1p, log10, pow, pow10, sin, cos, hypot} from "./elementary.js";
export * from "./initializers.js";
export type {Layer, Parameter, ForwardOptions} from "./layers/layer.js";
export * from "./layers/registry.js";
export * from "./layers/dense.js";
export * from "./layers/activations.js";
export * from "./layers/prelu.js";
export * from "./layers/maxout.js";
export * from "./layers/batchNorm.js";
export * from "./layers/dropout.js";
export * from "./layers/sequential.js";
export * from "./losses.js";
export * from "./regularizers.js";
export * from "./optimizers/index.js";
export * from "./train.js";
export * from "./nextTask.js";
export * from "./inspect.js";
export * from "./datasets/index.js";
export * from "./preprocessing.js";
export * from "./search.js";
export * from "./transfer.js";
