// The book's MNIST files as engine Datasets, with no page machinery: shared by mnist.js (on the page)
// and the worker pool (compute/worker.js), so that both read the same digits bit for bit.
// File format (see scripts/build-mnist.ts): n labels, then n × 784 pixels, one byte each, gzipped.
import {Matrix} from "../engine/matrix.js";

export const PIXELS = 784;
export const MNIST_SIZE = {train: 10000, test: 2000};

/** The raw bytes of a split from its (possibly still gzipped) file contents. */
export async function mnistBytes(buffer) {
  const bytes = new Uint8Array(buffer);
  // A server may already have undone the gzip (Content-Encoding); labels never start with 0x1f 0x8b.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Throws unless n is a valid number of examples of `split`; `what` names the caller. */
export function checkMnistCount(what, split, n) {
  if (!Number.isInteger(n) || n < 0 || n > MNIST_SIZE[split]) {
    throw new Error(`${what}: ${split} must be an integer in [0, ${MNIST_SIZE[split]}], got ${n}`);
  }
}

/** The first n examples of a split as a Dataset: x n × 784 in [0, 1], y n × 1 labels 0–9. */
export function mnistDataset(raw, split, n) {
  const total = MNIST_SIZE[split];
  if (raw.length !== total * (1 + PIXELS)) {
    throw new Error(`loadMnist: ${split} file has ${raw.length} bytes, expected ${total * (1 + PIXELS)}; rebuild with npx tsx scripts/build-mnist.ts`);
  }
  const x = new Matrix(n, PIXELS);
  const y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) y.data[i] = raw[i];
  for (let k = 0, o = total; k < n * PIXELS; k++) x.data[k] = raw[o + k] / 255;
  return {x, y, classes: 10, name: `mnist-${split}`};
}
