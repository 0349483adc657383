// Exact references for the elementary-function tests: each value computed in BigInt fixed point
// with 320 bits after the binary point (π, ln 2 and ln 10 to 1,600 bits), so that the error of a
// double result can be measured in units in the last place (ulps) of the true value.

export const F = 320n;
const ONE = 1n << F;
const G = 1600n; // bits for π when reducing huge arguments
const ONE_G = 1n << G;

const arctanInverse = (k: bigint, one: bigint): bigint => {
  let sum = 0n, term = one / k, n = 1n, sign = 1n;
  while (term !== 0n) {
    sum += (sign * term) / n;
    term /= k * k;
    n += 2n;
    sign = -sign;
  }
  return sum;
};
const atanhInverse = (k: bigint, one: bigint): bigint => {
  let sum = 0n, term = one / k, n = 1n;
  while (term !== 0n) {
    sum += term / n;
    term /= k * k;
    n += 2n;
  }
  return sum;
};

export const PI_G = 16n * arctanInverse(5n, ONE_G) - 4n * arctanInverse(239n, ONE_G);
export const PI = PI_G >> (G - F);
export const LN2 = 2n * atanhInverse(3n, ONE);
export const LN10 = 3n * LN2 + 2n * atanhInverse(9n, ONE); // ln 10 = 3 ln 2 + ln 1.25

/** A double as an exact fraction M·2^E (M a signed integer). */
export function decompose(x: number): {M: bigint; E: number} {
  if (x === 0) return {M: 0n, E: 0};
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setFloat64(0, x);
  const raw = buffer.getBigUint64(0);
  const sign = raw >> 63n ? -1n : 1n;
  const exponent = Number((raw >> 52n) & 0x7ffn);
  const fraction = raw & ((1n << 52n) - 1n);
  if (exponent === 0) return {M: sign * fraction, E: -1074};
  return {M: sign * (fraction | (1n << 52n)), E: exponent - 1075};
}

/** x·2^F as an integer (exact when x has no bits below 2^−F). */
export function toFixed(x: number): bigint {
  const {M, E} = decompose(x);
  const shift = BigInt(E) + F;
  return shift >= 0n ? M << shift : M >> -shift;
}

const abs = (v: bigint) => (v < 0n ? -v : v);
const bitLength = (v: bigint) => abs(v).toString(2).length;
const divRound = (a: bigint, b: bigint) => (a >= 0n ? (2n * a + b) / (2n * b) : -((-2n * a + b) / (2n * b)));

/** e^v for v in fixed point: {value, exponent} with e^v = value·2^(exponent − F). */
export function expExact(v: bigint): {value: bigint; exponent: number} {
  const k = divRound(v, LN2);
  const r = v - k * LN2; // |r| ≤ ln 2 / 2
  let sum = ONE, term = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r) / (ONE * n);
    sum += term;
  }
  return {value: sum, exponent: Number(k)};
}

/** ln x for a double x > 0, in fixed point. */
export function logExact(x: number): bigint {
  const {M, E} = decompose(x);
  const bits = bitLength(M);
  const m = M << (F - BigInt(bits - 1)); // M/2^(bits−1) in [1, 2), fixed point
  const k = BigInt(E + bits - 1);
  return k * LN2 + log1pFixed(m - ONE);
}

/** ln(1 + f) for f in fixed point, f > −1: 2·atanh(f/(2 + f)). */
export function log1pFixed(f: bigint): bigint {
  const s = (f * ONE) / (2n * ONE + f);
  const s2 = (s * s) / ONE;
  let sum = 0n, power = s;
  for (let n = 1n; power !== 0n; n += 2n) {
    sum += power / n;
    power = (power * s2) / ONE;
  }
  return 2n * sum;
}

/** sin and cos of a double x, in fixed point: reduced exactly modulo π/2 with 1,600 bits of π. */
export function sinCosExact(x: number): {sin: bigint; cos: bigint} {
  const {M, E} = decompose(x);
  const X = BigInt(E) + G >= 0n ? M << (BigInt(E) + G) : M >> -(BigInt(E) + G); // x·2^G
  const halfPi = PI_G / 2n;
  const n = divRound(X, halfPi);
  const r = (X - n * halfPi) >> (G - F);
  let s = 0n, c = 0n, term = ONE;
  for (let i = 0n; term !== 0n; i++) {
    if (i % 2n === 0n) c += (i / 2n) % 2n === 0n ? term : -term;
    else s += ((i - 1n) / 2n) % 2n === 0n ? term : -term;
    term = (term * r) / (ONE * (i + 1n));
  }
  const q = ((n % 4n) + 4n) % 4n;
  return q === 0n ? {sin: s, cos: c} : q === 1n ? {sin: c, cos: -s} : q === 2n ? {sin: -s, cos: -c} : {sin: -c, cos: s};
}

/**
 * The error of the double y against the exact value·2^(exponent − F), in ulps of the exact value
 * (the spacing of doubles at its magnitude). Below 0.5 means y is the correctly rounded result.
 */
export function ulpError(y: number, value: bigint, exponent = 0): number {
  if (value === 0n) return y === 0 ? 0 : Infinity;
  if (!Number.isFinite(y)) return Infinity;
  // compare y·2^−exponent with value, both in fixed point
  const scaled = exponent === 0 ? toFixed(y) : toFixedScaled(y, -exponent);
  const ulp = 1n << BigInt(Math.max(bitLength(value) - 53, 0));
  return Number((abs(scaled - value) * 1024n) / ulp) / 1024;
}

function toFixedScaled(y: number, e: number): bigint {
  const {M, E} = decompose(y);
  const shift = BigInt(E + e) + F;
  return shift >= 0n ? M << shift : M >> -shift;
}
