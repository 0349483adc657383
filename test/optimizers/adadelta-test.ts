import {describe, expect, it} from "vitest";
import {adadelta} from "../../src/optimizers/index.js";
import {expectClose, twoSteps} from "./twoSteps.js";

describe("adadelta", () => {
  it("adadelta({rho: 0.95, epsilon: 1e-6}) follows Zeiler's Algorithm 1", () => {
    // step 1, first entry (g = 0.5):
    //   E[g²] = 0.05·0.25 = 0.0125
    //   Δw = −√(0 + 1e-6)/√(0.0125 + 1e-6)·0.5 = −0.001/0.1118079·0.5 = −0.00447196
    //   E[Δw²] = 0.05·0.00447196² = 9.9992e-7;            w₁ = 0.99552804
    // step 1, second entry (g = −1): E[g²] = 0.05, Δw = 0.001/0.2236090 = 0.00447209, w₁ = −1.99552791
    // step 2, first entry (g = −0.2):
    //   E[g²] = 0.95·0.0125 + 0.05·0.04 = 0.013875
    //   Δw = √(9.9992e-7 + 1e-6)/√(0.013875 + 1e-6)·0.2 = 0.00141419/0.1177964·0.2 = 0.00240107
    //   w₂ = 0.99552804 + 0.00240107 = 0.99792911
    // step 2, second entry (g = 2): E[g²] = 0.0475 + 0.2 = 0.2475
    //   Δw = −√(9.9998e-7 + 1e-6)/√0.247501·2 = −0.00141421/0.4974947·2 = −0.00568531;  w₂ = −2.00121322
    const [w1, w2] = twoSteps(adadelta({rho: 0.95, epsilon: 1e-6}));
    expectClose(w1, [0.99552804, -1.99552791], 8);
    expectClose(w2, [0.99792911, -2.00121322], 8);
  });

  it("adadelta needs no learning rate and rejects a bad rho", () => {
    expect(adadelta().learningRateAt(0)).toBe(1);
    expect(() => adadelta({rho: 1})).toThrow("adadelta: rho must be in [0, 1), got 1");
  });
});
