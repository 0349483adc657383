import {describe, expect, it} from "vitest";
import {random} from "../src/random.js";
import {choice, coarseToFine, describeSpace, grid, integer, logUniform, oneMinusLogUniform, randomSearch, uniform} from "../src/search.js";
import type {RangeSampler} from "../src/search.js";

const draws = (sampler: {sample: (r: ReturnType<typeof random>) => any}, n: number, seed = 1) => {
  const r = random(seed);
  return Array.from({length: n}, () => sampler.sample(r));
};

describe("samplers", () => {
  it("uniform(2, 5) stays in [2, 5) with mean 3.5", () => {
    const x = draws(uniform(2, 5), 20000);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...x)).toBeLessThan(5);
    expect(Math.abs(x.reduce((a, b) => a + b) / x.length - 3.5)).toBeLessThan(0.03);
  });

  it("logUniform(1e-4, 1) puts the same mass in each of its four decades", () => {
    const x = draws(logUniform(1e-4, 1), 40000);
    const perDecade = [0, 0, 0, 0];
    for (const v of x) perDecade[Math.floor(Math.log10(v) + 4)]++;
    for (const c of perDecade) expect(Math.abs(c - 10000)).toBeLessThan(400); // sd ≈ 87
    // Uniform sampling on the same interval would put 90% above 0.1.
    expect(draws(uniform(1e-4, 1), 10000).filter((v) => v > 0.1).length).toBeGreaterThan(8800);
  });

  it("oneMinusLogUniform(0.9, 0.999) gives [0.9, 0.99) and [0.99, 0.999) equal shares", () => {
    const x = draws(oneMinusLogUniform(0.9, 0.999), 20000);
    const low = x.filter((v) => v < 0.99).length;
    expect(Math.abs(low - 10000)).toBeLessThan(400);
    expect(Math.min(...x)).toBeGreaterThan(0.9 - 1e-12);
    expect(Math.max(...x)).toBeLessThanOrEqual(0.999);
  });

  it("integer(1, 4) hits every value from 1 to 4 about equally, ends included", () => {
    const x = draws(integer(1, 4), 8000);
    for (let v = 1; v <= 4; v++) expect(Math.abs(x.filter((u) => u === v).length - 2000)).toBeLessThan(200);
    expect(x.every((v) => Number.isInteger(v) && v >= 1 && v <= 4)).toBe(true);
  });

  it("integer(16, 1024, {log: true}) gives each doubling about the same share", () => {
    const x = draws(integer(16, 1024, {log: true}), 12000);
    const perOctave = [0, 0, 0, 0, 0, 0];
    for (const v of x) perOctave[Math.min(5, Math.floor(Math.log2(v) - 4))]++;
    for (const c of perOctave) expect(Math.abs(c - 2000)).toBeLessThan(250);
  });

  it("choice picks every value about equally often", () => {
    const x = draws(choice(["relu", "tanh", "sigmoid"]), 9000);
    for (const v of ["relu", "tanh", "sigmoid"]) expect(Math.abs(x.filter((u) => u === v).length - 3000)).toBeLessThan(200);
  });

  it("grid(k) spaces values evenly on each sampler's own scale", () => {
    expect(uniform(0, 1).grid(5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    logUniform(1e-4, 1).grid(5).forEach((v, i) => expect(v).toBeCloseTo(10 ** (i - 4), 12));
    oneMinusLogUniform(0.9, 0.999).grid(3).forEach((v, i) => expect(v).toBeCloseTo([0.9, 0.99, 0.999][i], 12));
    expect(integer(1, 3).grid(10)).toEqual([1, 2, 3]);
  });

  it("describes itself and rejects bad bounds", () => {
    expect(logUniform(1e-4, 1).description).toBe("logUniform(0.0001, 1)");
    expect(() => logUniform(0, 1)).toThrow("logUniform: bounds must be positive (it samples 10^r), got (0, 1)");
    expect(() => uniform(1, 1)).toThrow("uniform: bounds must be finite with a < b, got (1, 1)");
    expect(() => oneMinusLogUniform(0.9, 1)).toThrow("oneMinusLogUniform: bounds must be below 1 (it samples 1 − 10^r), got (0.9, 1)");
    expect(() => integer(1.5, 3)).toThrow("integer: bounds must be integers with a ≤ b, got (1.5, 3)");
    expect(() => choice([])).toThrow("choice: values must be a non-empty array, got []");
  });
});

