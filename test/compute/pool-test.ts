// The worker pool (docs/components/compute/pool.js and serve.js) on Node's worker_threads: the same
// code the browser runs, with worker_threads instead of Web Workers. The browser test checks the
// Web Worker side (test/browser/compute-spec.js).
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import {gunzipSync} from "node:zlib";
import {
  Matrix, sequential, dense, relu, tanh, batchNorm, dropout, adam, sgd, momentum, stepDecay, l2, moons, spirals, fit,
  Sequential, type Progress
} from "../../src/index.js";
// @ts-ignore: plain JavaScript page component without type declarations
import {mnistDataset} from "../../docs/components/mnistBytes.js";
import {nodePool} from "./nodePool.js";

type Pool = Awaited<ReturnType<typeof nodePool>>;
let pool: Pool;
beforeAll(async () => {
  pool = await nodePool({size: 2});
});
afterAll(() => pool?.terminate());

async function last<T>(iterable: AsyncIterable<T>): Promise<T> {
  let value: T | undefined;
  for await (const v of iterable) value = v;
  return value!;
}

/** Every number of a Progress (history, losses) and of its model's JSON, for Object.is comparison. */
function fingerprint(p: Progress): unknown[] {
  const {model, history, ...rest} = p;
  return [JSON.stringify(model), ...history.flatMap((h) => Object.entries(h)), ...Object.entries(rest).sort()];
}

function sameBits(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => (Array.isArray(v) ? sameBits(v, b[i] as unknown[]) : Object.is(v, b[i])));
}

describe("trainInWorker (pool.train)", () => {
  const model = () => sequential(dense(2, 16, {init: "he", seed: 1}), batchNorm(16), relu(), dropout(0.1, {seed: 2}), dense(16, 2, {seed: 3}));
  const data = moons({n: 200, noise: 0.2, seed: 4});
  const options = () => ({
    loss: "softmaxCrossEntropy" as const, optimizer: adam({learningRate: stepDecay({initial: 0.02, every: 20})}), epochs: 15, batchSize: 16,
    seed: 5, validation: 0.2, regularizer: l2(1e-3), clip: {norm: 5}, earlyStopping: {patience: 50, restoreBest: true}
  });

  it("gives the same Progress, bit for bit, as fit on the main thread", async () => {
    const here = fit(model(), data, options());
    const there = (await last(pool.train(model(), data, options()))) as Progress;
    expect(there.done).toBe(true);
    expect(there.model).toBeInstanceOf(Sequential);
    expect(there.history.length).toBe(15);
    expect(sameBits(fingerprint(there), fingerprint(here))).toBe(true);
    // and the comparison can fail: another shuffling seed gives other numbers
    const other = fit(model(), data, {...options(), seed: 6});
    expect(sameBits(fingerprint(there), fingerprint(other))).toBe(false);
  });

  it("streams progress like train, its history growing to the end", async () => {
    const seen: number[] = [];
    for await (const p of pool.train(model(), data, {...options(), yieldEvery: 0})) seen.push((p as Progress).history.length);
    expect(seen.at(-1)).toBe(15);
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1])).toBe(true);
  });

  it("with copy: false updates the page's model and optimizer in place, so a second run continues the first", async () => {
    const opts = () => ({loss: "softmaxCrossEntropy" as const, epochs: 4, batchSize: 16, seed: 7, copy: false});
    const a = model(), oa = momentum({learningRate: 0.05});
    fit(a, data, {...opts(), optimizer: oa});
    fit(a, data, {...opts(), optimizer: oa});
    const b = model(), ob = momentum({learningRate: 0.05});
    const first = (await last(pool.train(b, data, {...opts(), optimizer: ob}))) as Progress;
    expect(first.model).toBe(b);
    await last(pool.train(b, data, {...opts(), optimizer: ob}));
    expect(ob.stepCount).toBe(oa.stepCount);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("reports the engine's own error, and refuses unknown options at once", async () => {
    const plain = sequential(dense(2, 16, {seed: 1}), relu(), dense(16, 2, {seed: 2}));
    const run = pool.train(plain, data, {loss: "softmaxCrossEntropy", optimizer: sgd({learningRate: 1e6}), epochs: 50});
    await expect(last(run)).rejects.toThrow(/^train: loss became (NaN|Infinity) at step \d+ \(epoch \d+\); try a smaller learning rate/);
    expect(() => pool.train(model(), data, {loss: "bce", optimizer: adam(), epochs: 1, lr: 1} as never)).toThrow('trainInWorker: unknown option "lr"');
  });
});

