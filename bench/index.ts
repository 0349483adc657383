// npm run bench: training throughput (samples/second) of the engine beside @tensorflow/tfjs's pure-JS
// CPU backend, same architectures, same batch sizes, measured in the same run.
//
// Each measurement runs full training steps (forward, softmax cross-entropy, backward, SGD update)
// on a fixed set of random mini-batches: warm-up first (so the JIT has compiled the hot loops), then
// `REPEATS` timed windows of `WINDOW_MS` each; the table shows the median window.
import {performance} from "node:perf_hooks";
import os from "node:os";
// Imports go to the files, not src/index.ts, so the bench runs while other parts of the engine are in progress.
import {Matrix} from "../src/matrix.js";
import {random} from "../src/random.js";
import {sequential, type Sequential} from "../src/layers/sequential.js";
import {dense} from "../src/layers/dense.js";
import {relu, tanh} from "../src/layers/activations.js";
import type {Layer} from "../src/layers/layer.js";
import {sgd} from "../src/optimizers/sgd.js";
import {loss} from "../src/losses.js";

const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 1500);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5); // five windows: the median shrugs off one disturbed by a neighbour
const BATCHES = 8; // distinct mini-batches cycled through, so no single batch sits in cache

interface Case {
  name: string;
  sizes: number[];
  activation: "relu" | "tanh";
  batchSize: number;
  /** The target from the brief: 4× the best JavaScript library on this machine. */
  target: number;
}

const cases: Case[] = [
  {name: "MLP 784-128-64-10 ReLU, batch 64", sizes: [784, 128, 64, 10], activation: "relu", batchSize: 64, target: 3800},
  {name: "MLP 2-16-16-2 tanh, batch 32", sizes: [2, 16, 16, 2], activation: "tanh", batchSize: 32, target: 700_000},
  {name: "20 × 64 tanh, 64 in, 10 out, batch 32", sizes: [64, ...Array(20).fill(64), 10], activation: "tanh", batchSize: 32, target: 3800}
];

/** Random standard-normal inputs and uniform class labels, seeded. */
function makeBatches(c: Case): {x: Matrix; y: Matrix}[] {
  const rng = random(123);
  const nIn = c.sizes[0], k = c.sizes[c.sizes.length - 1];
  return Array.from({length: BATCHES}, () => {
    const x = new Matrix(c.batchSize, nIn), y = new Matrix(c.batchSize, 1);
    for (let i = 0; i < x.data.length; i++) x.data[i] = rng.normal();
    for (let i = 0; i < c.batchSize; i++) y.data[i] = rng.int(k);
    return {x, y};
  });
}

interface Measurement {
  /** Median over windows of samples per second of wall-clock time. */
  perSecond: number;
  /** Median over windows of samples per second of this process's CPU time (user + system). */
  perCpuSecond: number;
  windows: number[];
}

/**
 * Runs `step` repeatedly: warm-up, then REPEATS windows. Wall-clock throughput is what a reader
 * sees; CPU-time throughput is what the code costs, and stays meaningful when other processes
 * share the cores (on a loaded machine wall-clock numbers only say how busy the neighbours were).
 */
function measure(step: (i: number) => void, batchSize: number): Measurement {
  let i = 0;
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) step(i++);
  const wall: number[] = [], cpu: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    let steps = 0, now = start;
    while ((now = performance.now()) - start < WINDOW_MS) {
      // check the clock every few steps only: a small step takes tens of microseconds
      for (let s = 0; s < 8; s++) step(i++);
      steps += 8;
    }
    const used = process.cpuUsage(cpu0);
    wall.push((steps * batchSize) / ((now - start) / 1000));
    cpu.push((steps * batchSize) / ((used.user + used.system) / 1e6));
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  return {perSecond: median(wall), perCpuSecond: median(cpu), windows: wall};
}

type TrainStep = (model: Sequential, x: Matrix, y: Matrix, options: {loss: ReturnType<typeof loss>; optimizer: ReturnType<typeof sgd>}) => number;

/** The engine's `trainStep` once train.ts exports it; until then the same four calls written out. */
async function engineStepFunction(): Promise<{trainStep: TrainStep; source: string}> {
  try {
    const mod = (await import("../src/train.js")) as {trainStep?: TrainStep};
    if (typeof mod.trainStep === "function") return {trainStep: mod.trainStep, source: "trainStep from src/train.ts"};
  } catch {
    // train.ts not written yet
  }
  const grads = new WeakMap<Sequential, Matrix>();
  const params = new WeakMap<Sequential, ReturnType<Sequential["parameters"]>>();
  const fallback: TrainStep = (model, x, y, {loss: lossFn, optimizer}) => {
    const out = model.forward(x, {training: true});
    let g = grads.get(model);
    if (!g || g.rows !== out.rows || g.cols !== out.cols) grads.set(model, (g = new Matrix(out.rows, out.cols)));
    let p = params.get(model);
    if (!p) params.set(model, (p = model.parameters()));
    const value = lossFn.computeInto(out, y, g);
    for (const q of p) q.grad.data.fill(0);
    model.backward(g);
    optimizer.step(p);
    return value;
  };
  return {trainStep: fallback, source: "bench's own loop (train.ts has no trainStep yet)"};
}

function engineModel(c: Case): Sequential {
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < c.sizes.length; l++) {
    layers.push(dense(c.sizes[l], c.sizes[l + 1], {init: c.activation === "relu" ? "he" : "xavier", seed: l + 1}));
    if (l + 2 < c.sizes.length) layers.push(c.activation === "relu" ? relu() : tanh());
  }
  const model = sequential(...layers);
  model.needsInputGradient = false; // nobody reads dL/d(input) in training: the first layer skips dx
  return model;
}

