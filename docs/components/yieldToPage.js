// Long computations in short slices, so that the page keeps drawing and answering the reader while
// a cell computes. Call `await yieldToPage()` between chunks of work (a layer, a network, a run):
// it returns at once while the current slice is young, and otherwise waits for a new task.
// `await yieldToMain()` always waits for one: a chart cell that starts with it draws in a task of its
// own, since Framework otherwise runs every ready cell in one go.

import {nextTask} from "../engine/nextTask.js";

let sliceStart = -Infinity;

/**
 * Resolves at once if less than `budget` ms have passed since the page last had a turn (the last
 * time this function waited), else in a later task: the browser draws and handles input in
 * between. Work between two calls should take well under 100 ms.
 *
 * ```js
 * for (const init of inits) {
 *   rows.push(await study(init)); // each study pauses between layers
 *   await yieldToPage();
 * }
 * ```
 */
export async function yieldToPage({budget = 30} = {}) {
  if (now() - sliceStart < budget) return;
  await nextTask();
  sliceStart = now();
}

/** A promise that resolves in a new task, whatever the slice's age. */
export async function yieldToMain() {
  await nextTask();
  sliceStart = now(); // the page just had its turn: a new slice starts here
}

function now() {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}
