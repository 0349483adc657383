/**
 * A dense row-major matrix of float64 numbers: rows are examples, columns are features.
 *
 * ```ts
 * const x = Matrix.fromRows([[1, 2], [3, 4]]);
 * x.get(1, 0); // 3
 * ```
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || rows < 0) throw new Error(`matrix: rows must be a non-negative integer, got ${rows}`);
    if (!Number.isInteger(cols) || cols < 0) throw new Error(`matrix: cols must be a non-negative integer, got ${cols}`);
    if (data && data.length !== rows * cols) {
      throw new Error(`matrix: data has length ${data.length}, expected rows × cols = ${rows} × ${cols} = ${rows * cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const n = rows.length;
    const d = n ? rows[0].length : 0;
    const m = new Matrix(n, d);
    for (let i = 0; i < n; i++) {
      if (rows[i].length !== d) throw new Error(`matrix: row ${i} has ${rows[i].length} entries, expected ${d}`);
      for (let j = 0; j < d; j++) m.data[i * d + j] = rows[i][j];
    }
    return m;
  }

  /** A column vector (n × 1) from a list of numbers. */
  static column(values: ArrayLike<number>): Matrix {
    return new Matrix(values.length, 1, Float64Array.from(values));
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** Row i as a view that shares memory with this matrix. */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** Column j as a new array. */
  column(j: number): Float64Array {
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j];
    return out;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  toRows(): number[][] {
    return Array.from({length: this.rows}, (_, i) => Array.from(this.row(i)));
  }

  fill(value: number): this {
    this.data.fill(value);
    return this;
  }

  toString(): string {
    return `Matrix ${this.rows}×${this.cols}`;
  }

  /**
   * `{rows, cols, data}` with `data` a plain array, so that `JSON.stringify` writes the numbers (it
   * would write a Float64Array as an object of indices). Every number survives the text exactly:
   * finite numbers print in their shortest exact form, and −0, NaN and ±Infinity, which JSON has no
   * number for, are written as the strings "-0", "NaN", "Infinity" and "-Infinity".
   */
  toJSON(): MatrixJSON {
    return {rows: this.rows, cols: this.cols, data: encodeNumbers(this.data)};
  }

  /**
   * The matrix `toJSON` describes: from parsed JSON text, from a structured clone of a Matrix (whose
   * `data` is a Float64Array, copied here), or from a Matrix.
   *
   * ```ts
   * const copy = Matrix.fromJSON(JSON.parse(JSON.stringify(m))); // bit for bit the same numbers
   * ```
   */
  static fromJSON(json: MatrixJSON | {rows: number; cols: number; data: Float64Array}): Matrix {
    if (!json || typeof json !== "object") throw new Error(`Matrix.fromJSON: expected {rows, cols, data}, got ${json === null ? "null" : typeof json}`);
    const {rows, cols, data} = json;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new Error(`Matrix.fromJSON: rows and cols must be non-negative integers, got ${rows}×${cols}`);
    }
    if (!data || typeof data !== "object" || data.length !== rows * cols) {
      throw new Error(`Matrix.fromJSON: data must hold rows × cols = ${rows * cols} numbers, got ${data ? data.length : String(data)}`);
    }
    return new Matrix(rows, cols, decodeNumbers(data));
  }
}

/** A matrix as JSON: see `Matrix.toJSON`. */
export interface MatrixJSON {
  rows: number;
  cols: number;
  data: (number | string)[];
}

/** The numbers of `values` as a JSON-safe array: −0, NaN and ±Infinity become strings (see `Matrix.toJSON`). */
export function encodeNumbers(values: ArrayLike<number>): (number | string)[] {
  const out: (number | string)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) && !Object.is(v, -0) ? v : Object.is(v, -0) ? "-0" : String(v);
  }
  return out;
}

