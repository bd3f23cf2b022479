/**
 * Index-driven reads and writes: gather/scatter/scatter_add, index_select/index_fill/index_add/
 * index_copy, masked_select/masked_scatter, take, nonzero/argwhere. Index tensors are op
 * attributes, not inputs: they never take gradients, and PyTorch leaves them out of
 * `next_functions` (`x.gather(1, i).grad_fn.next_functions` has one entry).
 */
import { tensorArg, kwargs } from "../tensor/arg_parser.js";
import { IndexError, NotImplementedError, RuntimeError, warnOnce } from "../errors.js";
import { bool, castScalarExact, int64, uint8 } from "../tensor/dtype.js";
import { Tensor, installMethods, type TensorLike } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { broadcastShapes, contiguousStrides, wrapDim } from "../tensor/shape.js";
import { backend } from "../backend/index.js";
import { call, callInplace, defineOp } from "./define.js";
import { scalarValue, sv, svBroadcast, wrap } from "./util.js";
import type { StridedView } from "../backend/backend.js";
import type { StorageArray } from "../tensor/dtype.js";
import {
  asExactCells,
  cellsFor,
  exactStorage,
  freshCopy,
  longTensor,
  rowMajor,
  rowMajorCells,
  selectView,
  zerosOf,
  type Cells,
} from "./index_util.js";
import { MAX_SAFE, isExact } from "../tensor/store.js";
import { contiguousCopy } from "./movement.js";
import { formatShape } from "../format/shape_text.js";

// ---- gather / scatter --------------------------------------------------------------------------------

type DimIndex = { dim: number; index: Tensor };

/** PyTorch's checks shared by gather and the scatters (messages from ScatterGatherChecks.h). */
function checkGatherScatter(
  op: "gather" | "scatter" | "scatter_add",
  self: Tensor,
  dim: number,
  index: Tensor,
  src?: Tensor,
): void {
  tensorArg(op, index, "index", 3);
  if (index.dtype !== int64) throw new RuntimeError(`${op}(): Expected dtype int64 for index`);
  if (src && src.dtype !== self.dtype) throw new RuntimeError(`${op}(): Expected self.dtype to be equal to src.dtype`);
  const nd = Math.max(self._shape.length, 1);
  if (Math.max(index._shape.length, 1) !== nd)
    throw new RuntimeError(
      `Index tensor must have the same number of dimensions as ${op === "gather" ? "input" : "self"} tensor`,
    );
  for (let d = 0; d < index._shape.length; d++) {
    const bad = (d !== dim && index._shape[d] > self._shape[d]) || (src && index._shape[d] > src._shape[d]);
    if (!bad) continue;
    if (op === "gather")
      throw new RuntimeError(
        `Size does not match at dimension ${d} expected index ${formatShape(index._shape)} to be smaller than self ${formatShape(self._shape)} apart from dimension ${dim}`,
      );
    throw new RuntimeError(
      `Expected index ${formatShape(index._shape)} to be smaller than self ${formatShape(self._shape)} apart from dimension ${dim} and to be smaller size than src ${formatShape(src!._shape)}`,
    );
  }
}

/** An index tensor's positions as the backend's gather/scatter read them: row-major numbers. */
function indexView(index: Tensor): StridedView {
  return {
    data: rowMajor(index),
    offset: 0,
    shape: index._shape,
    strides: contiguousStrides(index._shape),
    dtype: index.dtype,
  };
}

/** PyTorch's check that a formula's gradient has the input's shape (for src larger than index). */
function exactGrad(g: Tensor, shape: readonly number[], node: string, i: number): Tensor {
  if (g._shape.join() !== shape.join())
    throw new RuntimeError(
      `Function ${node} returned an invalid gradient at index ${i} - got ${formatShape(g._shape)} but expected shape compatible with ${formatShape(shape)}`,
    );
  return g;
}

