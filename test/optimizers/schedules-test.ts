import {describe, expect, it} from "vitest";
import {exponentialDecay, inverseTimeDecay, stepDecay} from "../../src/optimizers/index.js";

describe("schedules", () => {
  it("stepDecay halves the rate every `every` steps", () => {
    const lr = stepDecay({initial: 0.1, every: 100});
    expect([lr(0), lr(99), lr(100), lr(250)]).toEqual([0.1, 0.1, 0.05, 0.025]);
  });

  it("exponentialDecay decays smoothly", () => {
    const lr = exponentialDecay({initial: 0.1, rate: 0.5, every: 10});
    expect(lr(0)).toBe(0.1);
    expect(lr(10)).toBeCloseTo(0.05, 12);
    expect(lr(5)).toBeCloseTo(0.1 / Math.SQRT2, 12);
  });

  it("inverseTimeDecay is η₀ / (1 + rate·t)", () => {
    const lr = inverseTimeDecay({initial: 0.1, rate: 0.01});
    expect(lr(100)).toBeCloseTo(0.05, 12);
    // per epoch of 10 steps: after 3 epochs 0.1/(1 + 0.5·3) = 0.04
    expect(inverseTimeDecay({initial: 0.1, rate: 0.5, every: 10})(30)).toBeCloseTo(0.04, 12);
  });

  it("schedules reject bad options", () => {
    expect(() => stepDecay({initial: 0.1, every: 0})).toThrow("stepDecay: every must be an integer ≥ 1, got 0");
    expect(() => exponentialDecay({initial: 0.1, rate: 2})).toThrow("exponentialDecay: rate must be in (0, 1], got 2");
    expect(() => inverseTimeDecay({initial: -1, rate: 1})).toThrow("inverseTimeDecay: initial must be a positive finite number, got -1");
  });
});