describe("grid", () => {
  it("grid({a: [1, 2, 3], b: ['x', 'y'], c: 7}) is the 6-element cartesian product, last key fastest", () => {
    expect(grid({a: [1, 2, 3], b: ["x", "y"], c: 7})).toEqual([
      {a: 1, b: "x", c: 7}, {a: 1, b: "y", c: 7},
      {a: 2, b: "x", c: 7}, {a: 2, b: "y", c: 7},
      {a: 3, b: "x", c: 7}, {a: 3, b: "y", c: 7}
    ]);
  });
  it("5 × 5 grid over two samplers tries only 5 distinct values of each", () => {
    const g = grid({learningRate: logUniform(1e-4, 1), dropout: uniform(0, 0.5)}, {points: 5});
    expect(g.length).toBe(25);
    expect(new Set(g.map((c) => c.learningRate)).size).toBe(5);
    expect(() => grid({a: []})).toThrow("grid: space.a is an empty list; give at least one value");
  });
});

describe("randomSearch", () => {
  const space = {learningRate: logUniform(1e-4, 1), dropout: uniform(0, 0.5), activation: ["relu", "tanh"], epochs: 10};
  it("25 trials try 25 distinct values of every continuous hyperparameter", () => {
    const configs = randomSearch(space, {trials: 25, seed: 1});
    expect(configs.length).toBe(25);
    expect(new Set(configs.map((c) => c.learningRate)).size).toBe(25);
    expect(configs.every((c) => c.epochs === 10 && ["relu", "tanh"].includes(c.activation))).toBe(true);
  });
  it("is deterministic for a seed", () => {
    expect(randomSearch(space, {trials: 5, seed: 3})).toEqual(randomSearch(space, {trials: 5, seed: 3}));
    expect(randomSearch(space, {trials: 5, seed: 3})).not.toEqual(randomSearch(space, {trials: 5, seed: 4}));
    expect(() => randomSearch(space, {trials: 0})).toThrow("randomSearch: trials must be an integer ≥ 1, got 0");
    expect(() => randomSearch({a: {} as any}, {trials: 1})).toThrow("randomSearch: space.a must be a sampler, a list of values or a constant, got {}");
  });
});

describe("coarseToFine", () => {
  // A made-up validation loss with its minimum at learningRate 0.003, momentum 0.95, activation "tanh".
  const loss = (c: Record<string, any>) =>
    (Math.log10(c.learningRate) - Math.log10(0.003)) ** 2 + (Math.log10(1 - c.momentum) - Math.log10(0.05)) ** 2 + (c.activation === "tanh" ? 0 : 0.3);
  const space = {learningRate: logUniform(1e-5, 1), momentum: oneMinusLogUniform(0.5, 0.999), activation: choice(["relu", "tanh", "sigmoid"])};

  it("narrows each range around the best results, keeping the optimum inside", () => {
    const results = randomSearch(space, {trials: 60, seed: 1}).map((c) => ({...c, validationLoss: loss(c)}));
    const finer = coarseToFine(results, {space, keep: 6, metric: "validationLoss"});
    const lr = finer.learningRate as RangeSampler;
    const m = finer.momentum as RangeSampler;
    expect(lr.kind).toBe("logUniform");
    expect(lr.low).toBeLessThan(0.003);
    expect(lr.high).toBeGreaterThan(0.003);
    expect(Math.log10(lr.high / lr.low)).toBeLessThan(5 / 2); // narrower than the original 5 decades
    expect(m.low).toBeLessThan(0.95);
    expect(m.high).toBeGreaterThan(0.95);
    expect(m.low).toBeGreaterThanOrEqual(0.5);
    expect((finer.activation as any).values).toContain("tanh");
    // A second round gets closer.
    const round2 = randomSearch(finer, {trials: 60, seed: 2}).map((c) => ({...c, validationLoss: loss(c)}));
    expect(Math.min(...round2.map((r) => r.validationLoss))).toBeLessThan(Math.min(...results.map((r) => r.validationLoss)));
  });

  it("ranks diverged (NaN) runs last and can maximize", () => {
    const s = {x: uniform(0, 10)};
    const results = [{x: 1, accuracy: 0.5}, {x: 9, accuracy: NaN}, {x: 5, accuracy: 0.9}];
    const finer = coarseToFine(results, {space: s, keep: 1, metric: "accuracy", goal: "maximize", margin: 0});
    // One kept value (x = 5): a tenth of the original range around it.
    expect([(finer.x as RangeSampler).low, (finer.x as RangeSampler).high]).toEqual([4.5, 5.5]);
    expect(describeSpace(finer)).toMatch(/^x: uniform\(/);
    expect(() => coarseToFine(results, {space: s, metric: "loss"})).toThrow('coarseToFine: no result has the metric "loss"');
    expect(() => coarseToFine([{x: 1, loss: NaN}], {space: s, metric: "loss"})).toThrow("coarseToFine: no result has a finite loss; every run diverged?");
  });
});