export const gatherOp = defineOp({
  name: "gather",
  gradFn: "GatherBackward0",
  inputs: ["self"],
  forward: ([x], { dim, index }: DimIndex) => {
    // Values move in x's storage form, so exact int64 stays exact.
    return Tensor._fromData(backend().indexing.gather(sv(x), dim, indexView(index)), index._shape, x.dtype);
  },
  backward: { self: (g, _s, m) => zerosOf(m.shapes[0], g.dtype).scatter_add(m.dim, m.index, g) },
});

type ScatterAttrs = DimIndex & { reduce: "add" | "multiply" | null };
function scatterForward(
  x: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor | null,
  value: number | bigint,
  mode: "set" | "add" | "multiply",
  exact = false,
): Tensor {
  const out = freshCopy(x);
  // int64 runs on bigints when a value is beyond 2^53 (or a sum or product of doubles left the safe range).
  if (
    x.dtype === int64 &&
    (exact || isExact(out._storage.data) || (src && isExact(src._storage.data)) || typeof value === "bigint")
  ) {
    const o = exactStorage(out),
      s = src ? asExactCells(src._storage.data) : null;
    const v = BigInt(castScalarExact(value, x.dtype));
    backend().indexing.scatter(
      { ...sv(out), data: o },
      dim,
      indexView(index),
      src && { ...sv(src), data: s! },
      v,
      mode,
    );
    return out;
  }
  const o = out._data,
    s = src?._data;
  const v = castScalarExact(value, x.dtype) as number; // not int64 here, or a number
  backend().indexing.scatter({ ...sv(out), data: o }, dim, indexView(index), src && { ...sv(src), data: s! }, v, mode);
  if (mode !== "set" && x.dtype === int64 && o.some((e) => !(e >= -MAX_SAFE && e <= MAX_SAFE)))
    return scatterForward(x, dim, index, src, value, mode, true);
  return out;
}
const noReduceGrad = (g: Tensor, m: { reduce: string | null }) => {
  if (m.reduce)
    throw new NotImplementedError(`the derivative for 'scatter' with reduce='${m.reduce}' is not implemented.`);
  return g;
};

export const scatterOp = defineOp({
  name: "scatter",
  gradFn: "ScatterBackward0",
  inputs: ["self", "src"],
  forward: ([x, src], { dim, index, reduce }: ScatterAttrs) => scatterForward(x, dim, index, src, 0, reduce ?? "set"),
  backward: {
    self: (g, _s, m) => noReduceGrad(g, m).scatter(m.dim, m.index, 0),
    src: (g, _s, m) => exactGrad(noReduceGrad(g, m).gather(m.dim, m.index), m.shapes[1], "ScatterBackward0", 1),
  },
});

export const scatterValueOp = defineOp({
  name: "scatter_value",
  gradFn: "ScatterBackward1",
  inputs: ["self"],
  forward: ([x], { dim, index, value, reduce }: ScatterAttrs & { value: number | bigint }) =>
    scatterForward(x, dim, index, null, value, reduce ?? "set"),
  backward: { self: (g, _s, m) => noReduceGrad(g, m).scatter(m.dim, m.index, 0) },
});

export const scatterAddOp = defineOp({
  name: "scatter_add",
  gradFn: "ScatterAddBackward0",
  inputs: ["self", "src"],
  forward: ([x, src], { dim, index }: DimIndex) => scatterForward(x, dim, index, src, 0, "add"),
  backward: {
    self: (g) => g,
    src: (g, _s, m) => exactGrad(g.gather(m.dim, m.index), m.shapes[1], "ScatterAddBackward0", 1),
  },
});

// ---- index_select / index_fill / index_add / index_copy ------------------------------------------------

/** A 1-D (or 0-D) index along dim, as plain numbers. */
function vectorIndex(index: Tensor, what: string): number[] {
  if (index._shape.length > 1) throw new IndexError(`${what}(): Index is supposed to be a vector`);
  return index._values();
}

/** self.select(dim, k) of a possibly 0-dim tensor, as a backend view. */
const sel = (t: Tensor, dim: number, k: number) =>
  t._shape.length ? selectView(t, dim, k) : selectView(t.reshape([1]), 0, 0);
const dimSize = (t: Tensor, dim: number) => (t._shape.length ? t._shape[dim] : 1);

