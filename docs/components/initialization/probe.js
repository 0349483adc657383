// Per-layer statistics of a deep network at initialization, forward and backward, for the
// chapter "Weight initialization". One forward pass records each hidden layer's activations;
// one backward pass records the gradient of the loss with respect to each hidden layer's
// pre-activation z (Glorot & Bengio's "back-propagated gradient" ∂Cost/∂s). The passes pause
// for the page between layers, so a deep, wide probe does not freeze it.
import {Matrix, dense, sequential, tanh, relu, sigmoid, identity, loss, random, std, matmulTransB} from "../../engine/index.js";
import {yieldToPage} from "../yieldToPage.js";

/**
 * The weight initializations the chapter compares, each as `dense` options. `sigma` is the
 * standard deviation of one weight, as a function of fan-in and fan-out (for the prose and tables).
 */
export const schemes = [
  {name: "0.01·N(0,1)", options: {init: "normal", std: 0.01}, sigma: () => 0.01},
  {name: "N(0,1)", options: {init: "normal", std: 1}, sigma: () => 1},
  {name: "LeCun", options: {init: "lecun"}, sigma: (i) => Math.sqrt(1 / i)},
  {name: "Xavier", options: {init: "xavier"}, sigma: (i, o) => Math.sqrt(2 / (i + o))},
  {name: "He", options: {init: "he"}, sigma: (i) => Math.sqrt(2 / i)}
];

export const schemeNames = schemes.map((s) => s.name);

const activations = {tanh, relu, sigmoid, linear: identity};
export const activationNames = Object.keys(activations);

export function scheme(name) {
  const found = schemes.find((s) => s.name === name);
  if (!found) throw new Error(`scheme: name must be one of ${schemeNames.map((n) => JSON.stringify(n)).join(", ")}, got ${JSON.stringify(name)}`);
  return found;
}

/**
 * depth hidden layers of `width` units, each dense → activation, then a dense output layer.
 * Every dense layer gets its own seed so that layers are independent draws.
 */
export function deepNetwork({depth, width, inputs = width, outputs = 10, activation = "tanh", init, seed = 0}) {
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`deepNetwork: depth must be a positive integer, got ${depth}`);
  if (!Number.isInteger(width) || width < 1) throw new Error(`deepNetwork: width must be a positive integer, got ${width}`);
  const makeActivation = activations[activation];
  if (!makeActivation) throw new Error(`deepNetwork: activation must be one of ${activationNames.join(", ")}, got ${JSON.stringify(activation)}`);
  // init: a scheme name, dense options, or (nIn, nOut) => dense options (for fan-dependent ranges)
  const optionsFor = typeof init === "function" ? init : () => (typeof init === "string" ? scheme(init).options : init);
  if (typeof init !== "function" && (!init || typeof optionsFor() !== "object")) {
    throw new Error(`deepNetwork: init must be a scheme name, dense options or a function, got ${JSON.stringify(init)}`);
  }
  const layers = [];
  for (let l = 0; l < depth; l++) {
    const nIn = l === 0 ? inputs : width;
    layers.push(dense(nIn, width, {...optionsFor(nIn, width), seed: seed * 1000 + l}));
    layers.push(makeActivation());
  }
  layers.push(dense(width, outputs, {...optionsFor(width, outputs), seed: seed * 1000 + depth}));
  return sequential(...layers);
}

/** n × d standard-normal inputs and n random labels in 0..classes-1: the probe's batch. */
export function probeBatch({n, d, classes = 10, seed = 0}) {
  const rng = random(seed + 7919);
  const x = new Matrix(n, d);
  for (let i = 0; i < x.data.length; i++) x.data[i] = rng.normal();
  const y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) y.data[i] = rng.int(classes);
  return {x, y};
}

/**
 * Runs x through the model and the loss gradient back again. Resolves to, for each hidden layer
 * l = 1..depth, `activation` (its output a_l), `preactivation` (z_l) and `gradient` (∂L/∂z_l, the
 * gradient at its dense layer's output), as Matrices. Parameter gradients are not computed, and
 * with `{backward: false}` neither is the backward pass (`gradient` is null). Between layers it
 * lets the page draw (see yieldToPage.js).
 */
export async function propagate(model, x, y, {lossName = "softmaxCrossEntropy", backward = true} = {}) {
  const layers = model.layers;
  const outputs = [];
  let h = x;
  for (const layer of layers) {
    await yieldToPage();
    h = layer.forward(h, {training: false});
    outputs.push(h);
  }
  const grads = new Array(layers.length).fill(null);
  let dy = backward ? loss(lossName).compute(h, y).grad : null;
  for (let i = layers.length - 1; backward && i >= 0; i--) {
    grads[i] = dy; // ∂L/∂(output of layer i)
    if (i === 0) break; // nobody needs ∂L/∂x for the input itself
    await yieldToPage();
    // through a dense layer only dx = dy·Wᵀ is needed here; skipping dW += xᵀ·dy saves a third of the work
    dy = layers[i].kind === "dense" ? matmulTransB(dy, layers[i].W) : layers[i].backward(dy);
  }
  const hidden = [];
  for (let i = 0; i + 1 < layers.length; i += 2) {
    hidden.push({layer: hidden.length + 1, activation: outputs[i + 1], preactivation: outputs[i], gradient: grads[i]});
  }
  return hidden;
}

/**
 * Standard deviation per hidden layer, forward (activations) and backward (∂L/∂z); with
 * `{backward: false}` only forward (`gradientStd` is null), for half the work.
 */
export async function layerStds(model, x, y, {backward = true} = {}) {
  return (await propagate(model, x, y, {backward})).map(({layer, activation, gradient}) => ({
    layer,
    activationStd: std(activation),
    gradientStd: gradient ? std(gradient) : null
  }));
}

/**
 * Histogram rows {layer, x, fraction} of the values of each matrix over a fixed domain, so that
 * layers share one x axis. Values outside the domain land in the end bins.
 */
export function histogramRows(matrices, {domain, bins = 40, label = (i) => i + 1}) {
  const [lo, hi] = domain;
  if (!(hi > lo)) throw new Error(`histogramRows: domain must be [lo, hi] with hi > lo, got [${lo}, ${hi}]`);
  const width = (hi - lo) / bins;
  const rows = [];
  matrices.forEach((m, i) => {
    const counts = new Float64Array(bins);
    const data = m.data;
    for (let k = 0; k < data.length; k++) {
      let b = Math.floor((data[k] - lo) / width);
      if (b < 0) b = 0;
      else if (b >= bins) b = bins - 1;
      if (Number.isFinite(data[k])) counts[b]++;
    }
    for (let b = 0; b < bins; b++) rows.push({layer: label(i), x: lo + (b + 0.5) * width, fraction: counts[b] / data.length});
  });
  return rows;
}
