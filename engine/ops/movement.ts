/**
 * Shape and memory ops. View ops (view, transpose, permute, expand, squeeze, unsqueeze, select,
 * slice, narrow...) return tensors sharing storage and version counter with their base, as in
 * PyTorch; copies (contiguous, clone, to) go through the backend's strided copy.
 */
import { intArg, tensorArg } from "../tensor/arg_parser.js";
import { IndexError, RuntimeError } from "../errors.js";
import { DType } from "../tensor/dtype.js";
import { Device, Tensor, installMethods } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { checkDevice, noCuda, type DeviceLike } from "../tensor/device.js";
import { formatShape, inferSize, numel, parseSizeArgs, sameShape, viewStrides, wrapDim } from "../tensor/shape.js";
import { backend } from "../backend/index.js";
import { call, callInplace, checkInplace, defineOp, type OpOf } from "./define.js";
import { sv, svBroadcast } from "./util.js";
import { preservedCopy } from "./layout.js";
import { broadcastShapes } from "../tensor/shape.js";

/** A tensor viewing `base`'s storage with new geometry. */
export function makeView(base: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  const v = new Tensor(base._storage, shape, base.dtype, strides, offset, base._versionCounter);
  v._base = base._base ?? base;
  v._isInference = base._isInference;
  return v;
}

/** A contiguous copy of t (dtype optional). */
export function contiguousCopy(t: Tensor, dtype: DType = t.dtype): Tensor {
  const out = Tensor._fromData(backend().empty(dtype, t.numel()), t._shape, dtype);
  backend().copy(sv(t), sv(out));
  return out;
}

// ---- view ops ---------------------------------------------------------------------------------------

export const viewOp = defineOp({
  name: "view",
  gradFn: "ViewBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x], { shape }: { shape: number[] }) => {
    const strides = viewStrides(x._shape, x._strides, shape);
    if (!strides)
      throw new RuntimeError(
        "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
      );
    return makeView(x, shape, strides, x._offset);
  },
  backward: { self: (g, _s, m) => g.reshape(m.shapes[0]) },
});

// reshape of a tensor that cannot be viewed: a copy recorded as a clone then an unsafe view (as PyTorch).
export const unsafeViewOp = defineOp({
  name: "_unsafe_view",
  gradFn: "UnsafeViewBackward0",
  inputs: ["self"],
  forward: ([x], { shape }: { shape: number[] }) =>
    Tensor._fromData(
      x.is_contiguous() && x._offset === 0 && x._storage.data.length === x.numel()
        ? x._storage.data
        : contiguousCopy(x)._storage.data,
      shape,
      x.dtype,
    ),
  backward: { self: (g, _s, m) => g.reshape(m.shapes[0]) },
});

export const transposeOp = defineOp({
  name: "transpose",
  gradFn: (a: { dim0: number; dim1: number; isT?: boolean }) => (a.isT ? "TBackward0" : "TransposeBackward0"),
  inputs: ["self"],
  isView: true,
  forward: ([x], { dim0, dim1 }: { dim0: number; dim1: number; isT?: boolean }) => {
    const shape = [...x._shape],
      strides = [...x._strides];
    [shape[dim0], shape[dim1]] = [shape[dim1], shape[dim0]];
    [strides[dim0], strides[dim1]] = [strides[dim1], strides[dim0]];
    return makeView(x, shape, strides, x._offset);
  },
  backward: { self: (g, _s, m) => (m.isT ? g.t() : g.transpose(m.dim0, m.dim1)) },
});

export const permuteOp = defineOp({
  name: "permute",
  gradFn: "PermuteBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x], { dims }: { dims: number[] }) =>
    makeView(
      x,
      dims.map((d) => x._shape[d]),
      dims.map((d) => x._strides[d]),
      x._offset,
    ),
  backward: {
    self: (g, _s, m) => {
      const inv = new Array<number>(m.dims.length);
      m.dims.forEach((d, i) => (inv[d] = i));
      return g.permute(inv);
    },
  },
});