/** The inverse of `encodeNumbers`; also copies a Float64Array (a structured clone's data). */
export function decodeNumbers(values: ArrayLike<number | string>): Float64Array {
  if (values instanceof Float64Array) return values.slice();
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number") out[i] = v;
    else if (v === "-0" || v === "NaN" || v === "Infinity" || v === "-Infinity") out[i] = Number(v);
    else throw new Error(`decodeNumbers: entry ${i} must be a number or one of "-0", "NaN", "Infinity", "-Infinity", got ${JSON.stringify(v)}`);
  }
  return out;
}

/**
 * Whether `value` is a matrix. Duck-typed rather than `instanceof`, so a matrix made by another copy
 * of the engine module (a page reloaded mid-edit) still counts.
 */
export function isMatrix(value: unknown): value is Matrix {
  const m = value as Matrix;
  return !!m && m.data instanceof Float64Array && typeof m.rows === "number" && typeof m.cols === "number" && m.data.length === m.rows * m.cols;
}

/** How an error message names a value that should have been a matrix. */
export function describeNonMatrix(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array (make a matrix with Matrix.fromRows or Matrix.column)" : typeof value;
}

/** Throws unless `value` is a matrix; `what` names the call and `name` the parameter. */
function checkMatrix(what: string, name: string, value: unknown): void {
  if (!isMatrix(value)) throw new Error(`${what}: ${name} must be a Matrix, got ${describeNonMatrix(value)}`);
}

/** Throws unless a and b have the same shape; `what` names the call for the message. */
export function assertSameShape(a: Matrix, b: Matrix, what: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new Error(`${what}: shape mismatch, ${a.rows}×${a.cols} vs ${b.rows}×${b.cols}`);
  }
}

/** Reuses `out` when it already has the right shape, so a training step allocates nothing after its first call. */
export function ensure(out: Matrix | undefined, rows: number, cols: number): Matrix {
  return out && out.rows === rows && out.cols === cols ? out : new Matrix(rows, cols);
}

// ---------------------------------------------------------------------------
// Products. These carry almost all of training's arithmetic, so they share one kernel written for
// speed: C = A·B where A and B are read through strides, so Aᵀ and Bᵀ cost nothing to form. It
// computes small output tiles whose running sums stay in CPU registers, so each loaded number is
// used several times: 2×4 tiles when the output is at least 4 columns wide, 4×2 tiles for narrow
// outputs (a two-class output layer). A finished tile is either added into C (accumulate, how
// backward adds into a gradient) or written as sum + R[j] for a row vector R (a bias, or zeros for
// a plain product), so neither a bias nor a zeroed output costs a pass of its own. When B is large
// (beyond ~256 KB) its strided walk misses cache, so matmul and matmulTransA first copy their
// operands transposed into reusable scratch buffers and read them contiguously. Measured on this
// project's shapes, this runs 1.3–2× faster than a row-by-row i-k-j loop.

let scratchA = new Float64Array(0);
let scratchB = new Float64Array(0);
let zeros = new Float64Array(64);
const LARGE = 32768; // entries of B above which contiguous copies pay for themselves

function transposeInto(src: Float64Array, rows: number, cols: number, dst: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) dst[j * rows + i] = src[r + j];
  }
}

/** A row of p zeros, the R of a plain product. Never written to. */
function zeroRow(p: number): Float64Array {
  if (zeros.length < p) zeros = new Float64Array(Math.max(p, 2 * zeros.length));
  return zeros;
}

/** Stores one finished sum: C[o] += v when R is null, else C[o] = v + R[j]. Small enough for the JIT to inline. */
function put(C: Float64Array, o: number, v: number, R: Float64Array | null, j: number): void {
  if (R === null) C[o] += v;
  else C[o] = v + R[j];
}

/**
 * C (n×p, row-major) = A·B + R, or C += A·B when R is null, with A(i, k) = A[i·sAi + k·sAk] and
 * B(k, j) = B[k·sBk + j·sBj].
 */
