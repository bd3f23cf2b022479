/**
 * A new zero-filled array for `dtype`. `new dtype.ArrayType(n)` constructs through a constructor
 * the compiler cannot see, the generic path; float32, the default dtype, gets a constructor it can
 * inline (small tensors are dominated by such per-op costs).
 */
import type { DType, TypedArray } from "../../tensor/dtype.js";

export function freshArray(dtype: DType, n: number): TypedArray {
  const C = dtype.ArrayType;
  return C === Float32Array ? new Float32Array(n) : (new C(n) as TypedArray);
}
