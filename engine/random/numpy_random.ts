/**
 * numpy's legacy `RandomState` (what `np.random.seed`, `np.random.rand`, `np.random.randn` ... use),
 * following numpy/random/mtrand.pyx, numpy/random/src/legacy/legacy-distributions.c and
 * numpy/random/src/distributions/distributions.c (torch-spec.md §4.9). Same mt19937 engine and
 * seeding as torch, different transformations.
 */
import { PyError, TypeError, ValueError } from "../errors.js";
import { MT19937 } from "./mt19937.js";

const TWO_32 = 4294967296;

/** Python's OverflowError (numpy raises it for an infinite uniform range). */
export class OverflowError extends PyError {
  static override pyName = "OverflowError";
}

/** Smallest 2^k - 1 >= x (gen_mask), for x < 2^53. */
function genMask(x: number): number {
  if (x <= 0xffffffff) {
    let m = x >>> 0;
    m |= m >>> 1;
    m |= m >>> 2;
    m |= m >>> 4;
    m |= m >>> 8;
    m |= m >>> 16;
    return m >>> 0;
  }
  let m = 0xffffffff;
  while (m < x) m = m * 2 + 1; // exact below 2^53
  return m;
}

/**
 * A legacy numpy random state.
 *
 * @example
 * const rs = new RandomState(0);
 * rs.rand(2); // Float64Array [0.5488135039273248, 0.7151893663724195]
 */
export class RandomState {
  private readonly mt = new MT19937();
  private hasGauss = false;
  private gauss = 0;

  constructor(seed?: number) {
    if (seed === undefined) this.reseedFromEntropy();
    else this.seed(seed);
  }

  /** np.random.seed(s): 0 <= s <= 2**32 - 1; clears the cached Gaussian. */
  seed(s: number): void {
    if (typeof s !== "number" || !Number.isInteger(s)) {
      const dt = typeof s === "number" ? "float64" : "<U1"; // numpy's wording for a float / a string seed
      throw new TypeError(`Cannot cast scalar from dtype('${dt}') to dtype('int64') according to the rule 'safe'`);
    }
    if (s < 0 || s > 0xffffffff) throw new ValueError("Seed must be between 0 and 2**32 - 1");
    this.mt.seed(s);
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** @internal numpy seeds its global state from OS entropy at import; any seed will do here. */
  reseedFromEntropy(): void {
    const w = new Uint32Array(1);
    globalThis.crypto.getRandomValues(w);
    this.seed(w[0]!);
  }

  /** mt19937_next_double: 27 + 26 random bits, a multiple of 2^-53 in [0, 1). */
  private nextDouble(): number {
    const a = this.mt.nextU32() >>> 5;
    const b = this.mt.nextU32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** legacy_gauss: Marsaglia's polar method; the second value is cached across calls. */
  private nextGauss(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const t = this.gauss;
      this.gauss = 0;
      return t;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.nextDouble() - 1;
      x2 = 2 * this.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    // NOTE: Math.log/sqrt vs glibc: log can differ in the last bit, so values agree within a few ulp.
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** np.random.random_sample(n) / np.random.random(n) */
  random_sample(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.nextDouble();
    return out;
  }

  /** np.random.rand(n): uniform [0, 1) doubles. */
  rand(n: number): Float64Array {
    return this.random_sample(n);
  }

  /** np.random.randn(n) / standard_normal(n) */
  randn(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.nextGauss();
    return out;
  }

  /** np.random.normal(loc, scale, n): loc + scale * gauss (legacy_normal). */
  normal(loc: number, scale: number, n: number): Float64Array {
    if (scale < 0) throw new ValueError("scale < 0");
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = loc + scale * this.nextGauss();
    return out;
  }

  /** np.random.uniform(low, high, n): low + (high - low) * u (random_uniform). */
  uniform(low: number, high: number, n: number): Float64Array {
    const range = high - low;
    if (!Number.isFinite(range)) throw new OverflowError("Range exceeds valid bounds");
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = low + range * this.nextDouble();
    return out;
  }

  /**
   * np.random.randint(low, high, n) with the default int64 dtype: masked rejection sampling on
   * [0, high - 1 - low] (random_bounded_uint64_fill, use_masked=True); `randint(high, null, n)`
   * draws from [0, high). Values are JS numbers, exact for ranges within 2^53.
   */
  randint(low: number, high: number | null | undefined, n: number): Float64Array {
    if (high === null || high === undefined) {
      high = low;
      low = 0;
    }
    if (low >= high) throw new ValueError("low >= high");
    const rng = high - 1 - low;
    const out = new Float64Array(n);
    if (rng === 0) {
      out.fill(low);
      return out;
    }
    const mask = genMask(rng);
    for (let i = 0; i < n; i++) out[i] = low + this.bounded(rng, mask);
    return out;
  }

  /** One draw in [0, rng] with the given mask: 32-bit draws, or (hi << 32 | lo) beyond 2^32 - 1. */
  private bounded(rng: number, mask: number): number {
    const mt = this.mt;
    if (rng === 0xffffffff) return mt.nextU32(); // full 32-bit range: raw draws, no mask
    if (rng < 0xffffffff) {
      let v: number;
      do v = (mt.nextU32() & mask) >>> 0;
      while (v > rng);
      return v;
    }
    const maskHi = Math.floor(mask / TWO_32);
    let v: number;
    do {
      const hi = mt.nextU32() & maskHi;
      v = hi * TWO_32 + mt.nextU32(); // mask's low word is all ones here
    } while (v > rng);
    return v;
  }

  /** random_interval(max): used by shuffle and permutation. */
  private interval(max: number): number {
    if (max === 0) return 0;
    const mask = genMask(max);
    const mt = this.mt;
    if (max <= 0xffffffff) {
      let v: number;
      do v = (mt.nextU32() & mask) >>> 0;
      while (v > max);
      return v;
    }
    return this.bounded(max, mask);
  }

  /** np.random.shuffle(a): in place, Fisher-Yates from the end (legacy shuffle of a 1-D sequence). */
  shuffle(a: { length: number; [i: number]: any }): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** np.random.permutation(n): shuffle of arange(n). */
  permutation(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }
}

/** The state behind np.random.seed / np.random.rand / ...; seeded from OS entropy like numpy's. */
export const numpyGlobalState: RandomState = new RandomState();
