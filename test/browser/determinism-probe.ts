// What the determinism spec runs in Node and in Chromium and compares number by number: raw
// generator output, normals, integers, a permutation, five initializers, the fast tanh, and one
// forward and backward pass. Any number that differs breaks the book's promise that a seed means
// the same run everywhere.
import {random} from "../../src/random.js";
import {initialize} from "../../src/initializers.js";
import {tanhOf, tanh, sigmoid} from "../../src/layers/activations.js";
import {sequential} from "../../src/layers/sequential.js";
import {dense} from "../../src/layers/dense.js";
import {Matrix} from "../../src/matrix.js";
import {spirals} from "../../src/datasets/spirals.js";
import {trainStep} from "../../src/train.js";
import {sgd} from "../../src/optimizers/sgd.js";
export function run(): number[] {
  const out: number[] = [];
  const r = random(42);
  for (let i = 0; i < 1000; i++) out.push(r.nextUint32());
  for (let i = 0; i < 1000; i++) out.push(r.normal());
  for (let i = 0; i < 100; i++) out.push(r.int(1000), r.uniform(-1, 1));
  out.push(...r.fork().permutation(50));
  for (const name of ["he", "xavier", "lecunUniform", "sparse", "orthogonal"] as const) out.push(...initialize(name, 20, 10, {seed: 3}).data);
  for (let i = -2000; i < 2000; i++) out.push(tanhOf(i / 97));
  const model = sequential(dense(3, 8, {seed: 1}), tanh(), dense(8, 8, {seed: 2}), sigmoid(), dense(8, 2, {seed: 3}));
  const x = new Matrix(5, 3);
  for (let i = 0; i < 15; i++) x.data[i] = Math.sin(i);
  out.push(...model.forward(x, {training: true}).data);
  out.push(...model.backward(Matrix.fromRows([[1, -1], [0.5, 2], [0, 1], [3, 0], [-1, -2]])).data);
  for (const p of model.parameters()) out.push(...p.grad.data);
  // twenty training steps of the benchmark's small network: every product tile, softmax, the update
  const data = spirals({n: 64, classes: 2, noise: 0.2, seed: 5});
  const small = sequential(dense(2, 16, {seed: 4}), tanh(), dense(16, 16, {seed: 5}), tanh(), dense(16, 2, {seed: 6}));
  const optimizer = sgd({learningRate: 0.1});
  for (let i = 0; i < 20; i++) out.push(trainStep(small, data.x, data.y, {loss: "softmaxCrossEntropy", optimizer}));
  for (const p of small.parameters()) out.push(...p.value.data);
  return out;
}