export const expandOp = defineOp({
  name: "expand",
  gradFn: "ExpandBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x], { size }: { size: number[] }) => {
    const nd = size.length,
      off = nd - x._shape.length;
    if (off < 0)
      throw new RuntimeError(
        `expand(${x.dtype.legacyName}{${formatShape(x._shape)}}, size=${formatShape(size)}): the number of sizes provided (${nd}) must be greater or equal to the number of dimensions in the tensor (${x._shape.length})`,
      );
    const shape = new Array<number>(nd),
      strides = new Array<number>(nd);
    for (let i = nd - 1; i >= 0; i--) {
      const j = i - off;
      if (j < 0) {
        if (size[i] < 0)
          throw new RuntimeError(
            `The expanded size of the tensor (${size[i]}) isn't allowed in a leading, non-existing dimension ${i}`,
          );
        shape[i] = size[i];
        strides[i] = 0;
        continue;
      }
      const cur = x._shape[j];
      const want = size[i] === -1 ? cur : size[i];
      if (cur !== want) {
        if (cur !== 1)
          throw new RuntimeError(
            `The expanded size of the tensor (${want}) must match the existing size (${cur}) at non-singleton dimension ${i}.  Target sizes: ${formatShape(size)}.  Tensor sizes: ${formatShape(x._shape)}`,
          );
        shape[i] = want;
        strides[i] = 0;
      } else {
        shape[i] = cur;
        strides[i] = x._strides[j];
      }
    }
    return makeView(x, shape, strides, x._offset);
  },
  backward: { self: (g, _s, m) => g.sum_to_size(m.shapes[0]) },
});

export const squeezeOp = defineOp({
  name: "squeeze",
  gradFn: (a: { dim: number | null }) => (a.dim === null ? "SqueezeBackward0" : "SqueezeBackward1"),
  inputs: ["self"],
  isView: true,
  forward: ([x], { dim }: { dim: number | null }) => {
    const keep = x._shape.map((s, i) => (dim === null ? s !== 1 : i !== dim || s !== 1));
    return makeView(
      x,
      x._shape.filter((_, i) => keep[i]),
      x._strides.filter((_, i) => keep[i]),
      x._offset,
    );
  },
  backward: { self: (g, _s, m) => g.reshape(m.shapes[0]) },
});

export const unsqueezeOp = defineOp({
  name: "unsqueeze",
  gradFn: "UnsqueezeBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x], { dim }: { dim: number }) => {
    const shape = [...x._shape],
      strides = [...x._strides];
    const st = dim < shape.length ? shape[dim] * strides[dim] : 1;
    shape.splice(dim, 0, 1);
    strides.splice(dim, 0, st);
    return makeView(x, shape, strides, x._offset);
  },
  backward: { self: (g, _s, m) => g.squeeze(m.dim) },
});

export const selectOp = defineOp({
  name: "select",
  gradFn: "SelectBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x], { dim, index }: { dim: number; index: number }) => {
    const size = x._shape[dim];
    // NOTE: x[i] checks its own bounds first (indexing.ts) with the "is out of bounds" IndexError text.
    if (index < -size || index >= size)
      throw new IndexError(
        `select(): index ${index} out of range for tensor of size ${formatShape(x._shape)} at dimension ${dim}`,
      );
    const i = index < 0 ? index + size : index;
    return makeView(
      x,
      x._shape.filter((_, k) => k !== dim),
      x._strides.filter((_, k) => k !== dim),
      x._offset + i * x._strides[dim],
    );
  },
  backward: { self: (g, _s, m) => call(selectBackwardOp, [g], { shape: m.shapes[0], dim: m.dim, index: m.index }) },
});

/** Gradient of select: zeros with `grad` written at `index` (differentiable: its own grad is select). */
export const selectBackwardOp = defineOp({
  internal: {
    goldens: "the backward of select, itself differentiable: reached only by double backward through select",
    gradcheck: "differentiated through select",
  },
  name: "select_backward",
  gradFn: "SelectBackwardBackward0",
  inputs: ["grad"],
  forward: ([g], { shape, dim, index }: { shape: number[]; dim: number; index: number }) => {
    const out = Tensor._fromData(backend().alloc(g.dtype, numel(shape)), shape, g.dtype);
    backend().copy(sv(g), sv(out.select(dim, index)));
    return out;
  },
  backward: { grad: (gg, _s, m) => gg.select(m.dim, m.index) },
});

