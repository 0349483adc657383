import {describe, expect, it} from "vitest";
import {adam} from "../../src/optimizers/index.js";
import {expectClose, parameter, twoSteps} from "./twoSteps.js";

describe("adam", () => {
  it("adam({learningRate: 0.1}) corrects both averages for their zero start", () => {
    // step 1: m = 0.1·g₁, v = 0.001·g₁²; m̂ = g₁, v̂ = g₁², so the step is η·sign(g₁): w₁ = [0.9, −1.9]
    // step 2, first entry: m = 0.9·0.05 + 0.1·(−0.2) = 0.025,  m̂ = 0.025/0.19 = 0.1315789
    //                      v = 0.999·0.00025 + 0.001·0.04 = 0.00028975,  v̂ = 0.00028975/0.001999 = 0.1449475
    //                      w₂ = 0.9 − 0.1·0.1315789/√0.1449475 = 0.9 − 0.1·0.1315789/0.3807197 = 0.8654394
    // second entry:        m = −0.09 + 0.2 = 0.11, m̂ = 0.5789474; v = 0.000999 + 0.004 = 0.004999, v̂ = 2.5007504
    //                      w₂ = −1.9 − 0.1·0.5789474/1.5813761 = −1.9366104
    const [w1, w2] = twoSteps(adam({learningRate: 0.1}));
    expectClose(w1, [0.9, -1.9], 7);
    expectClose(w2, [0.8654394, -1.9366104], 7);
  });

  it("adam has the paper's defaults", () => {
    const optimizer = adam();
    expect([optimizer.learningRateAt(0), optimizer.beta1, optimizer.beta2, optimizer.epsilon]).toEqual([0.001, 0.9, 0.999, 1e-8]);
    expect(optimizer.describe()).toBe("adam (learning rate 0.001, β₁ 0.9, β₂ 0.999)");
  });

  it("adam's first steps have size η whatever the gradient's scale", () => {
    for (const scale of [1e-3, 1, 1e6]) {
      // (well above ε = 1e-8, which would shrink the step of a tinier gradient)
      const w = parameter([0]);
      const optimizer = adam({learningRate: 0.01});
      w.grad.data[0] = scale;
      optimizer.step([w]);
      expect(w.value.data[0]).toBeCloseTo(-0.01, 6);
    }
  });

  it("adam forgets its state on reset", () => {
    const optimizer = adam({learningRate: 0.1});
    twoSteps(optimizer);
    optimizer.reset();
    const [w1] = twoSteps(optimizer);
    expectClose(w1, [0.9, -1.9], 7);
  });

  it("adam rejects betas outside [0, 1)", () => {
    expect(() => adam({beta2: 1})).toThrow("adam: beta2 must be in [0, 1), got 1");
    expect(() => adam({learningRate: -0.1})).toThrow("adam: learningRate must be a positive finite number, got -0.1");
  });
});
