import {describe, expect, it} from "vitest";
import {clipByGlobalNorm, clipByValue} from "../../src/optimizers/index.js";
import {parameter} from "./twoSteps.js";

describe("clipping", () => {
  it("clipByGlobalNorm scales all gradients together to the bound and returns the old norm", () => {
    const a = parameter([0, 0]);
    const b = parameter([0]);
    a.grad.data.set([3, 0]);
    b.grad.data.set([-4]); // global norm 5
    expect(clipByGlobalNorm([a, b], 1)).toBe(5);
    expect(a.grad.data[0]).toBeCloseTo(0.6, 15);
    expect(a.grad.data[1]).toBe(0);
    expect(b.grad.data[0]).toBeCloseTo(-0.8, 15);
  });

  it("clipByGlobalNorm leaves small gradients alone", () => {
    const a = parameter([0, 0]);
    a.grad.data.set([0.3, 0.4]);
    expect(clipByGlobalNorm([a], 1)).toBeCloseTo(0.5, 15);
    expect(Array.from(a.grad.data)).toEqual([0.3, 0.4]);
  });

  it("clipByValue clamps each entry", () => {
    const a = parameter([0, 0, 0]);
    a.grad.data.set([3, -0.5, -7]);
    clipByValue([a], 1);
    expect(Array.from(a.grad.data)).toEqual([1, -0.5, -1]);
  });

  it("clipping rejects bad bounds", () => {
    expect(() => clipByGlobalNorm([], 0)).toThrow("clipByGlobalNorm: maxNorm must be a positive finite number, got 0");
    expect(() => clipByValue([], NaN)).toThrow("clipByValue: limit must be a positive finite number, got NaN");
  });
});
