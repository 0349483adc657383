// Several training runs advanced in turn, so that their loss curves grow side by side, and the
// point they all start from: each untrained network's loss (epoch 0).
import {Matrix, evaluate} from "../../engine/index.js";
import {yieldToPage} from "../yieldToPage.js";

/**
 * `runs` is an object {name: asyncIterator of Progress} (e.g. the engine's `train(...)`).
 * Advances the runs in turn, each slice of training in a task of its own, and yields
 * `{name: latest Progress}` at most every `yieldEvery` ms (and whenever a run ends), so that the
 * page redraws a few times a second rather than after every slice. A run that throws is recorded as
 * `{error}` under its name while the others go on. Returning the generator (Framework does so when
 * the cell is invalidated) returns every run.
 */
export async function* race(runs, {yieldEvery = 100} = {}) {
  const names = Object.keys(runs);
  const latest = Object.fromEntries(names.map((name) => [name, null]));
  const active = new Set(names);
  let lastYield = -Infinity;
  let unseen = false; // progress not yet yielded
  try {
    while (active.size) {
      for (const name of names) {
        if (!active.has(name)) continue;
        await yieldToPage();
        try {
          const {value, done} = await runs[name].next();
          if (done) active.delete(name);
          else latest[name] = value;
          if (value?.done) active.delete(name);
        } catch (error) {
          latest[name] = {error, history: latest[name]?.history ?? []};
          active.delete(name);
        }
        unseen = true;
        if (!active.has(name) || performance.now() - lastYield >= yieldEvery) {
          yield {...latest};
          lastYield = performance.now();
          unseen = false;
        }
      }
    }
    if (unseen) yield {...latest};
  } finally {
    for (const name of names) await runs[name].return?.();
  }
}

/**
 * The loss (and accuracy) of each untrained model `makeModel(name)` on the first `rows` examples of
 * `data` (default: all), `{name: {loss, accuracy}}`: the race's epoch 0. Builds one model at a time
 * and evaluates `batchSize` rows at a time, letting the page draw in between.
 *
 * ```js
 * const start = await startingLosses(["He", "LeCun"], (init) => deepNetwork({depth: 30, width: 32, init}), data, {loss: "softmaxCrossEntropy"});
 * ```
 */
export async function startingLosses(names, makeModel, data, {loss, rows = data.x.rows, batchSize = 100}) {
  if (!Number.isInteger(rows) || rows < 1 || rows > data.x.rows) throw new Error(`startingLosses: rows must be an integer in [1, ${data.x.rows}], got ${rows}`);
  const start = {};
  for (const name of names) {
    await yieldToPage();
    const model = makeModel(name);
    let lossSum = 0, accuracySum = 0;
    for (let i = 0; i < rows; i += batchSize) {
      await yieldToPage();
      const end = Math.min(rows, i + batchSize);
      const result = evaluate(model, {x: rowsOf(data.x, i, end), y: rowsOf(data.y, i, end)}, {loss});
      lossSum += result.loss * (end - i);
      accuracySum += (result.accuracy ?? NaN) * (end - i);
    }
    start[name] = {loss: lossSum / rows, accuracy: accuracySum / rows};
  }
  return start;
}

/** Rows [from, to) of a matrix, sharing its data. */
function rowsOf(m, from, to) {
  return new Matrix(to - from, m.cols, m.data.subarray(from * m.cols, to * m.cols));
}

/**
 * Rows {run, epoch, loss, accuracy} for plotting a race's state (the object `race` yields, or null
 * before it starts), beginning with epoch 0 from `start` (see startingLosses), and a summary row per
 * run: its latest epoch and losses, or its error, or its starting point if it has not reported yet.
 */
export function raceRows(state, start = {}) {
  const rows = [];
  const summary = [];
  const names = [...new Set([...Object.keys(start), ...Object.keys(state ?? {})])];
  for (const run of names) {
    const first = start[run];
    const p = state?.[run];
    if (Number.isFinite(first?.loss)) rows.push({run, epoch: 0, loss: first.loss, accuracy: first.accuracy});
    for (const h of p?.history ?? []) if (Number.isFinite(h.loss)) rows.push({run, epoch: h.epoch, loss: h.loss, accuracy: h.accuracy});
    if (p?.error) summary.push({run, epoch: p.history.at(-1)?.epoch ?? 0, loss: null, accuracy: null, validationAccuracy: null, error: p.error.message});
    else if (p) summary.push({run, epoch: p.epoch, loss: p.loss, accuracy: p.accuracy ?? null, validationAccuracy: p.validationAccuracy ?? null, error: null});
    else summary.push({run, epoch: first ? 0 : null, loss: first?.loss ?? null, accuracy: first?.accuracy ?? null, validationAccuracy: null, error: null});
  }
  return {rows, summary};
}