export const sliceOp = defineOp({
  name: "slice",
  gradFn: "SliceBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x], { dim, start, end, step }: { dim: number; start: number; end: number; step: number }) => {
    const shape = [...x._shape],
      strides = [...x._strides];
    shape[dim] = Math.max(0, Math.ceil((end - start) / step));
    strides[dim] = x._strides[dim] * step;
    return makeView(x, shape, strides, x._offset + start * x._strides[dim]);
  },
  backward: {
    self: (g, _s, m) =>
      call(sliceBackwardOp, [g], { shape: m.shapes[0], dim: m.dim, start: m.start, end: m.end, step: m.step }),
  },
});

export const sliceBackwardOp = defineOp({
  internal: {
    goldens: "the backward of slice, itself differentiable: reached only by double backward through slicing",
    gradcheck: "differentiated through slicing",
  },
  name: "slice_backward",
  gradFn: "SliceBackwardBackward0",
  inputs: ["grad"],
  forward: (
    [g],
    { shape, dim, start, end, step }: { shape: number[]; dim: number; start: number; end: number; step: number },
  ) => {
    const out = Tensor._fromData(backend().alloc(g.dtype, numel(shape)), shape, g.dtype);
    backend().copy(sv(g), sv(sliceView(out, dim, start, end, step)));
    return out;
  },
  backward: { grad: (gg, _s, m) => sliceView(gg, m.dim, m.start, m.end, m.step, true) },
});

/** Python slice semantics for one dim: clamp start/end, then view. */
export function sliceView(
  x: Tensor,
  dim: number,
  start: number | null,
  end: number | null,
  step = 1,
  record = true,
): Tensor {
  if (step <= 0) throw new RuntimeError("slice step must be positive");
  const size = x._shape[dim];
  let s = start ?? 0,
    e = end ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  return record
    ? call(sliceOp, [x], { dim, start: s, end: e, step })
    : (sliceOp.forward([x], { dim, start: s, end: e, step }) as Tensor);
}

export const diagonalOp = defineOp({
  name: "diagonal",
  gradFn: "DiagonalBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x], { offset, dim1, dim2 }: { offset: number; dim1: number; dim2: number }) => {
    const t = x;
    const n = Math.max(
      0,
      offset >= 0
        ? Math.min(t._shape[dim1], t._shape[dim2] - offset)
        : Math.min(t._shape[dim1] + offset, t._shape[dim2]),
    );
    const start = t._offset + (n > 0 ? (offset >= 0 ? offset * t._strides[dim2] : -offset * t._strides[dim1]) : 0);
    const shape = t._shape.filter((_, i) => i !== dim1 && i !== dim2);
    const strides = t._strides.filter((_, i) => i !== dim1 && i !== dim2);
    shape.push(n);
    strides.push(t._strides[dim1] + t._strides[dim2]);
    return makeView(t, shape, strides, start);
  },
  backward: {
    self: (g, _s, m) => {
      const z = Tensor._fromData(backend().alloc(g.dtype, numel(m.shapes[0])), m.shapes[0], g.dtype);
      return z.diagonal_scatter(g, m.offset, m.dim1, m.dim2);
    },
  },
});

type AsStridedAttrs = { size: number[]; stride: number[]; offset: number; inputOffset: number };
type AsStridedBackwardAttrs = { size: number[]; stride: number[]; offset: number; inputShape: number[] };
export const asStridedOp: OpOf<AsStridedAttrs, readonly ["self"]> = defineOp({
  name: "as_strided",
  gradFn: "AsStridedBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x], { size, stride, offset }: AsStridedAttrs) => makeView(x, size, stride, offset),
  backward: {
    self: (g, _s, m) =>
      call(asStridedBackwardOp, [g], {
        size: m.size,
        stride: m.stride,
        offset: m.offset - m.inputOffset,
        inputShape: m.shapes[0],
      }),
  },
});

/**
 * Gradient of as_strided: scatter-add each element of g to the position it viewed in the input
 * (taken as contiguous, which is how as_strided is used on fresh tensors). Its own gradient is
 * the same as_strided window, so double backward works.
 */
