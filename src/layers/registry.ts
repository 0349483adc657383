// Saving and loading layers: each layer kind registers how to rebuild itself from its JSON, so that
// `layerFromJSON` (and with it `modelFromJSON`, and the worker pool that sends models to Web Workers)
// knows every kind, including the ones chapters add.
import {Matrix, isMatrix, type MatrixJSON} from "../matrix.js";
import {Random, type RandomJSON} from "../random.js";
import type {Layer} from "./layer.js";

/** A layer as JSON: its `kind`, then whatever its kind needs (sizes, options, weights, state). */
export interface LayerJSON {
  kind: string;
  [key: string]: unknown;
}

type FromJSON = (json: LayerJSON) => Layer;

const registry = new Map<string, FromJSON>();

/**
 * Teaches `layerFromJSON` a layer kind: `fromJSON` rebuilds the layer from what its `toJSON()`
 * returned. One line next to the layer's class:
 *
 * ```ts
 * registerLayer("layerNorm", (json) => LayerNorm.fromJSON(json));
 * ```
 * Registering a kind again replaces it (a page reloaded in development registers its layers anew).
 */
export function registerLayer(kind: string, fromJSON: FromJSON): void {
  if (typeof kind !== "string" || !kind) throw new Error(`registerLayer: kind must be a non-empty string, got ${JSON.stringify(kind)}`);
  if (typeof fromJSON !== "function") throw new Error(`registerLayer: fromJSON must be a function (json) => layer, got ${typeof fromJSON}`);
  registry.set(kind, fromJSON);
}

/** The layer kinds `layerFromJSON` knows, in the order they were registered. */
export function layerKinds(): string[] {
  return [...registry.keys()];
}

/**
 * A layer (or a whole model) from its JSON: the object `layer.toJSON()` returns, or that object
 * after `JSON.stringify` and `JSON.parse`. The rebuilt layer computes bit for bit what the saved one
 * would have computed from then on: same weights, batch-norm running averages, dropout generator
 * position. Gradients are not saved (training zeroes them before each step).
 *
 * ```ts
 * const text = JSON.stringify(model);            // save: every sequential model and layer has toJSON
 * const again = layerFromJSON(JSON.parse(text));  // load
 * ```
 */
export function layerFromJSON(json: LayerJSON): Layer {
  if (!json || typeof json !== "object" || typeof json.kind !== "string") {
    throw new Error(`layerFromJSON: expected a layer's JSON {kind, …}, got ${json === null ? "null" : typeof json === "object" ? `an object without a kind` : typeof json}`);
  }
  const fromJSON = registry.get(json.kind);
  if (!fromJSON) {
    throw new Error(`layerFromJSON: unknown layer kind "${json.kind}"; known kinds are ${layerKinds().join(", ")}. A new layer registers itself with registerLayer("${json.kind}", fromJSON) in its own module, which must be imported first`);
  }
  return fromJSON(json);
}

/**
 * The JSON of a layer, with a message that says what to add when the layer has no `toJSON`.
 * `where` names the layer in a model, e.g. "layer 3".
 */
export function layerToJSON(layer: Layer, where = "layer"): LayerJSON {
  if (typeof layer.toJSON !== "function") {
    throw new Error(`${where} (${layer.kind ?? typeof layer}) cannot be saved: give its class a toJSON() method and register it with registerLayer("${layer.kind}", fromJSON) (see ENGINE.md, "Saving models")`);
  }
  return layer.toJSON();
}

// Helpers for fromJSON functions: each reads one field and says which one is wrong.

/** Field `key` of a layer's JSON as a Matrix of shape rows × cols (either may be omitted). */
export function matrixField(json: LayerJSON, key: string, rows?: number, cols?: number): Matrix {
  const value = json[key] as MatrixJSON | Matrix | undefined;
  let m: Matrix;
  try {
    m = Matrix.fromJSON(value as MatrixJSON);
  } catch (error) {
    throw new Error(`${json.kind}.fromJSON: ${key}: ${(error as Error).message}`);
  }
  if ((rows !== undefined && m.rows !== rows) || (cols !== undefined && m.cols !== cols)) {
    throw new Error(`${json.kind}.fromJSON: ${key} is ${m.rows}×${m.cols}, expected ${rows ?? m.rows}×${cols ?? m.cols}`);
  }
  return m;
}

/** Field `key` as a number (required unless a default is given). */
export function numberField(json: LayerJSON, key: string, fallback?: number): number {
  const value = json[key] ?? fallback;
  if (typeof value !== "number") throw new Error(`${json.kind}.fromJSON: ${key} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

/** Field `key` as a Random generator's position. */
export function randomField(json: LayerJSON, key: string): Random {
  try {
    return Random.fromJSON(json[key] as RandomJSON);
  } catch (error) {
    throw new Error(`${json.kind}.fromJSON: ${key}: ${(error as Error).message}`);
  }
}

/**
 * Copies the state a layer's JSON holds back into an existing layer of the same kind and shape,
 * in place: every matrix field into the layer's matrix (or parameter) of the same name, every
 * generator field into its generator of the same name, and a sequential model's layers one by one.
 * The worker pool uses it to hand a model trained in a worker back to the page's own model
 * (`trainInWorker` with `copy: false`). A layer whose JSON names its fields after its properties
 * gets this for free; a layer can also define `loadJSON(json)` to do it itself.
 */
export function loadLayerState(layer: Layer, json: LayerJSON): void {
  if (!json || json.kind !== layer.kind) throw new Error(`loadLayerState: JSON of kind "${json?.kind}" does not fit a layer of kind "${layer.kind}"`);
  const custom = (layer as {loadJSON?: (json: LayerJSON) => void}).loadJSON;
  if (typeof custom === "function") return custom.call(layer, json);
  const target = layer as unknown as Record<string, unknown>;
  if (Array.isArray(json.layers) && Array.isArray(target.layers)) {
    const inner = target.layers as Layer[];
    if (inner.length !== json.layers.length) throw new Error(`loadLayerState: the model has ${inner.length} layers, the JSON ${json.layers.length}`);
    inner.forEach((l, i) => loadLayerState(l, (json.layers as LayerJSON[])[i]));
    return;
  }
  for (const [key, value] of Object.entries(json)) {
    if (key === "kind" || value === null || typeof value !== "object") continue;
    const own = target[key] as unknown;
    const matrix = isMatrix(own) ? own : isMatrix((own as {value?: unknown})?.value) ? (own as {value: Matrix}).value : null;
    if (matrix && "rows" in value && "data" in value) {
      const m = matrixField(json, key, matrix.rows, matrix.cols);
      matrix.data.set(m.data);
    } else if (own instanceof Random && "state" in value) {
      target[key] = randomField(json, key);
    }
  }
}
