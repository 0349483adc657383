import {Matrix} from "./matrix.js";
import {random, Random} from "./random.js";

/** Names `initialize` accepts. `xavier` = `glorot` = the uniform form; `he` = the normal form. */
export type InitializerName =
  | "zeros" | "constant" | "normal" | "uniform" | "small"
  | "lecun" | "lecunUniform"
  | "xavier" | "xavierNormal" | "xavierUniform" | "glorot" | "glorotNormal" | "glorotUniform"
  | "he" | "heNormal" | "heUniform"
  | "sparse" | "orthogonal";

export interface InitializerOptions {
  /** Seed (or generator) for the random draws; default 0. */
  seed?: number | Random;
  /** Standard deviation for "normal" (default 1) and for the nonzero weights of "sparse" (default 1). */
  std?: number;
  /** Half-width r of U[−r, r] for "uniform" (default 1). */
  range?: number;
  /** The value for "constant" (default 0). */
  value?: number;
  /** Incoming connections per unit for "sparse" (default 15, capped at fanIn). */
  sparsity?: number;
  /** Multiplies every random initializer's weights (so the variance by gain²); default 1. */
  gain?: number;
}

export const initializerNames: InitializerName[] = [
  "zeros", "constant", "normal", "uniform", "small", "lecun", "lecunUniform",
  "xavier", "xavierNormal", "xavierUniform", "glorot", "glorotNormal", "glorotUniform",
  "he", "heNormal", "heUniform", "sparse", "orthogonal"
];

type Shape = "zero" | "constant" | "normal" | "uniform" | "sparse" | "orthogonal";

/** Each name's family and the variance of its weights before `gain` (see `initVariance`). */
const table: Record<InitializerName, {shape: Shape; variance: (fanIn: number, fanOut: number, o: Required<Omit<InitializerOptions, "seed">>) => number}> = {
  zeros: {shape: "zero", variance: () => 0},
  constant: {shape: "constant", variance: () => 0},
  normal: {shape: "normal", variance: (_i, _o, o) => o.std * o.std},
  uniform: {shape: "uniform", variance: (_i, _o, o) => (o.range * o.range) / 3},
  small: {shape: "normal", variance: () => 1e-4},
  lecun: {shape: "normal", variance: (i) => 1 / i},
  lecunUniform: {shape: "uniform", variance: (i) => 1 / i},
  xavier: {shape: "uniform", variance: (i, o) => 2 / (i + o)},
  xavierUniform: {shape: "uniform", variance: (i, o) => 2 / (i + o)},
  glorot: {shape: "uniform", variance: (i, o) => 2 / (i + o)},
  glorotUniform: {shape: "uniform", variance: (i, o) => 2 / (i + o)},
  xavierNormal: {shape: "normal", variance: (i, o) => 2 / (i + o)},
  glorotNormal: {shape: "normal", variance: (i, o) => 2 / (i + o)},
  he: {shape: "normal", variance: (i) => 2 / i},
  heNormal: {shape: "normal", variance: (i) => 2 / i},
  heUniform: {shape: "uniform", variance: (i) => 2 / i},
  sparse: {shape: "sparse", variance: (i, _o, o) => (Math.min(o.sparsity, i) / i) * o.std * o.std},
  orthogonal: {shape: "orthogonal", variance: (i, o) => 1 / Math.max(i, o)}
};

function resolve(name: string, what: string): (typeof table)[InitializerName] {
  if (!Object.prototype.hasOwnProperty.call(table, name)) {
    throw new Error(`${what}: unknown initializer ${JSON.stringify(name)}; expected one of ${initializerNames.map((n) => `"${n}"`).join(", ")}`);
  }
  return table[name as InitializerName];
}

function checkFans(fanIn: number, fanOut: number, what: string): void {
  if (!Number.isInteger(fanIn) || fanIn < 1) throw new Error(`${what}: fanIn must be a positive integer, got ${fanIn}`);
  if (!Number.isInteger(fanOut) || fanOut < 1) throw new Error(`${what}: fanOut must be a positive integer, got ${fanOut}`);
}

function withDefaults(options: InitializerOptions, what: string): Required<Omit<InitializerOptions, "seed">> {
  const {std = 1, range = 1, value = 0, sparsity = 15, gain = 1} = options;
  if (!(std >= 0) || !Number.isFinite(std)) throw new Error(`${what}: std must be a finite number ≥ 0, got ${std}`);
  if (!(range >= 0) || !Number.isFinite(range)) throw new Error(`${what}: range must be a finite number ≥ 0, got ${range}`);
  if (!Number.isFinite(value)) throw new Error(`${what}: value must be a finite number, got ${value}`);
  if (!Number.isInteger(sparsity) || sparsity < 1) throw new Error(`${what}: sparsity must be a positive integer, got ${sparsity}`);
  if (!Number.isFinite(gain)) throw new Error(`${what}: gain must be a finite number, got ${gain}`);
  return {std, range, value, sparsity, gain};
}

