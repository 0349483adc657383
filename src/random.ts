import {log, sin, cos} from "./elementary.js";

/**
 * Seeded randomness that gives bit-identical streams in Node and every browser: the generator is
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand), whose state is four
 * 32-bit words advanced with `Math.imul`, `+`, shifts and xor, all exact in JavaScript. The seed is
 * spread over the state with splitmix32 so that nearby seeds (1, 2, 3…) give unrelated streams.
 * Normal draws use the engine's own log, sin and cos (elementary.ts), never the platform's.
 *
 * ```ts
 * const rng = random(42);
 * rng.normal();         // one draw from N(0, 1)
 * rng.permutation(5);   // e.g. [3, 0, 4, 1, 2]
 * ```
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box–Muller makes normals in pairs; the second waits here. */
  private spare: number;
  private hasSpare: boolean;

  constructor(seed: number) {
    if (typeof seed !== "number" || !Number.isFinite(seed)) {
      throw new Error(`random: seed must be a finite number, got ${seed}`);
    }
    // Every bit of the seed matters: the integer part's low and high words and the fraction.
    const floor = Math.floor(seed);
    const low = floor >>> 0;
    const high = Math.floor(floor / 4294967296) >>> 0;
    const fraction = ((seed - floor) * 4294967296) >>> 0;
    let s = (low ^ 0x9e3779b9) >>> 0;
    const next = (): number => {
      // splitmix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix)
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next() ^ high;
    this.b = next() ^ fraction;
    this.c = next();
    this.d = 1;
    this.spare = 0;
    this.hasSpare = false;
    for (let i = 0; i < 12; i++) this.nextUint32(); // warm up, as sfc32's author recommends
  }

  /** The next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const a = this.a | 0, b = this.b | 0, c = this.c | 0, d = this.d | 0;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const c2 = (c << 21) | (c >>> 11);
    this.c = (c2 + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [a, b) (default [0, 1)), with 32 random bits. */
  uniform(a = 0, b = 1): number {
    return a + (b - a) * (this.nextUint32() / 4294967296);
  }

  /** A normal number with the given mean and standard deviation (Box–Muller, second value cached). */
  normal(mean = 0, std = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + std * this.spare;
    }
    const u1 = 1 - this.nextUint32() / 4294967296; // in (0, 1], so the log is finite
    const u2 = this.nextUint32() / 4294967296;
    const r = Math.sqrt(-2 * log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * sin(theta);
    this.hasSpare = true;
    return mean + std * r * cos(theta);
  }

  /** A uniform integer in 0 … n−1 (no modulo bias). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
      throw new Error(`random.int: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Rejection sampling: drop the top sliver of 2^32 that does not divide evenly by n.
    const limit = 4294967296 - (4294967296 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** true with probability p. */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new Error(`random.bernoulli: p must be in [0, 1], got ${p}`);
    return this.uniform() < p;
  }

  /** Shuffles an array (or typed array) in place with Fisher–Yates and returns it. */
  shuffle<T extends {length: number; [i: number]: any}>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = array[i];
      array[i] = array[j];
      array[j] = t;
    }
    return array;
  }

  /** A random ordering of 0 … n−1. */
  permutation(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) throw new Error(`random.permutation: n must be a non-negative integer, got ${n}`);
    return this.shuffle(Array.from({length: n}, (_, i) => i));
  }

  /** A new generator seeded from this one's stream: independent of it, and deterministic. */
  fork(): Random {
    const child = new Random(0);
    child.a = this.nextUint32();
    child.b = this.nextUint32();
    child.c = this.nextUint32();
    child.d = 1;
    for (let i = 0; i < 12; i++) child.nextUint32();
    return child;
  }

  /**
   * The generator's position, `{state: [a, b, c, d], spare, hasSpare}` (`spare` is the waiting
   * second normal of Box–Muller, written as a string when it is −0). `Random.fromJSON` restores it,
   * so a saved dropout layer goes on drawing the same masks.
   */
  toJSON(): RandomJSON {
    const spare = Object.is(this.spare, -0) ? "-0" : this.spare;
    return {state: [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0], spare, hasSpare: this.hasSpare};
  }

  /** A generator at the position `toJSON` recorded. */
  static fromJSON(json: RandomJSON): Random {
    const state = json?.state;
    if (!Array.isArray(state) || state.length !== 4 || !state.every((v) => Number.isInteger(v) && v >= 0 && v < 4294967296)) {
      throw new Error(`Random.fromJSON: state must be four 32-bit unsigned integers, got ${JSON.stringify(state)}`);
    }
    const copy = new Random(0);
    [copy.a, copy.b, copy.c, copy.d] = state.map((v) => v | 0);
    copy.spare = json.spare === "-0" ? -0 : Number(json.spare ?? 0);
    copy.hasSpare = Boolean(json.hasSpare);
    return copy;
  }

  /** A copy at the same position in the stream: both produce the same numbers from here on. */
  clone(): Random {
    const copy = new Random(0);
    copy.a = this.a;
    copy.b = this.b;
    copy.c = this.c;
    copy.d = this.d;
    copy.spare = this.spare;
    copy.hasSpare = this.hasSpare;
    return copy;
  }
}

/** A generator's position as JSON: see `Random.toJSON`. */
export interface RandomJSON {
  state: number[];
  spare?: number | string;
  hasSpare?: boolean;
}

/** A seeded generator; pass a `Random` to reuse one. */
export function random(seed: number | Random): Random {
  return seed instanceof Random ? seed : new Random(seed);
}
