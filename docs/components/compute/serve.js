// The worker's side of the pool (see ../compute.js and pool.js): receives jobs, runs them with the
// engine, and posts results, streamed values, training progress and errors back. It knows nothing of
// browsers or Node: worker.js (a Web Worker) and the Node tests and benchmark give it the engine,
// a `post` function and a way to read the MNIST files.
import {mnistBytes, mnistDataset, checkMnistCount, MNIST_SIZE} from "../mnistBytes.js";

// A reader's edited cell carries the live editor's loop guards (see live/transform.js), also inside
// a function it sends here. They guard the page's main thread, which a worker is not, so here they
// always let the loop go on. Both as parameters of the compiled function and as globals, for code
// compiled some other way (a learning-rate schedule saved as source).
const liveStub = {
  guard: () => 4095,
  import: (specifier) => {
    throw new Error(`a function run in a worker cannot import ${JSON.stringify(specifier)}; it gets the engine as its first argument`);
  }
};
globalThis.__live ??= liveStub;
globalThis.__guardCountdown ??= 0;

const STREAM_AHEAD = 8; // values a stream may run ahead of the page before it waits
const LATEST_EVERY = 16; // ms between values of a stream whose page keeps only the latest

/**
 * @param {{engine: object, post: (message: object, transfer?: Transferable[]) => void,
 *          readMnist?: (split: "train" | "test", urls: object) => Promise<ArrayBuffer | Uint8Array>}} host
 * @returns {(message: object) => void} the message handler
 */
