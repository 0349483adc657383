import {describe, expect, it} from "vitest";
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {gunzipSync} from "node:zlib";

// The committed subset in data/mnist/ (built by scripts/build-mnist.ts) is what every page loads.
const manifest = JSON.parse(readFileSync("data/mnist/manifest.json", "utf8"));

describe("MNIST subset", () => {
  for (const split of ["train", "test"] as const) {
    const entry = manifest[split];
    const raw = gunzipSync(readFileSync(`data/mnist/${entry.file}`));
    const n = entry.count;

    it(`${split}: ${n} labels then ${n} × 784 pixels, matching the manifest's size and SHA-256`, () => {
      expect(raw.length).toBe(n * 785);
      expect(raw.length).toBe(entry.bytes);
      expect(createHash("sha256").update(raw).digest("hex")).toBe(entry.sha256);
    });

    it(`${split}: every run of 10 examples holds each digit once`, () => {
      for (let start = 0; start < n; start += 10) {
        const block = Array.from(raw.subarray(start, start + 10)).sort((a, b) => a - b);
        expect(block).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      }
      expect(entry.perClass).toEqual(new Array(10).fill(n / 10));
    });

    it(`${split}: images look like MNIST digits (mostly background, some full ink, no two identical in a sample)`, () => {
      const pixels = raw.subarray(n);
      let zeros = 0, full = 0;
      for (const p of pixels) (zeros += +(p === 0)), (full += +(p >= 250));
      expect(zeros / pixels.length).toBeGreaterThan(0.75); // MNIST is ~81% background
      expect(zeros / pixels.length).toBeLessThan(0.87);
      expect(full / pixels.length).toBeGreaterThan(0.02);
      const seen = new Set<string>();
      for (let i = 0; i < 200; i++) seen.add(createHash("md5").update(pixels.subarray(i * 784, (i + 1) * 784)).digest("hex"));
      expect(seen.size).toBe(200);
    });
  }
});
