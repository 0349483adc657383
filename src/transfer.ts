// Chapter: none; plumbing for docs/components/compute.js, which runs engine code in Web Workers.
// postMessage copies data with the structured-clone algorithm, which keeps numbers, arrays, plain
// objects and typed arrays but drops classes and refuses functions: a Matrix would arrive as a plain
// object and a model not at all. `encodeValue` turns the engine's objects into tagged data on one side
// and `decodeValue` rebuilds them on the other, bit for bit.
import {Matrix, isMatrix} from "./matrix.js";
import {Random, type RandomJSON} from "./random.js";
import {layerFromJSON, layerToJSON, type LayerJSON} from "./layers/registry.js";
import type {Layer} from "./layers/layer.js";
import {loss as lossNamed, type LossName} from "./losses.js";
import {optimizerFromJSON, type OptimizerJSON} from "./optimizers/optimizer.js";
import {scheduleFromJSON, type ScheduleJSON} from "./optimizers/schedules.js";
import {regularizerFromJSON} from "./regularizers.js";

const TAG = "$engine";

/** What `encodeValue` tags: the engine's objects that structured cloning would break. */
type Tagged =
  | {$engine: "Matrix"; rows: number; cols: number; data: Float64Array}
  | {$engine: "Layer"; json: LayerJSON}
  | {$engine: "Optimizer"; json: OptimizerJSON}
  | {$engine: "Loss"; name: string}
  | {$engine: "Regularizer"; json: {kind: string}}
  | {$engine: "Random"; json: RandomJSON}
  | {$engine: "Schedule"; json: ScheduleJSON}
  | {$engine: "Ref"; ref: {$ref: string; [key: string]: unknown}};

const LOSS_NAMES = new Set(["mse", "binaryCrossEntropy", "softmaxCrossEntropy", "hinge", "squaredHinge"]);

