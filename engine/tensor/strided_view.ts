/** A Tensor as the backend sees it: its storage, offset, shape, strides and dtype (no Tensor object). */
import type { StridedView } from "../backend/backend.js";
import type { Tensor } from "./tensor.js";

/** A Tensor as a backend input or copy destination (the storage lets a copy switch int64 to exact form). */
export function sv(t: Tensor): StridedView {
  return {
    data: t._storage.data,
    storage: t._storage,
    offset: t._offset,
    shape: t._shape,
    strides: t._strides,
    dtype: t.dtype,
  };
}

/** A strided view of t broadcast to `shape`. */
export function svBroadcast(t: Tensor, shape: readonly number[]): StridedView {
  const off = shape.length - t._shape.length;
  const strides = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < t._shape.length; i++)
    strides[off + i] = t._shape[i] === 1 && shape[off + i] !== 1 ? 0 : t._strides[i];
  return { data: t._storage.data, offset: t._offset, shape, strides, dtype: t.dtype };
}
