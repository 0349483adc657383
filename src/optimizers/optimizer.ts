// Chapter: "Optimizers" (docs/optimizers.md).
import {Matrix} from "../matrix.js";
import type {Parameter} from "../layers/layer.js";
import {scheduleFromJSON, scheduleToJSON, type Schedule, type ScheduleJSON} from "./schedules.js";

/** A fixed learning rate or a schedule `(step) => rate`. */
export type LearningRate = number | Schedule;

/**
 * Updates parameters from their accumulated gradients. One optimizer belongs to one training run:
 * its per-parameter state (velocities, squared-gradient averages) is keyed by the parameter's
 * value matrix, and `train` calls `reset()` when it starts a fresh copy of the model.
 */
export interface Optimizer {
  /** Short kind, e.g. "adam". */
  readonly kind: string;
  /** Updates taken so far. */
  readonly stepCount: number;
  /** Applies one update to every parameter, using `param.grad`. */
  step(params: readonly Parameter[]): void;
  /** The learning rate used for update number `step` (0-based). */
  learningRateAt(step: number): number;
  /** Forgets all state and the step count. */
  reset(): void;
  /** This optimizer's state for one parameter, by slot name (e.g. `{m, v}` for Adam); empty before the first step. */
  stateOf(param: Parameter): Record<string, Float64Array>;
  /** One line, e.g. "adam (learning rate 0.001, β₁ 0.9, β₂ 0.999)". */
  describe(): string;
  /** Optional (every built-in optimizer has it): kind, options, step count and state, see `OptimizerJSON`. */
  toJSON?(): OptimizerJSON;
}

/**
 * An optimizer as JSON: `{kind, learningRate, weightDecay, …its options, stepCount}` and, once it has
 * taken a step, `state`: for each parameter of the last step, in order, its slots by name
 * (`{m, v}` for Adam) as matrices of the parameter's shape, and `parameters`, their names.
 * `learningRate` is a number or a schedule's JSON.
 */
export interface OptimizerJSON {
  kind: string;
  learningRate?: number | ScheduleJSON;
  weightDecay?: number;
  stepCount?: number;
  parameters?: string[];
  state?: Record<string, Matrix | {rows: number; cols: number; data: unknown}>[];
  [option: string]: unknown;
}

const optimizerRegistry = new Map<string, (options: Record<string, unknown>) => Optimizer>();

/**
 * Teaches `optimizerFromJSON` an optimizer kind: `create` receives the saved options (learning rate
 * already turned back into a number or schedule) and returns a fresh optimizer. One line next to
 * the class: `registerOptimizer("adam", (options) => new Adam(options))`.
 */
export function registerOptimizer(kind: string, create: (options: Record<string, unknown>) => Optimizer): void {
  if (typeof kind !== "string" || !kind || typeof create !== "function") throw new Error("registerOptimizer: expected (kind, create)");
  optimizerRegistry.set(kind, create);
}

/**
 * An optimizer from its JSON (`optimizer.toJSON()`, or that after JSON.stringify and JSON.parse),
 * with its step count and, if the JSON has it, its state. The state belongs to parameters: pass the
 * model's `params` (`model.parameters()`) to attach it now; without them it attaches at the first
 * `step` whose parameters have the saved shapes, so `train(model, data, {optimizer, copy: false})`
 * continues exactly where the saved run stopped.
 *
 * ```ts
 * const saved = JSON.stringify({model, optimizer});
 * const {model: m, optimizer: o} = JSON.parse(saved);
 * const restored = optimizerFromJSON(o, {params: modelFromJSON(m).parameters()});
 * ```
 */
