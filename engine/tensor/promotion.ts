/**
 * Which dtype an op computes in: PyTorch's result_type over three tiers of operands
 * (tensors with dims, 0-dim tensors, wrapped Python numbers), from ATen's TypeProperties.cpp.
 */
import { type DType, bool, float64, get_default_dtype, int64, promote_types } from "./dtype.js";
import type { Tensor } from "./tensor.js";

/** A JS number used where PyTorch takes a Python scalar is "wrapped": it never widens a tensor's dtype within its category. */
export function isWrapped(t: Tensor): boolean {
  return t._wrappedNumber;
}

function combine(higher: DType | null, lower: DType | null): DType | null {
  if (!higher) return lower;
  if (!lower) return higher;
  if (higher.is_floating_point) return higher;
  if (higher === bool || lower.is_floating_point) return promote_types(higher, lower);
  return higher;
}

export function resultType(...operands: Tensor[]): DType {
  // Two tensors with dims and one dtype (most calls): that dtype.
  if (operands.length === 2) {
    const a = operands[0],
      b = operands[1];
    if (a.dtype === b.dtype && !a._wrappedNumber && !b._wrappedNumber && a._shape.length > 0 && b._shape.length > 0)
      return a.dtype;
  }
  let dim: DType | null = null,
    zero: DType | null = null,
    wrapped: DType | null = null;
  for (const t of operands) {
    if (isWrapped(t)) {
      const d = t.dtype.is_floating_point ? get_default_dtype() : t.dtype;
      wrapped = wrapped ? promote_types(wrapped, d) : d;
    } else if (t._shape.length === 0) zero = zero ? promote_types(zero, t.dtype) : t.dtype;
    else dim = dim ? promote_types(dim, t.dtype) : t.dtype;
  }
  return combine(dim, combine(zero, wrapped)) ?? get_default_dtype();
}

/**
 * The dtype a JS scalar gets when wrapped: bool, int64 for integers, float64 otherwise (as Python's).
 * NOTE: JS cannot tell 1e300 from an integer; one beyond int64's range can only be a float.
 */
export function scalarDtype(v: number | boolean | bigint): DType {
  if (typeof v === "boolean") return bool;
  if (typeof v === "bigint") return int64; // a Python int, whatever its size
  return isInt64Number(v) ? int64 : float64;
}

/** An integral JS number inside int64's range: what a Python int literal can be. */
export function isInt64Number(v: number): boolean {
  return Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63;
}
