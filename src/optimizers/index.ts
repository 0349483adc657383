// Optimizers, schedules and gradient clipping: one file each.
export {BaseOptimizer, registerOptimizer, optimizerFromJSON, type Optimizer, type OptimizerJSON, type LearningRate} from "./optimizer.js";
export * from "./sgd.js";
export * from "./momentum.js";
export * from "./nesterov.js";
export * from "./adagrad.js";
export * from "./rmsprop.js";
export * from "./adadelta.js";
export * from "./adam.js";
export * from "./schedules.js";
export * from "./clipping.js";
export * from "./minimize.js";
