import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {probe} from "./golden/probe.js";
import {compare, decode, type GoldenFile} from "./golden/golden.js";

describe("determinism", () => {
  it("Node computes every number of the probe exactly as the golden file records it", () => {
    const golden = decode(JSON.parse(readFileSync(new URL("./golden/determinism.json", import.meta.url), "utf8")) as GoldenFile);
    const problems = compare(probe(), golden, `Node ${process.version}`);
    expect(problems, problems.join("\n")).toEqual([]);
  });
  it("the comparison catches a single flipped bit", () => {
    const sections = probe().slice(0, 3);
    const tampered = sections.map((s) => ({...s, values: [...s.values]}));
    tampered[1].values[5] = tampered[1].values[5] * (1 + Number.EPSILON);
    expect(compare(tampered, sections, "test")).toEqual([expect.stringContaining(`drifted in "${sections[1].name}"`)]);
  });
});
