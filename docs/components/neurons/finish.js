// Runs a training generator to its end without freezing the page, for cells that want only the
// result. The engine's `train` already gives the page a turn between its 30 ms slices; this also
// starts the first slice in a task of its own and stops the run when the cell is invalidated.
import {yieldToMain} from "../yieldToPage.js";

/**
 * The last value of an (async) generator such as `train(…)`, after running it to its end: the
 * same result as `fit` with the same options, computed one chunk per task.
 * Pass the cell's `invalidation` so that a rerun of the cell stops the old run: the old run's
 * promise then never settles, so the rest of the stale cell never runs.
 *
 * @template T
 * @param {AsyncIterable<T> | Iterable<T>} run - e.g. `train(model, data, options)`
 * @param {{invalidation?: Promise<unknown>}} [options]
 * @returns {Promise<T | undefined>} the last value (`undefined` if there was none)
 *
 * @example
 * const last = await finish(train(model, data, {loss: "bce", optimizer: sgd({learningRate: 0.5}), epochs: 50}), {invalidation});
 */
export async function finish(run, {invalidation} = {}) {
  let stale = false;
  invalidation?.then(() => (stale = true));
  const iterator = run[Symbol.asyncIterator]?.() ?? run[Symbol.iterator]();
  let last;
  for (;;) {
    await yieldToMain(); // each chunk in a task of its own, the first one too
    if (stale) {
      await iterator.return?.(); // ends the training run
      return new Promise(() => {});
    }
    const {value, done} = await iterator.next();
    if (done) return last;
    last = value;
  }
}
