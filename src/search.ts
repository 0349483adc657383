import {random, type Random} from "./random.js";
import {exp, log as ln, log10, pow10} from "./elementary.js";

// Hyperparameter search for the "Tuning" chapter: samplers say *how* to draw one hyperparameter
// (and on which scale), a space names one sampler per hyperparameter, and `grid`, `randomSearch`
// and `coarseToFine` turn spaces into lists of configurations to train.

/** How to draw one hyperparameter. `grid(k)` gives k evenly spaced values on the sampler's own scale. */
export interface Sampler<T = number> {
  readonly kind: "uniform" | "logUniform" | "integer" | "choice" | "oneMinusLogUniform";
  /** Readable form, e.g. "logUniform(0.0001, 1)". */
  readonly description: string;
  sample(random: Random): T;
  grid(points: number): T[];
}

/** Bounded numeric samplers also expose their range, which `coarseToFine` narrows. */
export interface RangeSampler extends Sampler<number> {
  readonly kind: "uniform" | "logUniform" | "integer" | "oneMinusLogUniform";
  readonly low: number;
  readonly high: number;
  /** The scale the sampler is uniform on (identity, log₁₀ x, or log₁₀(1 − x)), and back. */
  toScale(value: number): number;
  fromScale(value: number): number;
  /** The same kind of sampler on another range. */
  withRange(low: number, high: number): RangeSampler;
}

/** One entry per hyperparameter: a sampler, a list of values (a choice), or a constant. */
export type Space = Record<string, Sampler<any> | readonly any[] | number | string | boolean>;
export type Configuration = Record<string, any>;

function checkRange(fn: string, a: number, b: number, what = "a < b"): void {
  if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) throw new Error(`${fn}: bounds must be finite with ${what}, got (${a}, ${b})`);
}

function checkPoints(fn: string, points: number): void {
  if (!Number.isInteger(points) || points < 1) throw new Error(`${fn}.grid: points must be an integer ≥ 1, got ${points}`);
}

function linspace(a: number, b: number, k: number): number[] {
  return k === 1 ? [(a + b) / 2] : Array.from({length: k}, (_, i) => a + ((b - a) * i) / (k - 1));
}

function rangeSampler(
  kind: RangeSampler["kind"],
  low: number,
  high: number,
  toScale: (x: number) => number,
  fromScale: (s: number) => number,
  round: (x: number) => number,
  make: (low: number, high: number) => RangeSampler,
  description: string
): RangeSampler {
  const s0 = toScale(low), s1 = toScale(high);
  return {
    kind,
    low,
    high,
    description,
    toScale,
    fromScale,
    withRange: make,
    sample: (rng) => round(fromScale(rng.uniform(Math.min(s0, s1), Math.max(s0, s1)))),
    grid(points) {
      checkPoints(kind, points);
      return [...new Set(linspace(s0, s1, points).map((s) => round(fromScale(s))))];
    }
  };
}

/**
 * A number uniform in [a, b): right when the effect of the hyperparameter is roughly linear
 * (dropout rate in [0.1, 0.5], say).
 */
export function uniform(a: number, b: number): RangeSampler {
  checkRange("uniform", a, b);
  return rangeSampler("uniform", a, b, (x) => x, (s) => s, (x) => x, uniform, `uniform(${a}, ${b})`);
}

/**
 * 10^r with r uniform in [log₁₀ a, log₁₀ b): every decade gets the same share of samples. Use it for
 * scale-like hyperparameters (learning rate, weight decay) where 0.001 → 0.002 matters as much as
 * 0.1 → 0.2. Sampling uniformly in [0.0001, 1] instead would put 90% of the trials in [0.1, 1].
 *
 * ```ts
 * const lr = logUniform(1e-4, 1); // learning rates from 0.0001 to 1
 * ```
 */
export function logUniform(a: number, b: number): RangeSampler {
  checkRange("logUniform", a, b, "0 < a < b");
  if (!(a > 0)) throw new Error(`logUniform: bounds must be positive (it samples 10^r), got (${a}, ${b})`);
  return rangeSampler("logUniform", a, b, log10, pow10, (x) => x, logUniform, `logUniform(${a}, ${b})`);
}

/**
 * An integer in [a, b], both ends included; with `log: true`, uniform on a log scale first
 * (hidden units from 16 to 1024), then rounded.
 */
