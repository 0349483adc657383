import {describe, expect, it} from "vitest";
import {
  sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, optimizerFromJSON, stepDecay, exponentialDecay, inverseTimeDecay,
  scheduleFromJSON, scheduleToJSON, sequential, dense, tanh, trainStep, spirals, fit, modelFromJSON, type Optimizer
} from "../../src/index.js";

const data = spirals({n: 40, classes: 2, seed: 1});
const net = () => sequential(dense(2, 6, {seed: 1}), tanh(), dense(6, 2, {seed: 2}));

describe("optimizer JSON", () => {
  const cases: [string, () => Optimizer][] = [
    ["sgd", () => sgd({learningRate: 0.1, weightDecay: 0.01})],
    ["momentum", () => momentum({learningRate: 0.05, momentum: 0.8})],
    ["nesterov", () => nesterov({learningRate: 0.05, momentum: 0.7})],
    ["adagrad", () => adagrad({learningRate: 0.1, epsilon: 1e-7})],
    ["rmsprop", () => rmsprop({learningRate: 0.01, decay: 0.8, epsilon: 1e-6})],
    ["adadelta", () => adadelta({rho: 0.9, epsilon: 1e-5})],
    ["adam", () => adam({learningRate: exponentialDecay({initial: 0.01, rate: 0.9, every: 2}), beta1: 0.8, beta2: 0.99, weightDecay: 0.001})]
  ];
  for (const [kind, make] of cases) {
    it(`${kind}: options, step count and state survive the JSON text, and training continues identically`, () => {
      const a = net(), optimizer = make();
      for (let i = 0; i < 4; i++) trainStep(a, data.x, data.y, {loss: "softmaxCrossEntropy", optimizer});
      const text = JSON.stringify({model: a, optimizer});
      const saved = JSON.parse(text);
      const b = modelFromJSON(saved.model);
      const restored = optimizerFromJSON(saved.optimizer, {params: b.parameters()});
      expect(restored.kind).toBe(kind);
      expect(restored.stepCount).toBe(4);
      expect(restored.describe()).toBe(optimizer.describe());
      expect(JSON.stringify(restored)).toBe(JSON.stringify(optimizer));
      for (let i = 0; i < 5; i++) {
        const la = trainStep(a, data.x, data.y, {loss: "softmaxCrossEntropy", optimizer});
        const lb = trainStep(b, data.x, data.y, {loss: "softmaxCrossEntropy", optimizer: restored});
        expect(Object.is(la, lb)).toBe(true);
      }
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    });
  }

  it("without params, saved state attaches at the first step, so train with copy: false continues the run", () => {
    const options = (optimizer: Optimizer) => ({loss: "softmaxCrossEntropy" as const, optimizer, epochs: 3, batchSize: 8, seed: 4, copy: false});
    const straight = net(), o1 = adam({learningRate: 0.02});
    fit(straight, data, options(o1));
    fit(straight, data, options(o1));
    const first = net(), o2 = adam({learningRate: 0.02});
    fit(first, data, options(o2));
    const saved = JSON.parse(JSON.stringify({model: first, optimizer: o2}));
    const resumed = modelFromJSON(saved.model);
    fit(resumed, data, options(optimizerFromJSON(saved.optimizer)));
    expect(JSON.stringify(resumed)).toBe(JSON.stringify(straight));
  });

  it("schedules save their kind and options; a plain function saves its source", () => {
    for (const schedule of [stepDecay({initial: 0.1, factor: 0.5, every: 10}), exponentialDecay({initial: 0.1, rate: 0.96}), inverseTimeDecay({initial: 0.1, rate: 0.01})]) {
      const copy = scheduleFromJSON(JSON.parse(JSON.stringify(schedule)));
      for (const t of [0, 1, 9, 10, 55, 1000]) expect(Object.is(copy(t), schedule(t))).toBe(true);
    }
    const own = (t: number) => 0.1 / (1 + t);
    expect(scheduleToJSON(own)).toEqual({kind: "function", source: String(own)});
    expect(scheduleFromJSON(scheduleToJSON(own))(3)).toBe(0.025);
    expect(() => scheduleFromJSON({kind: "cosine"})).toThrow('scheduleFromJSON: unknown schedule kind "cosine"');
    expect(() => scheduleFromJSON({kind: "function", source: "42"})).toThrow("scheduleFromJSON: the source is not a function");
  });

  it("says what is wrong with bad JSON", () => {
    expect(() => optimizerFromJSON({kind: "lion"})).toThrow('optimizerFromJSON: unknown optimizer kind "lion"; known kinds are sgd');
    expect(() => optimizerFromJSON({kind: "sgd", learningRate: -1})).toThrow("sgd: learningRate must be a positive finite number, got -1");
    const a = net(), o = sgd({learningRate: 0.1});
    trainStep(a, data.x, data.y, {loss: "softmaxCrossEntropy", optimizer: o});
    const json = JSON.parse(JSON.stringify(momentum({learningRate: 0.1})));
    expect(() => optimizerFromJSON({...json, state: [{}]}, {params: a.parameters()})).toThrow('momentum: saved state of parameter 0 has no slot "velocity"');
  });
});
