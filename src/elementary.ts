/**
 * The engine's own elementary functions: exp, expm1, log, log1p, log10, pow, pow10, sin, cos, hypot.
 *
 * Why not `Math.exp` and friends? The ECMAScript standard leaves their last bits to each engine
 * ("implementation-approximated"), and the engines differ: V8 changed its sine and cosine between
 * versions, Firefox and Safari use their own libraries. A seeded normal draw goes through log, sin
 * and cos, so with the platform's functions the same seed gave different numbers in Node and in a
 * browser. Everything here uses only operations that IEEE 754 defines exactly (+ − × ÷, Math.sqrt,
 * comparisons, integer and bit operations), so every engine computes the same bits.
 *
 * They are also accurate: within 1 ulp of the correctly rounded result (most within 0.5 ulp), and
 * the tests measure it against an exact reference computed with BigInt.
 *
 * ```ts
 * import {exp, log, sin} from "./engine/index.js";
 * exp(1);        // 2.718281828459045
 * log(10);       // 2.302585092994046
 * sin(Math.PI);  // 1.2246467991473532e-16 (π is a double, a little short of the real π)
 * ```
 *
 * Tools used throughout: a "double-double" is an unevaluated sum hi + lo of two doubles, carrying
 * about 106 bits; `twoSum` and `twoProduct` give the exact rounding error of a sum and a product
 * (Knuth; Dekker 1971), so a few steps can be carried out in more than double precision.
 */

// Constants as double-doubles, each split computed with BigInt (π by Machin's formula, ln 2 and
// ln 10 by atanh series) and checked again in test/elementary-test.ts.
const LN2_HI = 0.6931471803691238; // ln 2 rounded to 32 bits, so k·LN2_HI is exact for |k| < 2^21
const LN2_LO = 1.9082149292705877e-10; // ln 2 − LN2_HI
const LN10_HI = 2.302585092994046;
const LN10_LO = -2.1707562233822494e-16;
const INV_LN10_HI = 0.4342944819032518; // 1 / ln 10
const INV_LN10_LO = 1.098319650216765e-17;
// π/2 in four pieces, the first three of 33 bits, so n·piece is exact for n < 2^20.
const PIO2_1 = 1.5707963267341256;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487111665e-21;
const PIO2_4 = 8.4784276603689e-32;
const PIO2_HI = 1.5707963267948966; // π/2 as a double-double, for the huge-argument path
const PIO2_LO = 6.123233995736766e-17;
const TWO_OVER_PI = 0.6366197723675814;

const ROUND = 6755399441055744; // 1.5·2^52: (v + ROUND) − ROUND rounds v to the nearest integer
const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

// Exact bit access to a double. The word order depends on the machine, so it is read once.
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
bits[0] = 1;
const HIGH = words[1] === 0x3ff00000 ? 1 : 0; // index of the word holding sign and exponent
const LOW = 1 - HIGH;

// Powers of two 2^e for e in [−1074, 1023], by exact doubling and halving.
const POW2 = new Float64Array(2098);
POW2[1074] = 1;
for (let e = 1; e <= 1023; e++) POW2[1074 + e] = POW2[1073 + e] * 2;
for (let e = -1; e >= -1074; e--) POW2[1074 + e] = POW2[1075 + e] * 0.5;
/** 2^e for an integer e in [−1074, 1023]. */
const pow2 = (e: number): number => POW2[e + 1074];

// The low halves of double-double results, returned beside the high half without allocating.
let lo1 = 0;
let lo2 = 0;

/** a + b = s + lo1 exactly (Knuth's TwoSum). */
function twoSum(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  lo1 = (a - (s - bb)) + (b - bb);
  return s;
}

/** hi + lo as a normalized double-double (|lo1| ≤ ½ ulp of the result), given |hi| ≥ |lo|. */
function normalize(hi: number, lo: number): number {
  const s = hi + lo;
  lo1 = lo - (s - hi);
  return s;
}