/**
 * The variance of each weight that `initialize(name, fanIn, fanOut, options)` draws:
 * - `zeros`, `constant`: 0
 * - `normal`: std²; `uniform`: range²/3 (Var U[−r, r] = r²/3); `small`: 0.01² = 10⁻⁴
 * - `lecun`, `lecunUniform`: 1/fanIn (LeCun, Bottou, Orr & Müller 1998, "Efficient BackProp")
 * - `xavier*`, `glorot*`: 2/(fanIn + fanOut) (Glorot & Bengio 2010)
 * - `he*`: 2/fanIn (He, Zhang, Ren & Sun 2015, "Delving Deep into Rectifiers")
 * - `sparse`: (k/fanIn)·std² with k = min(sparsity, fanIn) nonzero weights per unit (Martens 2010)
 * - `orthogonal`: 1/max(fanIn, fanOut), since the min(fanIn, fanOut) orthonormal vectors have unit length
 *   (Saxe, McClelland & Ganguli 2014)
 * each times gain².
 *
 * ```ts
 * initVariance("he", 100, 50); // 0.02
 * ```
 */
export function initVariance(name: InitializerName, fanIn: number, fanOut: number, options: InitializerOptions = {}): number {
  const entry = resolve(name, "initVariance");
  checkFans(fanIn, fanOut, "initVariance");
  const o = withDefaults(options, "initVariance");
  return entry.variance(fanIn, fanOut, o) * o.gain * o.gain;
}

/**
 * A fanIn × fanOut weight matrix (rows are inputs, columns are units, so a layer computes x·W).
 * Which distribution and variance each name uses is listed at `initVariance`.
 *
 * ```ts
 * const W = initialize("he", 784, 128, {seed: 1}); // N(0, 2/784) entries
 * ```
 */
export function initialize(name: InitializerName, fanIn: number, fanOut: number, options: InitializerOptions = {}): Matrix {
  const entry = resolve(name, "initialize");
  checkFans(fanIn, fanOut, "initialize");
  const o = withDefaults(options, "initialize");
  const rng = random(options.seed ?? 0);
  const W = new Matrix(fanIn, fanOut);
  const w = W.data;
  const variance = entry.variance(fanIn, fanOut, o);
  switch (entry.shape) {
    case "zero":
      break;
    case "constant":
      w.fill(o.value);
      break;
    case "normal": {
      const s = Math.sqrt(variance) * o.gain;
      for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, s);
      break;
    }
    case "uniform": {
      const r = Math.sqrt(3 * variance) * o.gain; // Var U[−r, r] = r²/3
      for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-r, r);
      break;
    }
    case "sparse": {
      // Martens 2010: every unit gets k nonzero incoming weights, so its input scale does not grow with fanIn.
      const k = Math.min(o.sparsity, fanIn);
      const s = o.std * o.gain;
      const inputs = Array.from({length: fanIn}, (_, i) => i);
      for (let j = 0; j < fanOut; j++) {
        // partial Fisher–Yates: the first k entries become a random k-subset
        for (let t = 0; t < k; t++) {
          const u = t + rng.int(fanIn - t);
          const tmp = inputs[t];
          inputs[t] = inputs[u];
          inputs[u] = tmp;
          w[inputs[t] * fanOut + j] = rng.normal(0, s);
        }
      }
      break;
    }
    case "orthogonal":
      orthogonalInto(W, rng, o.gain);
      break;
  }
  return W;
}

/**
 * Orthonormal columns (fanIn ≥ fanOut, WᵀW = I) or rows (fanIn < fanOut, WWᵀ = I), from modified
 * Gram–Schmidt on a Gaussian matrix: the Q of its QR factorization, which is uniformly distributed
 * over orthogonal matrices because R's diagonal comes out positive.
 */
function orthogonalInto(W: Matrix, rng: Random, gain: number): void {
  const tall = W.rows >= W.cols;
  const n = tall ? W.rows : W.cols; // vector length
  const k = tall ? W.cols : W.rows; // number of orthonormal vectors
  const Q = Array.from({length: k}, () => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.normal();
    return v;
  });
  for (let a = 0; a < k; a++) {
    const q = Q[a];
    for (let pass = 0; pass < 2; pass++) {
      // two passes ("twice is enough", Kahan) keep orthogonality at machine precision
      for (let b = 0; b < a; b++) {
        const p = Q[b];
        let d = 0;
        for (let i = 0; i < n; i++) d += q[i] * p[i];
        for (let i = 0; i < n; i++) q[i] -= d * p[i];
      }
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += q[i] * q[i];
    s = Math.sqrt(s);
    for (let i = 0; i < n; i++) q[i] /= s;
  }
  const w = W.data, cols = W.cols;
  for (let a = 0; a < k; a++) {
    for (let i = 0; i < n; i++) {
      if (tall) w[i * cols + a] = gain * Q[a][i];
      else w[a * cols + i] = gain * Q[a][i];
    }
  }
}

/**
 * The initializer as a function of (fanIn, fanOut, options), throwing for unknown names:
 * `initializer("relu")` → `initializer: unknown initializer "relu"; expected one of …`.
 */
export function initializer(name: InitializerName): (fanIn: number, fanOut: number, options?: InitializerOptions) => Matrix {
  resolve(name, "initializer");
  return (fanIn, fanOut, options = {}) => initialize(name, fanIn, fanOut, options);
}