function gemm(
  A: Float64Array, sAi: number, sAk: number,
  B: Float64Array, sBk: number, sBj: number,
  C: Float64Array, n: number, m: number, p: number, R: Float64Array | null
): void {
  let i = 0;
  if (p >= 4) {
    // 2×4 tiles: per step of k, 2 + 4 loads feed 8 multiply-adds
    const sBj2 = 2 * sBj, sBj3 = 3 * sBj;
    for (; i + 1 < n; i += 2) {
      const o0 = i * p, o1 = o0 + p;
      let j = 0;
      for (; j + 3 < p; j += 4) {
        let ka = i * sAi, kb = j * sBj;
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        for (let k = 0; k < m; k++, ka += sAk, kb += sBk) {
          const y0 = A[ka], y1 = A[ka + sAi];
          const x0 = B[kb], x1 = B[kb + sBj], x2 = B[kb + sBj2], x3 = B[kb + sBj3];
          c00 += y0 * x0; c01 += y0 * x1; c02 += y0 * x2; c03 += y0 * x3;
          c10 += y1 * x0; c11 += y1 * x1; c12 += y1 * x2; c13 += y1 * x3;
        }
        put(C, o0 + j, c00, R, j); put(C, o0 + j + 1, c01, R, j + 1); put(C, o0 + j + 2, c02, R, j + 2); put(C, o0 + j + 3, c03, R, j + 3);
        put(C, o1 + j, c10, R, j); put(C, o1 + j + 1, c11, R, j + 1); put(C, o1 + j + 2, c12, R, j + 2); put(C, o1 + j + 3, c13, R, j + 3);
      }
      if (j + 1 < p) {
        // two columns left (10 classes = 4 + 4 + 2): a 2×2 tile
        let ka = i * sAi, kb = j * sBj, c00 = 0, c01 = 0, c10 = 0, c11 = 0;
        for (let k = 0; k < m; k++, ka += sAk, kb += sBk) {
          const y0 = A[ka], y1 = A[ka + sAi], x0 = B[kb], x1 = B[kb + sBj];
          c00 += y0 * x0; c01 += y0 * x1; c10 += y1 * x0; c11 += y1 * x1;
        }
        put(C, o0 + j, c00, R, j); put(C, o0 + j + 1, c01, R, j + 1); put(C, o1 + j, c10, R, j); put(C, o1 + j + 1, c11, R, j + 1);
        j += 2;
      }
      if (j < p) {
        let ka = i * sAi, kb = j * sBj, c0 = 0, c1 = 0;
        for (let k = 0; k < m; k++, ka += sAk, kb += sBk) {
          const x = B[kb];
          c0 += A[ka] * x; c1 += A[ka + sAi] * x;
        }
        put(C, o0 + j, c0, R, j); put(C, o1 + j, c1, R, j);
      }
    }
  } else {
    // 4×2 tiles for outputs one to three columns wide
    const sAi2 = 2 * sAi, sAi3 = 3 * sAi;
    for (; i + 3 < n; i += 4) {
      const o0 = i * p, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
      let j = 0;
      for (; j + 1 < p; j += 2) {
        let ka = i * sAi, kb = j * sBj;
        let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
        for (let k = 0; k < m; k++, ka += sAk, kb += sBk) {
          const x0 = B[kb], x1 = B[kb + sBj];
          const y0 = A[ka], y1 = A[ka + sAi], y2 = A[ka + sAi2], y3 = A[ka + sAi3];
          c00 += y0 * x0; c01 += y0 * x1; c10 += y1 * x0; c11 += y1 * x1;
          c20 += y2 * x0; c21 += y2 * x1; c30 += y3 * x0; c31 += y3 * x1;
        }
        put(C, o0 + j, c00, R, j); put(C, o0 + j + 1, c01, R, j + 1); put(C, o1 + j, c10, R, j); put(C, o1 + j + 1, c11, R, j + 1);
        put(C, o2 + j, c20, R, j); put(C, o2 + j + 1, c21, R, j + 1); put(C, o3 + j, c30, R, j); put(C, o3 + j + 1, c31, R, j + 1);
      }
      for (; j < p; j++) {
        let ka = i * sAi, kb = j * sBj, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        for (let k = 0; k < m; k++, ka += sAk, kb += sBk) {
          const x = B[kb];
          c0 += A[ka] * x; c1 += A[ka + sAi] * x; c2 += A[ka + sAi2] * x; c3 += A[ka + sAi3] * x;
        }
        put(C, o0 + j, c0, R, j); put(C, o1 + j, c1, R, j); put(C, o2 + j, c2, R, j); put(C, o3 + j, c3, R, j);
      }
    }
  }
  // the last row or rows, one dot product per entry
  for (; i < n; i++) {
    const o0 = i * p;
    for (let j = 0; j < p; j++) {
      let ka = i * sAi, kb = j * sBj, c = 0;
      for (let k = 0; k < m; k++, ka += sAk, kb += sBk) c += A[ka] * B[kb];
      put(C, o0 + j, c, R, j);
    }
  }
}