/** a · b = p + lo2 exactly (Dekker's TwoProduct), for |a|, |b| < 2^995. */
function twoProduct(a: number, b: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  lo2 = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}

// ---------------------------------------------------------------------------------------------
// exp: e^x = 2^(k/128) · e^r with k = round(128·x/ln 2) and |r| ≤ ln 2/256 ≈ 0.0027. The table
// holds 2^(j/128), j = 0…127, as double-doubles; e^r − 1 is a degree-5 polynomial (the first
// omitted term, r⁶/720, is below 6·10⁻¹⁹).

const N = 128;
const INV_STEP = N / 0.6931471805599453; // 128/ln 2; rounding here only moves k, never the result
const STEP_HI = LN2_HI / N; // ln 2/128, exact division by a power of two
const STEP_LO = LN2_LO / N;
const TABLE_HI = new Float64Array(N);
const TABLE_LO = new Float64Array(N);
{
  // 2^(2^−i) for i = 1…7 by double-double square roots of 2, then each 2^(j/128) as a product.
  const rootHi: number[] = [], rootLo: number[] = [];
  let h = 2, l = 0;
  for (let i = 1; i <= 7; i++) {
    const s = Math.sqrt(h);
    const p = twoProduct(s, s);
    const correction = ((h - p) - lo2 + l) / (2 * s); // one Newton step: √(h + l) ≈ s + (h + l − s²)/2s
    h = s + correction;
    l = correction - (h - s);
    rootHi.push(h);
    rootLo.push(l);
  }
  for (let j = 0; j < N; j++) {
    let th = 1, tl = 0;
    for (let i = 0; i < 7; i++) {
      if (((j >> (6 - i)) & 1) === 0) continue; // bit for 2^(2^−(i+1)) = 2^(64/128 >> i)
      const p = twoProduct(th, rootHi[i]);
      const e = lo2 + th * rootLo[i] + tl * rootHi[i];
      th = p + e;
      tl = e - (th - p);
    }
    TABLE_HI[j] = th;
    TABLE_LO[j] = tl;
  }
}

const EXP_OVERFLOW = 709.782712893384; // e^x > the largest double beyond this
const EXP_UNDERFLOW = -745.1332191019412; // e^x < half the smallest subnormal below this

/**
 * e^(x + xLo) for a double-double argument with |xLo| ≤ ulp(x); the caller has handled x outside
 * (EXP_UNDERFLOW, EXP_OVERFLOW) and NaN. Returns 2^e·(TABLE[j]·e^r) without the final scaling
 * folded in for expm1's sake: sets `scaleExponent` and returns the unscaled value, whose low part
 * (the correction to TABLE_HI[j]) is left in lo1.
 */
let scaleExponent = 0;
function expKernel(x: number, xLo: number): number {
  const k = x * INV_STEP + ROUND - ROUND;
  const r = (x - k * STEP_HI) - k * STEP_LO + xLo;
  const j = k & (N - 1); // k = 128·e + j, also for negative k (two's complement)
  scaleExponent = (k - j) / N;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))); // e^r − 1
  const t = TABLE_HI[j];
  lo1 = t * p + TABLE_LO[j] * (1 + p);
  return t;
}

/** Scales v by 2^e, rounding only once even when the result is subnormal. */
function scale(v: number, e: number): number {
  if (e >= -1022) return e <= 1023 ? v * pow2(e) : v * pow2(1023) * pow2(e - 1023);
  return v * pow2(e + 1000) * pow2(-1000);
}

/**
 * e^x.
 *
 * ```ts
 * exp(1); // 2.718281828459045
 * ```
 */