export const indexSelectOp = defineOp({
  name: "index_select",
  gradFn: "IndexSelectBackward0",
  inputs: ["self"],
  forward: ([x], { dim, index }: DimIndex) => {
    const idx = vectorIndex(index, "index_select"),
      size = dimSize(x, dim);
    const shape = [...x._shape];
    if (shape.length) shape[dim] = idx.length;
    const out = zerosOf(shape, x.dtype);
    idx.forEach((k, i) => {
      // NOTE: ATen 1.13 checks dim 1 in index_select_out_cpu_dim1_ (a RuntimeError), every other dim as an IndexError.
      if (k < 0 || k >= size)
        throw dim === 1
          ? new RuntimeError(`INDICES element is out of DATA bounds, id=${k} axis_dim=${size}`)
          : new IndexError("index out of range in self");
      backend().copy(sel(x, dim, k), sel(out, dim, i));
    });
    return out;
  },
  backward: { self: (g, _s, m) => zerosOf(m.shapes[0], g.dtype).index_add(m.dim, m.index, g) },
});

/** Positions for index_fill (negative indices wrap) and index_copy (they do not), with the op's bounds message. */
function wrapAll(idx: number[], size: number, dim: number, prefix: string, negative = true): number[] {
  return idx.map((k) => {
    if (k < (negative ? -size : 0) || k >= size)
      throw new IndexError(`${prefix}index ${k} is out of bounds for dimension ${dim} with size ${size}`);
    return k < 0 ? k + size : k;
  });
}

function fillForward(x: Tensor, dim: number, index: Tensor, v: Tensor): Tensor {
  const out = freshCopy(x);
  const val = contiguousCopy(v, x.dtype); // either int64 storage form
  const shape = x._shape.filter((_, i) => i !== dim);
  for (const k of wrapAll(vectorIndex(index, "index_fill_"), dimSize(x, dim), dim, ""))
    backend().copy(svBroadcast(val, shape), sel(out, dim, k));
  return out;
}
export const indexFillOp = defineOp({
  name: "index_fill",
  gradFn: "IndexFillBackward0",
  inputs: ["self"],
  forward: ([x], { dim, index, value }: DimIndex & { value: number | bigint }) =>
    fillForward(x, dim, index, wrap(value)),
  backward: { self: (g, _s, m) => g.index_fill(m.dim, m.index, 0) },
});
export const indexFillTensorOp = defineOp({
  name: "index_fill_tensor",
  gradFn: "IndexFillBackward1",
  inputs: ["self", "value"],
  forward: ([x, v], { dim, index }: DimIndex) => {
    if (v._shape.length !== 0)
      throw new RuntimeError(
        `index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${v._shape.length} dimension(s).`,
      );
    return fillForward(x, dim, index, v);
  },
  backward: {
    self: (g, _s, m) => g.index_fill(m.dim, m.index, 0),
    value: (g, _s, m) => g.index_select(m.dim, m.index).sum(),
  },
});

function checkSource(op: string, x: Tensor, dim: number, n: number, source: Tensor): void {
  if (dimSize(source, dim) !== n) {
    if (op === "index_add_")
      throw new RuntimeError(
        `index_add_(): Number of indices (${n}) should be equal to source.size(dim): (${dimSize(source, dim)}), for dim: ${dim}`,
      );
    throw new IndexError(
      `${op}(): Number of indices (${n}) should be equal to source.size(dim) (${dimSize(source, dim)})`,
    );
  }
  if (source.dtype !== x.dtype)
    throw new RuntimeError(
      `${op}(): self (${x.dtype.scalarName}) and source (${source.dtype.scalarName}) must have the same scalar type`,
    );
}