function isLayer(v: Record<string, unknown>): boolean {
  return typeof v.forward === "function" && typeof v.backward === "function" && typeof v.parameters === "function" && typeof v.kind === "string";
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * `value` made safe for postMessage: matrices (typed-array data, copied if it is a view into a
 * larger buffer so that only its own numbers are cloned), layers and models, optimizers, losses,
 * regularizers, constraints, generators and schedules become tagged data that `decodeValue`
 * rebuilds. `tagged` says whether there was anything to rebuild, so the receiver can skip the walk.
 * A function (other than a schedule) throws, naming where it was: code cannot be cloned, and a
 * function's variables would not come with it. In a dataset ({x, y} of matrices), function fields
 * such as regression1d's `fn` are left out instead.
 */
export function encodeValue(value: unknown, where = "value"): {value: unknown; tagged: boolean} {
  let tagged = false;
  const busy = new Set<object>();
  const walk = (v: unknown, path: string): unknown => {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) {
      if (typeof v === "symbol") throw new Error(`${path} is a symbol, which cannot be sent to a worker`);
      return v;
    }
    const o = v as Record<string, unknown>;
    if (typeof v === "function") {
      if (typeof o.toJSON === "function") return tag({$engine: "Schedule", json: (o.toJSON as () => ScheduleJSON)()});
      throw new Error(`${path} is a function, which cannot be sent to a worker (a function's source travels, but not the variables it uses); pass data, a loss or optimizer by name, or move the code into the function that runs in the worker`);
    }
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Date || v instanceof RegExp || v instanceof Error) return v;
    if (isMatrix(v)) {
      const data = v.data.byteOffset === 0 && v.data.byteLength === v.data.buffer.byteLength ? v.data : v.data.slice();
      return tag({$engine: "Matrix", rows: v.rows, cols: v.cols, data});
    }
    if (isLayer(o)) return tag({$engine: "Layer", json: layerToJSON(v as unknown as Layer, path)});
    if (typeof o.step === "function" && typeof o.learningRateAt === "function" && typeof o.kind === "string") {
      if (typeof o.toJSON !== "function") throw new Error(`${path}: the "${o.kind}" optimizer has no toJSON, so it cannot be sent to a worker`);
      return tag({$engine: "Optimizer", json: (o.toJSON as () => OptimizerJSON)()});
    }
    if (typeof o.computeInto === "function" && typeof o.name === "string") {
      if (!LOSS_NAMES.has(o.name)) throw new Error(`${path}: the loss "${o.name}" is not one of the engine's, so it cannot be sent to a worker; pass a loss name, or compute it inside the worker`);
      return tag({$engine: "Loss", name: o.name});
    }
    if ((typeof o.addGradient === "function" || typeof o.apply === "function") && typeof o.kind === "string" && typeof o.toJSON === "function") {
      return tag({$engine: "Regularizer", json: (o.toJSON as () => {kind: string})()});
    }
    if (v instanceof Random || (typeof o.nextUint32 === "function" && typeof o.toJSON === "function")) return tag({$engine: "Random", json: (o.toJSON as () => RandomJSON)()});
    if (typeof o.$ref === "string" && isPlain(v)) return tag({$engine: "Ref", ref: {...o} as {$ref: string}});
    if (busy.has(v)) throw new Error(`${path} refers back to itself (a cycle), which cannot be sent to a worker`);
    busy.add(v);
    try {
      if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`));
      if (v instanceof Map) return new Map([...v].map(([k, item]) => [walk(k, `${path} key`), walk(item, `${path}.get(${String(k)})`)]));
      if (v instanceof Set) return new Set([...v].map((item) => walk(item, `${path} item`)));
      const dataset = isMatrix(o.x) && isMatrix(o.y);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(o)) {
        if (dataset && typeof o[key] === "function") continue;
        out[key] = walk(o[key], `${path}.${key}`);
      }
      if (!isPlain(v) && typeof o.toJSON === "function" && Object.keys(out).length === 0) return walk((o.toJSON as () => unknown)(), path);
      return out;
    } finally {
      busy.delete(v);
    }
  };
  const tag = (t: Tagged): Tagged => {
    tagged = true;
    return t;
  };
  return {value: walk(value, where), tagged};
}

/**
 * Rebuilds what `encodeValue` tagged (in place: the argument is a fresh structured clone): a Matrix
 * keeps the cloned Float64Array, a layer or model comes back through `layerFromJSON`, an optimizer
 * through `optimizerFromJSON`, and so on. A reference (a plain object with a string `$ref`, such as
 * compute.js's MNIST references) is handed to `ref`, which returns what stands for it.
 */
export function decodeValue(value: unknown, options: {ref?: (ref: {$ref: string; [key: string]: unknown}) => unknown} = {}): unknown {
  return decode(value, options.ref);
}

/** Every reference (`{$ref, …}`) in an encoded value, for a receiver that must fetch them before decoding. */
export function findRefs(value: unknown, found: {$ref: string; [key: string]: unknown}[] = []): {$ref: string; [key: string]: unknown}[] {
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return found;
  const o = value as Record<string, unknown>;
  if (o[TAG] === "Ref") found.push(o.ref as {$ref: string});
  else if (typeof o[TAG] !== "string") for (const item of Array.isArray(value) ? value : value instanceof Map ? [...value.values()] : value instanceof Set ? [...value] : Object.values(o)) findRefs(item, found);
  return found;
}

function decode(value: unknown, ref?: (ref: {$ref: string}) => unknown): unknown {
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  const o = value as Record<string, unknown>;
  if (typeof o[TAG] === "string") return decodeTagged(o as unknown as Tagged, ref);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i], ref);
    return value;
  }
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [decode(k, ref), decode(v, ref)]));
  if (value instanceof Set) return new Set([...value].map((v) => decode(v, ref)));
  if (value instanceof Date || value instanceof RegExp || value instanceof Error) return value;
  for (const key of Object.keys(o)) o[key] = decode(o[key], ref);
  return value;
}

function decodeTagged(t: Tagged, ref?: (ref: {$ref: string}) => unknown): unknown {
  switch (t.$engine) {
    case "Ref": return ref ? ref(t.ref) : t.ref;
    case "Matrix": return new Matrix(t.rows, t.cols, t.data);
    case "Layer": return layerFromJSON(t.json);
    case "Optimizer": return optimizerFromJSON(t.json);
    case "Loss": return lossNamed(t.name as LossName);
    case "Regularizer": return regularizerFromJSON(t.json);
    case "Random": return Random.fromJSON(t.json);
    case "Schedule": return scheduleFromJSON(t.json);
  }
  throw new Error(`decodeValue: unknown tag ${JSON.stringify((t as {$engine: unknown}).$engine)}`);
}