export function exp(x: number): number {
  if (!(x < EXP_OVERFLOW)) return x !== x ? NaN : Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  // expKernel written out: this is the hot path of sigmoid, softmax and every loss on logits
  const k = x * INV_STEP + ROUND - ROUND;
  const r = (x - k * STEP_HI) - k * STEP_LO;
  const j = k & (N - 1);
  const e = (k - j) / N;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120))));
  const t = TABLE_HI[j];
  const v = t + (t * p + TABLE_LO[j] * (1 + p));
  return e >= -1022 && e <= 1023 ? v * POW2[e + 1074] : scale(v, e);
}

/** e^(x + xLo) for a double-double exponent: what pow and pow10 need to stay accurate. */
function expDouble(x: number, xLo: number): number {
  if (!(x < EXP_OVERFLOW + 1)) return x !== x ? NaN : Infinity;
  if (x < EXP_UNDERFLOW - 1) return 0;
  const t = expKernel(x, xLo);
  const v = t + lo1;
  // near the thresholds, the exponent can step past 1023 and the product overflow by itself
  return scale(v, scaleExponent);
}

// Taylor coefficients 1/n! for expm1's small-argument series, n = 3…15.
const INV_FACTORIAL: number[] = [];
{
  let f = 2;
  for (let n = 3; n <= 15; n++) INV_FACTORIAL.push(1 / (f *= n));
}

/**
 * e^x − 1, accurate also when x is tiny (where `exp(x) - 1` loses every digit).
 *
 * ```ts
 * expm1(1e-10); // 1.00000000005e-10
 * ```
 */
export function expm1(x: number): number {
  if (!(x < EXP_OVERFLOW)) return x !== x ? NaN : Infinity;
  const ax = x < 0 ? -x : x;
  if (ax < 1.1102230246251565e-16) return x; // e^x − 1 = x + x²/2 + … rounds to x (keeps −0)
  if (x < -38) return -1; // e^x < 2^−54: e^x − 1 rounds to −1
  const hi = expm1Double(x);
  return hi + lo1;
}

/** e^x − 1 as a double-double (returns hi, leaves lo in lo1), for −38 ≤ x < EXP_OVERFLOW, |x| ≥ 2^−53. */
function expm1Double(x: number): number {
  if (x <= 0.34657359027997264 && x >= -0.34657359027997264) {
    // x + x²/2 + x³/3! + … + x¹⁵/15!, with x²/2 exact as a double-double
    let c = INV_FACTORIAL[12];
    for (let i = 11; i >= 0; i--) c = INV_FACTORIAL[i] + x * c;
    const half = 0.5 * twoProduct(x, x), halfLo = 0.5 * lo2;
    const s = twoSum(x, half);
    return normalize(s, lo1 + (halfLo + x * x * x * c));
  }
  const t = expKernel(x, 0); // e^x = 2^e·(t + lo1)
  const e = scaleExponent;
  const correction = lo1;
  if (e > 1020) {
    lo1 = 0; // e^x ≥ 2^1020: the − 1 is far below an ulp
    return scale(t + correction, e);
  }
  const s = twoSum(t * pow2(e), -1);
  return normalize(s, lo1 + correction * pow2(e));
}

// ---------------------------------------------------------------------------------------------
// log: x = 2^k·m with m in [√½, √2), f = m − 1 (exact), and
//   log x = k·ln 2 + log(1 + f),  log(1 + f) = 2·atanh(s) = 2s + (2/3)s³ + 2s⁵(1/5 + s²/7 + …)
// with s = f/(2 + f), |s| ≤ 0.172. s and the s³ term are carried as double-doubles, the rest
// (under 10⁻⁴ of the result) in plain doubles: the result is a double-double good to about 2⁻⁶⁶,
// which log10 and pow need.


