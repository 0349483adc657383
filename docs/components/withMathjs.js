// mathjs in a Web Worker. Importing mathjs costs the page a third of a second of main-thread time,
// and simplifying an expression a good part of another; in a worker, neither freezes the page.

let worker; // one per page, started on first use
let nextId = 0;
const pending = new Map(); // id → {resolve, reject}

/**
 * Runs `fn(math, ...args)` in a worker that has imported mathjs, and resolves to what it returns.
 * `fn` travels to the worker as source text, so it sees only `math` (the mathjs namespace) and
 * `args`, not the page's variables; `args` and the result must be plain data (numbers, strings,
 * booleans, arrays and objects of them), so convert mathjs values inside `fn` with `.toString()`,
 * `.toTex()` or `Number(…)`.
 *
 * ```js
 * const derivative = await withMathjs((math) => math.derivative("x^3", "x").toString()); // "3 * x ^ 2"
 * const value = await withMathjs((math, text) => Number(math.evaluate(text)), "sqrt(2/100)");
 * ```
 */
export function withMathjs(fn, ...args) {
  if (typeof fn !== "function") throw new Error(`withMathjs: fn must be a function (math, ...args) => result, got ${typeof fn}`);
  worker ??= start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, {resolve, reject});
    try {
      worker.postMessage({id, source: String(fn), args});
    } catch (error) {
      pending.delete(id);
      reject(new Error(`withMathjs: args must be plain data (numbers, strings, arrays, objects); ${error.message}`));
    }
  });
}

function start() {
  const w = new Worker(import.meta.resolve("./mathjsWorker.js"), {type: "module"});
  w.onmessage = ({data: {id, value, error}}) => {
    const call = pending.get(id);
    pending.delete(id);
    if (!call) return;
    if (error) call.reject(Object.assign(new Error(error.message), {name: error.name}));
    else call.resolve(value);
  };
  w.onerror = (event) => {
    event.preventDefault?.();
    const error = new Error(`withMathjs: the mathjs worker failed${event.message ? `: ${event.message}` : " to start"}`);
    for (const call of pending.values()) call.reject(error);
    pending.clear();
    worker = undefined; // the next call starts a fresh worker
  };
  return w;
}
