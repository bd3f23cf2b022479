/** Small helpers shared by the op families: wrapping scalars, making results, viewing storage. */
import { TypeError as PyTypeError, pyTypeName } from "../errors.js";
import { type DType, filledStorage } from "../tensor/dtype.js";
import { Tensor, type TensorLike } from "../tensor/tensor.js";
import { scalarDtype } from "../tensor/promotion.js";
import { isOptions } from "../tensor/arg_parser.js";
import type { StorageArray } from "../tensor/dtype.js";

/** A JS number or boolean as a 0-dim "wrapped number" tensor (Python scalar semantics in promotion). */
export function wrap(v: TensorLike, dtype?: DType): Tensor {
  if (v instanceof Tensor) return v;
  if (typeof v !== "number" && typeof v !== "boolean" && typeof v !== "bigint")
    throw new PyTypeError(`expected a Tensor or a number, but got ${pyTypeName(v)}`);
  const d = dtype ?? scalarDtype(v);
  let data: StorageArray;
  // A bigint is a Python int: exact in int64 (beyond 2^53 too), cast once for other dtypes.
  if (typeof v === "bigint") data = filledStorage(d, 1, v);
  else {
    data = new d.ArrayType(1);
    data[0] = typeof v === "boolean" ? (v ? 1 : 0) : v;
  }
  const t = Tensor._fromData(data, [], d);
  t._wrappedNumber = true;
  return t;
}

/** A JS number or boolean (not a tensor, nor a bigint: those take the tensor path, exact in int64). */
export function plainScalar(v: unknown): v is number | boolean {
  return typeof v === "number" || typeof v === "boolean";
}

/** A scalar as an op attribute: a number, or a bigint kept exact (a Python int beyond 2^53). */
export function scalarValue(v: number | boolean | bigint): number | bigint {
  return typeof v === "bigint" ? v : +v;
}

export { sv, svBroadcast } from "../tensor/strided_view.js";

export function make(data: StorageArray, shape: readonly number[], dtype: DType): Tensor {
  return Tensor._fromData(data, shape, dtype);
}

/** Parse `(dim?, keepdim?)` or `({dim, keepdim})` as PyTorch's reductions accept them. */
export function dimArgs(
  a?: number | number[] | { dim?: number | number[] | null; keepdim?: boolean } | null,
  b?: boolean,
): { dim: number[] | null; keepdim: boolean } {
  if (isOptions(a) && !Array.isArray(a))
    return {
      dim: a.dim === undefined || a.dim === null ? null : Array.isArray(a.dim) ? a.dim : [a.dim],
      keepdim: a.keepdim ?? false,
    };
  return { dim: a === undefined || a === null ? null : Array.isArray(a) ? a : [a], keepdim: b ?? false };
}
