/**
 * Python indexing: `x[0]`, `x["1:3, ::2"]`, `x["..., None"]`, `x[mask]`, `x[[0, 2]]`, and
 * assignment through them. Mirrors torch/csrc/autograd/python_variable_indexing.cpp: basic items
 * apply left to right as recorded views (`:` included, as PyTorch records SliceBackward0 for it),
 * then the tensor items run as one advanced-indexing op (IndexBackward0 / IndexPutBackward0).
 *
 * Spec forms: a number, boolean, null (new axis), Tensor (int64 indices or bool mask), a string
 * in Python subscript syntax, an array of numbers or booleans (a Python list: advanced
 * indexing), or an array mixing these (a Python tuple): `[0, "1:3"]`, `[[0, 1], [0, 2]]`.
 */
import { argError, tensorArg } from "../tensor/arg_parser.js";
import { IndexError, RuntimeError, TypeError as PyTypeError, ValueError } from "../errors.js";
import { bool, castScalarExact, filledStorage, int64, uint8 } from "../tensor/dtype.js";
import { Tensor, installMethods, type TensorLike } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { broadcastShapes, contiguousStrides, numel } from "../tensor/shape.js";
import { backend } from "../backend/index.js";
import { call, callInplace, defineOp } from "./define.js";
import { makeView, sliceView } from "./movement.js";
import { sv, svBroadcast, wrap } from "./util.js";
import { freshCopy, longTensor, rowMajor, zerosOf } from "./index_util.js";
import { formatShape } from "../format/shape_text.js";

export type IndexItem = number | boolean | null | string | Tensor | readonly (number | boolean)[] | readonly unknown[];
export type IndexSpec = IndexItem | readonly IndexItem[];

type Item =
  | { kind: "int"; value: number }
  | { kind: "slice"; start: number | null; stop: number | null; step: number }
  | { kind: "none" }
  | { kind: "ellipsis" }
  | { kind: "tensor"; t: Tensor };

// ---- parsing -----------------------------------------------------------------------------------------

const INVALID = "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices";

/** A Python list used as an index (`x[[0, 2]]`, `x[[True, False]]`) as a tensor, like torch.tensor. */
function listTensor(list: readonly unknown[]): Tensor {
  const flat: unknown[] = [];
  const shape: number[] = [];
  const walk = (a: unknown, depth: number): void => {
    if (!Array.isArray(a)) {
      flat.push(a);
      return;
    }
    if (shape.length === depth) shape.push(a.length);
    a.forEach((e) => walk(e, depth + 1));
  };
  walk(list, 0);
  if (flat.length && flat.every((v) => typeof v === "boolean"))
    return Tensor._fromData(new Uint8Array(flat.map((v) => (v ? 1 : 0))), shape, bool);
  if (!flat.every((v) => typeof v === "number" || typeof v === "boolean"))
    throw new IndexError(`${INVALID} (got list)`);
  if (flat.some((v) => typeof v === "number" && !Number.isInteger(v)))
    throw new IndexError("tensors used as indices must be long, byte or bool tensors");
  if (numel(shape) !== flat.length)
    throw new ValueError(`expected sequence of length ${shape[shape.length - 1]} (got a ragged list)`);
  return longTensor(flat.map(Number), shape);
}

function parseSlice(s: string): Item {
  const parts = s.split(":").map((p) => p.trim());
  if (parts.length > 3) throw new IndexError(`invalid slice '${s}'`);
  const num = (p: string | undefined): number | null => {
    if (p === undefined || p === "" || p === "None") return null;
    if (!/^[+-]?\d+$/.test(p))
      throw new PyTypeError("slice indices must be integers or None or have an __index__ method");
    return parseInt(p, 10);
  };
  const step = num(parts[2]) ?? 1;
  if (step === 0) throw new ValueError("slice step cannot be zero");
  if (step < 0) throw new ValueError("step must be greater than zero");
  return { kind: "slice", start: num(parts[0]), stop: num(parts[1]), step };
}