export const asStridedBackwardOp: OpOf<AsStridedBackwardAttrs, readonly ["grad"]> = defineOp({
  internal: {
    goldens: "the backward of as_strided, itself differentiable: reached only by double backward through as_strided",
    gradcheck: "differentiated through as_strided",
  },
  name: "as_strided_backward",
  gradFn: "AsStridedBackwardBackward0",
  inputs: ["grad"],
  forward: ([g], { size, stride, offset, inputShape }: AsStridedBackwardAttrs) => {
    const out = new Float64Array(numel(inputShape));
    const vals = g._values();
    const idx = new Array<number>(size.length).fill(0);
    for (let i = 0; i < vals.length; i++) {
      let pos = offset;
      for (let k = 0; k < idx.length; k++) pos += idx[k] * stride[k];
      if (pos >= 0 && pos < out.length) out[pos] += vals[i];
      for (let k = idx.length - 1; k >= 0; k--) {
        if (++idx[k] < size[k]) break;
        idx[k] = 0;
      }
    }
    return Tensor._fromData(new g.dtype.ArrayType(out), inputShape, g.dtype);
  },
  backward: {
    grad: (gg, _s, m) =>
      call(asStridedOp, [gg.contiguous()], { size: m.size, stride: m.stride, offset: m.offset, inputOffset: 0 }),
  },
});

// ---- copies -------------------------------------------------------------------------------------------

/** clone(): preserve_format by default (x.t().clone() keeps strides (1, 3)); contiguous() and reshape ask for row-major. */
export const cloneOp = defineOp({
  name: "clone",
  gradFn: "CloneBackward0",
  inputs: ["self"],
  forward: ([x], { memory_format }: { memory_format?: "contiguous" }) =>
    memory_format === "contiguous" ? contiguousCopy(x) : preservedCopy(x),
  backward: { self: (g) => g },
});

export const toCopyOp = defineOp({
  name: "_to_copy",
  gradFn: "ToCopyBackward0",
  inputs: ["self"],
  forward: ([x], { dtype }: { dtype: DType }) => preservedCopy(x, dtype),
  backward: { self: (g, _s, m) => g.to(m.dtypes[0]) },
});

export const copyOp = defineOp({
  // self.copy_(src): the result is src's values; gradient flows to src only.
  name: "copy_",
  gradFn: "torch::autograd::CopyBackwards",
  inputs: ["self", "src"],
  forward: ([self, src]) => {
    const out = Tensor._fromData(backend().alloc(self.dtype, self.numel()), self._shape, self.dtype);
    backend().copy(svBroadcast(src, self._shape), sv(out));
    return out;
  },
  backward: { self: (g) => g.mul(0), src: (g) => g },
});

// ---- public functions and methods -------------------------------------------------------------------------

type SizeArg = number | readonly number[];
/** `f(2, 3)` or `f([2, 3])`, checked as ints (`view(): argument 'size' (position 1) must be tuple of ints, not str`). */
function sizeFrom(args: SizeArg[], fn: string, name = "size", pos = 2): number[] {
  return parseSizeArgs(args, fn, name, pos);
}

