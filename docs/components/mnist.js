// The book's MNIST subset (10,000 training and 2,000 test digits, class-balanced; see
// data/mnist/manifest.json and scripts/build-mnist.ts) as engine Datasets.
import {FileAttachment} from "observablehq:stdlib";
import {Matrix, matmul, matmulTransB, subtractRowVector, addRowVector} from "../engine/matrix.js";
import {PIXELS, MNIST_SIZE, checkMnistCount, mnistBytes, mnistDataset} from "./mnistBytes.js";

const files = {
  train: FileAttachment("../data/mnist-train.u8.gz"),
  test: FileAttachment("../data/mnist-test.u8.gz"),
  pca: FileAttachment("../data/mnist-pca.f32")
};
const cache = {};

/** The raw split: n labels, then n × 784 pixels. Decoded once per page. */
function bytes(split) {
  return (cache[split] ??= files[split].arrayBuffer().then(mnistBytes));
}

async function dataset(split, n) {
  return mnistDataset(await bytes(split), split, n);
}

/** Absolute URLs of the two MNIST files, for the worker pool (compute.js), which loads them itself. */
export function mnistUrls() {
  return {train: files.train.href, test: files.test.href};
}

/**
 * The first `train` training and `test` test digits, x scaled to [0, 1] (n × 784, row-major 28 × 28)
 * and y the n × 1 labels 0–9. Every run of 10 examples holds each digit once, so any multiple of
 * 10 is exactly balanced.
 *
 * ```js
 * const {train, test} = await loadMnist({train: 2000, test: 500});
 * ```
 */
export async function loadMnist({train = MNIST_SIZE.train, test = MNIST_SIZE.test} = {}) {
  checkMnistCount("loadMnist", "train", train);
  checkMnistCount("loadMnist", "test", test);
  const [a, b] = await Promise.all([dataset("train", train), dataset("test", test)]);
  return {train: a, test: b};
}

/** Example i of a dataset as a 28 × 28 canvas (ink dark on white), scaled up by `scale`. */
export function digitCanvas(data, i, {scale = 2} = {}) {
  if (!Number.isInteger(i) || i < 0 || i >= data.x.rows) {
    throw new Error(`digitCanvas: i must be an integer in [0, ${data.x.rows - 1}], got ${i}`);
  }
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 28;
  canvas.style.width = canvas.style.height = `${28 * scale}px`;
  canvas.style.imageRendering = "pixelated";
  const context = canvas.getContext("2d");
  const image = context.createImageData(28, 28);
  const row = data.x.row(i);
  for (let k = 0; k < PIXELS; k++) {
    const v = 255 - Math.round(255 * Math.min(1, Math.max(0, row[k])));
    image.data.set([v, v, v, 255], 4 * k);
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

/**
 * The principal components of the 10,000 training digits, computed at build time by
 * docs/data/mnist-pca.f32.ts with the engine's `pca`: the same shape as the engine's PCA object,
 * with up to 64 components. `mean` is the average digit; each column of `components` is an
 * "eigendigit" (draw it with `digitCanvas({x: …}, 0)` after rescaling).
 *
 * ```js
 * const p = await loadMnistPca({components: 16});
 * const z = p.transform(test.x);            // n × 16
 * const approx = p.inverse(z);              // the best 16-component reconstruction
 * p.explainedVarianceRatio.reduce((a, b) => a + b); // ≈ 0.6
 * ```
 */
export async function loadMnistPca({components = 64} = {}) {
  const values = new Float32Array(await files.pca.arrayBuffer());
  const [d, stored] = values;
  if (!Number.isInteger(components) || components < 1 || components > stored) {
    throw new Error(`loadMnistPca: components must be an integer in [1, ${stored}], got ${components}`);
  }
  const k = components;
  const mean = new Matrix(1, d, Float64Array.from(values.subarray(4, 4 + d)));
  const eigenvalues = Float64Array.from(values.subarray(4 + d, 4 + 2 * d));
  const U = new Matrix(d, k);
  for (let j = 0; j < k; j++) {
    const direction = values.subarray(4 + 2 * d + j * d, 4 + 2 * d + (j + 1) * d);
    for (let i = 0; i < d; i++) U.data[i * k + j] = direction[i];
  }
  const total = eigenvalues.reduce((a, b) => a + Math.max(b, 0), 0);
  const explainedVariance = eigenvalues.slice(0, k);
  return {
    mean,
    components: U,
    eigenvalues,
    explainedVariance,
    explainedVarianceRatio: explainedVariance.map((v) => v / total),
    transform(x) {
      if (x.cols !== d) throw new Error(`loadMnistPca: transform needs ${d} columns, got ${x.rows}×${x.cols}`);
      return matmul(subtractRowVector(x, mean), U);
    },
    inverse(z) {
      if (z.cols !== k) throw new Error(`loadMnistPca: inverse needs ${k} columns, got ${z.rows}×${z.cols}`);
      return addRowVector(matmulTransB(z, U), mean);
    }
  };
}