/** Split at top-level commas (commas inside [...] belong to a list literal). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0,
    cur = "";
  for (const ch of s) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseString(spec: string): Item[] {
  const parts = splitTop(spec).map((p) => p.trim());
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop(); // "0," is the tuple (0,)
  if (parts.length === 1 && parts[0] === "") return [];
  return parts.map((p): Item => {
    if (p === "..." || p === "Ellipsis") return { kind: "ellipsis" };
    if (p === "None") return { kind: "none" };
    if (p === "True" || p === "False") return boolItem(p === "True");
    if (p.startsWith("["))
      return {
        kind: "tensor",
        t: listTensor(JSON.parse(p.replace(/\bTrue\b/g, "true").replace(/\bFalse\b/g, "false")) as unknown[]),
      };
    if (p.includes(":")) return parseSlice(p);
    if (/^[+-]?\d+$/.test(p)) return { kind: "int", value: parseInt(p, 10) };
    if (/^[+-]?(\d+\.\d*|\.\d+|\d+)(e[+-]?\d+)?$/i.test(p)) throw new IndexError(`${INVALID} (got float)`);
    throw new IndexError(`${INVALID} (got '${p}')`);
  });
}

const boolItem = (v: boolean): Item => ({ kind: "tensor", t: Tensor._fromData(new Uint8Array([v ? 1 : 0]), [], bool) });

function parseOne(v: unknown): Item[] {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new IndexError(`${INVALID} (got float)`);
    return [{ kind: "int", value: v }];
  }
  if (typeof v === "boolean") return [boolItem(v)];
  if (v === null) return [{ kind: "none" }];
  if (typeof v === "string") return parseString(v);
  if (v instanceof Tensor) return [{ kind: "tensor", t: v }];
  if (Array.isArray(v)) return [{ kind: "tensor", t: listTensor(v) }];
  throw new IndexError(`${INVALID} (got ${typeof v})`);
}

/** A spec as a list of items: arrays of only numbers/booleans are Python lists, other arrays are tuples. */
export function parseIndex(spec: IndexSpec): Item[] {
  if (Array.isArray(spec) && !spec.every((e) => typeof e === "number" || typeof e === "boolean"))
    return spec.flatMap((e) => parseOne(e));
  return parseOne(spec);
}

// ---- advanced indexing ---------------------------------------------------------------------------------

/** Where each broadcast index position reads in `t`, and how the result is laid out (numpy's rules). */
function plan(t: Tensor, indices: readonly (Tensor | null)[]) {
  const dims = indices.flatMap((ix, d) => (ix ? [d] : []));
  const idxs = dims.map((d) => indices[d]!);
  let B: number[] = [];
  try {
    for (const ix of idxs) B = broadcastShapes(B, ix._shape);
  } catch {
    throw new IndexError(
      `shape mismatch: indexing tensors could not be broadcast together with shapes ${idxs.map((ix) => formatShape(ix._shape)).join(", ")}`,
    );
  }
  const nB = numel(B),
    offB = new Float64Array(nB);
  idxs.forEach((ix, k) => {
    const d = dims[k],
      size = t._shape[d],
      st = t._strides[d];
    const vals = zerosOf(B, int64);
    backend().copy(svBroadcast(ix, B), sv(vals));
    backend().indexing.addIndexOffsets(vals._data, size, st, k, offB);
  });
  const rest = t._shape.map((_, d) => d).filter((d) => !indices[d]);
  const adjacent = dims.every((d, k) => k === 0 || d === dims[k - 1] + 1);
  const before = adjacent ? rest.filter((d) => d < dims[0]) : [];
  const after = rest.filter((d) => !before.includes(d));
  const restShape = rest.map((d) => t._shape[d]);
  const resultShape = [...before.map((d) => t._shape[d]), ...B, ...after.map((d) => t._shape[d])];
  // The block of the result for index position b: its offset and strides over the rest dims.
  const rs = contiguousStrides(resultShape),
    bStride = numel(after.map((d) => t._shape[d]));
  const resultStrides = [...before.map((_, i) => rs[i]), ...after.map((_, i) => rs[before.length + B.length + i])];
  return { B, offB, restShape, restStrides: rest.map((d) => t._strides[d]), resultShape, resultStrides, bStride };
}

