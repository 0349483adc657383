import {hypot} from "./elementary.js";
import {
  Matrix,
  matmul,
  matmulTransA,
  matmulTransB,
  meanColumns,
  stdColumns,
  subtractRowVector,
  divideRowVector,
  multiplyRowVector,
  addRowVector
} from "./matrix.js";

// Input preprocessing for the "Preparing the data" chapter. Every function *fits* its statistics on
// the matrix it is given (the training set) and returns `transform`, which applies those same
// statistics to any split. Fitting on validation or test data leaks them into training.

function checkData(fn: string, x: Matrix, minRows = 1): void {
  if (!(x instanceof Matrix)) throw new Error(`${fn}: x must be a Matrix, got ${x}`);
  if (x.rows < minRows || x.cols < 1) {
    throw new Error(`${fn}: x must have at least ${minRows} row(s) and 1 column, got ${x.rows}×${x.cols}`);
  }
  for (let i = 0; i < x.data.length; i++) {
    if (!Number.isFinite(x.data[i])) {
      throw new Error(`${fn}: x must be finite, got ${x.data[i]} at row ${Math.floor(i / x.cols)}, column ${i % x.cols}`);
    }
  }
}

function checkColumns(fn: string, x: Matrix, d: number): void {
  if (!(x instanceof Matrix) || x.cols !== d) {
    throw new Error(`${fn}: x must have ${d} columns, the number fitted on, got ${x instanceof Matrix ? `${x.rows}×${x.cols}` : x}`);
  }
}

export interface Standardizer {
  /** Per-feature training mean μ (1 × d). */
  mean: Matrix;
  /** Per-feature training standard deviation σ (1 × d, population 1/n); a constant feature keeps σ = 1. */
  std: Matrix;
  /** (x − μ) / σ with the training μ and σ. */
  transform(x: Matrix): Matrix;
  /** x·σ + μ: undoes `transform`. */
  inverse(z: Matrix): Matrix;
}

/**
 * z-scores: fits each feature's mean and standard deviation on `x` (the training set).
 * A feature that is constant in training has σ = 0; it is only centred (σ is taken as 1),
 * so it maps to 0 instead of NaN.
 *
 * ```ts
 * const scaler = standardizer(train.x);
 * const xTrain = scaler.transform(train.x), xTest = scaler.transform(test.x); // same μ, σ
 * ```
 */
export function standardizer(x: Matrix): Standardizer {
  checkData("standardizer", x);
  const mean = meanColumns(x);
  const std = stdColumns(x);
  for (let j = 0; j < std.cols; j++) if (!(std.data[j] > 1e-12 * Math.max(1, Math.abs(mean.data[j])))) std.data[j] = 1;
  const d = x.cols;
  return {
    mean,
    std,
    transform(x) {
      checkColumns("standardizer.transform", x, d);
      return divideRowVector(subtractRowVector(x, mean), std);
    },
    inverse(z) {
      checkColumns("standardizer.inverse", z, d);
      return addRowVector(multiplyRowVector(z, std), mean);
    }
  };
}

export interface MinMaxScaler {
  /** Per-feature training minimum and maximum (1 × d). */
  min: Matrix;
  max: Matrix;
  range: [number, number];
  /** Maps the training [min, max] of each feature linearly onto `range`; other data may land outside it. */
  transform(x: Matrix): Matrix;
  inverse(z: Matrix): Matrix;
}

/**
 * Rescales each feature so its training minimum and maximum map to `range` (default [0, 1]).
 * A constant feature maps to the lower end of the range.
 *
 * ```ts
 * const scaler = minMaxScaler(train.x, {range: [-1, 1]});
 * ```
 */