export const indexAddOp = defineOp({
  name: "index_add",
  gradFn: "IndexAddBackward0",
  inputs: ["self", "source"],
  forward: ([x, src], { dim, index, alpha }: DimIndex & { alpha: number }) => {
    const idx = vectorIndex(index, "index_add_"),
      size = dimSize(x, dim);
    checkSource("index_add_", x, dim, idx.length, src);
    const out = freshCopy(x);
    const shape = x._shape.filter((_, i) => i !== dim),
      strides = contiguousStrides(shape);
    idx.forEach((k, i) => {
      if (k < 0 || k >= size) throw new IndexError("index out of range in self");
      const dst = sel(out, dim, k);
      const sum =
        alpha === 1
          ? backend().binary("add", dst, sel(src, dim, i), shape, x.dtype)
          : backend().binary("add_alpha", dst, sel(src, dim, i), shape, x.dtype, [alpha]);
      backend().copy({ data: sum, offset: 0, shape, strides, dtype: x.dtype }, dst);
    });
    return out;
  },
  backward: {
    self: (g) => g,
    source: (g, _s, m) => {
      const r = g.index_select(m.dim, m.index);
      return m.alpha === 1 ? r : r.mul(m.alpha);
    },
  },
});

export const indexCopyOp = defineOp({
  name: "index_copy",
  gradFn: "IndexCopyBackward0",
  inputs: ["self", "source"],
  forward: ([x, src], { dim, index }: DimIndex) => {
    const idx = vectorIndex(index, "index_copy_");
    checkSource("index_copy_", x, dim, idx.length, src);
    const out = freshCopy(x);
    wrapAll(idx, dimSize(x, dim), dim, "index_copy_(): ", false).forEach((k, i) =>
      backend().copy(sel(src, dim, i), sel(out, dim, k)),
    );
    return out;
  },
  backward: {
    self: (g, _s, m) => g.index_fill(m.dim, m.index, 0),
    source: (g, _s, m) => g.index_select(m.dim, m.index),
  },
});

// ---- masked_select / masked_scatter / take ---------------------------------------------------------------

function checkMask(mask: Tensor, op: string): void {
  tensorArg(op.replace(/_$/, ""), mask, "mask", 2);
  if (mask.dtype === uint8)
    warnOnce(
      `${op} received a mask with dtype torch.uint8, this behavior is now deprecated,please use a mask with dtype torch.bool instead.`,
    );
  else if (mask.dtype !== bool) throw new RuntimeError(`${op}: expected BoolTensor or ByteTensor for mask`);
}

/** Both broadcast to their common shape, read row-major. */
function broadcastPair(x: Tensor, mask: Tensor): { shape: number[]; xs: Tensor; ms: Tensor } {
  const shape = broadcastShapes(x._shape, mask._shape);
  const xs = zerosOf(shape, x.dtype),
    ms = zerosOf(shape, bool);
  backend().copy(svBroadcast(x, shape), {
    data: xs._storage.data,
    storage: xs._storage,
    offset: 0,
    shape,
    strides: xs._strides,
    dtype: x.dtype,
  });
  backend().copy(svBroadcast(mask, shape), {
    data: ms._storage.data,
    storage: ms._storage,
    offset: 0,
    shape,
    strides: ms._strides,
    dtype: bool,
  });
  return { shape, xs, ms };
}

export const maskedSelectOp = defineOp({
  name: "masked_select",
  gradFn: "MaskedSelectBackward0",
  inputs: ["self"],
  forward: ([x], { mask }: { mask: Tensor }) => {
    const { xs, ms } = broadcastPair(x, mask);
    const out = backend().indexing.maskedSelect(xs._storage.data, ms._data, x.dtype);
    return Tensor._fromData(out, [out.length], x.dtype);
  },
  // Scatter back into the broadcast shape; the engine sums it down to self's shape.
  backward: {
    self: (g, _s, m) => zerosOf(broadcastShapes(m.shapes[0], m.mask._shape), g.dtype).masked_scatter(m.mask, g),
  },
});

