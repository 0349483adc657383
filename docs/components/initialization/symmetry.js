// The symmetry problem: a one-hidden-layer network trained from all-zero, all-equal and random
// weights, recording every hidden unit's incoming weights after each step.
import {dense, sequential, tanh, sgd, trainStep, evaluate} from "../../engine/index.js";
import {yieldToPage} from "../yieldToPage.js";

/**
 * Trains 2 → hidden (tanh) → 1 on `data` (binary labels) with full-batch SGD, pausing for the page
 * between steps when it has been busy (see yieldToPage.js), and resolves to
 * `{trace, accuracy, distinct}`: `trace` rows {step, unit, w1, w2} (unit j's weights from the two
 * inputs), the final training accuracy, and how many hidden units are still distinct.
 * `start` is "zeros", a number (every weight equal to it), or "random" (Xavier, seeded).
 */
export async function trainFromStart(data, {start, hidden = 6, steps = 300, learningRate = 0.5, seed = 0}) {
  const init = start === "random" ? "xavier" : start === "zeros" ? "zeros" : "constant";
  if (init === "constant" && !Number.isFinite(start)) {
    throw new Error(`trainFromStart: start must be "zeros", "random" or a number, got ${JSON.stringify(start)}`);
  }
  const value = init === "constant" ? start : undefined;
  const first = dense(data.x.cols, hidden, {init, value, seed});
  const second = dense(hidden, 1, {init, value, seed: seed + 1});
  const model = sequential(first, tanh(), second);
  const optimizer = sgd({learningRate});
  const trace = [];
  const record = (step) => {
    const W = first.W; // inputs × units: column j is unit j's incoming weights
    for (let j = 0; j < hidden; j++) trace.push({step, unit: `unit ${j + 1}`, w1: W.get(0, j), w2: W.get(1, j)});
  };
  record(0);
  for (let step = 1; step <= steps; step++) {
    await yieldToPage();
    trainStep(model, data.x, data.y, {loss: "bce", optimizer});
    if (step % 5 === 0) record(step);
  }
  const {accuracy} = evaluate(model, data, {loss: "bce"});
  return {trace, accuracy, distinct: distinctColumns(first.W)};
}

/** Number of distinct columns of W (units whose weight vectors differ by more than 1e-9). */
export function distinctColumns(W) {
  const reps = [];
  for (let j = 0; j < W.cols; j++) {
    const col = W.column(j);
    if (!reps.some((r) => r.every((v, i) => Math.abs(v - col[i]) <= 1e-9))) reps.push(Array.from(col));
  }
  return reps.length;
}