/** log(1 + f) for |f| ≤ √2 − 1 as a double-double: returns hi, leaves lo in lo1. */
function log1pKernel(f: number): number {
  const d = 2 + f, dLo = f - (d - 2); // 2 + f = d + dLo exactly (|f| < 2)
  const s = f / d;
  const p = twoProduct(s, d);
  const sLo = ((f - p) - lo2 - s * dLo) / d; // s + sLo = f/(2 + f) to about 2⁻¹⁰⁶
  const z = s * s;
  // 2s⁵(1/5 + z/7 + … + z¹⁰/25): the first omitted term is below 2⁻⁶⁶ of the result
  const tail = 2 * s * z * z * (1 / 5 + z * (1 / 7 + z * (1 / 9 + z * (1 / 11 + z * (1 / 13 + z * (1 / 15 + z * (1 / 17 + z * (1 / 19 + z * (1 / 21 + z * (1 / 23 + z / 25))))))))));
  // s³ = c + cLo, then (2/3)s³ = q + qLo
  const a = twoProduct(s, s), aLo = lo2;
  const c = twoProduct(a, s);
  const cLo = lo2 + aLo * s + 3 * z * sLo;
  const q = (2 * c) / 3;
  const q3 = twoProduct(q, 3);
  const qLo = ((2 * c - q3) - lo2 + 2 * cLo) / 3;
  const hi = twoSum(2 * s, q);
  lo1 = lo1 + (2 * sLo + qLo + tail);
  return hi;
}

/**
 * log x as a double-double (returns hi, leaves lo in lo1), for finite x > 0; `extraLo` is added to
 * the argument's logarithm first (log1p's correction for the rounding of 1 + x).
 */
function logDouble(x: number, extraLo: number): number {
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: bring a subnormal into the normal range
    k = -54;
  }
  bits[0] = x;
  const high = words[HIGH];
  const exponent = ((high >>> 20) & 0x7ff) - 1023;
  k += exponent;
  let m = x * POW2[1074 - exponent]; // in [1, 2)
  if (m > 1.4142135623730951) {
    m *= 0.5;
    k += 1;
  }
  const hi = log1pKernel(m - 1);
  const lo = lo1 + extraLo;
  if (k === 0) return normalize(hi, lo);
  const s = twoSum(k * LN2_HI, hi); // k·LN2_HI is exact
  return normalize(s, lo1 + lo + k * LN2_LO);
}

// The plain log and log1p, which losses and normal draws call in hot loops, use a table instead:
// with m in [1, 2) and j its first 7 bits after the point, c_j ≈ 1 + (j + ½)/128 and r = m/c_j − 1,
//   log x = k·ln 2 + log c_j + log(1 + r),  |r| ≤ 1/255,
// where log(1 + r) = r − r²/2 + … + r⁷/7 needs no division. To keep r exact, the table holds 1/c_j
// rounded to a double and the logarithm of exactly that double's inverse, so r = m·(1/c_j) − 1 comes
// out exact by TwoProduct. Near x = 1 log c_j and log(1 + r) would cancel, so there the series runs
// on f = x − 1 directly.

const LOG_STEPS = 128;
const INVERSE_C = new Float64Array(LOG_STEPS);
const LOG_C_HI = new Float64Array(LOG_STEPS); // filled below, once logDouble exists
const LOG_C_LO = new Float64Array(LOG_STEPS);
for (let j = 0; j < LOG_STEPS; j++) INVERSE_C[j] = 1 / (1 + (j + 0.5) / LOG_STEPS);

/** log(1 + f) for |f| < 1/128, f exact: f + f²·(−1/2 + f/3 − … − f⁸/10), good to about 2⁻⁶². */
function log1pSmall(f: number): number {
  return f + f * f * (-1 / 2 + f * (1 / 3 + f * (-1 / 4 + f * (1 / 5 + f * (-1 / 6 + f * (1 / 7 + f * (-1 / 8 + f * (1 / 9 + f * (-1 / 10)))))))));
}

/**
 * log(x + c) for x > 0 away from 1 (|x − 1| ≥ 1/128) and |c| ≤ ulp(x): the table method above, with
 * log(x + c) = log x + c/x (to first order, exact here). Only log1p passes a c ≠ 0.
 */
