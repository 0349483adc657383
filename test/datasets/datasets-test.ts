import {describe, expect, it} from "vitest";
import {Matrix} from "../../src/matrix.js";
import {badlyScaled, blobs, circles, moons, oneHot, regression1d, spirals, xor} from "../../src/datasets/index.js";
import type {Dataset} from "../../src/datasets/index.js";

function counts(data: Dataset): number[] {
  const c = new Array(data.classes).fill(0);
  for (const v of data.y.data) c[v]++;
  return c;
}

function columnMean(m: Matrix, j: number): number {
  let s = 0;
  for (let i = 0; i < m.rows; i++) s += m.get(i, j);
  return s / m.rows;
}

const generators = {spirals, moons, circles, xor, blobs, badlyScaled};

describe("classification datasets", () => {
  for (const [name, make] of Object.entries(generators)) {
    it(`${name}({n: 101}) has 101×2 inputs and 101×1 integer labels, all finite`, () => {
      const data = make({n: 101, seed: 3});
      expect(data.x.shape).toEqual([101, 2]);
      expect(data.y.shape).toEqual([101, 1]);
      expect(data.name).toBe(name);
      for (const v of data.x.data) expect(Number.isFinite(v)).toBe(true);
      for (const v of data.y.data) expect(Number.isInteger(v) && v >= 0 && v < data.classes!).toBe(true);
    });
    it(`${name} is deterministic for a seed and differs between seeds`, () => {
      const a = make({n: 50, seed: 7});
      const b = make({n: 50, seed: 7});
      const c = make({n: 50, seed: 8});
      expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data));
      expect(Array.from(a.x.data)).not.toEqual(Array.from(c.x.data));
    });
    it(`${name} rejects n = 0, n = 2.5 and a negative noise or std`, () => {
      expect(() => make({n: 0})).toThrow(`${name}: n must be an integer ≥ 1, got 0`);
      expect(() => make({n: 2.5})).toThrow(/n must be an integer/);
      const bad = name === "blobs" ? {std: -1} : {noise: -1};
      expect(() => make(bad as any)).toThrow(new RegExp(`${name}: (noise|std) must be a finite number ≥ 0, got -1`));
    });
  }

  it("spirals share examples evenly among classes, the remainder going to the first classes", () => {
    expect(counts(spirals({n: 301, classes: 3}))).toEqual([101, 100, 100]);
    expect(counts(spirals({n: 20, classes: 5}))).toEqual([4, 4, 4, 4, 4]);
    expect(() => spirals({classes: 1})).toThrow("spirals: classes must be an integer ≥ 2, got 1");
  });

  it("spiral noise moves points along their circle: the radius stays t even with noise", () => {
    const noisy = spirals({n: 90, classes: 3, noise: 0.3, seed: 2});
    const clean = spirals({n: 90, classes: 3, noise: 0, seed: 2});
    for (let i = 0; i < 90; i++) expect(Math.hypot(...noisy.x.row(i))).toBeCloseTo(Math.hypot(...clean.x.row(i)), 12);
    expect(Array.from(noisy.x.data)).not.toEqual(Array.from(clean.x.data));
  });

  it("noise-free spirals lie on r = (θ − 4c)/4 within the unit disc", () => {
    const data = spirals({n: 90, classes: 3, noise: 0});
    for (let i = 0; i < data.x.rows; i++) {
      const [a, b] = data.x.row(i);
      expect(Math.hypot(a, b)).toBeLessThanOrEqual(1 + 1e-12);
    }
    // The last point of class 0 is at radius 1, angle 4: (sin 4, cos 4).
    expect(data.x.get(29, 0)).toBeCloseTo(Math.sin(4), 12);
    expect(data.x.get(29, 1)).toBeCloseTo(Math.cos(4), 12);
  });

  it("noise-free moons lie on their two arcs", () => {
    const data = moons({n: 100, noise: 0});
    expect(counts(data)).toEqual([50, 50]);
    for (let i = 0; i < 100; i++) {
      const [a, b] = data.x.row(i);
      const r = data.y.data[i] === 0 ? Math.hypot(a, b) : Math.hypot(1 - a, 0.5 - b);
      expect(r).toBeCloseTo(1, 12);
      expect(data.y.data[i] === 0 ? b >= 0 : b <= 0.5).toBe(true);
    }
  });

  it("noise-free circles have radius 1 for class 0 and factor for class 1", () => {
    const data = circles({n: 60, noise: 0, factor: 0.3});
    for (let i = 0; i < 60; i++) {
      expect(Math.hypot(...data.x.row(i))).toBeCloseTo(data.y.data[i] === 0 ? 1 : 0.3, 12);
    }
    expect(() => circles({factor: 1})).toThrow("circles: factor must be in (0, 1), got 1");
  });

  it("noise-free xor labels are 1 exactly where the signs differ, and the classes are about balanced", () => {
    const data = xor({n: 2000, seed: 1});
    for (let i = 0; i < data.x.rows; i++) {
      const [a, b] = data.x.row(i);
      expect(data.y.data[i]).toBe(a * b < 0 ? 1 : 0);
    }
    const [c0, c1] = counts(data);
    expect(Math.abs(c0 - c1)).toBeLessThan(150); // binomial sd ≈ 22
  });

  it("blobs center each class on its center with the requested std", () => {
    const centers = [[5, -5, 0], [-5, 5, 10]];
    const data = blobs({n: 4000, centers, std: 2, seed: 2});
    expect(data.x.cols).toBe(3);
    expect(data.classes).toBe(2);
    for (let c = 0; c < 2; c++) {
      for (let j = 0; j < 3; j++) {
        const values = [];
        for (let i = 0; i < data.x.rows; i++) if (data.y.data[i] === c) values.push(data.x.get(i, j));
        const m = values.reduce((s, v) => s + v, 0) / values.length;
        const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
        expect(m).toBeCloseTo(centers[c][j], 0);
        expect(Math.abs(sd - 2)).toBeLessThan(0.1);
      }
    }
    expect(() => blobs({centers: [[0, 0], [1]]})).toThrow(/blobs: centers must all be finite points of the same dimension 2/);
    expect(() => blobs({centers: 0})).toThrow("blobs: centers must be an integer ≥ 1, got 0");
  });

  it("badlyScaled has one feature in [0, 1] and one near 1000 ± 200, and both decide the label", () => {
    const data = badlyScaled({n: 5000, seed: 4});
    const m2 = columnMean(data.x, 1);
    expect(Math.abs(m2 - 1000)).toBeLessThan(15);
    for (let i = 0; i < data.x.rows; i++) expect(data.x.get(i, 0) >= 0 && data.x.get(i, 0) < 1).toBe(true);
    // With x₂ held near its mean, the label follows x₁; with x₁ near 0.5, it follows x₂.
    let agree1 = 0, n1 = 0, agree2 = 0, n2 = 0;
    for (let i = 0; i < data.x.rows; i++) {
      const [a, b] = data.x.row(i);
      if (Math.abs(b - 1000) < 20) (n1++, (agree1 += +(data.y.data[i] === (a > 0.5 ? 1 : 0))));
      if (Math.abs(a - 0.5) < 0.05) (n2++, (agree2 += +(data.y.data[i] === (b > 1000 ? 1 : 0))));
    }
    expect(agree1 / n1).toBeGreaterThan(0.85);
    expect(agree2 / n2).toBeGreaterThan(0.85);
  });
});

