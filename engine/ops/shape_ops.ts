/**
 * Copying shape ops: flip, roll, repeat/tile, the *_scatter family (the functional inverses of
 * diagonal/select/slice views), tril/triu, diag and trace. Forwards are strided copies through
 * the backend (flip reads through negative strides, repeat through zero strides).
 */
import { tensorArg, isOptions } from "../tensor/arg_parser.js";
import { IndexError, RuntimeError } from "../errors.js";
import { int64 } from "../tensor/dtype.js";
import { isExact } from "../tensor/store.js";
import { Tensor, installMethods } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { numel, parseSizeArgs, wrapDim } from "../tensor/shape.js";
import { backend } from "../backend/index.js";
import { call, callInplace, defineOp } from "./define.js";
import { sliceView } from "./movement.js";
import { sv } from "./util.js";
import { dimList, freshCopy, zerosOf, type Cells } from "./index_util.js";
import { formatShape } from "../format/shape_text.js";

// ---- flip, roll ---------------------------------------------------------------------------------------

export const flipOp = defineOp({
  name: "flip",
  gradFn: "FlipBackward0",
  inputs: ["self"],
  forward: ([x], { dims }: { dims: number[] }) => {
    const t = x,
      strides = [...t._strides];
    let offset = t._offset;
    for (const d of dims) {
      if (t._shape[d] > 0) offset += (t._shape[d] - 1) * strides[d];
      strides[d] = -strides[d];
    }
    const out = zerosOf(t._shape, t.dtype);
    backend().copy(
      { data: t._storage.data, storage: t._storage, offset, shape: t._shape, strides, dtype: t.dtype },
      sv(out),
    );
    return out;
  },
  backward: { self: (g, _s, m) => g.flip(m.dims) },
});

/** Roll a contiguous tensor along one dim: two block copies (the tail moves to the front). */
function rollOnce(t: Tensor, dim: number, shift: number): Tensor {
  const size = t._shape[dim];
  const out = zerosOf(t._shape, t.dtype);
  if (size === 0) return out;
  const s = ((shift % size) + size) % size;
  const st = t._strides[dim];
  const part = (from: number, to: number, len: number) => {
    const shape = [...t._shape];
    shape[dim] = len;
    backend().copy(
      {
        data: t._storage.data,
        storage: t._storage,
        offset: t._offset + from * st,
        shape,
        strides: t._strides,
        dtype: t.dtype,
      },
      {
        data: out._storage.data,
        storage: out._storage,
        offset: to * out._strides[dim],
        shape,
        strides: out._strides,
        dtype: t.dtype,
      },
    );
  };
  part(size - s, 0, s);
  part(0, s, size - s);
  return out;
}

export const rollOp = defineOp({
  name: "roll",
  gradFn: "RollBackward0",
  inputs: ["self"],
  forward: ([x], { shifts, dims }: { shifts: number[]; dims: number[] }) => {
    // No dims: roll the flattened tensor, then restore the shape.
    if (dims.length === 0) {
      const flat = freshCopy(x);
      const r = rollOnce(Tensor._fromData(flat._storage.data, [flat.numel()], flat.dtype), 0, shifts[0]);
      return Tensor._fromData(r._storage.data, x._shape, r.dtype);
    }
    let t = x;
    dims.forEach((d, i) => {
      t = rollOnce(t, d, shifts[i]);
    });
    return t === x ? freshCopy(x) : t;
  },
  backward: {
    self: (g, _s, m) =>
      roll(
        g,
        m.shifts.map((s) => -s),
        m.dims,
      ),
  },
});

// ---- repeat -------------------------------------------------------------------------------------------

