// npx tsx bench/cross-platform.ts: checks that the engine's numbers are bit-identical in Node and in
// Chromium (the book's promise that a seed means the same run everywhere). It bundles a probe with
// esbuild, runs it in both, and compares every number with Object.is. Needs /usr/bin/chromium.
import path from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";
import {chromium} from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const probe = `
import {random} from "./src/random.ts";
import {initialize} from "./src/initializers.ts";
import {tanhOf, tanh, sigmoid} from "./src/layers/activations.ts";
import {sequential} from "./src/layers/sequential.ts";
import {dense} from "./src/layers/dense.ts";
import {Matrix} from "./src/matrix.ts";
export function run() {
  const out = [];
  const r = random(42);
  for (let i = 0; i < 1000; i++) out.push(r.nextUint32());
  for (let i = 0; i < 1000; i++) out.push(r.normal());
  for (let i = 0; i < 100; i++) out.push(r.int(1000), r.uniform(-1, 1));
  out.push(...r.fork().permutation(50));
  for (const name of ["he", "xavier", "lecunUniform", "sparse", "orthogonal"]) out.push(...initialize(name, 20, 10, {seed: 3}).data);
  for (let i = -2000; i < 2000; i++) out.push(tanhOf(i / 97));
  const model = sequential(dense(3, 8, {seed: 1}), tanh(), dense(8, 8, {seed: 2}), sigmoid(), dense(8, 2, {seed: 3}));
  const x = new Matrix(5, 3);
  for (let i = 0; i < 15; i++) x.data[i] = Math.sin(i);
  out.push(...model.forward(x, {training: true}).data);
  out.push(...model.backward(Matrix.fromRows([[1, -1], [0.5, 2], [0, 1], [3, 0], [-1, -2]])).data);
  for (const p of model.parameters()) out.push(...p.grad.data);
  return out;
}`;

const bundle = await esbuild.build({stdin: {contents: probe, resolveDir: root, loader: "ts"}, bundle: true, format: "esm", write: false, platform: "neutral"});
const code = bundle.outputFiles[0].text;
const inNode: number[] = (await import("data:text/javascript;base64," + Buffer.from(code).toString("base64"))).run();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
});
try {
  const page = await browser.newPage();
  const inBrowser: number[] = await page.evaluate(async (source) => {
    const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
    return (await import(url)).run();
  }, code);
  const differences = inNode.filter((v, i) => !Object.is(v, inBrowser[i])).length + Math.abs(inNode.length - inBrowser.length);
  console.log(`Node ${process.version} (V8 ${process.versions.v8}) vs Chromium ${browser.version()}: ${inNode.length} numbers, ${differences} differ`);
  if (differences) process.exitCode = 1;
} finally {
  await browser.close();
}
