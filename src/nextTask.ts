// Chapter: none; plumbing shared by `train` and the pages' slicing helpers.

/**
 * A promise that resolves in a new task (not a microtask), so that the page can draw and take a
 * click before it does: `scheduler.postTask` where there is one (Chromium, Firefox), since
 * setTimeout(0) waits at least 4 ms once timers nest; `setImmediate` in Node; else setTimeout.
 *
 * ```ts
 * for (const chunk of chunks) {
 *   work(chunk);
 *   await nextTask();
 * }
 * ```
 */
export function nextTask(): Promise<void> {
  const scope = globalThis as {scheduler?: {postTask?: (callback: () => void) => Promise<void>}; setImmediate?: (callback: () => void) => unknown};
  if (typeof scope.scheduler?.postTask === "function") return scope.scheduler.postTask(() => {});
  if (typeof scope.setImmediate === "function") return new Promise((resolve) => scope.setImmediate!(resolve));
  return new Promise((resolve) => setTimeout(resolve, 0));
}
