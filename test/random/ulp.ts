/** Distance in units in the last place between two doubles (0 when identical, including ±0). */
const F64 = new Float64Array(1);
const I64 = new BigInt64Array(F64.buffer);

function ordered(x: number): bigint {
  F64[0] = x;
  const b = I64[0]!;
  // Map the sign-magnitude bit patterns onto a monotonic integer line (-0 and +0 both map to 0).
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}

export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

/** Largest ulp distance between two equal-length sequences (Infinity on a length mismatch). */
export function maxUlp(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, ulpDistance(a[i]!, b[i]!));
  return m;
}

/** Size of one ulp at |x| (for normal doubles). */
export function ulpOf(x: number): number {
  const a = Math.abs(x);
  if (a < 2 ** -1022) return 2 ** -1074;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a)
    e--; // guard log2 rounding just below a power of two
  else if (2 ** (e + 1) <= a) e++;
  return 2 ** (e - 52);
}

/**
 * For `mean + std * z` streams: the z's behind got and want may differ by `ulps` ulp (Math.log vs
 * glibc); the affine step then adds its own rounding. A plain ulp distance on the result is
 * unfair when `mean + std * z` cancels towards 0, so bound the absolute difference instead.
 */
export function affineWithinUlps(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  mean: number,
  std: number,
  ulps = 4,
): boolean {
  if (got.length !== want.length) return false;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!,
      allowed = ulps * ulpOf(w - mean) + 2 * ulpOf(w);
    if (!(Math.abs(got[i]! - w) <= allowed)) return false;
  }
  return true;
}