describe("regression1d", () => {
  it("returns n×1 x on the domain and y = fn(x) exactly without noise", () => {
    const data = regression1d({n: 40, noise: 0, fn: (x) => x * x, domain: [-2, 3], seed: 1});
    expect(data.x.shape).toEqual([40, 1]);
    expect(data.classes).toBeUndefined();
    for (let i = 0; i < 40; i++) {
      expect(data.x.data[i] >= -2 && data.x.data[i] < 3).toBe(true);
      expect(data.y.data[i]).toBe(data.x.data[i] ** 2);
    }
  });
  it("adds noise with the requested standard deviation", () => {
    const data = regression1d({n: 5000, noise: 0.3, seed: 2});
    let s = 0, s2 = 0;
    for (let i = 0; i < 5000; i++) {
      const e = data.y.data[i] - data.fn(data.x.data[i]);
      s += e;
      s2 += e * e;
    }
    expect(Math.abs(s / 5000)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(s2 / 5000) - 0.3)).toBeLessThan(0.02);
  });
  it("rejects a reversed domain and a function that returns NaN", () => {
    expect(() => regression1d({domain: [1, 0]})).toThrow("regression1d: domain must be [a, b] with a < b, got [1, 0]");
    expect(() => regression1d({fn: () => NaN})).toThrow(/regression1d: fn\(.*\) returned NaN/);
  });
});

describe("oneHot", () => {
  it("oneHot([2, 0], 3) is [[0, 0, 1], [1, 0, 0]]", () => {
    expect(oneHot(Matrix.column([2, 0]), 3).toRows()).toEqual([[0, 0, 1], [1, 0, 0]]);
  });
  it("rejects labels outside 0..k−1 and non-integer labels", () => {
    expect(() => oneHot(Matrix.column([3]), 3)).toThrow("oneHot: label 0 must be an integer in [0, 2], got 3");
    expect(() => oneHot(Matrix.column([0.5]), 3)).toThrow(/got 0.5/);
    expect(() => oneHot(Matrix.column([0]), 0)).toThrow("oneHot: k must be a positive integer, got 0");
  });
});