export function serve({engine, post, readMnist = fetchMnist}) {
  const {encodeValue, decodeValue, findRefs} = engine;
  let config = {};
  const compiled = new Map(); // source text → function, so a map over many items parses once
  const streams = new Map(); // job id → {credit, wake}
  const raw = {}; // split → Promise<Uint8Array>
  const datasets = new Map(); // "train:1000" → Dataset

  function loadSplit(split, n) {
    checkMnistCount("loadMnist", split, n);
    const key = `${split}:${n}`;
    if (!datasets.has(key)) {
      raw[split] ??= Promise.resolve(readMnist(split, config.mnist ?? {})).then(mnistBytes);
      datasets.set(key, raw[split].then((bytes) => mnistDataset(bytes, split, n)));
    }
    return datasets.get(key);
  }

  /** What a job's function gets as its third argument. */
  function contextFor(options) {
    return {
      index: options.index,
      /** The book's MNIST subset, loaded in this worker (each size once per worker). */
      async loadMnist({train = MNIST_SIZE.train, test = MNIST_SIZE.test} = {}) {
        const [a, b] = await Promise.all([loadSplit("train", train), loadSplit("test", test)]);
        return {train: a, test: b};
      }
    };
  }

  function compile(source, what) {
    let fn = compiled.get(source);
    if (fn) return fn;
    try {
      fn = new Function("__live", "__guardCountdown", `"use strict"; return (${source}\n);`)(liveStub, 0);
    } catch (error) {
      throw new Error(`${what}: could not compile the function in the worker (${error.message}); pass a function expression or an arrow function, e.g. (engine, args) => …`);
    }
    if (typeof fn !== "function") throw new Error(`${what}: fn must be a function, got ${typeof fn}`);
    compiled.set(source, fn);
    return fn;
  }

  async function decodeArgs(args, tagged) {
    if (!tagged) return args;
    const refs = findRefs(args);
    const loaded = new Map();
    for (const ref of refs) {
      if (ref.$ref !== "mnist") throw new Error(`unknown reference ${JSON.stringify(ref.$ref)}`);
      loaded.set(`${ref.split}:${ref.n}`, await loadSplit(ref.split, ref.n));
    }
    return decodeValue(args, {ref: (ref) => loaded.get(`${ref.split}:${ref.n}`)});
  }

  function send(type, id, value, what) {
    let encoded;
    try {
      encoded = encodeValue(value, what);
    } catch (error) {
      throw new Error(`the result cannot be sent back to the page: ${error.message}`);
    }
    post({type, id, value: encoded.value, tagged: encoded.tagged});
  }

  async function run({id, mode, source, args, tagged, options = {}, what = "inWorker"}) {
    try {
      const input = await decodeArgs(args, tagged);
      if (mode === "train") return await runTrain(id, input, options);
      const fn = compile(source, what);
      const context = contextFor(options);
      if (mode === "call") {
        const value = await fn(engine, input, context);
        send("done", id, value, `${what}: the result`);
        return;
      }
      const iterator = fn(engine, input, context);
      if (!iterator || typeof iterator.next !== "function") {
        throw new Error(`${what}: fn must be a generator function (function* (engine, args) { … yield … }), but it returned ${iterator === null ? "null" : typeof iterator}`);
      }
      if (options.latest) await runLatest(id, iterator, what);
      else await runStream(id, iterator, what);
    } catch (error) {
      post({type: "error", id, error: describeError(error)});
    } finally {
      streams.delete(id);
    }
  }

  // Every value reaches the page, in order; the worker runs at most STREAM_AHEAD values ahead.
  async function runStream(id, iterator, what) {
    const state = {credit: STREAM_AHEAD, wake: null};
    streams.set(id, state);
    for (;;) {
      const {value, done} = await iterator.next();
      if (done) break;
      send("yield", id, value, `${what}: a yielded value`);
      if (--state.credit <= 0) await new Promise((resolve) => (state.wake = resolve));
    }
    post({type: "done", id});
  }

  // The page keeps only the newest value: send at most one every LATEST_EVERY ms, and the last one.
  async function runLatest(id, iterator, what) {
    let last = -Infinity, pending = false, latest;
    for (;;) {
      const {value, done} = await iterator.next();
      if (done) break;
      latest = value;
      pending = true;
      if (now() - last >= LATEST_EVERY) {
        send("yield", id, value, `${what}: a yielded value`);
        pending = false;
        last = now();
      }
    }
    if (pending) send("yield", id, latest, `${what}: a yielded value`);
    post({type: "done", id});
  }

  // The engine's train, its Progress sent as it comes: the history as new entries only, the model
  // (and with copy: false the optimizer) as JSON, which the page rebuilds when it reads progress.model.
  async function runTrain(id, {model, data, options}, {copy = true}) {
    let sent = 0;
    for await (const progress of engine.train(model, data, options)) {
      const {model: trained, history, ...rest} = progress;
      const message = {...rest, historyFrom: sent, history: history.slice(sent), model: trained.toJSON()};
      if (!copy && options.optimizer?.toJSON) message.optimizer = options.optimizer.toJSON();
      post({type: "yield", id, value: message});
      sent = history.length;
    }
    post({type: "done", id});
  }

  return function onMessage(message) {
    if (!message || typeof message !== "object") return;
    if (message.type === "config") config = message;
    else if (message.type === "run") run(message);
    else if (message.type === "pull") {
      const state = streams.get(message.id);
      if (!state) return;
      state.credit += message.n ?? 1;
      if (state.credit > 0 && state.wake) {
        const wake = state.wake;
        state.wake = null;
        wake();
      }
    }
  };
}

/** An error as data (Error objects lose their name and extra fields on the way). */
function describeError(error) {
  if (!(error instanceof Error)) return {name: "Error", message: `the worker threw ${typeof error === "string" ? JSON.stringify(error) : String(error)}`};
  let message = error.message;
  if (error.name === "ReferenceError") {
    message += " (a function run in a worker sees only its arguments — engine, args, context — and no variable of the page; pass what it needs in args)";
  }
  return {name: error.name, message, stack: error.stack};
}

async function fetchMnist(split, urls) {
  const url = urls[split];
  if (!url) throw new Error(`loadMnist: the worker has no address for the MNIST ${split} file`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`loadMnist: could not load ${url} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

function now() {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}