function scratch(which: 0 | 1, size: number): Float64Array {
  if (which === 0) return scratchA.length >= size ? scratchA : (scratchA = new Float64Array(Math.max(size, 2 * scratchA.length)));
  return scratchB.length >= size ? scratchB : (scratchB = new Float64Array(Math.max(size, 2 * scratchB.length)));
}

function checkAccumulate(out: Matrix | undefined, rows: number, cols: number, accumulate: boolean, what: string): void {
  if (accumulate && out && (out.rows !== rows || out.cols !== cols)) {
    throw new Error(`${what}: cannot accumulate into a ${out.rows}×${out.cols} out, the product is ${rows}×${cols}`);
  }
}

function checkOut(out: Matrix | undefined, a: Matrix, b: Matrix, what: string): void {
  if (out && (out === a || out === b || out.data === a.data || out.data === b.data)) {
    throw new Error(`${what}: out must not share memory with an input`);
  }
}

/**
 * A·B, written into `out` when it has the right shape; with `accumulate`, added to what `out` holds
 * (out += A·B), which is how `backward` adds into a gradient without a temporary.
 *
 * ```ts
 * matmul(Matrix.fromRows([[1, 2]]), Matrix.fromRows([[3], [4]])).get(0, 0); // 11
 * ```
 */
export function matmul(a: Matrix, b: Matrix, out?: Matrix, accumulate = false): Matrix {
  checkMatrix("matmul", "a", a);
  checkMatrix("matmul", "b", b);
  if (a.cols !== b.rows) {
    throw new Error(`matmul: a is ${a.rows}×${a.cols} and b is ${b.rows}×${b.cols}; a.cols must equal b.rows`);
  }
  checkOut(out, a, b, "matmul");
  const n = a.rows, m = a.cols, p = b.cols;
  checkAccumulate(out, n, p, accumulate, "matmul");
  const C = ensure(out, n, p);
  const R = accumulate && C === out ? null : zeroRow(p); // null: add into what C holds
  if (m * p <= LARGE) gemm(a.data, m, 1, b.data, p, 1, C.data, n, m, p, R);
  else {
    const Bt = scratch(1, m * p);
    transposeInto(b.data, m, p, Bt);
    gemm(a.data, m, 1, Bt, 1, m, C.data, n, m, p, R);
  }
  return C;
}

/**
 * x·W + b with the 1 × cols row vector b added to every row: a dense layer's forward pass, in one
 * pass over the output (the bias is added as each tile of x·W is stored).
 *
 * ```ts
 * affine(Matrix.fromRows([[1, 2]]), Matrix.fromRows([[3], [4]]), Matrix.fromRows([[0.5]])).get(0, 0); // 11.5
 * ```
 */
