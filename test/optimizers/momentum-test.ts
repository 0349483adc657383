import {describe, expect, it} from "vitest";
import {momentum} from "../../src/optimizers/index.js";
import {expectClose, parameter, twoSteps} from "./twoSteps.js";

describe("momentum", () => {
  it("momentum({learningRate: 0.1, momentum: 0.9}) takes v ← μv − ηg, w ← w + v", () => {
    // step 1: v₁ = −0.1·[0.5, −1] = [−0.05, 0.1];                     w₁ = [0.95, −1.9]
    // step 2: v₂ = 0.9·[−0.05, 0.1] − 0.1·[−0.2, 2] = [−0.025, −0.11]; w₂ = [0.925, −2.01]
    const optimizer = momentum({learningRate: 0.1, momentum: 0.9});
    const [w1, w2] = twoSteps(optimizer);
    expectClose(w1, [0.95, -1.9]);
    expectClose(w2, [0.925, -2.01]);
  });

  it("momentum exposes its velocity, one per parameter", () => {
    const optimizer = momentum({learningRate: 0.1});
    const a = parameter([1]);
    const b = parameter([1]);
    a.grad.data[0] = 1;
    b.grad.data[0] = -1;
    optimizer.step([a, b]);
    expect(Array.from(optimizer.stateOf(a).velocity)).toEqual([-0.1]);
    expect(Array.from(optimizer.stateOf(b).velocity)).toEqual([0.1]);
  });

  it("momentum approaches the terminal step η·g/(1 − μ) under a constant gradient", () => {
    const optimizer = momentum({learningRate: 0.01, momentum: 0.9});
    const w = parameter([0]);
    w.grad.data[0] = 1;
    for (let i = 0; i < 200; i++) optimizer.step([w]);
    expect(optimizer.stateOf(w).velocity[0]).toBeCloseTo(-0.1, 8);
  });

  it("momentum rejects a momentum outside [0, 1)", () => {
    expect(() => momentum({learningRate: 0.1, momentum: 1})).toThrow("momentum: momentum must be in [0, 1), got 1");
    expect(() => momentum({learningRate: 0, momentum: 0.5})).toThrow("momentum: learningRate must be a positive finite number, got 0");
  });
});