export function optimizerFromJSON(json: OptimizerJSON, {params}: {params?: readonly Parameter[]} = {}): Optimizer {
  if (!json || typeof json !== "object" || typeof json.kind !== "string") throw new Error(`optimizerFromJSON: expected an optimizer's JSON {kind, …}, got ${json === null ? "null" : typeof json}`);
  const create = optimizerRegistry.get(json.kind);
  if (!create) throw new Error(`optimizerFromJSON: unknown optimizer kind "${json.kind}"; known kinds are ${[...optimizerRegistry.keys()].join(", ")}`);
  const {kind: _kind, stepCount = 0, state, parameters: _names, learningRate, ...options} = json;
  const optimizer = create({...options, ...(learningRate === undefined ? {} : {learningRate: typeof learningRate === "object" ? scheduleFromJSON(learningRate) : learningRate})});
  if (!(Number.isInteger(stepCount) && stepCount >= 0)) throw new Error(`optimizerFromJSON: stepCount must be an integer ≥ 0, got ${stepCount}`);
  (optimizer as {stepCount: number}).stepCount = stepCount;
  if (state) {
    if (!(optimizer instanceof BaseOptimizer)) throw new Error(`optimizerFromJSON: a "${json.kind}" optimizer cannot take saved state`);
    optimizer.loadState(state, params);
  }
  return optimizer;
}

/** Throws unless `value` is a positive finite number; `what` names the call, `name` the option. */
export function checkPositive(what: string, name: string, value: unknown): asserts value is number {
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    throw new Error(`${what}: ${name} must be a positive finite number, got ${String(value)}`);
  }
}

/** Throws on an option this call does not know (a typo like `lr` or `beta` would otherwise be ignored). */
export function checkKeys(what: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object") throw new Error(`${what}: options must be an object like {learningRate: 0.1}, got ${String(options)}`);
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new Error(`${what}: unknown option "${key}"; the options are ${allowed.join(", ")}`);
  }
}

/** Throws unless `value` is a number in [0, 1). */
export function checkFraction(what: string, name: string, value: unknown): asserts value is number {
  if (!(typeof value === "number" && value >= 0 && value < 1)) {
    throw new Error(`${what}: ${name} must be in [0, 1), got ${String(value)}`);
  }
}

/**
 * The bookkeeping every optimizer shares: the learning rate or schedule, the step count, and
 * per-parameter state arrays ("slots"). Subclasses write only `update`, the rule for one parameter.
 */
export abstract class BaseOptimizer implements Optimizer {
  abstract readonly kind: string;
  readonly learningRate: LearningRate;
  /**
   * Decoupled weight decay (Loshchilov & Hutter 2019): before each update, w ← w − η·λ·w for weights
   * with `regularize: true`. For SGD this is exactly L2 regularization; for adaptive methods such as
   * Adam it is not, because their L2 gradient gets divided by √v̂ like every other gradient.
   */
  readonly weightDecay: number;
  stepCount = 0;
  /** Names of the per-parameter state arrays, e.g. ["velocity"]. */
  protected abstract readonly slotNames: readonly string[];
  private state = new WeakMap<Matrix, Float64Array[]>();
  // The slots for the last params array seen: a training loop passes the same array every step, so
  // the lookup (and its allocation) happens once.
  private lastParams?: readonly Parameter[];
  private lastSlots: Float64Array[][] = [];
  /** Saved slots waiting for the first step's parameters (see loadState). */
  private pending?: Matrix[][];

  constructor(what: string, learningRate: LearningRate | undefined, weightDecay = 0) {
    if (typeof learningRate === "function") this.learningRate = learningRate;
    else {
      checkPositive(what, "learningRate", learningRate);
      this.learningRate = learningRate;
    }
    if (!(typeof weightDecay === "number" && Number.isFinite(weightDecay) && weightDecay >= 0)) {
      throw new Error(`${what}: weightDecay must be a finite number ≥ 0, got ${String(weightDecay)}`);
    }
    this.weightDecay = weightDecay;
  }

  learningRateAt(step: number): number {
    if (typeof this.learningRate === "number") return this.learningRate;
    const rate = this.learningRate(step);
    if (!(Number.isFinite(rate) && rate > 0)) {
      throw new Error(`${this.kind}: the learning-rate schedule returned ${rate} at step ${step}; it must return a positive finite number`);
    }
    return rate;
  }

  step(params: readonly Parameter[]): void {
    const rate = this.learningRateAt(this.stepCount);
    const t = ++this.stepCount;
    const slots = this.slotsFor(params);
    const decay = 1 - rate * this.weightDecay;
    for (let i = 0; i < params.length; i++) {
      const w = params[i].value.data;
      if (decay !== 1 && params[i].regularize) for (let k = 0; k < w.length; k++) w[k] *= decay;
      this.update(w, params[i].grad.data, slots[i], rate, t);
    }
  }

