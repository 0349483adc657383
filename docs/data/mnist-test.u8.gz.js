// Serves the committed MNIST subset (built by scripts/build-mnist.ts) to pages; Framework runs
// data loaders from the project root, so data/ outside the docs root is readable here.
import {readFileSync} from "node:fs";

process.stdout.write(readFileSync("data/mnist/test.u8.gz"));