export const repeatOp = defineOp({
  name: "repeat",
  gradFn: "RepeatBackward0",
  inputs: ["self"],
  forward: ([x], { repeats }: { repeats: number[] }) => {
    const t = x,
      lead = repeats.length - t._shape.length;
    const size = repeats.map((_, i) => (i < lead ? 1 : t._shape[i - lead]));
    const stride = repeats.map((_, i) => (i < lead ? 0 : t._strides[i - lead]));
    // Read x as [r0, s0, r1, s1, ...] with zero strides on the r dims: row-major it is the tiled result.
    const shape2 = repeats.flatMap((r, i) => [r, size[i]]),
      strides2 = repeats.flatMap((_, i) => [0, stride[i]]);
    const out = zerosOf(
      repeats.map((r, i) => r * size[i]),
      t.dtype,
    );
    backend().copy(
      {
        data: t._storage.data,
        storage: t._storage,
        offset: t._offset,
        shape: shape2,
        strides: strides2,
        dtype: t.dtype,
      },
      {
        data: out._storage.data,
        storage: out._storage,
        offset: 0,
        shape: shape2,
        strides: shape2.map((_, i) => numel(shape2.slice(i + 1))),
        dtype: t.dtype,
      },
    );
    return out;
  },
  backward: {
    self: (g, _s, m) => {
      const shape = m.shapes[0],
        lead = m.repeats.length - shape.length;
      const size = m.repeats.map((_, i) => (i < lead ? 1 : shape[i - lead]));
      const split = g.reshape(m.repeats.flatMap((r, i) => [r, size[i]]));
      return split.sum(m.repeats.map((_, i) => 2 * i)).reshape(shape);
    },
  },
});

// ---- scatter into views: diagonal_scatter, select_scatter, slice_scatter -------------------------------

function checkSrc(src: Tensor, slice: Tensor): void {
  if (src._shape.join() !== slice._shape.join())
    throw new RuntimeError(
      `expected src to have a size equal to the slice of self. src size = ${formatShape(src._shape)}, slice size = ${formatShape(slice._shape)}`,
    );
}

/** out = copy of self with `src` written into the view `pick(out)`. */
function scatterInto(self: Tensor, src: Tensor, pick: (t: Tensor) => Tensor): Tensor {
  const out = freshCopy(self);
  const view = pick(out);
  checkSrc(src, view);
  backend().copy(sv(src), sv(view));
  return out;
}

type DiagAttrs = { offset: number; dim1: number; dim2: number };
export const diagonalScatterOp = defineOp({
  name: "diagonal_scatter",
  gradFn: "DiagonalScatterBackward0",
  inputs: ["self", "src"],
  forward: ([x, src], a: DiagAttrs) => scatterInto(x, src, (t) => t.diagonal(a.offset, a.dim1, a.dim2)),
  backward: {
    self: (g, _s, m) => g.diagonal_scatter(zerosOf(m.shapes[1], g.dtype), m.offset, m.dim1, m.dim2),
    src: (g, _s, m) => g.diagonal(m.offset, m.dim1, m.dim2),
  },
});

export const selectScatterOp = defineOp({
  name: "select_scatter",
  gradFn: "SelectScatterBackward0",
  inputs: ["self", "src"],
  forward: ([x, src], { dim, index }: { dim: number; index: number }) =>
    scatterInto(x, src, (t) => t.select(dim, index)),
  backward: {
    self: (g, _s, m) => g.select_scatter(zerosOf(m.shapes[1], g.dtype), m.dim, m.index),
    src: (g, _s, m) => g.select(m.dim, m.index),
  },
});

type SliceAttrs = { dim: number; start: number | null; end: number | null; step: number };
export const sliceScatterOp = defineOp({
  name: "slice_scatter",
  gradFn: "SliceScatterBackward0",
  inputs: ["self", "src"],
  forward: ([x, src], a: SliceAttrs) => scatterInto(x, src, (t) => sliceView(t, a.dim, a.start, a.end, a.step, false)),
  backward: {
    self: (g, _s, m) => g.slice_scatter(zerosOf(m.shapes[1], g.dtype), m.dim, m.start, m.end, m.step),
    src: (g, _s, m) => sliceView(g, m.dim, m.start, m.end, m.step),
  },
});

// ---- tril, triu, diag, trace ------------------------------------------------------------------------

export const triOp = defineOp({
  name: "tril_triu",
  gradFn: (a: { k: number; upper: boolean }) => (a.upper ? "TriuBackward0" : "TrilBackward0"),
  inputs: ["self"],
  forward: ([x], { k, upper }: { k: number; upper: boolean }) => {
    const out = freshCopy(x),
      nd = out._shape.length;
    const rows = out._shape[nd - 2],
      cols = out._shape[nd - 1],
      d = out._storage.data;
    const zero = isExact(d) ? 0n : 0; // either int64 storage form
    // Zero (i, j) in every matrix of the batch when it lies on the dropped side of diagonal k.
    for (let base = 0; base < d.length; base += rows * cols)
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) if (upper ? j - i < k : j - i > k) (d as Cells)[base + i * cols + j] = zero;
    return out;
  },
  backward: { self: (g, _s, m) => (m.upper ? g.triu(m.k) : g.tril(m.k)) },
});

