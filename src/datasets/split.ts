import {Matrix} from "../matrix.js";
import {random} from "../random.js";
import type {Dataset} from "./dataset.js";

/** The rows of m listed in `indices`, in that order. */
function takeRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = new Matrix(indices.length, m.cols);
  for (let i = 0; i < indices.length; i++) out.data.set(m.row(indices[i]), i * m.cols);
  return out;
}

function subset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const out: Dataset = {x: takeRows(data.x, indices), y: takeRows(data.y, indices)};
  if (data.classes !== undefined) out.classes = data.classes;
  if (data.name !== undefined) out.name = data.name;
  return out;
}

/**
 * Shuffles the examples with `seed` and cuts them into training, validation and test sets.
 * Sizes are round(n·validation) and round(n·test); the training set gets the rest and must not be
 * empty. A fraction of 0 gives a set with zero rows.
 *
 * ```ts
 * const {train, validation, test} = split(moons({n: 500, seed: 1}), {validation: 0.2, test: 0.2, seed: 2});
 * // 300, 100 and 100 examples
 * ```
 */
export function split(data: Dataset, {validation = 0, test = 0, seed = 0}: {validation?: number; test?: number; seed?: number} = {}): {train: Dataset; validation: Dataset; test: Dataset} {
  if (!data || !data.x || !data.y) throw new Error(`split: data must be a Dataset {x, y}, got ${data}`);
  const n = data.x.rows;
  if (data.y.rows !== n) throw new Error(`split: data.x has ${n} rows but data.y has ${data.y.rows}`);
  for (const [name, f] of [["validation", validation], ["test", test]] as const) {
    if (!(f >= 0 && f < 1)) throw new Error(`split: ${name} must be a fraction in [0, 1), got ${f}`);
  }
  if (!(validation + test < 1)) throw new Error(`split: validation + test must be below 1, got ${validation} + ${test} = ${validation + test}`);
  const nValidation = Math.round(n * validation);
  const nTest = Math.round(n * test);
  const nTrain = n - nValidation - nTest;
  if (nTrain < 1) {
    throw new Error(`split: no examples left for training (n = ${n}, validation ${nValidation}, test ${nTest}); use smaller fractions or more data`);
  }
  const order = random(seed).permutation(n);
  return {
    train: subset(data, order.slice(0, nTrain)),
    validation: subset(data, order.slice(nTrain, nTrain + nValidation)),
    test: subset(data, order.slice(nTrain + nValidation))
  };
}