export function affine(x: Matrix, w: Matrix, b: Matrix, out?: Matrix): Matrix {
  checkMatrix("affine", "x", x);
  checkMatrix("affine", "W", w);
  checkMatrix("affine", "b", b);
  if (x.cols !== w.rows) {
    throw new Error(`affine: x is ${x.rows}×${x.cols} and W is ${w.rows}×${w.cols}; x.cols must equal W.rows`);
  }
  if (b.rows !== 1 || b.cols !== w.cols) {
    throw new Error(`affine: b is ${b.rows}×${b.cols}, expected 1×${w.cols} (one bias per column of W)`);
  }
  checkOut(out, x, w, "affine");
  if (out && (out === b || out.data === b.data)) throw new Error(`affine: out must not share memory with an input`);
  const n = x.rows, m = x.cols, p = w.cols;
  const C = ensure(out, n, p);
  if (m * p <= LARGE) gemm(x.data, m, 1, w.data, p, 1, C.data, n, m, p, b.data);
  else {
    const Wt = scratch(1, m * p);
    transposeInto(w.data, m, p, Wt);
    gemm(x.data, m, 1, Wt, 1, m, C.data, n, m, p, b.data);
  }
  return C;
}

/** Aᵀ·B without the caller forming Aᵀ: the weight gradient xᵀ·dy of a dense layer. `out` and `accumulate` as in `matmul`. */
export function matmulTransA(a: Matrix, b: Matrix, out?: Matrix, accumulate = false): Matrix {
  checkMatrix("matmulTransA", "a", a);
  checkMatrix("matmulTransA", "b", b);
  if (a.rows !== b.rows) {
    throw new Error(`matmulTransA: a is ${a.rows}×${a.cols} and b is ${b.rows}×${b.cols}; a.rows must equal b.rows`);
  }
  checkOut(out, a, b, "matmulTransA");
  const n = a.cols, m = a.rows, p = b.cols;
  checkAccumulate(out, n, p, accumulate, "matmulTransA");
  const C = ensure(out, n, p);
  const R = accumulate && C === out ? null : zeroRow(p); // null: add into what C holds
  if (m * p <= LARGE) gemm(a.data, 1, n, b.data, p, 1, C.data, n, m, p, R);
  else {
    const At = scratch(0, n * m), Bt = scratch(1, m * p);
    transposeInto(a.data, m, n, At);
    transposeInto(b.data, m, p, Bt);
    gemm(At, m, 1, Bt, 1, m, C.data, n, m, p, R);
  }
  return C;
}

/** A·Bᵀ without forming Bᵀ: the input gradient dy·Wᵀ of a dense layer. `out` and `accumulate` as in `matmul`. */
export function matmulTransB(a: Matrix, b: Matrix, out?: Matrix, accumulate = false): Matrix {
  checkMatrix("matmulTransB", "a", a);
  checkMatrix("matmulTransB", "b", b);
  if (a.cols !== b.cols) {
    throw new Error(`matmulTransB: a is ${a.rows}×${a.cols} and b is ${b.rows}×${b.cols}; a.cols must equal b.cols`);
  }
  checkOut(out, a, b, "matmulTransB");
  const n = a.rows, m = a.cols, p = b.rows;
  checkAccumulate(out, n, p, accumulate, "matmulTransB");
  const C = ensure(out, n, p);
  const R = accumulate && C === out ? null : zeroRow(p); // null: add into what C holds
  gemm(a.data, m, 1, b.data, 1, m, C.data, n, m, p, R);
  return C;
}

// ---------------------------------------------------------------------------
// Element-wise helpers. Each takes an optional `out` (which may be one of the inputs, for in-place work).

/** a + b, element-wise. */
export function add(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  checkMatrix("add", "a", a);
  checkMatrix("add", "b", b);
  assertSameShape(a, b, "add");
  const C = ensure(out, a.rows, a.cols), A = a.data, B = b.data, O = C.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] + B[i];
  return C;
}

/** a − b, element-wise. */
export function subtract(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  checkMatrix("subtract", "a", a);
  checkMatrix("subtract", "b", b);
  assertSameShape(a, b, "subtract");
  const C = ensure(out, a.rows, a.cols), A = a.data, B = b.data, O = C.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] - B[i];
  return C;
}

/** a ⊙ b, the element-wise (Hadamard) product. */
export function hadamard(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  checkMatrix("hadamard", "a", a);
  checkMatrix("hadamard", "b", b);
  assertSameShape(a, b, "hadamard");
  const C = ensure(out, a.rows, a.cols), A = a.data, B = b.data, O = C.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] * B[i];
  return C;
}