export const maskedScatterOp = defineOp({
  name: "masked_scatter",
  gradFn: "MaskedScatterBackward0",
  inputs: ["self", "source"],
  forward: ([x, src], { mask }: { mask: Tensor }) => {
    if (src.dtype !== x.dtype)
      throw new RuntimeError(
        `masked_scatter: expected self and source to have same dtypes but got${x.dtype.scalarName} and ${src.dtype.scalarName}`,
      );
    const { xs, ms } = broadcastPair(x, mask);
    let s: Cells = rowMajorCells(src),
      d: Cells = xs._storage.data;
    // One storage form on both sides: exact int64 when either holds values beyond 2^53.
    if (isExact(xs._storage.data) !== isExact(s)) {
      d = exactStorage(xs);
      s = asExactCells(s);
    }
    backend().indexing.maskedScatter(d as StorageArray, ms._data, s as StorageArray);
    return xs;
  },
  backward: {
    self: (g, _s, m) => g.masked_fill(m.mask, 0),
    // The selected gradient fills source's first elements (row-major); the rest got no use.
    source: (g, _s, m) => {
      const picked = g.masked_select(m.mask),
        shape = m.shapes[1];
      const n = shape.reduce((a, b) => a * b, 1);
      return zerosOf([n], g.dtype).slice_scatter(picked, 0, 0, picked._shape[0]).reshape(shape);
    },
  },
});

export const takeOp = defineOp({
  name: "take",
  gradFn: "TakeBackward0",
  inputs: ["self"],
  forward: ([x], { index }: { index: Tensor }) => {
    const data = rowMajorCells(x),
      idx = rowMajor(index);
    const out: Cells = cellsFor(x.dtype, idx.length, isExact(data));
    idx.forEach((k, i) => {
      out[i] = (data as Cells)[k];
    });
    return Tensor._fromData(out as Float64Array, index._shape, x.dtype);
  },
  backward: {
    self: (g, _s, m) => {
      const shape = m.shapes[0],
        n = shape.reduce((a, b) => a * b, 1);
      return zerosOf([n], g.dtype)
        .index_add(0, m.index.reshape([-1]), g.reshape([-1]))
        .reshape(shape);
    },
  },
});

// ---- public API ------------------------------------------------------------------------------------------

/** torch.gather(x, dim, index): out[i][j] = x[index[i][j]][j] (dim 0), etc. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  tensorArg("gather", x);
  const d = wrapDim(dim, x._shape.length);
  checkGatherScatter("gather", x, d, index);
  return call(gatherOp, [x], { dim: d, index });
}

type ScatterOpts = { reduce?: "add" | "multiply" };
function scatterCall(
  x: Tensor,
  dim: number,
  index: Tensor,
  src: TensorLike,
  opts: ScatterOpts,
  inplace: boolean,
): Tensor {
  const d = wrapDim(dim, x._shape.length),
    reduce = opts.reduce ?? null;
  if (src instanceof Tensor) {
    checkGatherScatter("scatter", x, d, index, src);
    const a = { dim: d, index, reduce };
    return inplace ? callInplace(scatterOp, x, [src], a) : call(scatterOp, [x, src], a);
  }
  checkGatherScatter("scatter", x, d, index);
  const a = { dim: d, index, reduce, value: scalarValue(src) };
  return inplace ? callInplace(scatterValueOp, x, [], a) : call(scatterValueOp, [x], a);
}
/** torch.scatter(x, dim, index, src | value): a copy of x with src's values written at index along dim. */
export function scatter(x: Tensor, dim: number, index: Tensor, src: TensorLike, opts: ScatterOpts | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("scatter", x);
  return scatterCall(x, dim, index, src, opts, false);
}
function scatterAddCall(x: Tensor, dim: number, index: Tensor, src: Tensor, inplace: boolean): Tensor {
  const d = wrapDim(dim, x._shape.length);
  checkGatherScatter("scatter_add", x, d, index, src);
  return inplace
    ? callInplace(scatterAddOp, x, [src], { dim: d, index })
    : call(scatterAddOp, [x, src], { dim: d, index });
}
/** torch.scatter_add(x, dim, index, src): like scatter, adding (duplicates accumulate). */
export function scatter_add(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  tensorArg("scatter_add", x);
  return scatterAddCall(x, dim, index, src, false);
}

/** torch.index_select(x, dim, index): the slices of x along dim listed in a 1-D index. */
export function index_select(x: Tensor, dim: number, index: Tensor): Tensor {
  tensorArg("index_select", x);
  tensorArg("index_select", index, "index", 3);
  if (index.dtype !== int64 && index.dtype.name !== "int32")
    throw new RuntimeError("index_select(): Expected dtype int32 or int64 for index");
  return call(indexSelectOp, [x], { dim: wrapDim(dim, x._shape.length), index });
}

