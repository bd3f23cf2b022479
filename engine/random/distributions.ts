/**
 * PyTorch 1.13's CPU random kernels, filling typed arrays in memory order with the exact values
 * torch produces on an AVX2+FMA machine (torch-spec.md §4.3–4.6; algorithms from
 * aten/src/ATen/native/cpu/DistributionTemplates.h, DistributionKernels.cpp,
 * aten/src/ATen/core/DistributionsHelper.h, TransformationHelper.h, native/TensorFactories.cpp).
 *
 * Argument validation with PyTorch's messages (from <= to, std >= 0, p in [0, 1]) is the tensor
 * layer's job; multinomial checks its own input because its messages depend on the path taken.
 */
import { RuntimeError } from "../errors.js";
import { fma32, fma64 } from "../tensor/fma.js";
import { logPs, sincosPs } from "./float_math.js";
import type { Generator } from "./generator.js";
import type { MT19937 } from "./mt19937.js";
import { topkIndices } from "./stl_algo.js";

/** Anything indexable by number that stores numbers: typed arrays, plain arrays. */
export type NumericArray = { length: number; [i: number]: number };

const fround = Math.fround;
const TWO_M24 = 2 ** -24;
const TWO_M53 = 2 ** -53;
const TWO_32 = 4294967296;

/** uniform_real_distribution<float>(0, 1): 24 random bits, exact float32 in [0, 1). */
function u24(mt: MT19937): number {
  return (mt.nextU32() & 0xffffff) * TWO_M24;
}

/** uniform_real_distribution<double>(0, 1): low 53 bits of random64(), high word drawn first. */
function u53(mt: MT19937): number {
  const hi = mt.nextU32();
  const lo = mt.nextU32();
  return ((hi & 0x1fffff) * TWO_32 + lo) * TWO_M53;
}

/** One float32 uniform in [0, 1) as torch draws it (one uint32). */
export function uniform24(g: Generator): number {
  return u24(g.mt);
}
/** One double uniform in [0, 1) as torch draws it (one uint64). */
export function uniform53(g: Generator): number {
  return u53(g.mt);
}

/**
 * Tensor.uniform_(low, high) / torch.rand: one draw per element, value = fma(x, to - from, from)
 * in the tensor's dtype (float32: bounds rounded to float32 first).
 * @example uniformFill(g, new Float32Array(5), 0, 1) // torch.rand(5)
 */
export function uniformFill(g: Generator, out: Float32Array | Float64Array, low: number, high: number): void {
  const mt = g.mt,
    n = out.length;
  if (out instanceof Float32Array) {
    const from = fround(low),
      range = fround(fround(high) - from);
    if (from === 0 && range === 1) {
      for (let i = 0; i < n; i++) out[i] = u24(mt);
    } else {
      for (let i = 0; i < n; i++) out[i] = fma32(u24(mt), range, from);
    }
  } else {
    const range = high - low;
    if (low === 0 && high === 1) {
      for (let i = 0; i < n; i++) out[i] = u53(mt);
    } else {
      for (let i = 0; i < n; i++) out[i] = fma64(u53(mt), range, low);
    }
  }
}

/**
 * at::normal_distribution<double>: serial Box-Muller whose second value r*sin(theta) is cached in
 * the generator (torch 1.13 uses log(1 - u2); later versions log1p(-u2)).
 */
export function normalDouble(g: Generator): number {
  if (g.hasNormal) {
    g.hasNormal = false;
    return g.normal;
  }
  const mt = g.mt;
  const u1 = u53(mt);
  const u2 = u53(mt);
  const r = Math.sqrt(-2 * Math.log(1 - u2));
  const theta = 2 * Math.PI * u1;
  g.normal = r * Math.sin(theta);
  g.hasNormal = true;
  return r * Math.cos(theta);
}

/**
 * Tensor.normal_(mean, std) / torch.randn. Contiguous targets with >= 16 elements take the
 * vectorised fill (normal_fill_AVX2 for float32, normal_fill<double>); smaller or non-contiguous
 * ones the serial double path, whatever the dtype (normal_kernel in cpu/DistributionTemplates.h).
 * @example normalFill(g, new Float32Array(20), 0, 1) // torch.randn(20)
 */
export function normalFill(
  g: Generator,
  out: Float32Array | Float64Array,
  mean: number,
  std: number,
  contiguous = true,
): void {
  const n = out.length;
  if (n >= 16 && contiguous) {
    if (out instanceof Float32Array) normalFillF32(g.mt, out, fround(mean), fround(std));
    else normalFillF64(g.mt, out, mean, std);
    return;
  }
  const plain = mean === 0 && std === 1;
  for (let i = 0; i < n; i++) {
    const v = normalDouble(g);
    out[i] = plain ? v : fma64(v, std, mean); // double fma, then the store casts to the dtype
  }
}

