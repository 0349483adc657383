// Chapter: "Neurons, losses and the engine". A model is a list of layers; forward runs them in
// order, backward in reverse, each passing dL/d(its input) to the layer before it.
import {Matrix, assertFinite} from "../matrix.js";
import type {ForwardOptions, Layer, Parameter} from "./layer.js";
import {registerLayer, layerFromJSON, layerToJSON, type LayerJSON} from "./registry.js";

function isLayer(value: unknown): value is Layer {
  const v = value as Layer;
  return !!v && typeof v.forward === "function" && typeof v.backward === "function" && typeof v.parameters === "function";
}

/**
 * Layers applied in order; itself a `Layer`, so models nest.
 *
 * ```ts
 * const model = sequential(dense(2, 16, {init: "he", seed: 1}), relu(), dense(16, 1, {seed: 2}));
 * model.predict(x);        // forward with training: false
 * model.outputs[1];        // the ReLU layer's last output
 * console.log(model.summary());
 * ```
 */
export class Sequential implements Layer {
  readonly kind = "sequential";
  readonly layers: Layer[];
  /** Each layer's output from the last forward pass (for introspection: histograms, dead units). */
  readonly outputs: Matrix[] = [];
  /**
   * Whether `backward` returns dL/dx for the model's input. Set it to false in training loops: the
   * layers before the first one with parameters then skip backward entirely and that layer skips its
   * dx product, and `backward` returns an n×0 matrix.
   */
  needsInputGradient = true;
  /** Prefixed views of the layers' parameters, one per underlying parameter, so identities stay stable. */
  private readonly views = new WeakMap<Parameter, Parameter>();
  /** Index of the first layer that has parameters (−1 if none): where backward can stop early. */
  private readonly firstTrainable: number;

  constructor(layers: Layer[]) {
    layers.forEach((layer, i) => {
      if (!isLayer(layer)) {
        const what = layer === null ? "null" : Array.isArray(layer) ? "an array" : typeof layer;
        throw new Error(`sequential: argument ${i} is not a layer (got ${what}); pass layers like dense(2, 4) or relu()`);
      }
    });
    this.layers = layers;
    this.firstTrainable = layers.findIndex((layer) => layer.parameters().length > 0);
  }

  forward(x: Matrix, options: ForwardOptions = {}): Matrix {
    if (!(x instanceof Matrix)) throw new Error(`sequential: input must be a Matrix, got ${x === null ? "null" : typeof x}`);
    assertFinite(x, "sequential: input");
    let y = x;
    const layers = this.layers, outputs = this.outputs;
    for (let i = 0; i < layers.length; i++) {
      y = layers[i].forward(y, options);
      outputs[i] = y;
    }
    outputs.length = layers.length;
    return y;
  }

  backward(dy: Matrix): Matrix {
    const layers = this.layers;
    const stop = this.needsInputGradient ? 0 : this.firstTrainable;
    if (stop < 0) return new Matrix(dy.rows, 0); // no parameters and no one wants dx
    let g = dy;
    for (let i = layers.length - 1; i > stop; i--) {
      const layer = layers[i];
      if (layer.needsInputGradient === false) layer.needsInputGradient = true; // it is not first here
      g = layer.backward(g);
    }
    const first = layers[stop];
    if (!first) return g; // an empty model: the identity
    if ("needsInputGradient" in first || !this.needsInputGradient) first.needsInputGradient = this.needsInputGradient;
    return first.backward(g);
  }

  /** The network's output for x in inference mode (training: false), as a new matrix the caller may keep. */
  predict(x: Matrix): Matrix {
    return this.forward(x, {training: false}).clone();
  }

  /** Every layer's parameters, named "index.kind.name", e.g. "0.dense.W". The same objects on every call. */
  parameters(): Parameter[] {
    const result: Parameter[] = [];
    this.layers.forEach((layer, i) => {
      for (const p of layer.parameters()) {
        let view = this.views.get(p);
        if (!view) {
          view = {name: `${i}.${layer.kind}.${p.name}`, value: p.value, grad: p.grad, regularize: p.regularize};
          this.views.set(p, view);
        }
        view.value = p.value;
        view.grad = p.grad;
        result.push(view);
      }
    });
    return result;
  }

  /** Total number of trainable numbers. */
  parameterCount(): number {
    let count = 0;
    for (const p of this.parameters()) count += p.value.data.length;
    return count;
  }

  /** A deep copy: new layers with the same weights and state. */
  clone(): Sequential {
    const copy = new Sequential(this.layers.map((layer) => layer.clone()));
    copy.needsInputGradient = this.needsInputGradient;
    return copy;
  }

  describe(): string {
    return `sequential (${this.layers.length} layers, ${this.parameterCount().toLocaleString("en-US")} parameters)`;
  }

  /**
   * `{kind: "sequential", layers: [each layer's JSON], needsInputGradient}`: the whole model, for
   * `JSON.stringify(model)` (save) and `modelFromJSON` (load). Throws, naming the layer, if a layer
   * has no `toJSON`.
   */
  toJSON(): LayerJSON {
    return {kind: this.kind, layers: this.layers.map((layer, i) => layerToJSON(layer, `sequential: layer ${i}`)), needsInputGradient: this.needsInputGradient};
  }

  static fromJSON(json: LayerJSON): Sequential {
    if (!Array.isArray(json.layers)) throw new Error(`sequential.fromJSON: layers must be an array of layer JSON, got ${typeof json.layers}`);
    const model = new Sequential(json.layers.map((layer: LayerJSON) => layerFromJSON(layer)));
    if (json.needsInputGradient === false) model.needsInputGradient = false;
    return model;
  }

  /**
   * One line per layer with its parameter count, then the total:
   * ```
   * #  layer                      parameters
   * 0  dense 2 → 16 (he)                  48
   * 1  relu                                0
   * ```
   */
  summary(): string {
    const rows = this.layers.map((layer, i) => {
      let count = 0;
      for (const p of layer.parameters()) count += p.value.data.length;
      return [String(i), layer.describe(), count.toLocaleString("en-US")];
    });
    const total = this.parameterCount().toLocaleString("en-US");
    const w0 = Math.max(1, ...rows.map((r) => r[0].length));
    const w1 = Math.max(5, ...rows.map((r) => r[1].length));
    const w2 = Math.max(10, total.length, ...rows.map((r) => r[2].length));
    const line = (a: string, b: string, c: string) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c.padStart(w2)}`;
    return [
      line("#", "layer", "parameters"),
      ...rows.map((r) => line(r[0], r[1], r[2])),
      line("", "total", total)
    ].join("\n");
  }
}

/** Layers applied in order: `sequential(dense(2, 8), tanh(), dense(8, 1))`. An array works too. */
export function sequential(...layers: (Layer | Layer[])[]): Sequential {
  const flat = layers.length === 1 && Array.isArray(layers[0]) ? layers[0] : (layers as Layer[]);
  return new Sequential(flat);
}

registerLayer("sequential", Sequential.fromJSON);

/**
 * A model from its JSON (`model.toJSON()`, or that after JSON.stringify and JSON.parse); the same as
 * `layerFromJSON`, typed for a sequential model.
 *
 * ```ts
 * localStorage.setItem("model", JSON.stringify(model));
 * const saved = modelFromJSON(JSON.parse(localStorage.getItem("model")));
 * ```
 */
export function modelFromJSON(json: LayerJSON): Sequential {
  const layer = layerFromJSON(json);
  if (!(layer instanceof Sequential)) throw new Error(`modelFromJSON: expected a sequential model's JSON, got kind "${json.kind}"; use layerFromJSON for a single layer`);
  return layer;
}