type IndexAttrs = { indices: (Tensor | null)[] };

export const indexOp = defineOp({
  name: "index",
  gradFn: "IndexBackward0",
  inputs: ["self"],
  forward: ([x], { indices }: IndexAttrs) => {
    const t = x,
      p = plan(t, indices);
    const out = zerosOf(p.resultShape, t.dtype);
    p.offB.forEach((off, b) =>
      backend().copy(
        {
          data: t._storage.data,
          storage: t._storage,
          offset: t._offset + off,
          shape: p.restShape,
          strides: p.restStrides,
          dtype: t.dtype,
        },
        {
          data: out._storage.data,
          storage: out._storage,
          offset: b * p.bStride,
          shape: p.restShape,
          strides: p.resultStrides,
          dtype: t.dtype,
        },
      ),
    );
    return out;
  },
  backward: { self: (g, _s, m) => index_put(zerosOf(m.shapes[0], g.dtype), m.indices, g, true) },
});

export const indexPutOp = defineOp({
  name: "index_put",
  gradFn: "IndexPutBackward0",
  inputs: ["self", "values"],
  forward: ([x, values], { indices, accumulate }: IndexAttrs & { accumulate: boolean }) => {
    const v = values,
      out = freshCopy(x),
      p = plan(out, indices);
    if (v.dtype !== out.dtype)
      throw new RuntimeError(
        `Index put requires the source and destination dtypes match, got ${out.dtype.scalarName} for the destination and ${v.dtype.scalarName} for the source.`,
      );
    const fits =
      v._shape.length <= p.resultShape.length &&
      v._shape.every((s, i) => s === 1 || s === p.resultShape[p.resultShape.length - v._shape.length + i]);
    if (!fits)
      throw new RuntimeError(
        `shape mismatch: value tensor of shape ${formatShape(v._shape)} cannot be broadcast to indexing result of shape ${formatShape(p.resultShape)}`,
      );
    // Values laid out like the result of x[indices]; block b holds what goes to index position b.
    const vb = zerosOf(p.resultShape, v.dtype);
    backend().copy(svBroadcast(v, p.resultShape), sv(vb));
    p.offB.forEach((off, b) => {
      const src = {
        data: vb._storage.data,
        storage: vb._storage,
        offset: b * p.bStride,
        shape: p.restShape,
        strides: p.resultStrides,
        dtype: v.dtype,
      };
      const dst = {
        data: out._storage.data,
        storage: out._storage,
        offset: off,
        shape: p.restShape,
        strides: p.restStrides,
        dtype: out.dtype,
      };
      // Sequential writes: repeated positions accumulate, or the last write wins (as the CPU kernel).
      if (!accumulate) {
        backend().copy(src, dst);
        return;
      }
      const sum = backend().binary("add", dst, src, p.restShape, out.dtype);
      backend().copy(
        { data: sum, offset: 0, shape: p.restShape, strides: contiguousStrides(p.restShape), dtype: out.dtype },
        dst,
      );
    });
    return out;
  },
  backward: {
    self: (g, _s, m) => (m.accumulate ? g : index_put(g, m.indices, zerosOf([], g.dtype), false)),
    values: (g, _s, m) => call(indexOp, [g], { indices: m.indices }),
  },
});

export const aliasOp = defineOp({
  name: "alias",
  gradFn: "AliasBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x]) => makeView(x, x._shape, x._strides, x._offset),
  backward: { self: (g) => g },
});