// All uniforms first, then Box-Muller on blocks of 16 (8 pairs: lane j with lane j+8). A ragged
// tail is not padded: the last 16 values are redrawn and recomputed, overlapping the previous block.
function normalFillF32(mt: MT19937, d: Float32Array, mean: number, std: number): void {
  const n = d.length;
  for (let i = 0; i < n; i++) d[i] = u24(mt);
  for (let i = 0; i + 16 <= n; i += 16) fill16F32(d, i, mean, std);
  if (n % 16 !== 0) {
    for (let i = n - 16; i < n; i++) d[i] = u24(mt);
    fill16F32(d, n - 16, mean, std);
  }
}

const TWO_PI_F = fround(2 * Math.PI);
const SINCOS = new Float64Array(2);

/** normal_fill_16_AVX2: float32 throughout, Cephes log/sincos, fused a*b+c (torch-spec.md §4.4.3). */
function fill16F32(d: Float32Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = fround(1 - d[o + j]!); // [0, 1) -> (0, 1] for log
    const u2 = d[o + j + 8]!;
    const radius = fround(Math.sqrt(fround(-2 * logPs(u1))));
    sincosPs(fround(TWO_PI_F * u2), SINCOS);
    d[o + j] = fma32(fround(radius * SINCOS[1]!), std, mean);
    d[o + j + 8] = fma32(fround(radius * SINCOS[0]!), std, mean);
  }
}

function normalFillF64(mt: MT19937, d: Float64Array, mean: number, std: number): void {
  const n = d.length;
  for (let i = 0; i < n; i++) d[i] = u53(mt);
  for (let i = 0; i + 16 <= n; i += 16) fill16F64(d, i, mean, std);
  if (n % 16 !== 0) {
    for (let i = n - 16; i < n; i++) d[i] = u53(mt);
    fill16F64(d, n - 16, mean, std);
  }
}

/** normal_fill_16<double>. NOTE: Math.log/cos/sin differ from glibc in the last bits (<= 3 ulp). */
function fill16F64(d: Float64Array, o: number, mean: number, std: number): void {
  const plain = mean === 0 && std === 1;
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[o + j]!;
    const u2 = d[o + j + 8]!;
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    const a = radius * Math.cos(theta),
      b = radius * Math.sin(theta);
    d[o + j] = plain ? a : fma64(a, std, mean);
    d[o + j + 8] = plain ? b : fma64(b, std, mean);
  }
}

/**
 * torch.randint(low, high) / Tensor.random_(low, high): `draw % (high - low) + low` (plain modulo),
 * with a 64-bit draw when the range needs more than 32 bits (random_from_to in TransformationHelper.h).
 * @example randintFill(g, new Float64Array(8), 0, 10)
 */
export function randintFill(g: Generator, out: NumericArray, low: number, high: number): void {
  const mt = g.mt,
    n = out.length,
    range = high - low;
  if (range >= TWO_32) {
    const r = BigInt(range),
      lo = BigInt(low);
    for (let i = 0; i < n; i++) out[i] = Number((g.random64() % r) + lo);
  } else {
    for (let i = 0; i < n; i++) out[i] = (mt.nextU32() % range) + low;
  }
}

/**
 * torch.randperm(n) in 1.13 (any n): forward Fisher-Yates, `swap(r[i], r[i + random() % (n - i)])`
 * (randperm_cpu in TensorFactories.cpp; 2.x switches to random64 for n >= 2^32/20).
 */
export function randpermValues(g: Generator, n: number): Float64Array {
  const mt = g.mt;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = i + (mt.nextU32() % (n - i));
    const t = r[i]!;
    r[i] = r[z]!;
    r[z] = t;
  }
  return r;
}

export type RandomDType = "int64" | "int32" | "int16" | "int8" | "uint8" | "bool" | "float16" | "float32" | "float64";

/**
 * Tensor.random_() without bounds (uniform_int_distribution + transformation::uniform_int):
 * 64-bit draw for int64/float64, 32-bit otherwise, then `% (max + 1)` (integers) or
 * `% (2^digits + 1)` (floating). int64 into a number array rounds above 2^53; pass a
 * BigInt64Array for the exact values.
 */
export function randomFill(g: Generator, out: NumericArray | BigInt64Array, dtypeName: RandomDType): void {
  const mt = g.mt,
    n = out.length;
  if (out instanceof BigInt64Array) {
    for (let i = 0; i < n; i++) out[i] = g.random64() & 0x7fffffffffffffffn;
    return;
  }
  let mod = 0;
  switch (dtypeName) {
    case "int64": // (hi mod 2^31) * 2^32 + lo, rounded once like Number(bigint)
      for (let i = 0; i < n; i++) {
        const hi = mt.nextU32() & 0x7fffffff;
        out[i] = hi * TWO_32 + mt.nextU32();
      }
      return;
    case "float64": // x mod (2^53 + 1) with 2^53 = -1: hi = a*2^21 + b gives b*2^32 + lo - a
      for (let i = 0; i < n; i++) {
        const hi = mt.nextU32(),
          lo = mt.nextU32();
        const t = (hi & 0x1fffff) * TWO_32 + lo - (hi >>> 21);
        out[i] = t < 0 ? 2 ** 53 + t + 1 : t;
      }
      return;
    case "bool":
      for (let i = 0; i < n; i++) out[i] = mt.nextU32() & 1;
      return;
    case "int32":
      mod = 2 ** 31;
      break;
    case "int16":
      mod = 2 ** 15;
      break;
    case "int8":
      mod = 2 ** 7;
      break;
    case "uint8":
      mod = 2 ** 8;
      break;
    case "float16":
      mod = 2 ** 11 + 1;
      break;
    case "float32":
      mod = 2 ** 24 + 1;
      break;
  }
  for (let i = 0; i < n; i++) out[i] = mt.nextU32() % mod;
}