/** A view with a new shape sharing storage: `x.view(2, 3)`, `x.view(-1)`. */
export function view(x: Tensor, ...shape: SizeArg[]): Tensor {
  return call(viewOp, [x], { shape: inferSize(sizeFrom(shape, "view"), x.numel()) });
}
/** Like view, copying when the memory layout does not allow a view: `x.reshape(2, -1)`. */
export function reshape(x: Tensor, ...shape: SizeArg[]): Tensor {
  tensorArg("reshape", x);
  const s = inferSize(sizeFrom(shape, "reshape", "shape", 2), x.numel());
  if (viewStrides(x._shape, x._strides, s)) return call(viewOp, [x], { shape: s });
  return call(unsafeViewOp, [call(cloneOp, [x], { memory_format: "contiguous" })], { shape: s });
}
/** A view with dims `dim0` and `dim1` swapped: `x.transpose(0, 1)`. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  tensorArg("transpose", x);
  const n = x._shape.length;
  return call(transposeOp, [x], { dim0: wrapDim(dim0, n), dim1: wrapDim(dim1, n) });
}
/** Transpose of a matrix (0-D and 1-D tensors are returned as is). */
export function t(x: Tensor): Tensor {
  tensorArg("t", x);
  if (x._shape.length > 2)
    throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x._shape.length}D`);
  if (x._shape.length < 2) return call(transposeOp, [x], { dim0: 0, dim1: 0, isT: true });
  return call(transposeOp, [x], { dim0: 0, dim1: 1, isT: true });
}
/** A view with the dims reordered: `x.permute(2, 0, 1)`. */
export function permute(x: Tensor, ...dims: SizeArg[]): Tensor {
  tensorArg("permute", x);
  const d = sizeFrom(dims, "permute", "dims", 2).map((k) => wrapDim(k, x._shape.length));
  if (d.length !== x._shape.length)
    throw new RuntimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x._shape.length} is not equal to len(dims) = ${d.length}`,
    );
  if (new Set(d).size !== d.length) throw new RuntimeError("permute(): duplicate dims are not allowed.");
  return call(permuteOp, [x], { dims: d });
}
/** A view repeating size-1 dims to `size` without copying (-1 keeps a dim): `x.expand(3, -1)`. */
export function expand(x: Tensor, ...size: SizeArg[]): Tensor {
  return call(expandOp, [x], { size: sizeFrom(size, "expand") });
}
/** Remove size-1 dims (all of them, or only `dim`). */
export function squeeze(x: Tensor, dim?: number | null): Tensor {
  tensorArg("squeeze", x);
  if (dim === undefined || dim === null) return call(squeezeOp, [x], { dim: null });
  return call(squeezeOp, [x], { dim: wrapDim(dim, x._shape.length) });
}
/** Insert a size-1 dim at `dim`: `x.unsqueeze(0)`. */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  tensorArg("unsqueeze", x);
  intArg("unsqueeze", dim, "dim", 2);
  return call(unsqueezeOp, [x], { dim: wrapDim(dim, x._shape.length + 1) });
}
/** Merge dims `start_dim`..`end_dim` into one: `x.flatten()`, `x.flatten(1)`. */
export function flatten(x: Tensor, start_dim = 0, end_dim = -1): Tensor {
  tensorArg("flatten", x);
  intArg("flatten", start_dim, "start_dim", 2);
  intArg("flatten", end_dim, "end_dim", 3);
  if (x._shape.length === 0) return reshape(x, [1]);
  const s = wrapDim(start_dim, x._shape.length),
    e = wrapDim(end_dim, x._shape.length);
  if (s > e) throw new RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (s === e) return x;
  const shape = [...x._shape.slice(0, s), numel(x._shape.slice(s, e + 1)), ...x._shape.slice(e + 1)];
  return reshape(x, shape);
}
/** The view at `index` along `dim`, which is removed (`x.select(0, 1)` is `x[1]`). */
export function select(x: Tensor, dim: number, index: number): Tensor {
  tensorArg("select", x);
  if (x._shape.length === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
  return call(selectOp, [x], { dim: wrapDim(dim, x._shape.length), index });
}
/** The view of `length` entries from `start` along `dim`. */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  tensorArg("narrow", x);
  const d = wrapDim(dim, x._shape.length);
  const s = start < 0 ? start + x._shape[d] : start;
  if (s < 0 || s + length > x._shape[d])
    throw new RuntimeError(`start (${start}) + length (${length}) exceeds dimension size (${x._shape[d]}).`);
  return call(sliceOp, [x], { dim: d, start: s, end: s + length, step: 1 });
}
/** Returns self when already contiguous, else a contiguous copy. */
export function contiguous(x: Tensor): Tensor {
  return x.is_contiguous() ? x : call(cloneOp, [x], { memory_format: "contiguous" });
}
/** A copy, recorded by autograd (CloneBackward0). */
export function clone(x: Tensor): Tensor {
  return call(cloneOp, [x], {});
}
/** A new tensor sharing storage, cut from the graph. */
export function detach(x: Tensor): Tensor {
  tensorArg("detach", x);
  const d = new Tensor(x._storage, x._shape, x.dtype, x._strides, x._offset, x._versionCounter);
  d._isInference = x._isInference;
  return d;
}
/** What `Tensor.to` takes first: a dtype, a device ("cpu", torch.device), another tensor, or the options. */
export type ToTarget = DType | DeviceLike | Tensor | ToOptions;
export interface ToOptions {
  dtype?: DType | null;
  device?: DeviceLike | null;
  copy?: boolean;
  non_blocking?: boolean;
}

