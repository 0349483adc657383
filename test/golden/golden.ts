// Reading and writing test/golden/determinism.json: each section's numbers as little-endian
// float64 bytes in base64, so every bit (−0, NaN payloads aside) survives the round trip.
import type {Section} from "./probe.js";

export interface GoldenFile {
  about: string;
  sections: {name: string; count: number; float64: string}[];
}

export function encode(sections: Section[]): GoldenFile {
  return {
    about: "What test/golden/probe.ts must compute, bit for bit, in Node and in every browser. Rewrite with `npm run golden` only when a seeded computation changes on purpose.",
    sections: sections.map(({name, values}) => {
      const view = new DataView(new ArrayBuffer(8 * values.length));
      values.forEach((v, i) => view.setFloat64(8 * i, v, true));
      return {name, count: values.length, float64: Buffer.from(view.buffer).toString("base64")};
    })
  };
}

export function decode(file: GoldenFile): Section[] {
  return file.sections.map(({name, count, float64}) => {
    const bytes = Buffer.from(float64, "base64");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return {name, values: Array.from({length: count}, (_, i) => view.getFloat64(8 * i, true))};
  });
}

/** One line per section that differs: its name, how many numbers differ, and the first of them. */
export function compare(actual: Section[], expected: Section[], runtime: string): string[] {
  const problems: string[] = [];
  const names = new Set([...actual.map((s) => s.name), ...expected.map((s) => s.name)]);
  for (const name of names) {
    const a = actual.find((s) => s.name === name), e = expected.find((s) => s.name === name);
    if (!a || !e) {
      problems.push(`${runtime}: section "${name}" is ${a ? "not in the golden file (run npm run golden)" : "missing from the probe"}`);
      continue;
    }
    if (a.values.length !== e.values.length) {
      problems.push(`${runtime}: "${name}" has ${a.values.length} numbers, the golden file ${e.values.length}`);
      continue;
    }
    const differing = a.values.map((_, i) => i).filter((i) => !Object.is(a.values[i], e.values[i]));
    if (differing.length) {
      const i = differing[0];
      problems.push(`${runtime} drifted in "${name}": ${differing.length} of ${a.values.length} numbers differ, first at index ${i}: ${a.values[i]} instead of ${e.values[i]}`);
    }
  }
  return problems;
}
