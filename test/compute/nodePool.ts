// The worker pool of docs/components/compute/pool.js on Node's worker_threads, for the unit tests
// (results bit-identical to the main thread) and the benchmark (parallel speedup). The worker script
// is bundled with esbuild first, so that it runs the TypeScript engine without a loader.
import {Worker} from "node:worker_threads";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";
import * as engine from "../../src/index.js";
// @ts-ignore: plain JavaScript page component without type declarations
import {createPool} from "../../docs/components/compute/pool.js";

let script: string | undefined;

/** The bundled worker script's path (built once per process). */
export async function workerScript(): Promise<string> {
  if (script) return script;
  const entry = fileURLToPath(new URL("./nodeWorker.ts", import.meta.url));
  const result = await esbuild.build({entryPoints: [entry], bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent"});
  const dir = mkdtempSync(join(tmpdir(), "engine-worker-"));
  script = join(dir, "worker.mjs");
  writeFileSync(script, result.outputFiles[0].text);
  return script;
}

/** A Node worker dressed as a Web Worker (onmessage, onerror, postMessage, terminate). */
function webWorker(path: string) {
  const worker = new Worker(path);
  const shim = {
    onmessage: null as ((event: {data: unknown}) => void) | null,
    onerror: null as ((event: {message: string; preventDefault(): void}) => void) | null,
    onmessageerror: null as (() => void) | null,
    postMessage: (message: unknown, transfer?: Transferable[]) => worker.postMessage(message, transfer as never),
    terminate: () => void worker.terminate()
  };
  worker.on("message", (data) => shim.onmessage?.({data}));
  worker.on("error", (error: Error) => shim.onerror?.({message: error.message, preventDefault() {}}));
  worker.on("messageerror", () => shim.onmessageerror?.());
  return shim;
}

/** A pool of Node workers; call `terminate()` when done, or the process stays alive. */
export async function nodePool({size = 1}: {size?: number} = {}) {
  const path = await workerScript();
  return createPool({engine, size, createWorker: () => webWorker(path)});
}