/**
 * Convert dtype or device: `x.to(torch.float64)`, `x.to(device)`, `x.to("cpu", torch.float64)`,
 * `x.to(other)`, `x.to({device, dtype})`; returns self when nothing changes.
 */
export function to(x: Tensor, target: ToTarget, maybe?: DType | ToOptions): Tensor {
  let d: DType | null | undefined;
  let copy = false;
  if (target instanceof DType) d = target;
  else if (target instanceof Tensor) d = target.dtype;
  else if (typeof target === "string" || target instanceof Device) checkDevice(target);
  else if (typeof target === "object" && target !== null) {
    const o = target as ToOptions & { type?: string };
    if (typeof o.type === "string")
      checkDevice(o as DeviceLike); // a {type, index} device
    else {
      d = o.dtype;
      checkDevice(o.device);
      copy = o.copy ?? false;
    }
  }
  if (maybe instanceof DType) d = maybe;
  else if (maybe && typeof maybe === "object") {
    if (maybe.dtype) d = maybe.dtype;
    copy = maybe.copy ?? copy;
  }
  if (!d || d === x.dtype) return copy ? x.clone() : x;
  return call(toCopyOp, [x], { dtype: d });
}
/** A view with the given size, strides and storage offset (elements), as PyTorch's as_strided. */
export function as_strided(x: Tensor, size: number[], stride: number[], storage_offset?: number): Tensor {
  tensorArg("as_strided", x);
  size = parseSizeArgs([size], "as_strided", "size", 2);
  stride = parseSizeArgs([stride], "as_strided", "stride", 3);
  return call(asStridedOp, [x], { size, stride, offset: storage_offset ?? x._offset, inputOffset: x._offset });
}
/** The view of the diagonal (`offset` above it when positive) of dims `dim1`, `dim2`, as the last dim. */
export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  tensorArg("diagonal", x);
  const n = x._shape.length;
  return call(diagonalOp, [x], { offset, dim1: wrapDim(dim1, n), dim2: wrapDim(dim2, n) });
}

/** Sum `x` down to `shape` (the gradient of expand). */
export function sum_to_size(x: Tensor, ...shape: SizeArg[]): Tensor {
  const s = sizeFrom(shape, "sum_to_size");
  if (sameShape(x._shape, s)) return x;
  const lead = x._shape.length - s.length;
  const dims: number[] = [];
  for (let i = 0; i < x._shape.length; i++) if (i < lead || (s[i - lead] === 1 && x._shape[i] !== 1)) dims.push(i);
  let r = dims.length ? x.sum(dims, true) : x;
  if (lead > 0) r = r.view(s);
  return r;
}

/** Copy src's values into self (broadcasting, casting) in place: `dst.copy_(src)`. */
export function copy_(dst: Tensor, src: Tensor): Tensor {
  tensorArg("copy_", src, "other", 2);
  broadcastShapes(dst._shape, src._shape);
  if (!src.requires_grad && !dst.requires_grad) {
    checkInplace(dst, [src]);
    backend().copy(svBroadcast(src, dst._shape), sv(dst));
    dst._versionCounter.value++;
    return dst;
  }
  return callInplace(copyOp, dst, [src], {});
}