/** Tensor.bernoulli_(p) with a float p (no MKL in Debian's build): `uniform53() < p` per element. */
export function bernoulliScalarFill(g: Generator, out: Float32Array | Float64Array | Uint8Array, p: number): void {
  const mt = g.mt,
    n = out.length;
  for (let i = 0; i < n; i++) out[i] = u53(mt) < p ? 1 : 0;
}

/**
 * torch.bernoulli(probs) / Tensor.bernoulli_(p_tensor): float64 probabilities compare a 53-bit
 * uniform, any other dtype a 24-bit float uniform (bernoulli_tensor_cpu_kernel).
 */
export function bernoulliTensorFill(
  g: Generator,
  probs: Float32Array | Float64Array,
  out: Float32Array | Float64Array | Uint8Array | NumericArray,
): void {
  const mt = g.mt,
    n = out.length;
  if (probs instanceof Float64Array) {
    for (let i = 0; i < n; i++) out[i] = u53(mt) < probs[i]! ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) out[i] = u24(mt) < probs[i]! ? 1 : 0;
  }
}

/**
 * Tensor.exponential_(lambd): `-1/lambd * log(1 - u53)` in double, cast to the dtype
 * (exponential_kernel default path). NOTE: Math.log vs glibc log can differ in the last bit.
 */
export function exponentialFill(g: Generator, out: Float32Array | Float64Array, lambd = 1): void {
  const mt = g.mt,
    n = out.length,
    scale = -1 / lambd;
  for (let i = 0; i < n; i++) out[i] = scale * Math.log(1 - u53(mt));
}

/**
 * torch.multinomial(probs, numSamples, replacement) for one row of (unnormalised) weights; call
 * once per row, in row order. With replacement (aten/src/ATen/native/cpu/MultinomialKernel.cpp):
 * cumulative sums in the probs dtype, normalised, then a binary search per 53-bit uniform. Without
 * replacement (native/Distributions.cpp): q ~ Exp(1) per category, then argmax / topk of p / q.
 * @example multinomial(g, new Float64Array([1, 2, 3, 4]), 5, true)
 */
export function multinomial(
  g: Generator,
  probs: Float32Array | Float64Array,
  numSamples: number,
  replacement: boolean,
): Float64Array {
  const f32 = probs instanceof Float32Array,
    k = probs.length;
  const round = f32 ? fround : (x: number) => x;
  if (numSamples <= 0) throw new RuntimeError("cannot sample n_sample <= 0 samples");
  if (!replacement && numSamples > k) {
    throw new RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  }
  if (k > 2 ** 24) throw new RuntimeError("number of categories cannot exceed 2^24");
  const result = new Float64Array(numSamples);
  if (!replacement) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const p = probs[j]!;
      if (!(p >= 0 && p < Infinity)) {
        throw new RuntimeError("probability tensor contains either `inf`, `nan` or element < 0");
      }
      sum += p;
    }
    if (sum === 0) throw new RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)");
    const keys = new Float64Array(k);
    const mt = g.mt;
    for (let j = 0; j < k; j++) keys[j] = round(-Math.log(1 - u53(mt))); // empty_like(p).exponential_(1)
    for (let j = 0; j < k; j++) keys[j] = round(probs[j]! / keys[j]!);
    if (numSamples === 1) {
      let best = 0; // argmax: first maximum
      for (let j = 1; j < k; j++) if (keys[j]! > keys[best]!) best = j;
      result[0] = best;
    } else {
      result.set(topkIndices(keys, numSamples));
    }
    return result;
  }
  const cum = f32 ? new Float32Array(k) : new Float64Array(k);
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const p = probs[j]!;
    if (!(p >= 0)) throw new RuntimeError("invalid multinomial distribution (encountering probability entry < 0)");
    if (p === Infinity || p !== p) {
      throw new RuntimeError("invalid multinomial distribution (encountering probability entry = infinity or NaN)");
    }
    sum = round(sum + p);
    cum[j] = sum;
  }
  if (!(sum > 0)) throw new RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)");
  for (let j = 0; j < k; j++) cum[j] = cum[j]! / sum; // the store rounds to the probs dtype
  cum[k - 1] = 1; // the last bucket always ends at 1
  const mt = g.mt;
  for (let s = 0; s < numSamples; s++) {
    const u = u53(mt);
    let left = 0,
      right = k;
    while (right - left > 0) {
      const mid = left + Math.floor((right - left) / 2);
      if (cum[mid]! < u) left = mid + 1;
      else right = mid;
    }
    result[s] = left;
  }
  return result;
}
