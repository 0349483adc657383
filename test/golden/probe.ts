// The determinism probe: every seeded path of the engine, run on fixed inputs, its numbers grouped
// by what produced them. test/golden/determinism.json holds what these sections must give, bit for
// bit; test/determinism-test.ts checks Node against it and test/browser/determinism-spec.js checks
// Chromium. A section that differs names the function that drifted.
//
// If you change a seeded computation on purpose (a new algorithm, a new default), run
// `npm run golden` to rewrite the file, and say why in the commit.
import * as E from "../../src/index.js";
import {Matrix} from "../../src/matrix.js";
import type {Layer} from "../../src/layers/layer.js";

export type Section = {name: string; values: number[]};

export function probe(): Section[] {
  const sections: Section[] = [];
  const add = (name: string, values: ArrayLike<number>) => sections.push({name, values: Array.from(values)});

  // elementary functions on fixed grids, edges included
  const grid = (a: number, b: number, n: number) => Array.from({length: n}, (_, i) => a + ((b - a) * i) / (n - 1));
  add("exp", grid(-745, 709.7, 301).map(E.exp));
  add("expm1", grid(-2, 2, 201).map(E.expm1));
  add("log", grid(1e-3, 50, 201).map(E.log));
  add("log1p", grid(-0.99, 5, 201).map(E.log1p));
  add("log10", grid(1e-6, 1e3, 101).map(E.log10));
  add("pow", grid(0, 3, 61).flatMap((x) => [E.pow(x, 0.37), E.pow(x, -2.5), E.pow(0.999, x * 1000)]));
  add("pow10", grid(-6, 3, 91).map(E.pow10));
  add("sin", grid(-20, 20, 401).map(E.sin));
  add("cos", grid(-20, 20, 401).map(E.cos));
  add("sin, cos of huge arguments", [1e6, 1e22, 1e300, -7e150].flatMap((x) => [E.sin(x), E.cos(x)]));
  add("hypot", grid(-3, 3, 31).map((x) => E.hypot(x, 1.5)));

  // the generator
  const r = E.random(42);
  add("random.nextUint32", Array.from({length: 200}, () => r.nextUint32()));
  add("random.normal", Array.from({length: 400}, () => r.normal()));
  add("random.uniform, int, bernoulli", Array.from({length: 100}, () => [r.uniform(-1, 1), r.int(1000), r.bernoulli(0.3) ? 1 : 0]).flat());
  add("random.permutation, fork, clone", [...r.fork().permutation(50), ...Array.from({length: 20}, () => r.clone().normal())]);

  // datasets
  const dataset = (name: string, d: {x: Matrix; y: Matrix}) => add(`dataset ${name}`, [...d.x.data, ...d.y.data]);
  dataset("spirals", E.spirals({n: 60, classes: 3, noise: 0.2, seed: 1}));
  dataset("moons", E.moons({n: 40, noise: 0.1, seed: 2}));
  dataset("circles", E.circles({n: 40, noise: 0.05, seed: 3}));
  dataset("xor", E.xor({n: 40, noise: 0.1, seed: 4}));
  dataset("blobs", E.blobs({n: 45, centers: 3, std: 0.5, seed: 5}));
  dataset("badlyScaled", E.badlyScaled({n: 40, noise: 0.1, seed: 6}));
  dataset("regression1d", E.regression1d({n: 40, noise: 0.1, seed: 7}));
  const parts = E.split(E.moons({n: 60, seed: 8}), {validation: 0.2, test: 0.2, seed: 9, stratify: true});
  add("split", [...parts.train.y.data, ...parts.validation.x.data, ...parts.test.x.data]);

  // initializers, on unequal fan-in and fan-out
  for (const name of E.initializerNames) add(`initializer ${name}`, E.initialize(name, 12, 7, {seed: 3}).data);

  // activations: forward and backward
  const x = new Matrix(6, 5);
  for (let i = 0; i < x.data.length; i++) x.data[i] = E.sin(1.7 * i) * 3;
  const dy = new Matrix(6, 5);
  for (let i = 0; i < dy.data.length; i++) dy.data[i] = E.cos(0.9 * i);
  for (const name of E.activationNames) {
    const layer = E.activation(name);
    add(`activation ${name}`, [...layer.forward(x, {training: true}).data, ...layer.backward(dy).data]);
  }
  add("tanhOf", grid(-21, 21, 841).map(E.tanhOf));

  // losses: value and gradient
  const logits = new Matrix(6, 3);
  for (let i = 0; i < logits.data.length; i++) logits.data[i] = 2 * E.sin(i * 1.3);
  const labels = Matrix.column([0, 2, 1, 1, 0, 2]);
  for (const name of ["softmaxCrossEntropy", "hinge", "squaredHinge"] as const) {
    const {value, grad} = E.loss(name).compute(logits, labels);
    add(`loss ${name}`, [value, ...grad.data]);
  }
  const single = new Matrix(6, 1, logits.data.slice(0, 6));
  const binary = Matrix.column([1, 0, 1, 0, 0, 1]);
  for (const name of ["binaryCrossEntropy", "mse"] as const) {
    const {value, grad} = E.loss(name).compute(single, binary);
    add(`loss ${name}`, [value, ...grad.data]);
  }
  add("softmax", E.softmax(logits).data);

  // layers with state or randomness: forward and backward in training and inference mode
  const layerRun = (name: string, layer: Layer, input: Matrix, grad: Matrix) => {
    const values = [...layer.forward(input, {training: true}).data, ...layer.backward(grad).data];
    for (const p of layer.parameters()) values.push(...p.grad.data);
    values.push(...layer.forward(input, {training: false}).data);
    add(`layer ${name}`, values);
  };
  layerRun("dense", E.dense(5, 4, {init: "he", seed: 11}), x, new Matrix(6, 4).fill(0.5));
  layerRun("batchNorm", E.batchNorm(5, {momentum: 0.8}), x, dy);
  layerRun("dropout inverted", E.dropout(0.4, {seed: 12}), x, dy);
  layerRun("dropout vanilla", E.dropout(0.4, {seed: 12, mode: "vanilla"}), x, dy);
  layerRun("maxout", E.maxout(5, 3, {pieces: 3, seed: 13}), x, new Matrix(6, 3).fill(-0.25));
  layerRun("prelu", E.prelu(5), x, dy);

  // every optimizer, a few steps on a small network, with a schedule, weight decay, L2 and clipping
  const data = E.spirals({n: 48, classes: 3, noise: 0.2, seed: 14});
  const network = () => E.sequential(E.dense(2, 8, {init: "he", seed: 15}), E.tanh(), E.dense(8, 8, {seed: 16}), E.relu(), E.dense(8, 3, {seed: 17}));
  const optimizers: [string, E.Optimizer][] = [
    ["sgd", E.sgd({learningRate: E.exponentialDecay({initial: 0.3, rate: 0.9, every: 3})})],
    ["momentum", E.momentum({learningRate: E.stepDecay({initial: 0.1, factor: 0.5, every: 4})})],
    ["nesterov", E.nesterov({learningRate: E.inverseTimeDecay({initial: 0.1, rate: 0.2})})],
    ["adagrad", E.adagrad({learningRate: 0.1})],
    ["rmsprop", E.rmsprop({learningRate: 0.01})],
    ["adadelta", E.adadelta({})],
    ["adam", E.adam({learningRate: 0.01, weightDecay: 0.01})]
  ];
  for (const [name, optimizer] of optimizers) {
    const model = network();
    const losses: number[] = [];
    for (let step = 0; step < 12; step++) {
      losses.push(E.trainStep(model, data.x, data.y, {loss: "softmaxCrossEntropy", optimizer, regularizer: E.l2(1e-3), clip: {norm: 5}}));
    }
    add(`optimizer ${name}`, [...losses, ...model.parameters().flatMap((p) => [...p.value.data])]);
  }
  add("minimize", E.minimize({f: ([a, b]) => (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a), start: [-1, 1], optimizer: E.adam({learningRate: 0.05}), steps: 40}).flatMap((p) => [...p.point, p.value]));

  // the training loop: shuffling, validation split, batch norm and dropout inside, early stopping
  const trained = E.fit(
    E.sequential(E.dense(2, 16, {seed: 18}), E.batchNorm(16), E.relu(), E.dropout(0.2, {seed: 19}), E.dense(16, 3, {seed: 20})),
    data,
    {loss: "softmaxCrossEntropy", optimizer: E.nesterov({learningRate: 0.05}), epochs: 6, batchSize: 10, seed: 21, validation: 0.25, earlyStopping: {patience: 3, restoreBest: true}, regularizer: E.l1(1e-4), constraint: E.maxNorm(3)}
  );
  add("fit", [...trained.history.flatMap((h) => [h.loss, h.accuracy ?? NaN, h.validationLoss ?? NaN]), ...trained.model.parameters().flatMap((p) => [...p.value.data])]);

  // preprocessing, fitted on one split and applied to another
  const wide = E.badlyScaled({n: 60, noise: 0.2, seed: 22});
  add("standardizer", E.standardizer(wide.x).transform(parts.train.x).data);
  add("minMaxScaler", E.minMaxScaler(wide.x).transform(parts.train.x).data);
  const cloud = new Matrix(40, 3);
  const rc = E.random(23);
  for (let i = 0; i < 40; i++) {
    const a = rc.normal(), b = rc.normal();
    cloud.data.set([a, 0.5 * a + 0.2 * b, rc.normal() * 3 - a], 3 * i);
  }
  const components = E.pca(cloud, {components: 2});
  add("pca", [...components.eigenvalues, ...components.components.data, ...components.transform(cloud).data]);
  add("whitening zca", E.whitening(cloud).transform(cloud).data);
  add("whitening pca", E.whitening(cloud, {mode: "pca", epsilon: 1e-3}).transform(cloud).data);

  // search samplers and searches
  const rs = E.random(24);
  const samplers = [E.uniform(-1, 1), E.logUniform(1e-4, 1), E.integer(16, 1024, {log: true}), E.oneMinusLogUniform(0.9, 0.999)];
  add("samplers", samplers.flatMap((s) => [...Array.from({length: 20}, () => s.sample(rs)), ...s.grid(5)]));
  const space = {learningRate: E.logUniform(1e-4, 1), beta: E.oneMinusLogUniform(0.9, 0.999), units: E.integer(8, 256, {log: true}), activation: ["relu", "tanh"]};
  const trials = E.randomSearch(space, {trials: 12, seed: 25});
  const numbers = (configs: E.Configuration[]) => configs.flatMap((c) => [c.learningRate, c.beta, c.units, c.activation === "relu" ? 1 : 0]);
  add("randomSearch", numbers(trials));
  add("grid", numbers(E.grid({learningRate: E.logUniform(1e-3, 1), beta: E.oneMinusLogUniform(0.9, 0.999), units: 32, activation: ["relu"]}, {points: 3})));
  const scored = trials.map((c) => ({...c, validationLoss: E.log10(c.learningRate) * E.log10(c.learningRate) + 10 * (1 - c.beta)}));
  const finer = E.coarseToFine(scored, {space, keep: 4});
  add("coarseToFine", numbers(E.randomSearch(finer, {trials: 6, seed: 26})));

  // introspection
  const model = network();
  const stats = E.activationStats(model, data.x, {bins: 8});
  const grads = E.gradientStats(model, data.x, data.y, {loss: "softmaxCrossEntropy", bins: 8});
  add("activationStats", stats.flatMap((s) => [s.mean, s.std, s.min, s.max, s.rms, s.zeros, ...s.histogram.map((b) => b.count)]));
  add("gradientStats", grads.flatMap((s) => [s.mean, s.std, s.norm, s.gradNorm ?? NaN]));
  add("gradientCheck", [E.gradientCheck(model, data.x, data.y, {loss: "softmaxCrossEntropy", samples: 20, seed: 27}).maxRelativeError]);
  return sections;
}