function logTable(x: number, c: number): number {
  const extra = c === 0 ? 0 : c / x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: bring a subnormal into the normal range
    k = -54;
  }
  bits[0] = x;
  const high = words[HIGH];
  const exponent = ((high >>> 20) & 0x7ff) - 1023;
  k += exponent;
  const j = (high >>> 13) & (LOG_STEPS - 1);
  // m = x·2^−exponent in [1, 2), by an exact multiplication (writing the exponent bits instead and
  // reading the double back stalls the processor: the read cannot be served from the unfinished
  // write). TwoProduct and the two TwoSums are written out with local variables: a hot path.
  const m = x * POW2[1074 - exponent], inverse = INVERSE_C[j];
  const p = m * inverse;
  let t = SPLIT * m;
  const mh = t - (t - m), ml = m - mh;
  t = SPLIT * inverse;
  const ih = t - (t - inverse), il = inverse - ih;
  const pLo = ((mh * ih - p) + mh * il + ml * ih) + ml * il; // m·inverse = p + pLo exactly
  const rHi = p - 1; // exact: p is within 1/255 of 1
  const r = rHi + pLo;
  const rLo = pLo - (r - rHi);
  const poly = r * r * (-1 / 2 + r * (1 / 3 + r * (-1 / 4 + r * (1 / 5 + r * (-1 / 6 + r * (1 / 7))))));
  const kh = k * LN2_HI, logC = LOG_C_HI[j]; // k·LN2_HI is exact
  const a = kh + logC, a1 = a - kh, aLo = (kh - (a - a1)) + (logC - a1);
  const b = a + r, b1 = b - a, bLo = (a - (b - b1)) + (r - b1);
  return b + (bLo + aLo + (LOG_C_LO[j] + k * LN2_LO + rLo + poly + extra));
}

// The table of log c_j for log and log1p (see logTable), from the double-double logarithm.
for (let j = 0; j < LOG_STEPS; j++) {
  const hi = logDouble(INVERSE_C[j], 0); // log of the rounded 1/c_j; log c_j, as the table means it, is its negative
  LOG_C_HI[j] = -hi;
  LOG_C_LO[j] = -lo1;
}

/**
 * The natural logarithm ln x; NaN for x < 0, −Infinity at 0.
 *
 * ```ts
 * log(Math.E); // 1
 * ```
 */
export function log(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
  if (x > 0.9921875 && x < 1.0078125) return log1pSmall(x - 1); // x − 1 is exact here
  return logTable(x, 0);
}

/**
 * ln(1 + x), accurate also when x is tiny (where `log(1 + x)` loses every digit).
 *
 * ```ts
 * log1p(1e-10); // 9.9999999995e-11
 * ```
 */
export function log1p(x: number): number {
  if (!(x > -1) || x === Infinity) return x === -1 ? -Infinity : x === Infinity ? Infinity : NaN;
  if (x > -0.0078125 && x < 0.0078125) return x > -1.1102230246251565e-16 && x < 1.1102230246251565e-16 ? x : log1pSmall(x); // tiny x keeps −0
  // u = 1 + x rounds; its rounding error c adds c/u to the logarithm (to first order, exact here)
  const u = 1 + x;
  const c = x <= 1 ? x - (u - 1) : 1 - (u - x);
  return logTable(u, c);
}

/**
 * log₁₀ x. Exact at powers of ten: log10(1e-4) is −4.
 *
 * ```ts
 * log10(1000); // 3
 * ```
 */
export function log10(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
  const hi = logDouble(x, 0), lo = lo1;
  const p = twoProduct(hi, INV_LN10_HI);
  return p + (lo2 + hi * INV_LN10_LO + lo * INV_LN10_HI);
}

/** 10^n for integers 0…22, all exact. */
const POWERS_OF_TEN = [1];
for (let n = 1; n <= 22; n++) POWERS_OF_TEN.push(POWERS_OF_TEN[n - 1] * 10);

