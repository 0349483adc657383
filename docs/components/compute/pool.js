// The page's side of the worker pool: a queue of jobs, up to `size` workers, and the four ways to
// run engine code in them (call, stream, map, train). It knows nothing of browsers: ../compute.js
// gives it Web Workers, the Node tests and benchmark give it worker_threads.
//
// Protocol (page → worker): {type: "config", mnist}, {type: "run", id, mode, source, args, tagged,
// options, what}, {type: "pull", id, n}. (worker → page): {type: "ready"}, {type: "yield" | "done",
// id, value, tagged}, {type: "error", id, error: {name, message, stack}}. Stopping a job terminates
// its worker: that is the only way to interrupt code that never yields, and it takes effect at once.

const TRAIN_OPTIONS = ["loss", "optimizer", "epochs", "batchSize", "seed", "validation", "earlyStopping", "regularizer", "constraint", "clip", "copy", "yieldEvery"];

/**
 * @param {{
 *   createWorker: () => {postMessage(message: unknown, transfer?: Transferable[]): void, terminate(): void,
 *                        onmessage: ((event: {data: any}) => void) | null, onerror: ((event: any) => void) | null,
 *                        onmessageerror?: ((event: any) => void) | null},
 *   engine: object, size?: number, config?: object
 * }} options
 */
