// A pool worker for Node (worker_threads): the same serve.js as the browser's compute/worker.js,
// with the engine from src/ and MNIST read from data/mnist/. Bundled by nodePool.ts.
import {parentPort} from "node:worker_threads";
import {readFile} from "node:fs/promises";
import * as engine from "../../src/index.js";
// @ts-ignore: plain JavaScript page component without type declarations
import {serve} from "../../docs/components/compute/serve.js";

const port = parentPort!;
const handle = serve({engine, post: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer as never), readMnist: (split: string) => readFile(`data/mnist/${split}.u8.gz`)});
port.on("message", handle);
port.postMessage({type: "ready"});