export function integer(a: number, b: number, {log = false}: {log?: boolean} = {}): RangeSampler {
  if (!Number.isInteger(a) || !Number.isInteger(b) || !(a <= b)) throw new Error(`integer: bounds must be integers with a ≤ b, got (${a}, ${b})`);
  if (log && !(a > 0)) throw new Error(`integer: bounds must be positive for log: true, got (${a}, ${b})`);
  const description = `integer(${a}, ${b}${log ? ", {log: true}" : ""})`;
  const make = (low: number, high: number) => integer(Math.round(low), Math.max(Math.round(low), Math.round(high)), {log});
  if (log) {
    // Sample the log of a real number in [a − ½, b + ½) so the end values get their full share after rounding.
    const lo = ln(a - 0.5 > 0 ? a - 0.5 : a), hi = ln(b + 0.5);
    const sampler = rangeSampler("integer", a, b, ln, exp, (x) => Math.min(b, Math.max(a, Math.round(x))), make, description);
    return {...sampler, sample: (rng) => Math.min(b, Math.max(a, Math.round(exp(rng.uniform(lo, hi)))))};
  }
  const sampler = rangeSampler("integer", a, b, (x) => x, (s) => s, Math.round, make, description);
  return {...sampler, sample: (rng) => a + rng.int(b - a + 1)};
}

/**
 * 1 − 10^r with r uniform in [log₁₀(1 − b), log₁₀(1 − a)): for averaging coefficients such as
 * momentum or Adam's β, whose effect depends on 1/(1 − β), the number of steps averaged. From 0.9 to
 * 0.999 it spends as many samples on [0.99, 0.999] (100 to 1000 steps) as on [0.9, 0.99] (10 to 100).
 *
 * ```ts
 * const beta = oneMinusLogUniform(0.9, 0.999);
 * ```
 */
export function oneMinusLogUniform(a: number, b: number): RangeSampler {
  checkRange("oneMinusLogUniform", a, b, "a < b < 1");
  if (!(b < 1)) throw new Error(`oneMinusLogUniform: bounds must be below 1 (it samples 1 − 10^r), got (${a}, ${b})`);
  return rangeSampler(
    "oneMinusLogUniform",
    a,
    b,
    (x) => log10(1 - x),
    (s) => 1 - pow10(s),
    (x) => x,
    oneMinusLogUniform,
    `oneMinusLogUniform(${a}, ${b})`
  );
}

/** One of a list of values, each equally likely (activation, optimizer, batch size). */
export function choice<T>(values: readonly T[]): Sampler<T> & {values: readonly T[]} {
  if (!Array.isArray(values) || values.length < 1) throw new Error(`choice: values must be a non-empty array, got ${JSON.stringify(values)}`);
  return {
    kind: "choice",
    values,
    description: `choice(${JSON.stringify(values)})`,
    sample: (rng) => values[rng.int(values.length)],
    grid: () => [...values]
  };
}

function isSampler(v: unknown): v is Sampler<any> {
  return typeof v === "object" && v !== null && typeof (v as Sampler).sample === "function" && typeof (v as Sampler).grid === "function";
}

function checkSpace(fn: string, space: Space): string[] {
  if (typeof space !== "object" || space === null || Array.isArray(space)) throw new Error(`${fn}: space must be an object of samplers, got ${JSON.stringify(space)}`);
  const keys = Object.keys(space);
  for (const key of keys) {
    const v = space[key];
    if (Array.isArray(v) && v.length === 0) throw new Error(`${fn}: space.${key} is an empty list; give at least one value`);
    if (!isSampler(v) && !Array.isArray(v) && !["number", "string", "boolean"].includes(typeof v)) {
      throw new Error(`${fn}: space.${key} must be a sampler, a list of values or a constant, got ${JSON.stringify(v)}`);
    }
  }
  return keys;
}

/**
 * Every combination of the listed values (the last hyperparameter varies fastest). A sampler
 * contributes `points` values evenly spaced on its own scale; a list contributes its values.
 * With 2 hyperparameters at 5 values each, grid search trains 25 models but tries only 5 distinct
 * values of each: if one of them does not matter, 20 runs are wasted (Bergstra & Bengio 2012).
 *
 * ```ts
 * grid({learningRate: [0.001, 0.01, 0.1], hidden: [16, 64]}); // 6 configurations
 * grid({learningRate: logUniform(1e-4, 1)}, {points: 5});     // 0.0001, 0.001, …, 1
 * ```
 */
export function grid(space: Space, {points = 5}: {points?: number} = {}): Configuration[] {
  const keys = checkSpace("grid", space);
  if (!Number.isInteger(points) || points < 1) throw new Error(`grid: points must be an integer ≥ 1, got ${points}`);
  const axes = keys.map((key) => {
    const v = space[key];
    return isSampler(v) ? v.grid(points) : Array.isArray(v) ? [...v] : [v];
  });
  let configurations: Configuration[] = [{}];
  keys.forEach((key, i) => {
    configurations = configurations.flatMap((c) => axes[i].map((value) => ({...c, [key]: value})));
  });
  return configurations;
}

/**
 * `trials` configurations, each hyperparameter drawn independently from its sampler (a list is a
 * choice; a constant is kept). Every trial tries a new value of every continuous hyperparameter.
 *
 * ```ts
 * const configs = randomSearch({learningRate: logUniform(1e-4, 1), momentum: oneMinusLogUniform(0.9, 0.999)}, {trials: 25, seed: 1});
 * ```
 */
