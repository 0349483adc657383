// The MNIST subset's manifest (counts, source, format), built by scripts/build-mnist.ts.
import {readFileSync} from "node:fs";

process.stdout.write(readFileSync("data/mnist/manifest.json"));