function checkLongIndex(index: Tensor, op: string): void {
  tensorArg(op.replace(/_$/, ""), index, "index", 3);
  if (index.dtype !== int64) throw new IndexError(`${op}(): Expected dtype int64 for index.`);
}
function indexFillCall(x: Tensor, dim: number, index: Tensor, value: TensorLike, inplace: boolean): Tensor {
  checkLongIndex(index, "index_fill_");
  const d = wrapDim(dim, x._shape.length);
  if (value instanceof Tensor)
    return inplace
      ? callInplace(indexFillTensorOp, x, [value], { dim: d, index })
      : call(indexFillTensorOp, [x, value], { dim: d, index });
  const a = { dim: d, index, value: scalarValue(value) };
  return inplace ? callInplace(indexFillOp, x, [], a) : call(indexFillOp, [x], a);
}
/** torch.index_fill(x, dim, index, value): a copy of x with the listed slices set to value. */
export function index_fill(x: Tensor, dim: number, index: Tensor, value: TensorLike): Tensor {
  tensorArg("index_fill", x);
  return indexFillCall(x, dim, index, value, false);
}

function indexAddCall(x: Tensor, dim: number, index: Tensor, source: Tensor, alpha: number, inplace: boolean): Tensor {
  tensorArg("index_add", index, "index", 3);
  const a = { dim: wrapDim(dim, x._shape.length), index, alpha };
  return inplace ? callInplace(indexAddOp, x, [source], a) : call(indexAddOp, [x, source], a);
}
/** torch.index_add(x, dim, index, source, {alpha}): x with alpha * source's slices added at index. */
export function index_add(
  x: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  opts: { alpha?: number } | null = {},
): Tensor {
  opts = kwargs(opts);
  tensorArg("index_add", x);
  return indexAddCall(x, dim, index, source, opts.alpha ?? 1, false);
}
function indexCopyCall(x: Tensor, dim: number, index: Tensor, source: Tensor, inplace: boolean): Tensor {
  checkLongIndex(index, "index_copy_");
  const a = { dim: wrapDim(dim, x._shape.length), index };
  return inplace ? callInplace(indexCopyOp, x, [source], a) : call(indexCopyOp, [x, source], a);
}
/** torch.index_copy(x, dim, index, source): x with source's slices copied to the listed positions. */
export function index_copy(x: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  tensorArg("index_copy", x);
  return indexCopyCall(x, dim, index, source, false);
}

/** torch.masked_select(x, mask): the elements where mask is true, as a 1-D tensor (mask broadcasts). */
export function masked_select(x: Tensor, mask: Tensor): Tensor {
  tensorArg("masked_select", x);
  checkMask(mask, "masked_select");
  return call(maskedSelectOp, [x], { mask });
}
/** torch.masked_scatter(x, mask, source): x with source's leading elements written where mask is true. */
export function masked_scatter(x: Tensor, mask: Tensor, source: Tensor): Tensor {
  tensorArg("masked_scatter", x);
  checkMask(mask, "masked_scatter");
  return call(maskedScatterOp, [x, source], { mask });
}

/** torch.take(x, index): elements of the flattened x (negative indices count from the end). */
export function take(x: Tensor, index: Tensor): Tensor {
  tensorArg("take", x);
  tensorArg("take", index, "index", 2);
  if (index.dtype !== int64)
    throw new RuntimeError(`take(): Expected a long tensor for index, but got ${index.dtype.scalarName}`);
  const n = x.numel();
  const wrapped = index._values().map((k) => {
    if (k < -n || k >= n)
      throw new IndexError(`out of range: tried to access index ${k} on a tensor of ${n} elements.`);
    return k < 0 ? k + n : k;
  });
  return call(takeOp, [x], { index: longTensor(wrapped, index._shape) });
}

