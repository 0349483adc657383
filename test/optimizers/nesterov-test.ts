import {describe, expect, it} from "vitest";
import {nesterov} from "../../src/optimizers/index.js";
import {expectClose, parameter, twoSteps} from "./twoSteps.js";

describe("nesterov", () => {
  it("nesterov({learningRate: 0.1, momentum: 0.9}) takes w ← w − μ·v_prev + (1 + μ)·v", () => {
    // step 1: v_prev = 0, v₁ = [−0.05, 0.1];        w₁ = w₀ + 1.9·v₁ = [1 − 0.095, −2 + 0.19] = [0.905, −1.81]
    // step 2: v_prev = v₁, v₂ = [−0.025, −0.11];    w₂ = w₁ − 0.9·v₁ + 1.9·v₂
    //         = [0.905 + 0.045 − 0.0475, −1.81 − 0.09 − 0.209] = [0.9025, −2.109]
    const [w1, w2] = twoSteps(nesterov({learningRate: 0.1, momentum: 0.9}));
    expectClose(w1, [0.905, -1.81]);
    expectClose(w2, [0.9025, -2.109]);
  });

  it("nesterov's stored parameters are Sutskever's look-ahead point w + μv", () => {
    // Sutskever et al. (2013): v ← μv − η∇f(w + μv), w ← w + v. Run it on f(w) = ½·a·w² beside the engine.
    const a = 3;
    const [eta, mu] = [0.05, 0.9];
    let w = 2;
    let v = 0;
    const p = parameter([w]); // the engine starts at the look-ahead point w + μ·0 = w
    const optimizer = nesterov({learningRate: eta, momentum: mu});
    for (let t = 0; t < 20; t++) {
      v = mu * v - eta * a * (w + mu * v);
      w = w + v;
      p.grad.data[0] = a * p.value.data[0];
      optimizer.step([p]);
      expect(p.value.data[0]).toBeCloseTo(w + mu * v, 12);
    }
  });

  it("nesterov with momentum 0 is plain SGD", () => {
    const [w1, w2] = twoSteps(nesterov({learningRate: 0.1, momentum: 0}));
    expectClose(w1, [0.95, -1.9]);
    expectClose(w2, [0.97, -2.1]);
  });

  it("nesterov rejects a bad momentum", () => {
    expect(() => nesterov({learningRate: 0.1, momentum: -0.1})).toThrow("nesterov: momentum must be in [0, 1), got -0.1");
  });
});