export function minMaxScaler(x: Matrix, {range = [0, 1]}: {range?: [number, number]} = {}): MinMaxScaler {
  checkData("minMaxScaler", x);
  const [lo, hi] = range;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new Error(`minMaxScaler: range must be [lo, hi] with finite lo < hi, got [${lo}, ${hi}]`);
  }
  const d = x.cols;
  const min = new Matrix(1, d).fill(Infinity);
  const max = new Matrix(1, d).fill(-Infinity);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < d; j++) {
      const v = x.data[i * d + j];
      if (v < min.data[j]) min.data[j] = v;
      if (v > max.data[j]) max.data[j] = v;
    }
  }
  // z = lo + (x − min)·s with s = (hi − lo) / (max − min), or 0 for a constant feature
  const s = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const width = max.data[j] - min.data[j];
    s[j] = width > 0 ? (hi - lo) / width : 0;
  }
  return {
    min,
    max,
    range: [lo, hi],
    transform(x) {
      checkColumns("minMaxScaler.transform", x, d);
      const out = new Matrix(x.rows, d);
      for (let k = 0; k < x.data.length; k++) {
        const j = k % d;
        out.data[k] = lo + (x.data[k] - min.data[j]) * s[j];
      }
      return out;
    },
    inverse(z) {
      checkColumns("minMaxScaler.inverse", z, d);
      const out = new Matrix(z.rows, d);
      for (let k = 0; k < z.data.length; k++) {
        const j = k % d;
        out.data[k] = s[j] === 0 ? min.data[j] : min.data[j] + (z.data[k] - lo) / s[j];
      }
      return out;
    }
  };
}

/**
 * Eigendecomposition of a symmetric matrix A = V·diag(λ)·Vᵀ, eigenvalues sorted from largest to
 * smallest and eigenvectors as the matching *columns* of V (orthonormal).
 *
 * Householder reduction to tridiagonal form, then the implicit QL algorithm: `tred2` and `tql2`
 * from EISPACK (Smith et al. 1976) as ported in the public-domain JAMA library. It takes O(d³)
 * time with a small constant: a 784 × 784 pixel covariance (MNIST) takes a few seconds, where
 * the general-purpose `mathjs.eigs` (Jacobi) needs 0.5 s already for 100 × 100 and minutes for 784,
 * and would add 650 kB to every page that imports the engine. The tests use mathjs as the reference.
 *
 * ```ts
 * const {values, vectors} = symmetricEigen(Matrix.fromRows([[2, 1], [1, 2]])); // values [3, 1]
 * ```
 */
export function symmetricEigen(a: Matrix): {values: Float64Array; vectors: Matrix} {
  if (!(a instanceof Matrix) || a.rows !== a.cols || a.rows < 1) {
    throw new Error(`symmetricEigen: a must be a square matrix, got ${a instanceof Matrix ? `${a.rows}×${a.cols}` : a}`);
  }
  const n = a.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const u = a.data[i * n + j], v = a.data[j * n + i];
      if (!Number.isFinite(u) || Math.abs(u - v) > 1e-8 * Math.max(1, Math.abs(u), Math.abs(v))) {
        throw new Error(`symmetricEigen: a must be symmetric and finite, got a[${i}][${j}] = ${u} and a[${j}][${i}] = ${v}`);
      }
    }
  }
  // W holds Vᵀ throughout: tred2 and tql2 update columns of V, which are then contiguous rows.
  const W = Array.from({length: n}, (_, i) => Float64Array.from(a.data.subarray(i * n, (i + 1) * n)));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(W, d, e);
  tql2(W, d, e);
  const order = Array.from({length: n}, (_, i) => i).sort((i, j) => d[j] - d[i]);
  const values = Float64Array.from(order, (i) => d[i]);
  const vectors = new Matrix(n, n);
  order.forEach((source, column) => {
    const w = W[source];
    // Fix each eigenvector's sign (largest entry positive) so results do not flip between runs.
    let big = 0;
    for (let k = 0; k < n; k++) if (Math.abs(w[k]) > Math.abs(w[big])) big = k;
    const sign = w[big] < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors.data[k * n + column] = sign * w[k];
  });
  return {values, vectors};
}

