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
 * empty. A fraction of 0 gives a set with zero rows. With `stratify: true` (classification data),
 * each class is split in the same proportions, so a small validation set cannot miss a class; every
 * class keeps at least one training example.
 *
 * ```ts
 * const {train, validation, test} = split(moons({n: 500, seed: 1}), {validation: 0.2, test: 0.2, seed: 2});
 * // 300, 100 and 100 examples
 * ```
 */
export function split(
  data: Dataset,
  {validation = 0, test = 0, seed = 0, stratify = false}: {validation?: number; test?: number; seed?: number; stratify?: boolean} = {}
): {train: Dataset; validation: Dataset; test: Dataset} {
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
  const rng = random(seed);
  if (!stratify) {
    const order = rng.permutation(n);
    return {
      train: subset(data, order.slice(0, nTrain)),
      validation: subset(data, order.slice(nTrain, nTrain + nValidation)),
      test: subset(data, order.slice(nTrain + nValidation))
    };
  }
  if (data.y.cols !== 1 || !data.y.data.every((c) => Number.isInteger(c) && c >= 0)) {
    throw new Error(`split: stratify needs n×1 class indices in data.y, got ${data.y.rows}×${data.y.cols}`);
  }
  // Each class contributes its share of each set; the leftover places (from rounding) go to the
  // classes with the largest fractional shares (Hamilton's largest-remainder method).
  const byClass = new Map<number, number[]>();
  for (const i of rng.permutation(n)) {
    const c = data.y.data[i];
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(i);
  }
  const groups = [...byClass.values()];
  const quotas = (fraction: number, total: number, room: number[]) => {
    const exact = groups.map((g) => g.length * fraction);
    const counts = exact.map((q, k) => Math.min(Math.floor(q), room[k]));
    const order = groups.map((_, k) => k).sort((a, b) => (exact[b] % 1) - (exact[a] % 1));
    let left = total - counts.reduce((a, b) => a + b, 0);
    for (const k of order) {
      if (left > 0 && counts[k] < room[k]) {
        counts[k]++;
        left--;
      }
    }
    return counts;
  };
  const validationCounts = quotas(validation, nValidation, groups.map((g) => g.length - 1));
  const testCounts = quotas(test, nTest, groups.map((g, k) => g.length - 1 - validationCounts[k]));
  const sets = {train: [] as number[], validation: [] as number[], test: [] as number[]};
  groups.forEach((g, k) => {
    sets.validation.push(...g.slice(0, validationCounts[k]));
    sets.test.push(...g.slice(validationCounts[k], validationCounts[k] + testCounts[k]));
    sets.train.push(...g.slice(validationCounts[k] + testCounts[k]));
  });
  return {
    train: subset(data, rng.shuffle(sets.train)),
    validation: subset(data, rng.shuffle(sets.validation)),
    test: subset(data, rng.shuffle(sets.test))
  };
}
