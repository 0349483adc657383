import {describe, expect, it} from "vitest";
import {adam, momentum, sgd} from "../../src/optimizers/index.js";
import {l2} from "../../src/regularizers.js";
import {expectClose, parameter, twoSteps} from "./twoSteps.js";

describe("weightDecay", () => {
  it("sgd({weightDecay: λ}) shrinks weights by (1 − ηλ) before the step", () => {
    // w₁ = (1 − 0.1·0.5)·[1, −2] − 0.1·[0.5, −1] = [0.95 − 0.05, −1.9 + 0.1] = [0.9, −1.8]
    // w₂ = 0.95·[0.9, −1.8] − 0.1·[−0.2, 2] = [0.855 + 0.02, −1.71 − 0.2] = [0.875, −1.91]
    const [w1, w2] = twoSteps(sgd({learningRate: 0.1, weightDecay: 0.5}));
    expectClose(w1, [0.9, -1.8]);
    expectClose(w2, [0.875, -1.91]);
  });

  it("for SGD, decoupled weight decay is the same as an L2 penalty", () => {
    const a = parameter([1, -2]);
    const b = parameter([1, -2]);
    const decayed = momentum({learningRate: 0.1, weightDecay: 0.3, momentum: 0});
    const plain = momentum({learningRate: 0.1, momentum: 0});
    for (const g of [[0.5, -1], [-0.2, 2], [1, 1]]) {
      a.grad.data.set(g);
      b.grad.data.set(g);
      l2(0.3).addGradient([b]);
      decayed.step([a]);
      plain.step([b]);
    }
    expectClose(Array.from(a.value.data), Array.from(b.value.data), 14);
  });

  it("for Adam it is not: the L2 gradient is rescaled by 1/√v̂, the decay is not (AdamW)", () => {
    const a = parameter([1, -2]);
    const b = parameter([1, -2]);
    const decayed = adam({learningRate: 0.1, weightDecay: 0.3});
    const plain = adam({learningRate: 0.1});
    a.grad.data.set([0.5, -1]);
    b.grad.data.set([0.5, -1]);
    l2(0.3).addGradient([b]); // g + λw = [0.8, −1.6]: same signs, so Adam's first step is still η·sign
    decayed.step([a]);
    plain.step([b]);
    // AdamW: (1 − 0.03)·[1, −2] − 0.1·sign(g) = [0.87, −1.84];  Adam + L2: [0.9, −1.9]
    expectClose(Array.from(a.value.data), [0.87, -1.84], 7);
    expectClose(Array.from(b.value.data), [0.9, -1.9], 7);
  });

  it("weight decay skips parameters with regularize: false", () => {
    const bias = {...parameter([1, -2]), regularize: false};
    sgd({learningRate: 0.1, weightDecay: 0.5}).step([bias]);
    expect(Array.from(bias.value.data)).toEqual([1, -2]);
  });

  it("optimizers reject unknown options and bad weight decay", () => {
    expect(() => sgd({lr: 0.1} as never)).toThrow('sgd: unknown option "lr"; the options are learningRate, weightDecay');
    expect(() => adam({beta: 0.9} as never)).toThrow('adam: unknown option "beta"; the options are learningRate, beta1, beta2, epsilon, weightDecay');
    expect(() => sgd({learningRate: 0.1, weightDecay: -1})).toThrow("sgd: weightDecay must be a finite number ≥ 0, got -1");
    expect(() => (sgd as (o?: object) => unknown)()).toThrow("sgd: learningRate must be a positive finite number, got undefined");
    expect(sgd({learningRate: 0.1, weightDecay: 0.01}).describe()).toBe("sgd (learning rate 0.1, weight decay 0.01)");
  });
});