async function benchEngine(c: Case, trainStep: TrainStep): Promise<Measurement & {finalLoss: number}> {
  const model = engineModel(c);
  const batches = makeBatches(c);
  const options = {loss: loss("softmaxCrossEntropy"), optimizer: sgd({learningRate: 0.01})};
  let last = 0;
  const result = measure((i) => {
    const b = batches[i % BATCHES];
    last = trainStep(model, b.x, b.y, options);
  }, c.batchSize);
  if (!Number.isFinite(last)) throw new Error(`bench: the engine's loss became ${last} on "${c.name}"`);
  return {...result, finalLoss: last};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function benchTfjs(tf: any, c: Case): Promise<Measurement> {
  const rngBatches = makeBatches(c);
  const k = c.sizes[c.sizes.length - 1];
  const batches = rngBatches.map(({x, y}) => ({
    x: tf.tensor2d(Float32Array.from(x.data), [x.rows, x.cols]),
    y: tf.oneHot(tf.tensor1d(Int32Array.from(y.data), "int32"), k).toFloat()
  }));
  const weights: unknown[] = [];
  for (let l = 0; l + 1 < c.sizes.length; l++) {
    const [nIn, nOut] = [c.sizes[l], c.sizes[l + 1]];
    const std = Math.sqrt((c.activation === "relu" ? 2 : 1) / nIn);
    weights.push(tf.variable(tf.randomNormal([nIn, nOut], 0, std, "float32", l + 1)), tf.variable(tf.zeros([nOut])));
  }
  const optimizer = tf.train.sgd(0.01);
  const act = c.activation === "relu" ? tf.relu : tf.tanh;
  const step = (i: number) => {
    const b = batches[i % BATCHES];
    const cost = optimizer.minimize(() => {
      let h = b.x;
      for (let l = 0; l < weights.length; l += 2) {
        h = tf.add(tf.matMul(h, weights[l]), weights[l + 1]);
        if (l + 2 < weights.length) h = act(h);
      }
      return tf.losses.softmaxCrossEntropy(b.y, h);
    }, true);
    cost.dispose();
  };
  const result = measure(step, c.batchSize);
  for (const w of weights) (w as {dispose(): void}).dispose();
  for (const b of batches) {
    b.x.dispose();
    b.y.dispose();
  }
  return result;
}

const fmt = (v: number) => Math.round(v).toLocaleString("en-US");

async function main(): Promise<void> {
  const started = performance.now();
  const {trainStep, source} = await engineStepFunction();
  console.log(`Training throughput, samples/second (median of ${REPEATS} × ${WINDOW_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up)`);
  console.log(`engine: float64, ${source}; Node ${process.version}\n`);

  const engine: Measurement[] = [];
  for (const c of cases) {
    const r = await benchEngine(c, trainStep);
    engine.push(r);
    console.log(`engine  ${c.name.padEnd(40)} ${fmt(r.perSecond).padStart(10)} wall  ${fmt(r.perCpuSecond).padStart(10)} cpu  (wall windows ${r.windows.map(fmt).join(", ")})`);
  }

  // tfjs loads slowly (and may not load at all): the engine's numbers are already printed above.
  let tf: unknown = null;
  let tfjsNote = "";
  if (process.env.BENCH_SKIP_TFJS) tfjsNote = "skipped (BENCH_SKIP_TFJS)";
  else {
    try {
      const t0 = performance.now();
      // @ts-ignore: tfjs ships its own types, but loading them slows typechecking for nothing here
      tf = await import("@tensorflow/tfjs");
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const t = tf as any;
      await t.setBackend("cpu");
      await t.ready();
      tfjsNote = `@tensorflow/tfjs ${t.version.tfjs}, backend "${t.getBackend()}" (float32), loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    } catch (error) {
      tf = null;
      tfjsNote = `could not load: ${(error as Error).message}`;
    }
  }
  const tfjs: (Measurement | null)[] = [];
  for (const c of cases) {
    if (!tf) {
      tfjs.push(null);
      continue;
    }
    const r = await benchTfjs(tf, c);
    tfjs.push(r);
    console.log(`tfjs    ${c.name.padEnd(40)} ${fmt(r.perSecond).padStart(10)} wall  ${fmt(r.perCpuSecond).padStart(10)} cpu  (wall windows ${r.windows.map(fmt).join(", ")})`);
  }

  console.log(`\ntfjs: ${tfjsNote}\n`);
  const load = os.loadavg()[0];
  console.log(`samples/second; "cpu" divides by this process's CPU time, "wall" by elapsed time (load average ${load.toFixed(1)} on ${os.cpus().length} cores)`);
  const header = ["case", "engine wall", "engine cpu", "tfjs wall", "tfjs cpu", "engine/tfjs (cpu)", "target", "met (cpu)"];
  const rows = cases.map((c, i) => {
    const e = engine[i], t = tfjs[i];
    return [
      c.name, fmt(e.perSecond), fmt(e.perCpuSecond), t ? fmt(t.perSecond) : "n/a", t ? fmt(t.perCpuSecond) : "n/a",
      t ? `${(e.perCpuSecond / t.perCpuSecond).toFixed(1)}×` : "n/a", `≥ ${fmt(c.target)}`, e.perCpuSecond >= c.target ? "yes" : "NO"
    ];
  });
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((v, j) => (j === 0 ? v.padEnd(widths[j]) : v.padStart(widths[j]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