export const diagOp = defineOp({
  name: "diag",
  gradFn: "DiagBackward0",
  inputs: ["self"],
  forward: ([x], { k }: { k: number }) => {
    const t = x;
    if (t._shape.length === 2) return freshCopy(t.diagonal(k, 0, 1));
    const n = t._shape[0] + Math.abs(k);
    const out = zerosOf([n, n], t.dtype);
    backend().copy(sv(t), sv(out.diagonal(k, 0, 1)));
    return out;
  },
  backward: {
    self: (g, _s, m) =>
      m.shapes[0].length === 1 ? g.diagonal(m.k, 0, 1) : zerosOf(m.shapes[0], g.dtype).diagonal_scatter(g, m.k, 0, 1),
  },
});

export const traceOp = defineOp({
  name: "trace",
  gradFn: "TraceBackward0",
  inputs: ["self"],
  forward: ([x]) => {
    const dg = x.diagonal(0, 0, 1);
    return dg.sum().to(x.dtype.is_floating_point ? x.dtype : int64);
  },
  backward: {
    self: (g, _s, m) => {
      const [r, c] = m.shapes[0];
      return zerosOf([r, c], g.dtype).diagonal_scatter(g.expand([Math.min(r, c)]), 0, 0, 1);
    },
  },
});

// ---- public API ------------------------------------------------------------------------------------------

function uniqueDims(dims: number[], ndim: number): number[] {
  const out = dims.map((d) => wrapDim(d, ndim));
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return ndim === 0 ? [] : out;
}

/** torch.flip(x, dims): reverse the order along dims (a copy, as in PyTorch). @example x.flip(0) */
export function flip(x: Tensor, ...dims: (number | readonly number[])[]): Tensor {
  tensorArg("flip", x);
  return call(flipOp, [x], { dims: uniqueDims(dimList(dims, "flip"), x._shape.length) });
}
/** torch.fliplr(x): flip dim 1. */
export function fliplr(x: Tensor): Tensor {
  tensorArg("fliplr", x);
  if (x._shape.length < 2) throw new RuntimeError("Input must be >= 2-d.");
  return flip(x, 1);
}
/** torch.flipud(x): flip dim 0. */
export function flipud(x: Tensor): Tensor {
  tensorArg("flipud", x);
  if (x._shape.length < 1) throw new RuntimeError("Input must be >= 1-d.");
  return flip(x, 0);
}

/**
 * torch.roll(x, shifts, dims): shift elements circularly along dims (the flattened tensor when dims
 * is omitted). @example x.roll(1, 0)
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[] | null): Tensor {
  tensorArg("roll", x);
  const s = parseSizeArgs([shifts], "roll", "shifts", 2);
  const d = dims === undefined || dims === null ? [] : parseSizeArgs([dims], "roll", "dims", 3);
  if (d.length === 0 ? s.length !== 1 : s.length !== d.length)
    throw new RuntimeError(`shifts and dimensions must align. shifts: ${s.length}, dims:${d.length}`);
  return call(rollOp, [x], { shifts: s, dims: d.map((k) => wrapDim(k, x._shape.length)) });
}

/** Tile: `x.repeat(2, 1)` (repeats may add leading dims). */
export function repeat(x: Tensor, ...sizes: (number | readonly number[])[]): Tensor {
  const repeats = dimList(sizes, "repeat", "repeats");
  if (repeats.length < x._shape.length)
    throw new RuntimeError(
      "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
    );
  if (repeats.some((r) => r < 0))
    throw new RuntimeError(
      `Trying to create tensor with negative dimension ${repeats.find((r) => r < 0)}: ${formatShape(repeats)}`,
    );
  return call(repeatOp, [x], { repeats });
}
/** torch.tile(x, reps): repeat, padding reps with leading 1s to x's rank. */
export function tile(x: Tensor, ...reps: (number | readonly number[])[]): Tensor {
  tensorArg("tile", x);
  const r = dimList(reps, "tile");
  while (r.length < x._shape.length) r.unshift(1);
  return repeat(x, r);
}

