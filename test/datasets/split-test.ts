import {describe, expect, it} from "vitest";
import {Matrix} from "../../src/matrix.js";
import {moons, split} from "../../src/datasets/index.js";

describe("split", () => {
  const data = {x: new Matrix(10, 2, Float64Array.from({length: 20}, (_, i) => i)), y: Matrix.column([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), classes: 10, name: "ids"};

  it("split(500 examples, {validation: 0.2, test: 0.2}) gives 300, 100 and 100", () => {
    const {train, validation, test} = split(moons({n: 500, seed: 1}), {validation: 0.2, test: 0.2, seed: 2});
    expect([train.x.rows, validation.x.rows, test.x.rows]).toEqual([300, 100, 100]);
    expect(train.classes).toBe(2);
    expect(train.name).toBe("moons");
  });

  it("every example lands in exactly one set and keeps its own label", () => {
    const {train, validation, test} = split(data, {validation: 0.3, test: 0.25, seed: 5});
    expect([train.x.rows, validation.x.rows, test.x.rows]).toEqual([4, 3, 3]); // 10 − round(3) − round(2.5)
    const seen = [...train.y.data, ...validation.y.data, ...test.y.data].sort((a, b) => a - b);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const part of [train, validation, test]) {
      for (let i = 0; i < part.x.rows; i++) expect(part.x.get(i, 0)).toBe(2 * part.y.data[i]);
    }
  });

  it("shuffles deterministically by seed", () => {
    const a = split(data, {test: 0.5, seed: 1});
    const b = split(data, {test: 0.5, seed: 1});
    const c = split(data, {test: 0.5, seed: 2});
    expect(Array.from(a.test.y.data)).toEqual(Array.from(b.test.y.data));
    expect(Array.from(a.test.y.data)).not.toEqual(Array.from(c.test.y.data));
    expect(Array.from(a.train.y.data)).not.toEqual([0, 1, 2, 3, 4]);
  });

  it("gives zero-row sets for zero fractions", () => {
    const {train, validation, test} = split(data);
    expect([train.x.rows, validation.x.rows, test.x.rows]).toEqual([10, 0, 0]);
    expect(validation.x.cols).toBe(2);
  });

  it("rejects fractions outside [0, 1), a sum of 1 or more, and an empty training set", () => {
    expect(() => split(data, {validation: 1})).toThrow("split: validation must be a fraction in [0, 1), got 1");
    expect(() => split(data, {test: -0.1})).toThrow("split: test must be a fraction in [0, 1), got -0.1");
    expect(() => split(data, {validation: 0.5, test: 0.5})).toThrow("split: validation + test must be below 1, got 0.5 + 0.5 = 1");
    const two = {x: new Matrix(2, 1), y: new Matrix(2, 1)};
    expect(() => split(two, {validation: 0.4, test: 0.4})).toThrow(/split: no examples left for training/);
  });

  it("stratify: true gives every set the class proportions of the whole", () => {
    const labels = Array.from({length: 100}, (_, i) => (i < 90 ? 0 : 1));
    const skewed = {x: Matrix.column(labels.map((_, i) => i)), y: Matrix.column(labels), classes: 2};
    for (const seed of [1, 2, 3]) {
      const {train, validation, test} = split(skewed, {validation: 0.2, test: 0.1, seed, stratify: true});
      const ones = (d: {y: Matrix}) => d.y.data.filter((v) => v === 1).length;
      expect([train.x.rows, validation.x.rows, test.x.rows]).toEqual([70, 20, 10]);
      expect([ones(train), ones(validation), ones(test)]).toEqual([7, 2, 1]);
      const all = [...train.x.data, ...validation.x.data, ...test.x.data].sort((a, b) => a - b);
      expect(all).toEqual(labels.map((_, i) => i));
    }
  });

  it("stratify keeps at least one training example of every class and needs class indices", () => {
    const tiny = {x: new Matrix(5, 1), y: Matrix.column([0, 0, 0, 0, 1]), classes: 2};
    const {train} = split(tiny, {validation: 0.4, seed: 1, stratify: true});
    expect(train.y.data).toContain(1);
    expect(() => split({x: new Matrix(3, 1), y: Matrix.column([0.5, 1, 2])}, {stratify: true})).toThrow("split: stratify needs n×1 class indices in data.y, got 3×1");
  });
});