/**
 * 10^x, the inverse of log10. Correctly rounded at integers from −22 to 22 (pow10(−3) is 0.001).
 *
 * ```ts
 * pow10(-2.5); // 0.0031622776601683794
 * ```
 */
export function pow10(x: number): number {
  if (x !== x) return NaN;
  if (Number.isInteger(x) && x >= -22 && x <= 22) return x >= 0 ? POWERS_OF_TEN[x] : 1 / POWERS_OF_TEN[-x];
  if (x > 309) return Infinity;
  if (x < -324) return 0;
  const p = twoProduct(x, LN10_HI);
  return expDouble(p, lo2 + x * LN10_LO);
}

/**
 * x^y, with JavaScript's rules for the special cases (as `x ** y`: e.g. pow(1, Infinity) is NaN,
 * a negative x needs an integer y).
 *
 * ```ts
 * pow(0.9, 100); // 0.000026561398887587544
 * ```
 */
export function pow(x: number, y: number): number {
  if (y !== y) return NaN;
  if (y === 0) return 1;
  if (x !== x) return NaN;
  const ay = y < 0 ? -y : y;
  if (ay === Infinity) {
    const ax = x < 0 ? -x : x;
    if (ax === 1) return NaN;
    return (ax > 1) === (y > 0) ? Infinity : 0;
  }
  const integer = Number.isInteger(y);
  const odd = integer && ay < 9007199254740992 && ay % 2 === 1;
  if (x === 0 || x === Infinity || x === -Infinity) {
    const zero = x === 0;
    const negative = zero ? Object.is(x, -0) : x < 0;
    const magnitude = (y > 0) === zero ? 0 : Infinity;
    return negative && odd ? -magnitude : magnitude;
  }
  if (x < 0) {
    if (!integer) return NaN;
    const v = pow(-x, y);
    return odd ? -v : v;
  }
  if (x === 1) return 1;
  if (y === 1) return x;
  // x^y = e^(y·ln x) with ln x as a double-double and y·ln x formed exactly
  const l = logDouble(x, 0), lLo = lo1;
  const estimate = y * l;
  if (estimate > 800) return Infinity;
  if (estimate < -800) return 0;
  // twoProduct needs |y|, |l| < 2^995; when y is that large, |l| is tiny: move a factor across
  const big = ay > 1e290;
  const yy = big ? y * pow2(-256) : y;
  const ll = big ? l * pow2(256) : l;
  const llLo = big ? lLo * pow2(256) : lLo;
  const p = twoProduct(yy, ll);
  return expDouble(p, lo2 + yy * llLo);
}

// ---------------------------------------------------------------------------------------------
// sin and cos: x = n·π/2 + r with |r| ≲ π/4, then a Taylor series on r. The reduction carries r as
// a double-double: for |x| < 1.6·10⁶ with π/2 in four pieces (Cody & Waite's method, to 152
// bits), beyond that with π computed to 1,300 bits in BigInt (done once, the first time).

let reducedLo = 0; // the huge-argument path's results: r's low part and n mod 4
let quadrant = 0;

/**
 * sin x when shift is 0, cos x when shift is 1 (cos x = sin(x + π/2) moves one quadrant on), for
 * finite |x| ≥ 2⁻²⁷. Written with local variables only: sin and cos are on the hot path of every
 * normal draw.
 */