type Rec = { at: number; ix: Tensor };
/** Index tensors (at the dim where each starts) aligned to t's dims; a k-dim bool mask becomes k int64 indices (its nonzero coordinates). */
function alignIndices(t: Tensor, recs: readonly Rec[]): (Tensor | null)[] {
  const out: (Tensor | null)[] = new Array<Tensor | null>(t._shape.length).fill(null);
  for (const { at, ix } of recs) {
    if (ix.dtype === int64) {
      out[at] = ix;
      continue;
    }
    if (ix.dtype !== bool && ix.dtype !== uint8)
      throw new IndexError("tensors used as indices must be long, byte or bool tensors");
    ix._shape.forEach((s, j) => {
      if (s !== t._shape[at + j])
        throw new IndexError(
          `The shape of the mask ${formatShape(ix._shape)} at index ${j} does not match the shape of the indexed tensor ${formatShape(t._shape)} at index ${at + j}`,
        );
    });
    const nd = ix._shape.length,
      coords: number[][] = ix._shape.map(() => []);
    rowMajor(ix).forEach((v, i) => {
      if (!v) return;
      for (let k = nd - 1, r = i; k >= 0; k--) {
        coords[k].push(r % ix._shape[k]);
        r = Math.floor(r / ix._shape[k]);
      }
    });
    coords.forEach((c, j) => {
      out[at + j] = longTensor(c);
    });
  }
  return out;
}

// ---- applying a spec -------------------------------------------------------------------------------------