  reset(): void {
    this.pending = undefined;
    this.stepCount = 0;
    this.state = new WeakMap();
    this.lastParams = undefined;
    this.lastSlots = [];
  }

  stateOf(param: Parameter): Record<string, Float64Array> {
    const slots = this.state.get(param.value);
    const out: Record<string, Float64Array> = {};
    if (slots) this.slotNames.forEach((name, i) => (out[name] = slots[i]));
    return out;
  }

  /** See `OptimizerJSON`; `optimizerFromJSON` rebuilds the optimizer from it. */
  toJSON(): OptimizerJSON {
    const learningRate = typeof this.learningRate === "number" ? this.learningRate : scheduleToJSON(this.learningRate);
    const json: OptimizerJSON = {kind: this.kind, learningRate, weightDecay: this.weightDecay, ...this.options(), stepCount: this.stepCount};
    const params = this.lastParams;
    if (params && this.slotNames.length) {
      json.parameters = params.map((p) => p.name);
      json.state = params.map((p) => {
        const slots = this.state.get(p.value);
        return Object.fromEntries(this.slotNames.map((name, i) => [name, new Matrix(p.value.rows, p.value.cols, slots ? slots[i].slice() : new Float64Array(p.value.data.length))]));
      });
    }
    return json;
  }

  /**
   * Attaches saved slots (`toJSON().state`) to `params`, in order; without `params`, to the
   * parameters of the first step whose shapes match. Throws if counts or shapes differ.
   */
  loadState(state: NonNullable<OptimizerJSON["state"]>, params?: readonly Parameter[]): void {
    if (!Array.isArray(state)) throw new Error(`${this.kind}: saved state must be an array (one entry per parameter), got ${typeof state}`);
    const decoded = state.map((slots, i) =>
      this.slotNames.map((name) => {
        const m = slots?.[name];
        if (!m) throw new Error(`${this.kind}: saved state of parameter ${i} has no slot "${name}"`);
        return Matrix.fromJSON(m as never);
      })
    );
    if (params) this.attach(params, decoded);
    else this.pending = decoded;
  }

  /** Options beyond learningRate and weightDecay, for toJSON; each subclass lists its own. */
  protected options(): Record<string, number> {
    return {};
  }

  private attach(params: readonly Parameter[], decoded: Matrix[][]): void {
    if (decoded.length !== params.length) throw new Error(`${this.kind}: saved state has ${decoded.length} parameters, the model ${params.length}`);
    params.forEach((p, i) => {
      for (const m of decoded[i]) {
        if (m.rows !== p.value.rows || m.cols !== p.value.cols) throw new Error(`${this.kind}: saved state of ${p.name} is ${m.rows}×${m.cols}, the parameter ${p.value.rows}×${p.value.cols}`);
      }
      this.state.set(p.value, decoded[i].map((m) => m.data));
    });
    this.lastParams = params; // what toJSON saves until the next step
    this.lastSlots = decoded.map((slots) => slots.map((m) => m.data));
  }

  describe(): string {
    const rate = typeof this.learningRate === "number" ? `learning rate ${this.learningRate}` : "scheduled learning rate";
    const extra = [this.describeOptions(), this.weightDecay ? `weight decay ${this.weightDecay}` : ""].filter(Boolean).join(", ");
    return `${this.kind} (${rate}${extra ? ", " + extra : ""})`;
  }

  protected describeOptions(): string {
    return "";
  }

  /**
   * Updates one parameter in place: `w` its values, `g` its gradient, `s` its slots (zeros at first),
   * `rate` the learning rate for this step, `t` the 1-based step number.
   */
  protected abstract update(w: Float64Array, g: Float64Array, s: Float64Array[], rate: number, t: number): void;

  private slotsFor(params: readonly Parameter[]): Float64Array[][] {
    if (params === this.lastParams && this.lastSlots.length === params.length) return this.lastSlots;
    if (this.pending) {
      const pending = this.pending;
      this.pending = undefined;
      this.attach(params, pending);
    }
    this.lastSlots = params.map((p) => {
      let slots = this.state.get(p.value);
      if (!slots) {
        slots = this.slotNames.map(() => new Float64Array(p.value.data.length));
        this.state.set(p.value, slots);
      }
      return slots;
    });
    this.lastParams = params;
    return this.lastSlots;
  }
}