/** The shape and memory ops whose method is the function with the tensor as `this` (tensor/expose.ts). */
const MOVEMENT_METHODS = {
  view,
  reshape,
  transpose,
  t,
  permute,
  expand,
  squeeze,
  unsqueeze,
  flatten,
  select,
  narrow,
  contiguous,
  clone,
  detach,
  to,
  as_strided,
  diagonal,
  sum_to_size,
  copy_,
};
type MovementMethods = MethodsOf<typeof import("./movement.js"), keyof typeof MOVEMENT_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends MovementMethods {
    /** View of `other`'s shape. */
    view_as(other: Tensor): Tensor;
    reshape_as(other: Tensor): Tensor;
    /** Alias of transpose. */
    swapaxes(dim0: number, dim1: number): Tensor;
    /** The transpose (all dims reversed). */
    readonly T: Tensor;
    /** Transpose of the last two dims. */
    readonly mT: Tensor;
    expand_as(other: Tensor): Tensor;
    unflatten(dim: number, sizes: number[]): Tensor;
    /** Cut this tensor from the graph in place. */
    detach_(): Tensor;
    /** Move to the GPU: fails as a CPU-only PyTorch does (`Torch not compiled with CUDA enabled`). */
    cuda(device?: DeviceLike | number | null): Tensor;
    float(): Tensor;
    double(): Tensor;
    half(): Tensor;
    long(): Tensor;
    int(): Tensor;
    short(): Tensor;
    bool(): Tensor;
    byte(): Tensor;
    char(): Tensor;
    type(dtype?: DType | string): Tensor | string;
    cpu(): Tensor;
    /** The tensor's data without autograd history (shares storage; not tracked by the version counter). */
    data: Tensor;
  }
}

import { float16, float32, float64, int32, int64, int16, bool as boolDtype, uint8, int8 } from "../tensor/dtype.js";

exposeMethods(MOVEMENT_METHODS);
installMethods({
  view_as(this: Tensor, o: Tensor) {
    return view(this, tensorArg("view_as", o, "other", 2)._shape);
  },
  reshape_as(this: Tensor, o: Tensor) {
    return reshape(this, tensorArg("reshape_as", o, "other", 2)._shape);
  },
  swapaxes(this: Tensor, a: number, b: number) {
    return transpose(this, a, b);
  },
  expand_as(this: Tensor, o: Tensor) {
    return expand(this, tensorArg("expand_as", o, "other", 2)._shape);
  },
  unflatten(this: Tensor, dim: number, sizes: number[]) {
    const d = wrapDim(dim, this._shape.length);
    const inferred = inferSize(parseSizeArgs([sizes], "unflatten", "sizes", 3), this._shape[d]);
    return view(this, [...this._shape.slice(0, d), ...inferred, ...this._shape.slice(d + 1)]);
  },
  detach_(this: Tensor) {
    if (this._base) throw new RuntimeError("Can't detach views in-place. Use detach() instead.");
    this.grad_fn = null;
    this._requiresGrad = false;
    return this;
  },
  cuda(this: Tensor) {
    return noCuda();
  },
  float(this: Tensor) {
    return to(this, float32);
  },
  double(this: Tensor) {
    return to(this, float64);
  },
  half(this: Tensor) {
    return to(this, float16);
  },
  long(this: Tensor) {
    return to(this, int64);
  },
  int(this: Tensor) {
    return to(this, int32);
  },
  short(this: Tensor) {
    return to(this, int16);
  },
  bool(this: Tensor) {
    return to(this, boolDtype);
  },
  byte(this: Tensor) {
    return to(this, uint8);
  },
  char(this: Tensor) {
    return to(this, int8);
  },
  type(this: Tensor, d?: DType | string) {
    if (d === undefined) return this.dtype.legacyName;
    if (d instanceof DType) return to(this, d);
    throw new RuntimeError(`invalid type: '${d}'`);
  },
  cpu(this: Tensor) {
    return this;
  },
});

Object.defineProperty(Tensor.prototype, "T", {
  // PyTorch records x.T as a permute (PermuteBackward0), unlike x.t().
  get(this: Tensor) {
    return permute(
      this,
      this._shape.map((_, i) => this._shape.length - 1 - i),
    );
  },
});
Object.defineProperty(Tensor.prototype, "mT", {
  get(this: Tensor) {
    if (this._shape.length < 2)
      throw new RuntimeError("tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.");
    return transpose(this, -2, -1);
  },
});
Object.defineProperty(Tensor.prototype, "data", {
  get(this: Tensor) {
    return new Tensor(this._storage, this._shape, this.dtype, this._strides, this._offset);
  },
  set(this: Tensor, v: Tensor) {
    this._storage = v._storage;
    this._shape = [...v._shape];
    this._strides = [...v._strides];
    this._offset = v._offset;
    (this as { dtype: DType }).dtype = v.dtype;
  },
});
