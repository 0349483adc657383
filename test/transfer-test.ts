import {describe, expect, it} from "vitest";
import {
  Matrix, encodeValue, decodeValue, findRefs, sequential, dense, relu, dropout, adam, stepDecay, l2, maxNorm, loss, random,
  regression1d, moons, Sequential, Random, type Optimizer
} from "../src/index.js";

/** What postMessage does to the encoded value: a structured clone. */
const roundTrip = (value: unknown, options?: Parameters<typeof decodeValue>[1]) => decodeValue(structuredClone(encodeValue(value).value), options);

describe("encodeValue / decodeValue", () => {
  it("matrices arrive as Matrix with the same bits; a view sends only its own rows", () => {
    const big = new Matrix(1000, 4).fill(1);
    big.data[4] = -0;
    const view = new Matrix(2, 4, big.data.subarray(4, 12));
    const encoded = encodeValue({view}).value as {view: {data: Float64Array}};
    expect(encoded.view.data.buffer.byteLength).toBe(64); // not the 32,000 bytes of the whole buffer
    const back = roundTrip({view}) as {view: Matrix};
    expect(back.view).toBeInstanceOf(Matrix);
    expect(Object.is(back.view.data[0], -0)).toBe(true);
    expect(back.view.shape).toEqual([2, 4]);
  });

  it("models, optimizers (with schedules), losses, regularizers, constraints and generators are rebuilt", () => {
    const model = sequential(dense(2, 4, {seed: 1}), relu(), dropout(0.1, {seed: 2}), dense(4, 1, {seed: 3}));
    const rng = random(5);
    rng.normal();
    const value = {model, optimizer: adam({learningRate: stepDecay({initial: 0.1, every: 5})}), loss: loss("bce"), regularizer: l2(0.01), constraint: maxNorm(2), rng};
    const back = roundTrip(value) as typeof value;
    expect(back.model).toBeInstanceOf(Sequential);
    expect(JSON.stringify(back.model)).toBe(JSON.stringify(model));
    expect((back.optimizer as Optimizer).learningRateAt(12)).toBe(0.025);
    expect(back.loss.name).toBe("binaryCrossEntropy");
    expect(back.regularizer.describe()).toBe("L2 (λ = 0.01)");
    expect(back.constraint.describe()).toBe("max-norm (c = 2)");
    expect(back.rng).toBeInstanceOf(Random);
    expect(back.rng.normal()).toBe(rng.normal()); // the waiting Box–Muller spare came along
  });

  it("plain data is untouched and reported as untagged, so the receiver can skip the walk", () => {
    const plain = {rows: [{a: 1, b: "x"}], typed: new Float32Array([1, 2])};
    const {value, tagged} = encodeValue(plain);
    expect(tagged).toBe(false);
    expect(value).toEqual(plain);
    expect(encodeValue({m: new Matrix(1, 1)}).tagged).toBe(true);
  });

  it("a dataset's function fields stay behind; any other function is refused with its path", () => {
    const data = regression1d({n: 5, seed: 1});
    const back = roundTrip(data) as {x: Matrix; fn?: unknown};
    expect(back.x).toBeInstanceOf(Matrix);
    expect(back.fn).toBeUndefined();
    expect(() => encodeValue({options: {callback: () => 1}}, "args")).toThrow("args.options.callback is a function, which cannot be sent to a worker");
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => encodeValue(cycle)).toThrow("value.self refers back to itself (a cycle)");
    expect(() => encodeValue({loss: {name: "mine", computeInto: () => 0, compute: () => 0, value: () => 0}})).toThrow('value.loss: the loss "mine" is not one of the engine\'s');
  });

  it("references are found before decoding and replaced by what the receiver resolves", () => {
    const encoded = structuredClone(encodeValue({data: {$ref: "mnist", split: "train", n: 10}, other: moons({n: 4})}).value);
    expect(findRefs(encoded)).toEqual([{$ref: "mnist", split: "train", n: 10}]);
    const back = decodeValue(encoded, {ref: (r) => `loaded ${r.split}`}) as {data: string; other: {x: Matrix}};
    expect(back.data).toBe("loaded train");
    expect(back.other.x).toBeInstanceOf(Matrix);
  });
});
