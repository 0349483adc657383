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
