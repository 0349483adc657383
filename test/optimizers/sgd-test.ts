import {describe, expect, it} from "vitest";
import {sgd} from "../../src/optimizers/index.js";
import {expectClose, twoSteps} from "./twoSteps.js";

describe("sgd", () => {
  it("sgd({learningRate: 0.1}) takes w ← w − η·g", () => {
    // w₀ = [1, −2], g₁ = [0.5, −1]:  w₁ = [1 − 0.05, −2 + 0.1] = [0.95, −1.9]
    //               g₂ = [−0.2, 2]:  w₂ = [0.95 + 0.02, −1.9 − 0.2] = [0.97, −2.1]
    const [w1, w2] = twoSteps(sgd({learningRate: 0.1}));
    expectClose(w1, [0.95, -1.9]);
    expectClose(w2, [0.97, -2.1]);
  });

  it("sgd counts steps and has no state", () => {
    const optimizer = sgd({learningRate: 0.1});
    twoSteps(optimizer);
    expect(optimizer.stepCount).toBe(2);
    optimizer.reset();
    expect(optimizer.stepCount).toBe(0);
  });

  it("sgd rejects a learning rate that is not a positive finite number", () => {
    expect(() => sgd({learningRate: -0.1})).toThrow("sgd: learningRate must be a positive finite number, got -0.1");
    expect(() => sgd({learningRate: NaN})).toThrow("got NaN");
    expect(() => sgd({learningRate: Infinity})).toThrow("got Infinity");
    expect(() => sgd({} as {learningRate: number})).toThrow("got undefined");
  });

  it("sgd follows a schedule, starting at step 0", () => {
    const rates: number[] = [];
    const optimizer = sgd({learningRate: (step) => (rates.push(step), 0.1 / (1 + step))});
    // step 0 uses 0.1: w₁ = [0.95, −1.9]; step 1 uses 0.05: w₂ = [0.95 + 0.01, −1.9 − 0.1] = [0.96, −2.0]
    const [w1, w2] = twoSteps(optimizer);
    expectClose(w1, [0.95, -1.9]);
    expectClose(w2, [0.96, -2.0]);
    expect(rates).toEqual([0, 1]);
    expect(optimizer.learningRateAt(9)).toBeCloseTo(0.01, 12);
  });

  it("sgd rejects a schedule that returns a bad rate", () => {
    const optimizer = sgd({learningRate: () => -1});
    expect(() => twoSteps(optimizer)).toThrow("sgd: the learning-rate schedule returned -1 at step 0; it must return a positive finite number");
  });
});