export function randomSearch(space: Space, {trials, seed = 0}: {trials: number; seed?: number}): Configuration[] {
  const keys = checkSpace("randomSearch", space);
  if (!Number.isInteger(trials) || trials < 1) throw new Error(`randomSearch: trials must be an integer ≥ 1, got ${trials}`);
  const rng = random(seed);
  return Array.from({length: trials}, () => {
    const c: Configuration = {};
    for (const key of keys) {
      const v = space[key];
      c[key] = isSampler(v) ? v.sample(rng) : Array.isArray(v) ? v[rng.int(v.length)] : v;
    }
    return c;
  });
}

/**
 * The next, narrower search space: keeps the best `keep` results (a count, or a fraction in (0, 1)),
 * and for each ranged hyperparameter spans the kept values on the sampler's own scale, widened on
 * each side by `margin` × that span (a tenth of the original range around a single value) and clipped to the original range. Choices keep only the values
 * that appear among the best; constants stay. Results whose metric is not a finite number (a
 * diverged run) count as worst. If the best values crowd an edge of the original range, the
 * optimum may lie outside it: widen the space and search again.
 *
 * ```ts
 * const results = configs.map((c) => ({...c, validationLoss: run(c)}));
 * const finer = coarseToFine(results, {space, keep: 5, metric: "validationLoss"});
 * const next = randomSearch(finer, {trials: 25, seed: 2});
 * ```
 */
export function coarseToFine(
  results: Configuration[],
  {space, keep = 0.2, metric = "validationLoss", goal = "minimize", margin = 0.25}: {space: Space; keep?: number; metric?: string; goal?: "minimize" | "maximize"; margin?: number}
): Space {
  const keys = checkSpace("coarseToFine", space);
  if (!Array.isArray(results) || results.length < 1) throw new Error(`coarseToFine: results must be a non-empty array, got ${JSON.stringify(results)}`);
  if (goal !== "minimize" && goal !== "maximize") throw new Error(`coarseToFine: goal must be "minimize" or "maximize", got ${JSON.stringify(goal)}`);
  if (!(Number.isFinite(margin) && margin >= 0)) throw new Error(`coarseToFine: margin must be a finite number ≥ 0, got ${margin}`);
  const count = keep > 0 && keep < 1 ? Math.max(1, Math.round(keep * results.length)) : keep;
  if (!Number.isInteger(count) || count < 1) throw new Error(`coarseToFine: keep must be a count ≥ 1 or a fraction in (0, 1), got ${keep}`);
  if (!results.some((r) => metric in r)) throw new Error(`coarseToFine: no result has the metric ${JSON.stringify(metric)}; results have keys ${JSON.stringify(Object.keys(results[0]))}`);
  const score = (r: Configuration) => {
    const v = r[metric];
    return typeof v === "number" && Number.isFinite(v) ? (goal === "minimize" ? v : -v) : Infinity;
  };
  const best = [...results].sort((p, q) => score(p) - score(q)).slice(0, count);
  if (!Number.isFinite(score(best[0]))) throw new Error(`coarseToFine: no result has a finite ${metric}; every run diverged?`);
  const narrowed: Space = {};
  for (const key of keys) {
    const v = space[key];
    const values = best.map((r) => r[key]);
    if (isSampler(v) && "withRange" in v) {
      const s = v as RangeSampler;
      if (!values.every((x) => typeof x === "number" && Number.isFinite(x))) {
        throw new Error(`coarseToFine: results must give a number for ${key}, got ${JSON.stringify(values)}`);
      }
      const scaled = values.map(s.toScale);
      const [e0, e1] = [s.toScale(s.low), s.toScale(s.high)];
      const [lo, hi] = [Math.min(e0, e1), Math.max(e0, e1)];
      let a = Math.min(...scaled), b = Math.max(...scaled);
      // Kept values all equal: search a tenth of the original range around them.
      const widen = b > a ? margin * (b - a) : (hi - lo) / 20;
      a = Math.max(lo, a - widen);
      b = Math.min(hi, b + widen);
      const [x, y] = [s.fromScale(a), s.fromScale(b)];
      narrowed[key] = s.withRange(Math.min(x, y), Math.max(x, y));
    } else if (isSampler(v) || Array.isArray(v)) {
      const options: readonly any[] = Array.isArray(v) ? v : (v as ReturnType<typeof choice>).values ?? values;
      const kept = options.filter((o) => values.includes(o));
      narrowed[key] = Array.isArray(v) ? kept : choice(kept);
    } else {
      narrowed[key] = v;
    }
  }
  return narrowed;
}

/** A space in words, one hyperparameter per line: for showing a search on the page. */
export function describeSpace(space: Space): string {
  return checkSpace("describeSpace", space)
    .map((key) => {
      const v = space[key];
      return `${key}: ${isSampler(v) ? v.description : JSON.stringify(v)}`;
    })
    .join("\n");
}