/** Basic items as recorded views, left to right; tensor items collected (aligned to the result's dims). */
function applySlicing(x: Tensor, items: Item[]): { t: Tensor; indices: (Tensor | null)[] | null } {
  const nd = x._shape.length;
  let used = 0,
    ellipses = 0;
  for (const it of items) {
    if (nd === 0 && it.kind === "int")
      throw new IndexError(
        "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number",
      );
    if (nd === 0 && it.kind === "slice") throw new IndexError("slice() cannot be applied to a 0-dim tensor.");
    if (it.kind === "int" || it.kind === "slice") used++;
    else if (it.kind === "tensor") used += it.t.dtype === bool || it.t.dtype === uint8 ? it.t._shape.length : 1;
    else if (it.kind === "ellipsis") ellipses++;
  }
  if (ellipses > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
  if (used > nd) throw new IndexError(`too many indices for tensor of dimension ${nd}`);
  let t = x,
    dim = 0;
  const recs: Rec[] = [];
  // NOTE: PyTorch names the tuple position of an out-of-range integer (x[None, 5] says dimension 1), not the view's dim.
  const select = (i: number, pos: number) => {
    const size = t._shape[dim];
    if (i < -size || i >= size)
      throw new IndexError(`index ${i} is out of bounds for dimension ${pos} with size ${size}`);
    return t.select(dim, i);
  };
  for (const [pos, it] of items.entries()) {
    switch (it.kind) {
      case "int":
        t = select(it.value, pos);
        break;
      case "slice":
        t = sliceView(t, dim, it.start, it.stop, it.step);
        dim++;
        break;
      case "none":
        t = t.unsqueeze(dim);
        dim++;
        break;
      case "ellipsis":
        dim += nd - used;
        break;
      case "tensor": {
        const ix = it.t,
          isMask = ix.dtype === bool || ix.dtype === uint8;
        if (!isMask && ix.dtype !== int64)
          throw new IndexError("tensors used as indices must be long, byte or bool tensors");
        if (ix._shape.length === 0 && !isMask) {
          t = select(ix.item(), pos);
          break;
        }
        // x[True] / x[False]: a new axis of size 1, then masked by [True] / [False].
        if (ix._shape.length === 0) {
          t = t.unsqueeze(dim);
          recs.push({ at: dim, ix: ix.reshape([1]) });
          dim++;
          break;
        }
        recs.push({ at: dim, ix });
        dim += isMask ? ix._shape.length : 1;
      }
    }
  }
  return { t, indices: recs.length ? alignIndices(t, recs) : null };
}

/**
 * Python's `x[spec]`: views for basic items, a copy for advanced indexing.
 * @example x.index("1:3, ::2"); x.index([0, "1:"]); x.index(x.gt(0))
 */
export function __getitem__(x: Tensor, spec: IndexSpec): Tensor {
  const { t, indices } = applySlicing(x, parseIndex(spec));
  if (indices) return call(indexOp, [t], { indices });
  return t === x ? call(aliasOp, [x], {}) : t;
}

/** As PyTorch's slicePrefix1sDims: a value's leading size-1 dims are dropped before it is written. */
function stripLeadingOnes(v: Tensor): Tensor {
  let k = 0;
  while (k < v._shape.length && v._shape[k] === 1) k++;
  return k ? v.view(v._shape.slice(k)) : v;
}

/** Python's `x[spec] = value`: in place, through the view (copy_/fill_) or index_put_. Returns x. */
export function __setitem__(x: Tensor, spec: IndexSpec, value: TensorLike): Tensor {
  const { t, indices } = applySlicing(x, parseIndex(spec));
  if (indices) {
    const v =
      value instanceof Tensor
        ? stripLeadingOnes(value.dtype === t.dtype ? value : value.to(t.dtype))
        : Tensor._fromData(filledStorage(t.dtype, 1, value), [], t.dtype);
    callInplace(indexPutOp, t, [v], { indices, accumulate: false });
    return x;
  }
  // NOTE: cast here: a float written into an int64 tensor must truncate (as PyTorch's fill_).
  // PyTorch's setitem fills with a 0-dim tensor (so CopySlices shows the value as a None input).
  if (!(value instanceof Tensor)) {
    t.fill_(wrap(castScalarExact(value, t.dtype), t.dtype));
    return x;
  }
  const v = stripLeadingOnes(value);
  v.detach().expand(t._shape); // PyTorch's expand errors when the value does not fit
  t.copy_(v);
  return x;
}

/** A user's index tuple (null = whole dim; a k-dim mask covers k dims) aligned to x's dims. */
function indicesArg(x: Tensor, indices: readonly (Tensor | null)[]): (Tensor | null)[] {
  if (!Array.isArray(indices)) throw argError("index_put", "indices", 2, "tuple of Tensors", indices);
  const recs: Rec[] = [];
  let at = 0;
  for (const ix of indices) {
    if (ix) recs.push({ at, ix });
    at += ix && (ix.dtype === bool || ix.dtype === uint8) ? ix._shape.length : 1;
  }
  if (at > x._shape.length) throw new IndexError(`too many indices for tensor of dimension ${x._shape.length}`);
  return alignIndices(x, recs);
}
/** torch.index_put(x, indices, values, accumulate = false): a copy of x with x[indices] = values (or +=). */
export function index_put(x: Tensor, indices: readonly (Tensor | null)[], values: Tensor, accumulate = false): Tensor {
  tensorArg("index_put", x);
  return call(indexPutOp, [x, values], { indices: indicesArg(x, indices), accumulate });
}
/** x.index_put_(indices, values, accumulate = false): in place. */
export function index_put_(x: Tensor, indices: readonly (Tensor | null)[], values: Tensor, accumulate = false): Tensor {
  tensorArg("index_put_", x);
  return callInplace(indexPutOp, x, [values], { indices: indicesArg(x, indices), accumulate });
}

/** The indexing functions whose method is the function with the tensor as `this` (tensor/expose.ts). */
const INDEXING_METHODS = { __getitem__, __setitem__, index_put, index_put_ };
type IndexingMethods = MethodsOf<typeof import("./indexing.js"), keyof typeof INDEXING_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends IndexingMethods {
    /** Python indexing `x[spec]`: `x.index(0)`, `x.index(":, 1")`, `x.index("..., None")`, `x.index(mask)`. */
    index(spec: IndexSpec): Tensor;
  }
}

exposeMethods(INDEXING_METHODS);
installMethods({
  index(this: Tensor, s: IndexSpec) {
    return __getitem__(this, s);
  },
});
