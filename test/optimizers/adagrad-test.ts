import {describe, expect, it} from "vitest";
import {adagrad} from "../../src/optimizers/index.js";
import {expectClose, twoSteps} from "./twoSteps.js";

describe("adagrad", () => {
  it("adagrad({learningRate: 0.1}) divides by the root of the summed squared gradients", () => {
    // step 1: G = [0.25, 1];  w₁ = [1 − 0.1·0.5/0.5, −2 + 0.1·1/1] = [0.9, −1.9]
    // step 2: G = [0.25 + 0.04, 1 + 4] = [0.29, 5]
    //         w₂ = [0.9 + 0.1·0.2/√0.29, −1.9 − 0.1·2/√5] = [0.9 + 0.0371391, −1.9 − 0.0894427]
    // (ε = 1e-8 moves these by under 1e-8)
    const [w1, w2] = twoSteps(adagrad({learningRate: 0.1}));
    expectClose(w1, [0.9, -1.9], 7);
    expectClose(w2, [0.9371391, -1.9894427], 7);
  });

  it("adagrad rejects a bad epsilon", () => {
    expect(() => adagrad({learningRate: 0.1, epsilon: 0})).toThrow("adagrad: epsilon must be a positive finite number, got 0");
  });
});