function sinOrCos(x: number, shift: number): number {
  const ax = x < 0 ? -x : x;
  let r: number, rLo: number, q: number;
  if (ax <= 0.7853981633974483) {
    r = x;
    rLo = 0;
    q = shift;
  } else if (ax < 1647000) {
    const n = x * TWO_OVER_PI + ROUND - ROUND;
    const t1 = x - n * PIO2_1; // exact: n·PIO2_1 is exact and close to x
    const w2 = -(n * PIO2_2), t2 = t1 + w2, v2 = t2 - t1;
    const e2 = (t1 - (t2 - v2)) + (w2 - v2); // TwoSum: t1 + w2 = t2 + e2 exactly
    const w3 = -(n * PIO2_3), t3 = t2 + w3, v3 = t3 - t2;
    const e3 = (t2 - (t3 - v3)) + (w3 - v3);
    const lo = e2 + e3 - n * PIO2_4;
    r = t3 + lo;
    rLo = lo - (r - t3);
    q = (n & 3) + shift;
  } else {
    r = reduceHuge(x);
    rLo = reducedLo;
    q = quadrant + shift;
  }
  switch (q & 3) {
    case 0: return sinKernel(r, rLo);
    case 1: return cosKernel(r, rLo);
    case 2: return -sinKernel(r, rLo);
    default: return -cosKernel(r, rLo);
  }
}

let twoOverPiBits: bigint | null = null; // ⌊2^FRACTION · 2/π⌋
const FRACTION = 1200; // enough for any double: x < 2^1024 keeps 120 bits after the point

function reduceHuge(x: number): number {
  if (twoOverPiBits === null) twoOverPiBits = computeTwoOverPi();
  // x = M·2^E exactly, with M a 53-bit integer
  bits[0] = x < 0 ? -x : x;
  const high = words[HIGH], low = words[LOW];
  const E = ((high >>> 20) & 0x7ff) - 1075;
  const M = (BigInt((high & 0x000fffff) | 0x00100000) << 32n) | BigInt(low);
  // x·2/π = M·twoOverPiBits·2^(E − FRACTION); split into an integer n and a fraction in [−½, ½)
  const shift = BigInt(FRACTION - E);
  const product = M * twoOverPiBits;
  const half = 1n << (shift - 1n);
  const n = (product + half) >> shift;
  const fraction = product - (n << shift); // in [−2^(shift−1), 2^(shift−1))
  // the fraction's leading 110 bits (it can start far below the point) as a double-double, then times π/2
  const length = (fraction < 0n ? -fraction : fraction).toString(2).length;
  const drop = length > 110 ? BigInt(length - 110) : 0n;
  const f = fraction >> drop; // keeps the sign
  const unit = Number(drop - shift); // f·2^unit is the fraction
  const fHi = Number(f) * pow2(unit);
  const fLo = Number(f - BigInt(Number(f))) * pow2(unit);
  const p = twoProduct(fHi, PIO2_HI);
  const lo = lo2 + fHi * PIO2_LO + fLo * PIO2_HI;
  const r = p + lo;
  const sign = x < 0 ? -1 : 1;
  reducedLo = sign * (lo - (r - p));
  quadrant = Number(x < 0 ? -n & 3n : n & 3n);
  return sign * r;
}

/** ⌊2^FRACTION · 2/π⌋ with π from Machin's formula π = 16·atan(1/5) − 4·atan(1/239), in BigInt. */
function computeTwoOverPi(): bigint {
  const bitsOfPi = BigInt(FRACTION + 100);
  const one = 1n << bitsOfPi;
  const arctanInverse = (k: bigint): bigint => {
    let sum = 0n, term = one / k, n = 1n, sign = 1n;
    const k2 = k * k;
    while (term !== 0n) {
      sum += (sign * term) / n;
      term /= k2;
      n += 2n;
      sign = -sign;
    }
    return sum;
  };
  const pi = 16n * arctanInverse(5n) - 4n * arctanInverse(239n); // π·2^bitsOfPi
  return (2n << (BigInt(FRACTION) + bitsOfPi)) / pi;
}

