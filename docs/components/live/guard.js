// guard: the check that transformCell puts at the top of every loop body in a reader's code.
//
// Why loop guards and not a worker: a cell must draw into the page, call `display`, and share live
// objects (models, closures, DOM nodes) with the other cells; none of that crosses into a worker.
// So the code runs on the main thread, and each loop iteration asks "has the main thread been
// busy for too long?". Two clocks answer:
//   - the synchronous slice: a microtask marks the end of the current run of JavaScript, so a loop
//     that never returns control keeps the same slice start (`while (true) {}`);
//   - a heartbeat timer: a loop that awaits only resolved promises (`while (true) await 0`) never
//     lets timers run, so the heartbeat goes stale even though each slice is short.
// A guard that has tripped keeps throwing until the page breathes again, so a `try/catch` inside
// the loop cannot swallow it.

export class LoopError extends Error {
  constructor(message) {
    super(message);
    this.name = "LoopError";
  }
}

/**
 * @param {{limit?: number, now?: () => number, visible?: () => boolean}} options
 *   limit: milliseconds the main thread may stay busy (default 2000)
 * @returns {() => number} call from a loop; returns how many iterations may pass before the next
 *   call; throws LoopError when over the limit
 */
export function guard({limit = 2000, now = () => performance.now(), visible = defaultVisible} = {}) {
  if (!(limit > 0)) throw new Error(`guard: limit must be a positive number of milliseconds, got ${limit}`);
  let inSlice = false;
  let sliceStart = 0;
  let lastBeat = -Infinity;
  let lastCheck = -Infinity;
  let beating = false;
  let tripped = false;

  function beat() {
    lastBeat = now();
    tripped = false;
    // keep beating only while loops are running
    if (lastBeat - lastCheck < 1000) setTimeout(beat, 100);
    else beating = false;
  }

  // Reading the clock costs ~50 ns, far more than a tight loop's body, so the transformed code
  // calls check() only every `stride` iterations (`if (!(--n >= 0)) n = check()`), and check()
  // returns the next stride, adapted to keep clock reads about a millisecond apart.
  let stride = 0;

  return function check() {
    const t = now();
    const gap = t - lastCheck;
    stride = gap < 0.5 ? Math.min(stride * 2 + 1, 4095) : gap > 2 ? stride >> 1 : stride;
    lastCheck = t;
    if (tripped) throw ((stride = 0), stop(limit));
    if (!inSlice) {
      inSlice = true;
      sliceStart = t;
      queueMicrotask(() => (inSlice = false));
    }
    if (!beating) {
      beating = true;
      lastBeat = t;
      setTimeout(beat, 100);
    }
    if (t - sliceStart > limit || (t - lastBeat > limit && visible())) {
      tripped = true;
      stride = 0;
      throw stop(limit);
    }
    return stride;
  };
}

function stop(limit) {
  return new LoopError(
    `Stopped: this loop kept the page busy for more than ${(limit / 1000).toFixed(1)} s without a break. ` +
      `An endless loop? To run long work, let the page breathe: yield a value each step (or await a timer).`
  );
}

function defaultVisible() {
  return typeof document === "undefined" || document.visibilityState !== "hidden";
}
