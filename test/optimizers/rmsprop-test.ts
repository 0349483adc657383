import {describe, expect, it} from "vitest";
import {rmsprop} from "../../src/optimizers/index.js";
import {expectClose, twoSteps} from "./twoSteps.js";

describe("rmsprop", () => {
  it("rmsprop({learningRate: 0.01, decay: 0.9}) divides by the root of a leaky mean of g²", () => {
    // step 1: s = 0.1·g₁² = [0.025, 0.1]
    //         w₁ = [1 − 0.01·0.5/√0.025, −2 + 0.01·1/√0.1] = [1 − 0.0316228, −2 + 0.0316228]
    // step 2: s = 0.9·[0.025, 0.1] + 0.1·[0.04, 4] = [0.0265, 0.49]
    //         w₂ = [w₁ + 0.01·0.2/√0.0265, w₁ − 0.01·2/0.7] = [0.9683772 + 0.0122859, −1.9683772 − 0.0285714]
    const [w1, w2] = twoSteps(rmsprop({learningRate: 0.01, decay: 0.9}));
    expectClose(w1, [0.9683772, -1.9683772], 7);
    expectClose(w2, [0.9806631, -1.9969487], 7);
  });

  it("rmsprop rejects a decay outside [0, 1)", () => {
    expect(() => rmsprop({learningRate: 0.01, decay: 1.5})).toThrow("rmsprop: decay must be in [0, 1), got 1.5");
  });
});
