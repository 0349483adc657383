// Chapter: "Optimizers" (docs/optimizers.md).
import {pow} from "../elementary.js";

/**
 * A learning-rate schedule: the learning rate to use for update number `step` (0 for the first
 * update). The schedules below also carry `toJSON()` (their kind and options), so an optimizer that
 * uses one can be saved and sent to a worker; any other `(step) => rate` function is saved as its
 * source text (see `scheduleFromJSON`).
 */
export type Schedule = ((step: number) => number) & {toJSON?(): ScheduleJSON};

/** A schedule as JSON: `{kind: "stepDecay", initial, factor, every}`, …, or `{kind: "function", source}`. */
export interface ScheduleJSON {
  kind: string;
  [key: string]: unknown;
}

/** A schedule function that knows its JSON. */
function described(fn: (step: number) => number, json: ScheduleJSON): Schedule {
  return Object.assign(fn, {toJSON: () => ({...json})});
}

const scheduleRegistry = new Map<string, (json: ScheduleJSON) => Schedule>();

/** Teaches `scheduleFromJSON` a schedule kind, e.g. `registerSchedule("cosine", (json) => cosine(json))`. */
export function registerSchedule(kind: string, fromJSON: (json: ScheduleJSON) => Schedule): void {
  if (typeof kind !== "string" || !kind || typeof fromJSON !== "function") throw new Error("registerSchedule: expected (kind, fromJSON)");
  scheduleRegistry.set(kind, fromJSON);
}

/** A schedule's JSON: its own `toJSON()`, or `{kind: "function", source}` for a plain function. */
export function scheduleToJSON(schedule: (step: number) => number): ScheduleJSON {
  const own = (schedule as Schedule).toJSON;
  return typeof own === "function" ? own.call(schedule) : {kind: "function", source: String(schedule)};
}

/**
 * The schedule `scheduleToJSON` described. `{kind: "function", source}` is evaluated as a function
 * expression, so it must use only its argument (a closure's outer variables are not saved); loading
 * it runs that code, like running a cell.
 */
export function scheduleFromJSON(json: ScheduleJSON): Schedule {
  if (!json || typeof json !== "object" || typeof json.kind !== "string") throw new Error(`scheduleFromJSON: expected {kind, …}, got ${JSON.stringify(json)}`);
  if (json.kind === "function") {
    if (typeof json.source !== "string") throw new Error("scheduleFromJSON: a function schedule needs its source text");
    let fn: unknown;
    try {
      fn = new Function(`"use strict"; return (${json.source});`)();
    } catch (error) {
      throw new Error(`scheduleFromJSON: could not read the schedule's source (${(error as Error).message}): ${json.source.slice(0, 80)}`);
    }
    if (typeof fn !== "function") throw new Error(`scheduleFromJSON: the source is not a function: ${json.source.slice(0, 80)}`);
    return fn as Schedule;
  }
  const fromJSON = scheduleRegistry.get(json.kind);
  if (!fromJSON) throw new Error(`scheduleFromJSON: unknown schedule kind "${json.kind}"; known kinds are ${[...scheduleRegistry.keys(), "function"].join(", ")}`);
  return fromJSON(json);
}

function positive(what: string, name: string, value: number): void {
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    throw new Error(`${what}: ${name} must be a positive finite number, got ${value}`);
  }
}

/**
 * Step decay: multiply the rate by `factor` every `every` updates, η_t = η₀ · factor^⌊t / every⌋.
 *
 * ```ts
 * const lr = stepDecay({initial: 0.1, factor: 0.5, every: 100});
 * lr(0); // 0.1
 * lr(250); // 0.025
 * ```
 */
export function stepDecay({initial, factor = 0.5, every}: {initial: number; factor?: number; every: number}): Schedule {
  positive("stepDecay", "initial", initial);
  if (!(factor > 0 && factor <= 1)) throw new Error(`stepDecay: factor must be in (0, 1], got ${factor}`);
  if (!(Number.isInteger(every) && every >= 1)) throw new Error(`stepDecay: every must be an integer ≥ 1, got ${every}`);
  return described((step) => initial * pow(factor, Math.floor(step / every)), {kind: "stepDecay", initial, factor, every});
}

/**
 * Exponential decay, smooth in the step: η_t = η₀ · rate^(t / every).
 *
 * ```ts
 * const lr = exponentialDecay({initial: 0.1, rate: 0.96, every: 100});
 * lr(50); // 0.1 · 0.96^0.5 ≈ 0.098
 * ```
 */
export function exponentialDecay({initial, rate, every = 1}: {initial: number; rate: number; every?: number}): Schedule {
  positive("exponentialDecay", "initial", initial);
  if (!(rate > 0 && rate <= 1)) throw new Error(`exponentialDecay: rate must be in (0, 1], got ${rate}`);
  positive("exponentialDecay", "every", every);
  return described((step) => initial * pow(rate, step / every), {kind: "exponentialDecay", initial, rate, every});
}

/**
 * 1/t decay: η_t = η₀ / (1 + rate · t / every), the schedule for which SGD's classic convergence
 * proofs hold (Σ η_t = ∞, Σ η_t² < ∞ when rate > 0). With `every` = steps per epoch it is the per-epoch
 * form η₀ / (1 + rate · epoch), smoothly interpolated within an epoch.
 *
 * ```ts
 * const lr = inverseTimeDecay({initial: 0.1, rate: 0.01});
 * lr(100); // 0.05
 * ```
 */
export function inverseTimeDecay({initial, rate, every = 1}: {initial: number; rate: number; every?: number}): Schedule {
  positive("inverseTimeDecay", "initial", initial);
  if (!(Number.isFinite(rate) && rate >= 0)) throw new Error(`inverseTimeDecay: rate must be a finite number ≥ 0, got ${rate}`);
  positive("inverseTimeDecay", "every", every);
  return described((step) => initial / (1 + (rate * step) / every), {kind: "inverseTimeDecay", initial, rate, every});
}

registerSchedule("stepDecay", (json) => stepDecay(json as never));
registerSchedule("exponentialDecay", (json) => exponentialDecay(json as never));
registerSchedule("inverseTimeDecay", (json) => inverseTimeDecay(json as never));
