// Principal components of the 10,000 MNIST training digits (pixels scaled to [0, 1]), computed once
// at build time with the engine's own `pca`, so a page can show eigendigits and PCA/ZCA whitening
// without a multi-second eigendecomposition in the browser. Read it with `loadMnistPca()` from
// docs/components/mnist.js.
//
// Layout (little-endian float32): [d, k, n, 0], then the mean (d), all d eigenvalues (largest
// first), then k principal directions of d numbers each.
import {readFileSync} from "node:fs";
import {gunzipSync} from "node:zlib";
import {Matrix} from "../../src/matrix.js";
import {pca} from "../../src/preprocessing.js";

const K = 64;
const D = 784;
const raw = gunzipSync(readFileSync("data/mnist/train.u8.gz"));
const n = raw.length / (1 + D);
const x = new Matrix(n, D);
for (let k = 0; k < n * D; k++) x.data[k] = raw[n + k] / 255;
const p = pca(x, {components: K});
const out = new Float32Array(4 + 2 * D + K * D);
out.set([D, K, n, 0]);
out.set(p.mean.data, 4);
out.set(p.eigenvalues, 4 + D);
for (let j = 0; j < K; j++) for (let i = 0; i < D; i++) out[4 + 2 * D + j * D + i] = p.components.data[i * K + j];
process.stdout.write(new Uint8Array(out.buffer));