// Taylor coefficients: sin r = r + r·z·S(z), cos r = 1 − z/2 + z²·C(z), z = r², to r¹⁷ and r¹⁶
// (the first omitted terms are below 2⁻⁶³ of the result for |r| ≤ π/4).
const S1 = -1 / 6, S2 = 1 / 120, S3 = -1 / 5040, S4 = 1 / 362880, S5 = -1 / 39916800;
const S6 = 1 / 6227020800, S7 = -1 / 1307674368000, S8 = 1 / 355687428096000;
const C1 = 1 / 24, C2 = -1 / 720, C3 = 1 / 40320, C4 = -1 / 3628800, C5 = 1 / 479001600;
const C6 = -1 / 87178291200, C7 = 1 / 20922789888000;

/** sin(r + rLo) for |r| ≲ π/4. */
function sinKernel(r: number, rLo: number): number {
  const z = r * r;
  const poly = S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * (S6 + z * (S7 + z * S8))))));
  return r + (rLo * (1 - 0.5 * z) + r * z * poly);
}

/** cos(r + rLo) for |r| ≲ π/4; 1 − r²/2 is formed with its rounding error kept. */
function cosKernel(r: number, rLo: number): number {
  const z = r * r; // r² = z + zLo exactly (TwoProduct, written out)
  const t = SPLIT * r, rh = t - (t - r), rl = r - rh;
  const zLo = ((rh * rh - z) + 2 * rh * rl) + rl * rl;
  const half = 0.5 * z;
  const w = 1 - half;
  const poly = C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * (C6 + z * C7)))));
  return w + ((((1 - w) - half) - 0.5 * zLo) + (z * z * poly - r * rLo));
}

/**
 * sin x (x in radians).
 *
 * ```ts
 * sin(Math.PI / 6); // 0.49999999999999994
 * ```
 */
export function sin(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  if (x < 7.450580596923828e-9 && x > -7.450580596923828e-9) return x; // x − x³/6 rounds to x (keeps −0)
  return sinOrCos(x, 0);
}

/**
 * cos x (x in radians).
 *
 * ```ts
 * cos(Math.PI / 3); // 0.5000000000000001
 * ```
 */
export function cos(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  if (x < 7.450580596923828e-9 && x > -7.450580596923828e-9) return 1; // 1 − x²/2 rounds to 1
  return sinOrCos(x, 1);
}

/**
 * tanh x = (e^2x − 1)/(e^2x + 1) = expm1(2x)/(expm1(2x) + 2), with expm1 and the quotient carried
 * in double-double. Exported to the engine as the source of the tanh layer's table (the layer
 * itself uses the faster `tanhOf` in layers/activations.ts); not re-exported, since `tanh()` is
 * the activation layer.
 *
 * ```ts
 * tanh(0.5); // 0.46211715726000974
 * ```
 */
export function tanh(x: number): number {
  if (x !== x) return NaN;
  const ax = x < 0 ? -x : x;
  if (ax > 19.1) return x < 0 ? -1 : 1; // 1 − tanh x < 2^−54: rounds to ±1
  if (ax < 1.1102230246251565e-16) return x;
  const e = expm1Double(2 * ax), eLo = lo1;
  const d = twoSum(e, 2), dLo = lo1 + eLo;
  const q = e / d;
  const p = twoProduct(q, d);
  const t = q + ((e - p) - lo2 + eLo - q * dLo) / d;
  return x < 0 ? -t : t;
}

/**
 * √(a² + b²) without overflow or underflow in the squares.
 *
 * ```ts
 * hypot(3, 4); // 5
 * ```
 */
export function hypot(a: number, b: number): number {
  const x = a < 0 ? -a : a, y = b < 0 ? -b : b;
  if (x === Infinity || y === Infinity) return Infinity;
  if (x !== x || y !== y) return NaN;
  const big = x > y ? x : y, small = x > y ? y : x;
  if (big === 0) return 0;
  if (big > 1e150 || small < 1e-150) {
    const t = small / big;
    return big * Math.sqrt(1 + t * t);
  }
  return Math.sqrt(big * big + small * small);
}
