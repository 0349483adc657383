import {describe, it, expect} from "vitest";
import {initialize, initVariance, initializer, initializerNames, type InitializerName} from "../src/initializers.js";
import {matmulTransA, matmulTransB, Matrix} from "../src/matrix.js";

/** Mean of squares (the mean is known to be 0) and its standard error from the sample's fourth moment. */
function secondMoment(W: Matrix): {variance: number; se: number} {
  const w = W.data, n = w.length;
  let s2 = 0, s4 = 0;
  for (let i = 0; i < n; i++) {
    s2 += w[i] ** 2;
    s4 += w[i] ** 4;
  }
  const m2 = s2 / n;
  return {variance: m2, se: Math.sqrt((s4 / n - m2 * m2) / n)};
}

describe("initVariance", () => {
  it("gives each formula's variance", () => {
    expect(initVariance("zeros", 10, 5)).toBe(0);
    expect(initVariance("small", 10, 5)).toBeCloseTo(1e-4, 18);
    expect(initVariance("normal", 10, 5, {std: 0.5})).toBe(0.25);
    expect(initVariance("uniform", 10, 5, {range: 0.3})).toBeCloseTo(0.03, 15);
    expect(initVariance("lecun", 100, 5)).toBe(0.01);
    expect(initVariance("xavier", 100, 300)).toBe(2 / 400);
    expect(initVariance("glorotNormal", 100, 300)).toBe(2 / 400);
    expect(initVariance("he", 100, 300)).toBe(0.02);
    expect(initVariance("heUniform", 100, 300)).toBe(0.02);
    expect(initVariance("sparse", 100, 300)).toBe(0.15);
    expect(initVariance("sparse", 10, 300)).toBe(1);
    expect(initVariance("orthogonal", 64, 16, {gain: 2})).toBe(4 / 64);
  });
  it("Xavier's uniform bound is √(6/(fanIn+fanOut)), from Var U[−r, r] = r²/3", () => {
    const W = initialize("xavierUniform", 30, 70, {seed: 3});
    const r = Math.sqrt(6 / 100);
    let maxAbs = 0;
    for (const v of W.data) maxAbs = Math.max(maxAbs, Math.abs(v));
    expect(maxAbs).toBeLessThanOrEqual(r);
    expect(maxAbs).toBeGreaterThan(0.99 * r);
  });
});

describe("initialize", () => {
  const random: InitializerName[] = [
    "normal", "uniform", "small", "lecun", "lecunUniform", "xavier", "xavierNormal", "xavierUniform",
    "glorot", "glorotNormal", "glorotUniform", "he", "heNormal", "heUniform", "sparse", "orthogonal"
  ];
  for (const name of random) {
    it(`${name}: sample variance matches initVariance within 4 standard errors`, () => {
      const [fanIn, fanOut] = [200, 150];
      const W = initialize(name, fanIn, fanOut, {seed: 11});
      expect(W.shape).toEqual([fanIn, fanOut]);
      const {variance, se} = secondMoment(W);
      const expected = initVariance(name, fanIn, fanOut);
      expect(Math.abs(variance - expected)).toBeLessThan(4 * se + 1e-15);
      // and a wrong formula (half or double the variance) would fail
      expect(Math.abs(variance - 2 * expected)).toBeGreaterThan(4 * se);
    });
  }
  it("gain scales the standard deviation", () => {
    const a = initialize("he", 50, 40, {seed: 2}), b = initialize("he", 50, 40, {seed: 2, gain: 3});
    for (let i = 0; i < a.data.length; i++) expect(b.data[i]).toBeCloseTo(3 * a.data[i], 14);
  });
  it("zeros and constant", () => {
    expect(Array.from(initialize("zeros", 3, 2).data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(initialize("constant", 2, 2, {value: 0.5}).data)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });
  it("sparse connects each unit to exactly 15 inputs", () => {
    const W = initialize("sparse", 100, 20, {seed: 4});
    for (let j = 0; j < 20; j++) expect(W.column(j).filter((v) => v !== 0).length).toBe(15);
    const few = initialize("sparse", 10, 3, {seed: 4, sparsity: 4});
    for (let j = 0; j < 3; j++) expect(few.column(j).filter((v) => v !== 0).length).toBe(4);
  });
  it("orthogonal: WᵀW = I for tall W and WWᵀ = I for wide W, times gain²", () => {
    const eye = (W: Matrix, g: number) => {
      for (let i = 0; i < W.rows; i++)
        for (let j = 0; j < W.cols; j++) expect(Math.abs(W.get(i, j) - (i === j ? g * g : 0))).toBeLessThan(1e-12);
    };
    eye(matmulTransA(initialize("orthogonal", 64, 32, {seed: 5}), initialize("orthogonal", 64, 32, {seed: 5})), 1);
    const wide = initialize("orthogonal", 16, 40, {seed: 6, gain: 1.5});
    eye(matmulTransB(wide, wide), 1.5);
    const square = initialize("orthogonal", 30, 30, {seed: 7});
    eye(matmulTransA(square, square), 1);
    eye(matmulTransB(square, square), 1);
  });
  it("the same seed gives identical weights, a different seed different ones", () => {
    for (const name of random) {
      expect(initialize(name, 20, 10, {seed: 9}).data).toEqual(initialize(name, 20, 10, {seed: 9}).data);
      expect(initialize(name, 20, 10, {seed: 9}).data).not.toEqual(initialize(name, 20, 10, {seed: 10}).data);
    }
  });
  it("initializer(name) returns a function and rejects unknown names", () => {
    expect(initializer("he")(4, 3, {seed: 1}).data).toEqual(initialize("he", 4, 3, {seed: 1}).data);
    expect(() => initializer("relu" as InitializerName)).toThrow('initializer: unknown initializer "relu"; expected one of "zeros"');
    expect(initializerNames.length).toBe(18);
  });
  it("bad arguments throw naming the parameter and value", () => {
    expect(() => initialize("he", 0, 3)).toThrow("initialize: fanIn must be a positive integer, got 0");
    expect(() => initialize("he", 3, 2.5)).toThrow("initialize: fanOut must be a positive integer, got 2.5");
    expect(() => initialize("normal", 3, 3, {std: -1})).toThrow("initialize: std must be a finite number ≥ 0, got -1");
    expect(() => initialize("sparse", 3, 3, {sparsity: 0})).toThrow("initialize: sparsity must be a positive integer, got 0");
    expect(() => initialize("he", 3, 3, {seed: NaN})).toThrow("random: seed must be a finite number, got NaN");
  });
});
