// Experiments off the main thread. The page keeps drawing and answering the reader while the engine
// computes in a pool of Web Workers (up to navigator.hardwareConcurrency − 1 of them), each of which
// imports the same engine (compute/worker.js). See ENGINE.md, "Running work in a worker".
//
//   inWorker(fn, args, options)        one call, a Promise of its result
//   streamInWorker(fn, args, options)  a generator function's values, as an async generator
//   mapInWorkers(fn, items, options)   one call per item, spread over the pool, results in order
//   trainInWorker(model, data, opts)   the engine's train, the same Progress, bit for bit
//
// `fn` travels as source text and runs as fn(engine, args, context): it sees only its arguments,
// not the cell's variables. `args` is data: numbers, strings, arrays, objects, typed arrays, and the
// engine's Matrix, Dataset, models, optimizers, losses, regularizers (encoded and rebuilt on the way).
// `context.loadMnist({train, test})` loads the book's MNIST subset inside the worker.
// Options: `invalidation` (a cell's invalidation promise: stop when the cell reruns) and `signal`
// (an AbortSignal). Stopping terminates the busy worker at once; the pool starts a fresh one when
// it next needs one.
import * as engine from "../engine/index.js";
import {createPool} from "./compute/pool.js";
import {mnistUrls} from "./mnist.js";
import {checkMnistCount} from "./mnistBytes.js";

const size = Math.max(1, ((typeof navigator !== "undefined" && navigator.hardwareConcurrency) || 2) - 1);

const pool = createPool({
  engine,
  size,
  config: {mnist: mnistUrls()},
  createWorker: () => new Worker(import.meta.resolve("./compute/worker.js"), {type: "module", name: "engine worker"})
});

// The browser test reads how many jobs run (Stop latency) from here; nothing else does.
globalThis.__computePool = pool;

/**
 * Runs `fn(engine, args, context)` in a pool worker and resolves to its result (an async `fn` is
 * awaited). An error thrown in the worker rejects with an Error carrying the worker's message.
 *
 * ```js
 * const rows = await inWorker((engine, {depth, seed}) => {
 *   const model = deepNetwork(engine, depth, seed); // helpers must be defined inside fn, or passed as data
 *   return engine.activationStats(model, engine.spirals({seed}).x);
 * }, {depth, seed}, {invalidation});
 * ```
 * With `invalidation`, a rerun of the cell stops the call and its promise never settles; with
 * `signal`, aborting stops it and rejects with the signal's reason.
 */
export function inWorker(fn, args, options = {}) {
  return pool.call(fn, args, {...options, what: "inWorker"});
}

/**
 * Runs a generator function `function* (engine, args, context) { … yield value … }` in a pool
 * worker; returns an async generator of the values it yields, in order (the worker runs at most a
 * few values ahead of the page). With `latest: true` the page sees only the newest value each time
 * it asks, for progress that supersedes itself; `initial` is a first value given at once. A cell whose value is this generator redraws its
 * dependents on each value, shows the live bar's Stop button, and stops the worker when it reruns.
 */
export function streamInWorker(fn, args, options = {}) {
  return pool.stream(fn, args, {...options, what: "streamInWorker"});
}

/**
 * `fn(engine, item, context)` for every item, spread over the pool's workers, resolving to the
 * results in the items' order (`context.index` is the item's index). The first error rejects the
 * whole map and stops the other calls.
 *
 * ```js
 * const finals = await mapInWorkers((engine, {init, seed}) => …, inits.map((init) => ({init, seed: 1})), {invalidation});
 * ```
 */
export function mapInWorkers(fn, items, options = {}) {
  return pool.map(fn, items, {...options, what: "mapInWorkers"});
}

/**
 * The engine's `train(model, data, options)` in a pool worker: an async generator of the same
 * Progress objects (epoch, loss, history, … and `model`, rebuilt from the worker's copy when read),
 * bit for bit what training on the page gives. Returning it (a rerun of the cell, the Stop button)
 * terminates the worker at once, even mid-epoch. With `copy: false` the model and optimizer you pass
 * are updated in place as progress arrives, as the engine's train does. `data` and
 * `options.validation` may be MNIST references from `mnistInWorker`, loaded by the worker itself.
 * `initial` (say, the untrained model's epoch-0 state the page already shows) is the generator's
 * first value, given at once, so that the cell has a value while the worker starts; it is also what
 * a run stopped before its first progress leaves behind.
 *
 * ```js
 * const run = trainInWorker(model, data, {loss: "bce", optimizer: adam({learningRate: 0.01}), epochs: 50});
 * ```
 */
export function trainInWorker(model, data, options) {
  return pool.train(model, data, options);
}

/**
 * References to the book's MNIST subset that workers load themselves (each worker once), instead
 * of copying the pixels from the page: pass them as `data` or `validation` to `trainInWorker`, or
 * anywhere in `args`, where they arrive as Datasets.
 *
 * ```js
 * const digits = mnistInWorker({train: 1000, test: 500});
 * const run = trainInWorker(model, digits.train, {validation: digits.test, …});
 * ```
 */
export function mnistInWorker({train = 10000, test = 2000} = {}) {
  checkMnistCount("mnistInWorker", "train", train);
  checkMnistCount("mnistInWorker", "test", test);
  return {train: {$ref: "mnist", split: "train", n: train}, test: {$ref: "mnist", split: "test", n: test}};
}

/** How many workers the pool may run at once on this device. */
export const workerCount = size;