export function createPool({createWorker, engine, size = 1, config = {}}) {
  if (!(Number.isInteger(size) && size >= 1)) throw new Error(`createPool: size must be an integer ≥ 1, got ${size}`);
  const {encodeValue, decodeValue, layerFromJSON, loadLayerState} = engine;
  const slots = []; // {worker, job, ready}
  const queue = [];
  let nextId = 1;
  let broken = null; // the error of a worker that could not start: every later job fails with it
  const counts = {started: 0, terminated: 0};

  function spawn() {
    let worker;
    try {
      worker = createWorker();
    } catch (error) {
      throw startFailure(error?.message);
    }
    counts.started++;
    const slot = {worker, job: null, ready: false};
    worker.onmessage = ({data}) => {
      if (data?.type === "ready") return void (slot.ready = true);
      const job = slot.job;
      if (!job || data?.id !== job.id) return; // a message of a job that was stopped meanwhile
      if (data.type === "yield") job.onYield(data.tagged ? decodeValue(data.value) : data.value);
      else if (data.type === "done") finish(slot, job, () => job.onDone(data.tagged ? decodeValue(data.value) : data.value));
      else if (data.type === "error") finish(slot, job, () => job.onError(rebuildError(data.error)));
    };
    worker.onerror = (event) => {
      event?.preventDefault?.();
      const job = slot.job;
      if (!slot.ready) {
        // the script (or the engine it imports) did not load: no worker of this page will
        broken = startFailure(event?.message);
        remove(slot);
        for (const waiting of queue.splice(0)) waiting.onError(broken);
        job?.onError(broken);
        return;
      }
      remove(slot);
      job?.onError(new Error(`${job.what}: the worker stopped with an error${event?.message ? `: ${event.message}` : ""}`));
      dispatch();
    };
    worker.onmessageerror = () => {
      const job = slot.job;
      if (job) finish(slot, job, () => job.onError(new Error(`${job.what}: a message from the worker could not be read`)));
    };
    worker.postMessage({...config, type: "config"});
    slots.push(slot);
    return slot;
  }

  function remove(slot) {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    try {
      slot.worker.terminate();
    } catch {
      // already gone
    }
    counts.terminated++;
  }

  function finish(slot, job, report) {
    slot.job = null;
    job.settled = true;
    report();
    dispatch();
  }

  function dispatch() {
    while (queue.length) {
      let slot = slots.find((s) => !s.job);
      if (!slot && slots.length < size) {
        try {
          slot = spawn();
        } catch (error) {
          broken = error;
          for (const waiting of queue.splice(0)) waiting.onError(error);
          return;
        }
      }
      if (!slot) return;
      const job = queue.shift();
      slot.job = job;
      job.slot = slot;
      try {
        slot.worker.postMessage(job.message);
      } catch (error) {
        finish(slot, job, () => job.onError(new Error(`${job.what}: could not send the job to the worker: ${error.message}`)));
      }
    }
  }

  /** Queues a job; returns a function that stops it (terminating its worker if it runs). */
  function submit(job) {
    job.id = nextId++;
    job.message.id = job.id;
    if (broken) {
      job.onError(broken);
      return () => {};
    }
    queue.push(job);
    dispatch();
    return () => {
      if (job.settled) return;
      job.settled = true;
      const i = queue.indexOf(job);
      if (i >= 0) queue.splice(i, 1);
      else if (job.slot && job.slot.job === job) {
        remove(job.slot); // the pool starts a fresh worker when a job next needs one
        dispatch();
      }
    };
  }

  function encodeArgs(args, what) {
    return encodeValue(args, `${what}: args`);
  }

  /** One function call in a worker; resolves to its (decoded) result. */
  function call(fn, args, {invalidation, signal, what = "inWorker", index} = {}) {
    const source = sourceOf(fn, what);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal, what));
      const {value, tagged} = encodeArgs(args, what);
      const stop = submit({what, message: {type: "run", mode: "call", source, args: value, tagged, options: {index}, what}, onYield() {}, onDone: resolve, onError: reject});
      // an invalidated cell's promise never settles, so the rest of the stale cell never runs
      invalidation?.then(stop);
      signal?.addEventListener("abort", () => {
        stop();
        reject(abortError(signal, what));
      }, {once: true});
    });
  }

  /**
   * An async generator over what a job yields. `latest`: keep only the newest value (training
   * progress), else every value in order, the worker running at most a few values ahead.
   * Returning the generator (Framework does so when the cell is invalidated; the live cells' Stop
   * does) terminates the worker at once.
   */
  function iterate(message, {invalidation, signal, latest = false, what, transform = (v) => v, initial, fallback = initial}) {
    const buffer = initial === undefined ? [] : [{value: initial}];
    let finished = false, failure = null, wake = null, stop = () => {}, yielded = false;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    const job = {
      what, message,
      onYield(value) {
        if (latest) buffer[0] = {value, transform: true};
        else buffer.push({value, transform: true});
        notify();
      },
      onDone() {
        finished = true;
        notify();
      },
      onError(error) {
        failure = error;
        notify();
      }
    };
    async function* generate() {
      try {
        for (;;) {
          while (!buffer.length && !finished && !failure) await new Promise((resolve) => (wake = resolve));
          if (buffer.length) {
            const item = buffer.shift();
            if (item.transform && !latest && !finished && job.slot?.job === job) job.slot.worker.postMessage({type: "pull", id: job.id, n: 1});
            yielded = true;
            yield item.transform ? transform(item.value) : item.value;
          } else if (failure) throw failure;
          else return;
        }
      } finally {
        stop();
      }
    }
    const generator = generate();
    const originalReturn = generator.return.bind(generator);
    const end = () => {
      stop();
      finished = true;
      buffer.length = 0;
      // Stopped before the worker sent anything: a cell reading the value still gets one (a
      // generator cell whose first value never comes would leave its dependents with undefined).
      if (!yielded && fallback !== undefined) buffer.push({value: fallback});
      notify();
    };
    // Stop now, not after the value the generator is waiting for: terminate, then let it finish.
    generator.return = (value) => {
      end();
      return originalReturn(value);
    };
    if (signal?.aborted) end();
    else stop = submit(job);
    invalidation?.then(() => generator.return());
    signal?.addEventListener("abort", () => generator.return(), {once: true});
    return generator;
  }

  function stream(fn, args, {invalidation, signal, latest = false, initial, what = "streamInWorker"} = {}) {
    const source = sourceOf(fn, what);
    const {value, tagged} = encodeArgs(args, what);
    return iterate({type: "run", mode: "stream", source, args: value, tagged, options: {latest}, what}, {invalidation, signal, latest, what, initial});
  }

  /** Independent calls spread over the pool; resolves to their results in order. Stops the rest on the first error. */
  function map(fn, items, {invalidation, signal, what = "mapInWorkers"} = {}) {
    if (!items || typeof items[Symbol.iterator] !== "function") return Promise.reject(new Error(`${what}: items must be an array (or iterable), got ${items === null ? "null" : typeof items}`));
    const list = Array.from(items);
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal?.addEventListener("abort", abort, {once: true});
    const calls = list.map((item, index) => call(fn, item, {invalidation, signal: controller.signal, what, index}));
    return Promise.all(calls).catch((error) => {
      abort();
      throw signal?.aborted ? abortError(signal, what) : error;
    });
  }

  /** The engine's train in a worker: the same Progress objects, bit for bit, as an async generator. */
  function train(model, data, options = {}) {
    const what = "trainInWorker";
    if (!options || typeof options !== "object") throw new Error(`${what}: options are required, e.g. {loss: "bce", optimizer: sgd({learningRate: 0.1}), epochs: 100}`);
    const {invalidation, signal, initial, ...trainOptions} = options;
    for (const key of Object.keys(trainOptions)) {
      if (!TRAIN_OPTIONS.includes(key)) throw new Error(`${what}: unknown option "${key}"; the options are ${[...TRAIN_OPTIONS, "invalidation", "signal", "initial"].join(", ")}`);
    }
    const copy = trainOptions.copy !== false;
    const {value, tagged} = encodeArgs({model, data, options: trainOptions}, what);
    const history = [];
    const transform = ({history: added, historyFrom, model: json, optimizer, ...rest}) => {
      history.length = historyFrom;
      history.push(...added);
      const progress = {...rest, history: history.slice()};
      if (!copy) {
        // as with the engine's train, the model passed in is the one being trained
        loadLayerState(model, json);
        if (optimizer?.state && typeof trainOptions.optimizer.loadState === "function") trainOptions.optimizer.loadState(optimizer.state, model.parameters());
        if (optimizer) trainOptions.optimizer.stepCount = optimizer.stepCount;
        progress.model = model;
        return progress;
      }
      let decoded;
      Object.defineProperty(progress, "model", {enumerable: true, configurable: true, get: () => (decoded ??= layerFromJSON(json)), set: (v) => (decoded = v)});
      return progress;
    };
    // stopped before the first progress: epoch 0 and the untrained model, like a run stopped at once
    const fallback = initial ?? {epoch: 0, step: 0, loss: NaN, history: [], model, learningRate: NaN, done: false, stoppedEarly: false};
    return iterate({type: "run", mode: "train", args: value, tagged, options: {copy}, what}, {invalidation, signal, latest: true, what, transform, initial, fallback});
  }

  return {
    call, stream, map, train, size,
    /** Workers alive, jobs running and queued (for tests and the benchmark). */
    stats: () => ({workers: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length, ...counts}),
    /** Ends every worker and fails every job. */
    terminate() {
      for (const job of queue.splice(0)) job.onError(new Error(`${job.what}: the pool was shut down`));
      for (const slot of [...slots]) {
        slot.job?.onError(new Error(`${slot.job.what}: the pool was shut down`));
        remove(slot);
      }
    }
  };
}

/** The source text of fn, checked: it travels to the worker and is compiled there. */
export function sourceOf(fn, what) {
  if (typeof fn !== "function") throw new Error(`${what}: fn must be a function (engine, args, context) => …, got ${fn === null ? "null" : typeof fn}`);
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) throw new Error(`${what}: fn must be written out as a function in the cell (its source text is sent to the worker), not a built-in or bound function`);
  return source;
}

function rebuildError({name = "Error", message = "unknown error", stack} = {}) {
  const error = new Error(message);
  error.name = name;
  if (stack) error.workerStack = stack;
  return error;
}

function startFailure(detail) {
  const error = new Error(
    `This page could not start its background worker${detail ? ` (${detail})` : ""}, so the experiment cannot run. ` +
      `Reload the page; if that does not help, the browser may be blocking Web Workers (some private modes and extensions do) or the site's files are incomplete.`
  );
  error.name = "WorkerStartError";
  return error;
}

function abortError(signal, what) {
  const reason = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(`${what}: stopped`);
  error.name = "AbortError";
  return error;
}
