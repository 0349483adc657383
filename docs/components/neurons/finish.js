// Runs a training generator to its end without freezing the page, for cells that want only the
// result. The engine's `train` stops after every 30 ms of work, but in a `for await` loop those
// stops are promise callbacks, which do not let the browser draw or answer a click; so at each
// one this waits for a new task (a timer).

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
    await new Promise((resolve) => setTimeout(resolve, 0)); // each chunk in a task of its own, the first one too
    if (stale) {
      await iterator.return?.(); // ends the training run
      return new Promise(() => {});
    }
    const {value, done} = await iterator.next();
    if (done) return last;
    last = value;
  }
}