/** s · a. */
export function scale(a: Matrix, s: number, out?: Matrix): Matrix {
  checkMatrix("scale", "a", a);
  if (typeof s !== "number") throw new Error(`scale: s must be a number, got ${s}`);
  const C = ensure(out, a.rows, a.cols), A = a.data, O = C.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] * s;
  return C;
}

/** y ← y + s · x in place (BLAS axpy): the shape of every optimizer update. Returns y. */
export function addScaled(y: Matrix, x: Matrix, s: number): Matrix {
  checkMatrix("addScaled", "y", y);
  checkMatrix("addScaled", "x", x);
  assertSameShape(y, x, "addScaled");
  const Y = y.data, X = x.data;
  for (let i = 0; i < Y.length; i++) Y[i] += s * X[i];
  return y;
}

/** f applied to each entry: f(value, row, col). For hot loops prefer a plain loop over `.data`. */
export function map(a: Matrix, f: (value: number, row: number, col: number) => number, out?: Matrix): Matrix {
  checkMatrix("map", "a", a);
  if (typeof f !== "function") throw new Error(`map: f must be a function, got ${typeof f}`);
  const C = ensure(out, a.rows, a.cols), A = a.data, O = C.data, c = a.cols;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < c; j++) O[i * c + j] = f(A[i * c + j], i, j);
  return C;
}

function checkRowVector(a: Matrix, v: Matrix, what: string): void {
  if (v.rows !== 1 || v.cols !== a.cols) {
    throw new Error(`${what}: row vector is ${v.rows}×${v.cols}, expected 1×${a.cols} to match a ${a.rows}×${a.cols} matrix`);
  }
}

/** a + v with the 1 × cols row vector v added to every row (a bias). */
export function addRowVector(a: Matrix, v: Matrix, out?: Matrix): Matrix {
  checkMatrix("addRowVector", "a", a);
  checkMatrix("addRowVector", "v", v);
  checkRowVector(a, v, "addRowVector");
  const C = ensure(out, a.rows, a.cols), A = a.data, V = v.data, O = C.data, c = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const r = i * c;
    for (let j = 0; j < c; j++) O[r + j] = A[r + j] + V[j];
  }
  return C;
}

/** a − v with the 1 × cols row vector v subtracted from every row (centering). */
export function subtractRowVector(a: Matrix, v: Matrix, out?: Matrix): Matrix {
  checkMatrix("subtractRowVector", "a", a);
  checkMatrix("subtractRowVector", "v", v);
  checkRowVector(a, v, "subtractRowVector");
  const C = ensure(out, a.rows, a.cols), A = a.data, V = v.data, O = C.data, c = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const r = i * c;
    for (let j = 0; j < c; j++) O[r + j] = A[r + j] - V[j];
  }
  return C;
}

/** a ⊙ v with every row multiplied entry-wise by the 1 × cols row vector v (per-feature scale). */
export function multiplyRowVector(a: Matrix, v: Matrix, out?: Matrix): Matrix {
  checkMatrix("multiplyRowVector", "a", a);
  checkMatrix("multiplyRowVector", "v", v);
  checkRowVector(a, v, "multiplyRowVector");
  const C = ensure(out, a.rows, a.cols), A = a.data, V = v.data, O = C.data, c = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const r = i * c;
    for (let j = 0; j < c; j++) O[r + j] = A[r + j] * V[j];
  }
  return C;
}

/** a ⊘ v with every row divided entry-wise by the 1 × cols row vector v. */
export function divideRowVector(a: Matrix, v: Matrix, out?: Matrix): Matrix {
  checkMatrix("divideRowVector", "a", a);
  checkMatrix("divideRowVector", "v", v);
  checkRowVector(a, v, "divideRowVector");
  const C = ensure(out, a.rows, a.cols), A = a.data, V = v.data, O = C.data, c = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const r = i * c;
    for (let j = 0; j < c; j++) O[r + j] = A[r + j] / V[j];
  }
  return C;
}

