/**
 * Elementwise results in PyTorch's memory layout (engine/tensor/memory_format.ts decides it):
 * the backend writes results row-major, so the operand views are first permuted into the output's
 * memory order; the kernel then writes memory in order, and the result gets the output's strides.
 * A transposed input is read in its own memory order, which is also the fast way to read it.
 */
import type { StridedView } from "../backend/backend.js";
import type { DType, StorageArray } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { memoryOrder, preservedStrides } from "../tensor/memory_format.js";
import { backend } from "../backend/index.js";
import { sv } from "./util.js";

function permuteView(v: StridedView, order: readonly number[]): StridedView {
  return {
    data: v.data,
    offset: v.offset,
    dtype: v.dtype,
    shape: order.map((d) => v.shape[d]),
    strides: order.map((d) => v.strides[d]),
  };
}

/**
 * Run an elementwise `kernel` over views broadcast to `shape` and return a tensor laid out with
 * `strides` (null: row-major, the kernel runs on the views as given).
 */
export function laidOut(
  views: readonly StridedView[],
  shape: readonly number[],
  strides: readonly number[] | null,
  dtype: DType,
  kernel: (views: readonly StridedView[], shape: readonly number[]) => StorageArray,
): Tensor {
  if (!strides) return Tensor._fromData(kernel(views, shape), shape, dtype);
  const order = memoryOrder(strides);
  const data = kernel(
    views.map((v) => permuteView(v, order)),
    order.map((d) => shape[d]),
  );
  const t = Tensor._fromData(data, shape, dtype);
  t._strides = [...strides];
  return t;
}

/**
 * A copy of `t` (cast to `dtype`) in the layout clone()/to() give under preserve_format: t's own
 * strides when dense, else dense strides in t's stride order; row-major when that is contiguous.
 */
export function preservedCopy(t: Tensor, dtype: DType = t.dtype): Tensor {
  const strides = preservedStrides(t);
  const out = Tensor._fromData(backend().alloc(dtype, t.numel()), t._shape, dtype);
  if (strides) out._strides = strides;
  backend().copy(sv(t), sv(out));
  return out;
}