/**
 * Householder tridiagonalization (JAMA `tred2`), d and e receiving the diagonals. JAMA works on V;
 * this works on T = Vᵀ (each of JAMA's V[r][c] is T[c][r] here) so that the inner loops run along
 * rows, several times faster for large d. A is symmetric, so T starts as A, and at the end T's rows
 * are V's columns, the layout `tql2` wants.
 */
function tred2(T: Float64Array[], d: Float64Array, e: Float64Array): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = T[j][n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = T[j][i - 1];
        T[j][i] = 0;
        T[i][j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        T[i][j] = f;
        g = e[j] + T[j][j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += T[j][k] * d[k];
          e[k] += T[j][k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) T[j][k] -= f * e[k] + g * d[k];
        d[j] = T[j][i - 1];
        T[j][i] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    T[i][n - 1] = T[i][i];
    T[i][i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = T[i + 1][k] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += T[i + 1][k] * T[j][k];
        for (let k = 0; k <= i; k++) T[j][k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) T[i + 1][k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = T[j][n - 1];
    T[j][n - 1] = 0;
  }
  T[n - 1][n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e) (JAMA `tql2`), rotating W's rows (V's columns) along. */
function tql2(W: Float64Array[], d: Float64Array, e: Float64Array): void {
  const n = d.length;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON; // 2^−52
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 100) throw new Error(`symmetricEigen: QL iteration did not converge for eigenvalue ${l}`);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = c, c3 = c;
        const el1 = e[l + 1];
        let s = 0, s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const wi = W[i], wi1 = W[i + 1];
          for (let k = 0; k < n; k++) {
            const t = wi1[k];
            wi1[k] = s * wi[k] + c * t;
            wi[k] = c * wi[k] - s * t;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

/** The covariance (1/n)·(x − μ)ᵀ(x − μ) and the mean μ it is centred on. */
export function covariance(x: Matrix): {mean: Matrix; covariance: Matrix} {
  checkData("covariance", x);
  const mean = meanColumns(x);
  const centered = subtractRowVector(x, mean);
  const c = matmulTransA(centered, centered);
  for (let k = 0; k < c.data.length; k++) c.data[k] /= x.rows;
  // Make it exactly symmetric: the blocked product can differ in the last bit between c[i][j] and c[j][i].
  const d = x.cols;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const v = (c.data[i * d + j] + c.data[j * d + i]) / 2;
      c.data[i * d + j] = c.data[j * d + i] = v;
    }
  }
  return {mean, covariance: c};
}

export interface PCA {
  /** Training mean μ (1 × d). */
  mean: Matrix;
  /** The principal directions as columns (d × k), in order of decreasing variance. */
  components: Matrix;
  /** All d eigenvalues of the training covariance, largest first: the variance along each direction. */
  eigenvalues: Float64Array;
  /** The first k eigenvalues, and their share of the total variance. */
  explainedVariance: Float64Array;
  explainedVarianceRatio: Float64Array;
  /** (x − μ)·U: coordinates along the k directions (n × k). */
  transform(x: Matrix): Matrix;
  /** z·Uᵀ + μ: the best rank-k reconstruction of x in squared error (n × d). */
  inverse(z: Matrix): Matrix;
}

/**
 * Principal component analysis, fitted on `x` (the training set): eigenvectors of the covariance
 * (1/n)(x − μ)ᵀ(x − μ). With k components the mean squared reconstruction error per training example
 * equals the sum of the dropped eigenvalues.
 *
 * ```ts
 * const p = pca(train.x, {components: 2});
 * const z = p.transform(test.x); // test data in the training directions
 * ```
 */
export function pca(x: Matrix, {components}: {components?: number} = {}): PCA {
  checkData("pca", x);
  const d = x.cols;
  const k = components ?? d;
  if (!Number.isInteger(k) || k < 1 || k > d) {
    throw new Error(`pca: components must be an integer in [1, ${d}] (the number of features), got ${components}`);
  }
  const {mean, covariance: c} = covariance(x);
  const {values, vectors} = symmetricEigen(c);
  for (let j = 0; j < d; j++) if (values[j] < 0) values[j] = 0; // round-off on a positive semidefinite matrix
  const U = new Matrix(d, k);
  for (let i = 0; i < d; i++) for (let j = 0; j < k; j++) U.data[i * k + j] = vectors.data[i * d + j];
  const total = values.reduce((s, v) => s + v, 0);
  const explainedVariance = values.slice(0, k);
  return {
    mean,
    components: U,
    eigenvalues: values,
    explainedVariance,
    explainedVarianceRatio: explainedVariance.map((v) => (total > 0 ? v / total : 0)),
    transform(x) {
      checkColumns("pca.transform", x, d);
      return matmul(subtractRowVector(x, mean), U);
    },
    inverse(z) {
      checkColumns("pca.inverse", z, k);
      return addRowVector(matmulTransB(z, U), mean);
    }
  };
}

export interface Whitening {
  mode: "pca" | "zca";
  epsilon: number;
  mean: Matrix;
  /** Eigenvalues (largest first) and eigenvectors (columns) of the training covariance. */
  eigenvalues: Float64Array;
  eigenvectors: Matrix;
  /** The d × d whitening matrix: transform(x) = (x − μ)·matrix. */
  matrix: Matrix;
  transform(x: Matrix): Matrix;
}

/**
 * Whitening, fitted on `x` (the training set): decorrelates the features and gives each unit
 * variance, so the training covariance of the result is (nearly) the identity. With Σ = U·diag(λ)·Uᵀ,
 * - `"pca"`: x ↦ (x − μ)·U·diag(1/√(λ + ε)), coordinates along the principal axes, rotated away from
 *   the original features;
 * - `"zca"` (Bell & Sejnowski 1997): the PCA result rotated back by Uᵀ, x ↦ (x − μ)·U·diag(1/√(λ + ε))·Uᵀ,
 *   the whitening that stays closest to the original data (for images it still looks like an image).
 * ε keeps directions of (almost) zero variance from being blown up into noise.
 *
 * ```ts
 * const w = whitening(train.x, {mode: "zca", epsilon: 1e-5});
 * const xTest = w.transform(test.x);
 * ```
 */
export function whitening(x: Matrix, {mode = "zca", epsilon = 1e-5}: {mode?: "pca" | "zca"; epsilon?: number} = {}): Whitening {
  checkData("whitening", x);
  if (mode !== "pca" && mode !== "zca") throw new Error(`whitening: mode must be "pca" or "zca", got ${JSON.stringify(mode)}`);
  if (!(Number.isFinite(epsilon) && epsilon >= 0)) throw new Error(`whitening: epsilon must be a finite number ≥ 0, got ${epsilon}`);
  const d = x.cols;
  const {mean, covariance: c} = covariance(x);
  const {values, vectors} = symmetricEigen(c);
  const scale = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const v = Math.max(values[j], 0) + epsilon;
    if (!(v > 1e-12 * Math.max(values[0], 1e-300))) {
      throw new Error(`whitening: the training covariance is singular (eigenvalue ${j + 1} of ${d} is ${values[j]}); pass epsilon > 0`);
    }
    scale[j] = 1 / Math.sqrt(v);
  }
  const US = multiplyRowVector(vectors, new Matrix(1, d, scale)); // U·diag(1/√(λ + ε))
  const matrix = mode === "pca" ? US : matmulTransB(US, vectors);
  return {
    mode,
    epsilon,
    mean,
    eigenvalues: values,
    eigenvectors: vectors,
    matrix,
    transform(x) {
      checkColumns("whitening.transform", x, d);
      return matmul(subtractRowVector(x, mean), matrix);
    }
  };
}