/**
 * Column sums as a 1 × cols row vector: the bias gradient Σᵢ dyᵢ. With `accumulate`, added to what
 * `out` holds (out += Σᵢ aᵢ), as `backward` adds into a gradient.
 */
export function sumColumns(a: Matrix, out?: Matrix, accumulate = false): Matrix {
  checkMatrix("sumColumns", "a", a);
  if (accumulate && out && (out.rows !== 1 || out.cols !== a.cols)) {
    throw new Error(`sumColumns: cannot accumulate into a ${out.rows}×${out.cols} out, the sums are 1×${a.cols}`);
  }
  const C = ensure(out, 1, a.cols), A = a.data, O = C.data, c = a.cols, n = a.rows;
  if (!(accumulate && C === out)) O.fill(0);
  // four rows per pass: one read-modify-write of O per four entries, and a quarter of the loop bookkeeping
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = i * c, r1 = r0 + c, r2 = r1 + c, r3 = r2 + c;
    for (let j = 0; j < c; j++) O[j] += A[r0 + j] + A[r1 + j] + A[r2 + j] + A[r3 + j];
  }
  for (; i < n; i++) {
    const r = i * c;
    for (let j = 0; j < c; j++) O[j] += A[r + j];
  }
  return C;
}

/** Column means as a 1 × cols row vector (per-feature mean over examples). */
export function meanColumns(a: Matrix, out?: Matrix): Matrix {
  checkMatrix("meanColumns", "a", a);
  if (a.rows === 0) throw new Error(`meanColumns: matrix has no rows`);
  const C = sumColumns(a, out);
  const O = C.data;
  for (let j = 0; j < O.length; j++) O[j] /= a.rows;
  return C;
}

/** Column standard deviations (population, 1/n) as a 1 × cols row vector. */
export function stdColumns(a: Matrix, out?: Matrix): Matrix {
  checkMatrix("stdColumns", "a", a);
  const mu = meanColumns(a);
  const C = ensure(out, 1, a.cols), A = a.data, M = mu.data, O = C.data, c = a.cols;
  O.fill(0);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < c; j++) {
      const d = A[i * c + j] - M[j];
      O[j] += d * d;
    }
  }
  for (let j = 0; j < c; j++) O[j] = Math.sqrt(O[j] / a.rows);
  return C;
}

/** Row sums as a rows × 1 column vector. */
export function sumRows(a: Matrix, out?: Matrix): Matrix {
  checkMatrix("sumRows", "a", a);
  const C = ensure(out, a.rows, 1), A = a.data, O = C.data, c = a.cols;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < c; j++) s += A[i * c + j];
    O[i] = s;
  }
  return C;
}

/** Sum of all entries. */
export function sum(a: Matrix): number {
  checkMatrix("sum", "a", a);
  const A = a.data;
  let s = 0;
  for (let i = 0; i < A.length; i++) s += A[i];
  return s;
}

/** Mean of all entries; throws on an empty matrix rather than returning NaN. */
export function mean(a: Matrix): number {
  checkMatrix("mean", "a", a);
  if (a.data.length === 0) throw new Error(`mean: matrix is empty (${a.rows}×${a.cols})`);
  return sum(a) / a.data.length;
}

/** Standard deviation of all entries, population form (divides by n), two-pass for accuracy. */
export function std(a: Matrix): number {
  checkMatrix("std", "a", a);
  const mu = mean(a), A = a.data;
  let s = 0;
  for (let i = 0; i < A.length; i++) {
    const d = A[i] - mu;
    s += d * d;
  }
  return Math.sqrt(s / A.length);
}

/** Smallest entry (throws on an empty matrix). */
export function min(a: Matrix): number {
  checkMatrix("min", "a", a);
  if (a.data.length === 0) throw new Error(`min: matrix is empty (${a.rows}×${a.cols})`);
  let m = Infinity;
  for (const v of a.data) if (v < m || Number.isNaN(v)) m = v;
  return m;
}

