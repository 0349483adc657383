import {expect} from "vitest";
import {Matrix} from "../../src/matrix.js";
import type {Parameter} from "../../src/layers/layer.js";
import type {Optimizer} from "../../src/optimizers/optimizer.js";

/** A parameter w = [1, −2] whose gradient the test sets by hand. */
export function parameter(values = [1, -2]): Parameter {
  return {name: "w", value: Matrix.fromRows([values]), grad: new Matrix(1, values.length), regularize: true};
}

/** Takes two steps with g₁ = [0.5, −1] then g₂ = [−0.2, 2] and returns w after each. */
export function twoSteps(optimizer: Optimizer): [number[], number[]] {
  const w = parameter();
  w.grad.data.set([0.5, -1]);
  optimizer.step([w]);
  const first = Array.from(w.value.data);
  w.grad.data.set([-0.2, 2]);
  optimizer.step([w]);
  return [first, Array.from(w.value.data)];
}

export function expectClose(actual: number[], expected: number[], digits = 10): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(a, `entry ${i}`).toBeCloseTo(expected[i], digits));
}
