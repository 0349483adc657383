import {describe, it, expect} from "vitest";
import {random, Random} from "../src/random.js";

describe("random", () => {
  it("random(seed) gives identical streams for the same seed", () => {
    const a = random(42), b = random(42);
    for (let i = 0; i < 1000; i++) expect(a.nextUint32()).toBe(b.nextUint32());
    const c = random(7), d = random(7);
    for (let i = 0; i < 100; i++) expect(c.normal()).toBe(d.normal());
  });
  it("the stream is pinned: these numbers are what Chromium must also produce", () => {
    // sfc32 uses only 32-bit integer operations, so these values are platform-independent.
    const r = random(1);
    const first = [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    expect(first).toMatchInlineSnapshot(`
      [
        393706263,
        1032876470,
        2461768992,
      ]
    `);
  });
  it("nearby seeds give unrelated streams", () => {
    const a = random(1), b = random(2);
    let same = 0;
    for (let i = 0; i < 100; i++) if (a.nextUint32() === b.nextUint32()) same++;
    expect(same).toBe(0);
    expect(random(0.5).uniform()).not.toBe(random(0).uniform());
    expect(random(2 ** 40).uniform()).not.toBe(random(0).uniform());
  });
  it("rejects a seed that is not a finite number", () => {
    expect(() => random(NaN)).toThrow("random: seed must be a finite number, got NaN");
    expect(() => random(Infinity)).toThrow("random: seed must be a finite number, got Infinity");
    expect(() => random("3" as unknown as number)).toThrow("random: seed must be a finite number, got 3");
  });
  it("uniform() has mean 1/2 and variance 1/12 within 4 standard errors", () => {
    const r = random(3), n = 100_000;
    let s = 0, s2 = 0, lo = 1, hi = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      s += u; s2 += u * u;
      lo = Math.min(lo, u); hi = Math.max(hi, u);
    }
    const m = s / n, v = s2 / n - m * m;
    expect(Math.abs(m - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(v - 1 / 12)).toBeLessThan(4 * Math.sqrt((1 / 80 - 1 / 144) / n));
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const u = random(4).uniform(-3, 5);
    expect(u).toBeGreaterThanOrEqual(-3);
    expect(u).toBeLessThan(5);
  });
  it("normal(mean, std) has the right moments within 4 standard errors", () => {
    const r = random(5), n = 100_000, mu = 2, sigma = 3;
    let s = 0, s2 = 0, s4 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal(mu, sigma);
      s += z; s2 += (z - mu) ** 2; s4 += ((z - mu) / sigma) ** 4;
    }
    expect(Math.abs(s / n - mu)).toBeLessThan(4 * sigma / Math.sqrt(n));
    // Var of (z−μ)² is 2σ⁴
    expect(Math.abs(s2 / n - sigma ** 2)).toBeLessThan(4 * Math.sqrt(2 * sigma ** 4 / n));
    // kurtosis 3 (Var of z⁴ for a standard normal is 96)
    expect(Math.abs(s4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
  });
  it("int(n) is uniform on 0 … n−1 (chi-squared test)", () => {
    const r = random(6), k = 10, n = 50_000, counts = new Array(k).fill(0);
    for (let i = 0; i < n; i++) counts[r.int(k)]++;
    const chi2 = counts.reduce((acc, c) => acc + (c - n / k) ** 2 / (n / k), 0);
    expect(chi2).toBeLessThan(27.9); // 99.9th percentile of χ² with 9 degrees of freedom
    expect(() => r.int(0)).toThrow("random.int: n must be an integer in [1, 2^32], got 0");
    expect(() => r.int(2.5)).toThrow("random.int: n must be an integer in [1, 2^32], got 2.5");
  });
  it("bernoulli(p) is true with probability p", () => {
    const r = random(8), n = 40_000, p = 0.3;
    let k = 0;
    for (let i = 0; i < n; i++) if (r.bernoulli(p)) k++;
    expect(Math.abs(k / n - p)).toBeLessThan(4 * Math.sqrt(p * (1 - p) / n));
    expect(() => r.bernoulli(1.5)).toThrow("random.bernoulli: p must be in [0, 1], got 1.5");
  });
  it("permutation(n) contains each index once; shuffle works in place", () => {
    const p = random(9).permutation(100);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({length: 100}, (_, i) => i));
    expect(p).not.toEqual(Array.from({length: 100}, (_, i) => i));
    const arr = new Float64Array([1, 2, 3, 4, 5]);
    expect(random(1).shuffle(arr)).toBe(arr);
    expect(Array.from(arr).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(random(9).permutation(100)).toEqual(p);
  });
  it("fork() is deterministic and differs from the parent; clone() continues the same stream", () => {
    const a = random(10), b = random(10);
    const fa = a.fork(), fb = b.fork();
    expect(fa.uniform()).toBe(fb.uniform());
    expect(fa.uniform()).not.toBe(a.uniform());
    const c = random(11);
    c.normal();
    const d = c.clone();
    for (let i = 0; i < 5; i++) expect(d.normal()).toBe(c.normal());
    expect(random(c)).toBe(c);
    expect(c).toBeInstanceOf(Random);
  });
});