/** Largest entry (throws on an empty matrix). */
export function max(a: Matrix): number {
  checkMatrix("max", "a", a);
  if (a.data.length === 0) throw new Error(`max: matrix is empty (${a.rows}×${a.cols})`);
  let m = -Infinity;
  for (const v of a.data) if (v > m || Number.isNaN(v)) m = v;
  return m;
}

/** Euclidean (Frobenius) norm √(Σ a²). */
export function norm(a: Matrix): number {
  checkMatrix("norm", "a", a);
  const A = a.data;
  let s = 0;
  for (let i = 0; i < A.length; i++) s += A[i] * A[i];
  return Math.sqrt(s);
}

/** Σ a ⊙ b, the inner product of two same-shaped matrices. */
export function dot(a: Matrix, b: Matrix): number {
  checkMatrix("dot", "a", a);
  checkMatrix("dot", "b", b);
  assertSameShape(a, b, "dot");
  const A = a.data, B = b.data;
  let s = 0;
  for (let i = 0; i < A.length; i++) s += A[i] * B[i];
  return s;
}

/**
 * Index of the largest entry in each row, as a rows × 1 matrix: the same shape as class targets,
 * so `argmaxRows(output)` compares directly with `y`. Ties go to the first index.
 */
export function argmaxRows(a: Matrix, out?: Matrix): Matrix {
  checkMatrix("argmaxRows", "a", a);
  if (a.cols === 0) throw new Error(`argmaxRows: matrix has no columns (${a.rows}×0)`);
  const C = ensure(out, a.rows, 1), A = a.data, O = C.data, c = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const r = i * c;
    let best = 0, bestValue = A[r];
    for (let j = 1; j < c; j++) {
      if (A[r + j] > bestValue) {
        bestValue = A[r + j];
        best = j;
      }
    }
    O[i] = best;
  }
  return C;
}

/** Aᵀ as a new matrix (or into `out`). */
export function transpose(a: Matrix, out?: Matrix): Matrix {
  checkMatrix("transpose", "a", a);
  checkOut(out, a, a, "transpose");
  const C = ensure(out, a.cols, a.rows), A = a.data, O = C.data, r = a.rows, c = a.cols;
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) O[j * r + i] = A[i * c + j];
  return C;
}

/** Copies a into out (same shape) and returns out. */
export function copy(a: Matrix, out?: Matrix): Matrix {
  checkMatrix("copy", "a", a);
  const C = ensure(out, a.rows, a.cols);
  if (C !== a) C.data.set(a.data);
  return C;
}

/** The rows of a at the given indices, in order (a mini-batch). */
export function selectRows(a: Matrix, indices: ArrayLike<number>, out?: Matrix): Matrix {
  checkMatrix("selectRows", "a", a);
  const C = ensure(out, indices.length, a.cols), c = a.cols;
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= a.rows) {
      throw new Error(`selectRows: index ${r} at position ${i} is out of range [0, ${a.rows})`);
    }
    C.data.set(a.data.subarray(r * c, r * c + c), i * c);
  }
  return C;
}

/** True when every entry is a finite number. */
export function allFinite(a: Matrix): boolean {
  checkMatrix("allFinite", "a", a);
  const A = a.data;
  for (let i = 0; i < A.length; i++) if (!Number.isFinite(A[i])) return false;
  return true;
}

/**
 * Throws when any entry is NaN or ±Infinity, naming `what` and the first bad position:
 * `dense: input has NaN at row 3, column 0`.
 */
export function assertFinite(a: Matrix, what: string): void {
  checkMatrix("assertFinite", "a", a);
  const A = a.data, c = a.cols;
  for (let i = 0; i < A.length; i++) {
    if (!Number.isFinite(A[i])) {
      const row = c ? Math.floor(i / c) : 0, col = c ? i % c : 0;
      throw new Error(`${what} has ${A[i]} at row ${row}, column ${col}`);
    }
  }
}