/** torch.nonzero(x): int64 [n, ndim] coordinates of non-zero elements; {as_tuple: true} gives one 1-D tensor per dim. */
export function nonzero(x: Tensor, opts?: { as_tuple?: false }): Tensor;
export function nonzero(x: Tensor, opts: { as_tuple: true }): Tensor[];
export function nonzero(x: Tensor, opts?: { as_tuple?: boolean }): Tensor | Tensor[];
export function nonzero(x: Tensor, opts: { as_tuple?: boolean } | null = {}): Tensor | Tensor[] {
  opts = kwargs(opts);
  tensorArg("nonzero", x);
  const raw = rowMajorCells(x),
    vals: Cells = raw,
    zero = isExact(raw) ? 0n : 0,
    shape = x._shape,
    nd = shape.length;
  const coords: number[] = [];
  let count = 0;
  for (let i = 0; i < vals.length; i++) {
    if (vals[i] === zero) continue;
    count++;
    for (let d = nd - 1, r = i, at = coords.length; d >= 0; d--) {
      coords[at + d] = r % shape[d];
      r = Math.floor(r / shape[d]);
    }
  }
  if (opts.as_tuple) {
    if (nd === 0) return [longTensor(count ? [0] : [])];
    return shape.map((_, d) => longTensor(Array.from({ length: count }, (_, i) => coords[i * nd + d])));
  }
  return longTensor(coords, [count, nd]);
}
/** torch.argwhere(x): nonzero(x) as an [n, ndim] tensor. */
export function argwhere(x: Tensor): Tensor {
  tensorArg("argwhere", x);
  return nonzero(x);
}

/** The functions whose method is the function with the tensor as `this` (tensor/expose.ts). */
const GATHER_SCATTER_METHODS = {
  gather,
  scatter,
  scatter_add,
  index_select,
  index_fill,
  index_add,
  index_copy,
  masked_select,
  masked_scatter,
  take,
  argwhere,
};
type GatherScatterMethods = MethodsOf<typeof import("./gather_scatter.js"), keyof typeof GATHER_SCATTER_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends GatherScatterMethods {
    scatter_(dim: number, index: Tensor, src: TensorLike, opts?: ScatterOpts): Tensor;
    scatter_add_(dim: number, index: Tensor, src: Tensor): Tensor;
    index_fill_(dim: number, index: Tensor, value: TensorLike): Tensor;
    index_add_(dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number }): Tensor;
    index_copy_(dim: number, index: Tensor, source: Tensor): Tensor;
    masked_scatter_(mask: Tensor, source: Tensor): Tensor;
    /** The indices of the non-zero elements, [n, ndim]; with `{as_tuple: true}` one index tensor per dim. */
    nonzero(opts?: { as_tuple?: false }): Tensor;
    nonzero(opts: { as_tuple: true }): Tensor[];
    nonzero(opts?: { as_tuple?: boolean }): Tensor | Tensor[];
  }
}

exposeMethods(GATHER_SCATTER_METHODS);
installMethods({
  scatter_(this: Tensor, d: number, i: Tensor, s: TensorLike, o: ScatterOpts | null = {}) {
    o = kwargs(o);
    return scatterCall(this, d, i, s, o, true);
  },
  scatter_add_(this: Tensor, d: number, i: Tensor, s: Tensor) {
    return scatterAddCall(this, d, i, s, true);
  },
  index_fill_(this: Tensor, d: number, i: Tensor, v: TensorLike) {
    return indexFillCall(this, d, i, v, true);
  },
  index_add_(this: Tensor, d: number, i: Tensor, s: Tensor, o: { alpha?: number } | null = {}) {
    o = kwargs(o);
    return indexAddCall(this, d, i, s, o.alpha ?? 1, true);
  },
  index_copy_(this: Tensor, d: number, i: Tensor, s: Tensor) {
    return indexCopyCall(this, d, i, s, true);
  },
  masked_scatter_(this: Tensor, m: Tensor, s: Tensor) {
    checkMask(m, "masked_scatter_");
    return callInplace(maskedScatterOp, this, [s], { mask: m });
  },
  nonzero(this: Tensor, o?: { as_tuple?: boolean }) {
    return nonzero(this, o);
  },
});
