// Lets the browser draw and answer input before the rest of a cell runs. Framework computes every
// cell whose inputs are ready in one go, so a page's charts all drew in a single task that froze
// the page for a few hundred milliseconds; a chart cell that starts with `await yieldToMain()`
// runs in a task of its own. The name and the fallback follow web.dev's "Optimize long tasks".

/**
 * A promise that resolves in a new task (scheduler.yield where the browser has it, else a timer).
 *
 * @returns {Promise<void>}
 *
 * @example
 * await yieldToMain(); // draw this chart in a task of its own
 * display(Plot.plot({…}));
 */
export function yieldToMain() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