/** torch.diagonal_scatter(x, src, offset, dim1, dim2): x with its diagonal replaced by src. */
export function diagonal_scatter(x: Tensor, src: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  tensorArg("diagonal_scatter", x);
  const n = x._shape.length;
  return call(diagonalScatterOp, [x, src], { offset, dim1: wrapDim(dim1, n), dim2: wrapDim(dim2, n) });
}
/** torch.select_scatter(x, src, dim, index): x with x.select(dim, index) replaced by src. */
export function select_scatter(x: Tensor, src: Tensor, dim: number, index: number): Tensor {
  tensorArg("select_scatter", x);
  const d = wrapDim(dim, x._shape.length),
    size = x._shape[d];
  if (index < -size || index >= size)
    throw new IndexError(
      `select(): index ${index} out of range for tensor of size ${formatShape(x._shape)} at dimension ${d}`,
    );
  return call(selectScatterOp, [x, src], { dim: d, index: index < 0 ? index + size : index });
}
/** torch.slice_scatter(x, src, dim = 0, start = null, end = null, step = 1): x with the slice replaced by src. */
export function slice_scatter(
  x: Tensor,
  src: Tensor,
  dim: number | { dim?: number; start?: number | null; end?: number | null; step?: number } = 0,
  start: number | null = null,
  end: number | null = null,
  step = 1,
): Tensor {
  tensorArg("slice_scatter", x);
  if (isOptions(dim)) ({ dim = 0, start = null, end = null, step = 1 } = dim);
  return call(sliceScatterOp, [x, src], {
    dim: wrapDim(dim as number, x._shape.length),
    start: start ?? null,
    end: end ?? null,
    step,
  });
}

function tri(x: Tensor, k: number, upper: boolean, inplace: boolean): Tensor {
  wrapDim(-2, x._shape.length); // PyTorch's error for inputs with fewer than 2 dims
  return inplace ? callInplace(triOp, x, [], { k, upper }) : call(triOp, [x], { k, upper });
}
/** torch.tril(x, diagonal = 0): zero the elements above the diagonal (of the last two dims). */
export function tril(x: Tensor, diagonal = 0): Tensor {
  tensorArg("tril", x);
  return tri(x, diagonal, false, false);
}
/** torch.triu(x, diagonal = 0): zero the elements below the diagonal. */
export function triu(x: Tensor, diagonal = 0): Tensor {
  tensorArg("triu", x);
  return tri(x, diagonal, true, false);
}

/** torch.diag(x, diagonal = 0): a 1-D x becomes a diagonal matrix; a 2-D x gives its diagonal. */
export function diag(x: Tensor, diagonal = 0): Tensor {
  tensorArg("diag", x);
  if (x._shape.length !== 1 && x._shape.length !== 2) throw new RuntimeError("matrix or a vector expected");
  return call(diagOp, [x], { k: diagonal });
}
/** torch.trace(x): sum of the main diagonal of a matrix (int64 for integer inputs). */
export function trace(x: Tensor): Tensor {
  tensorArg("trace", x);
  if (x._shape.length !== 2)
    throw new RuntimeError(`trace: expected a matrix, but got tensor with dim ${x._shape.length}`);
  return call(traceOp, [x], {});
}

/** The shape ops whose method is the function with the tensor as `this` (tensor/expose.ts); `repeat` is a method only. */
const SHAPE_METHODS = {
  flip,
  fliplr,
  flipud,
  roll,
  repeat,
  tile,
  diagonal_scatter,
  select_scatter,
  slice_scatter,
  tril,
  triu,
  diag,
  trace,
};
type ShapeMethods = MethodsOf<typeof import("./shape_ops.js"), keyof typeof SHAPE_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends ShapeMethods {
    /** tril in place. */
    tril_(diagonal?: number): Tensor;
    /** triu in place. */
    triu_(diagonal?: number): Tensor;
  }
}

exposeMethods(SHAPE_METHODS);
installMethods({
  tril_(this: Tensor, k = 0) {
    return tri(this, k, false, true);
  },
  triu_(this: Tensor, k = 0) {
    return tri(this, k, true, true);
  },
});
