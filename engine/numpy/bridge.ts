/**
 * torch <-> numpy: `Tensor.prototype.numpy()` and `torch.from_numpy(a)`, both sharing memory as
 * PyTorch does, so an in-place change through either side shows in the other.
 *
 * numpy() shares even for non-contiguous tensors (a transpose, a column): an NDArray is strided
 * like a numpy array, so the view keeps the tensor's strides and offset instead of copying.
 * Element layouts agree by construction (engine/tensor/dtype.ts): int64 in a Float64Array, bool
 * in a Uint8Array, float16 in a Float32Array.
 */
import { RuntimeError, TypeError as PyTypeError } from "../errors.js";
import { viewOfStridedArray } from "../tensor/creation.js";
import { Tensor, installMethods } from "../tensor/tensor.js";
import { NDArray, type NPDType } from "./ndarray.js";

declare module "../tensor/tensor.js" {
  interface Tensor {
    /** The tensor's data as a numpy array sharing its memory (PyTorch's `x.numpy()`). */
    numpy(): NDArray;
  }
}

/** NDArray view of a tensor's elements, no autograd check (np.array(tensor) also goes through here). */
export function tensorToNumpy(t: Tensor): NDArray {
  if (t.requires_grad)
    throw new RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
  // Shares the storage as it is now: exact int64 (values beyond 2^53) is a BigInt64Array.
  return new NDArray(t._storage.data, t._shape, t.dtype.name as NPDType, t._strides, t._offset);
}

installMethods({
  numpy(this: Tensor) {
    return tensorToNumpy(this);
  },
});

/** Python's type name of a value, for "expected np.ndarray (got list)". */
function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (Array.isArray(v)) return "list";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "str";
  if (v instanceof Tensor) return "Tensor";
  return typeof v === "object"
    ? v.constructor?.name === "Object"
      ? "dict"
      : (v.constructor?.name ?? "object")
    : typeof v;
}

/**
 * torch.from_numpy(a): a tensor over the array's memory with the same dtype (float64 stays
 * float64, int64 stays int64), shape and strides.
 */
export function from_numpy(a: NDArray): Tensor {
  if (!(a instanceof NDArray)) throw new PyTypeError(`expected np.ndarray (got ${pyTypeName(a)})`);
  return viewOfStridedArray(a);
}
