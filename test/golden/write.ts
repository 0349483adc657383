// npm run golden: runs the determinism probe in Node and writes test/golden/determinism.json.
import {writeFileSync} from "node:fs";
import {probe} from "./probe.js";
import {encode} from "./golden.js";

const sections = probe();
const file = new URL("./determinism.json", import.meta.url);
writeFileSync(file, JSON.stringify(encode(sections), null, 1) + "\n");
const count = sections.reduce((n, s) => n + s.values.length, 0);
console.log(`wrote ${file.pathname}: ${sections.length} sections, ${count} numbers (Node ${process.version}, V8 ${process.versions.v8})`);