describe("inWorker (pool.call)", () => {
  it("runs fn(engine, args, context) and rebuilds engine values on the way back", async () => {
    const result = (await pool.call((engine: typeof import("../../src/index.js"), {n}: {n: number}) => {
      const m = engine.Matrix.fromRows([[1, 2], [3, 4]]);
      return {product: engine.matmul(m, m), n, model: engine.sequential(engine.dense(2, 1, {seed: n}))};
    }, {n: 3})) as {product: Matrix; n: number; model: Sequential};
    expect(result.product).toBeInstanceOf(Matrix);
    expect(result.product.toRows()).toEqual([[7, 10], [15, 22]]);
    expect(JSON.stringify(result.model)).toBe(JSON.stringify(sequential(dense(2, 1, {seed: 3}))));
  });

  it("an error in the worker comes back as an Error with the worker's message", async () => {
    await expect(pool.call((engine: typeof import("../../src/index.js")) => engine.dropout(1), null)).rejects.toThrow("dropout: rate must be in [0, 1), got 1");
    await expect(pool.call(() => pageVariable, null)).rejects.toThrow("pageVariable is not defined (a function run in a worker sees only its arguments");
    await expect(pool.call(() => () => 1, null)).rejects.toThrow("the result cannot be sent back to the page");
    await expect(pool.call(() => 1, {f: () => 2})).rejects.toThrow("inWorker: args.f is a function, which cannot be sent to a worker");
    expect(() => pool.call(Math.max, null)).toThrow("inWorker: fn must be written out as a function in the cell");
  });

  it("code edited in a live cell keeps its loop guards, which the worker stubs", async () => {
    // what live/transform.js makes of `(engine, n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }`:
    // a guard that refers to the cell's __live and __guardCountdown, which do not exist in the worker
    const source = "(engine, n) => { let s = 0; for (let i = 0; i < n; i++) {if(!(--__guardCountdown>=0))__guardCountdown=__live.guard(); s += i;} return s; }";
    const guarded = new Function("__guardCountdown", "__live", `return ${source}`)(0, {guard: () => 0});
    expect(await pool.call(guarded, 100000)).toBe(4999950000);
  });

  it("context.loadMnist and MNIST references load the digits inside the worker, bit for bit the page's", async () => {
    const raw = gunzipSync(readFileSync("data/mnist/train.u8.gz"));
    const page = mnistDataset(new Uint8Array(raw), "train", 30);
    const viaContext = (await pool.call(async (_engine: unknown, _args: unknown, context: {loadMnist: (o: object) => Promise<{train: {x: Matrix}}>}) => (await context.loadMnist({train: 30, test: 10})).train.x, null)) as Matrix;
    expect(Array.from(viaContext.data)).toEqual(Array.from(page.x.data));
    const viaRef = (await pool.call((_engine: unknown, {digits}: {digits: {y: Matrix}}) => digits.y, {digits: {$ref: "mnist", split: "train", n: 30}})) as Matrix;
    expect(Array.from(viaRef.data)).toEqual(Array.from(page.y.data));
  });

  it("a signal stops a call that never ends: the worker is terminated and replaced when needed", async () => {
    const controller = new AbortController();
    const endless = pool.call(() => {
      for (;;);
    }, null, {signal: controller.signal});
    setTimeout(() => controller.abort(), 50);
    await expect(endless).rejects.toThrow(/stopped|aborted/);
    expect(await pool.call((_e: unknown, x: number) => x * 2, 21)).toBe(42);
  });

  it("an invalidated call never settles and frees its worker", async () => {
    let invalidate!: () => void;
    const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
    let settled = false;
    pool.call(() => {
      for (;;);
    }, null, {invalidation}).finally(() => (settled = true));
    invalidate();
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);
    expect(pool.stats().busy).toBe(0);
  });
});

describe("streamInWorker and mapInWorkers", () => {
  it("a generator's values arrive in order, all of them, however many", async () => {
    const values: number[] = [];
    for await (const v of pool.stream(function* (_engine: unknown, {n}: {n: number}) {
      for (let i = 0; i < n; i++) yield i * i;
    }, {n: 200})) values.push(v as number);
    expect(values).toEqual(Array.from({length: 200}, (_, i) => i * i));
  });

  it("returning the generator stops the worker mid-loop, at once", async () => {
    const run = pool.stream(function* () {
      yield 1;
      for (;;);
    }, null);
    expect((await run.next()).value).toBe(1);
    const pending = run.next(); // the worker is now stuck in its endless loop
    const started = performance.now();
    await run.return(undefined);
    expect(await pending).toEqual({done: true, value: undefined});
    expect(performance.now() - started).toBeLessThan(100);
    expect(pool.stats().busy).toBe(0);
  });

  it("with latest: true the page sees only the newest value, and always the last", async () => {
    const values: number[] = [];
    for await (const v of pool.stream(function* () {
      for (let i = 1; i <= 100000; i++) yield i;
    }, null, {latest: true})) values.push(v as number);
    expect(values.at(-1)).toBe(100000);
    expect(values.length).toBeLessThan(1000);
  });

  it("mapInWorkers spreads items over the pool and keeps their order", async () => {
    const results = await pool.map((engine: typeof import("../../src/index.js"), {seed}: {seed: number}, context: {index: number}) => {
      const data = engine.spirals({n: 60, seed});
      const model = engine.sequential(engine.dense(2, 8, {seed}), engine.tanh(), engine.dense(8, 3, {seed: seed + 1}));
      return {index: context.index, loss: engine.fit(model, data, {loss: "softmaxCrossEntropy", optimizer: engine.sgd({learningRate: 0.1}), epochs: 5}).loss};
    }, [1, 2, 3, 4].map((seed) => ({seed})));
    expect(results.map((r: {index: number}) => r.index)).toEqual([0, 1, 2, 3]);
    const here = [1, 2, 3, 4].map((seed) => {
      const model = sequential(dense(2, 8, {seed}), tanh(), dense(8, 3, {seed: seed + 1}));
      return fit(model, spirals({n: 60, seed}), {loss: "softmaxCrossEntropy", optimizer: sgd({learningRate: 0.1}), epochs: 5}).loss;
    });
    expect(results.map((r: {loss: number}) => r.loss)).toEqual(here);
    await expect(pool.map((_e: unknown, x: number) => {
      if (x === 2) throw new Error("item two is bad");
      return x;
    }, [1, 2, 3])).rejects.toThrow("item two is bad");
  });
});

declare const pageVariable: number;
