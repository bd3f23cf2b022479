/**
 * Sorting and selection: sort/argsort/msort, topk, kthvalue, median/nanmedian, mode, unique,
 * searchsorted. The order of *equal* keys follows PyTorch's CPU kernels, which call libstdc++'s
 * std::sort / std::nth_element (ported in random/stl_algo.ts) or their own quickselect; the
 * gradient of every value-selecting op scatters back through the returned indices.
 */
import { intArg, isOptions, kwargs, tensorArg } from "../tensor/arg_parser.js";
import { NotImplementedError, RuntimeError } from "../errors.js";
import { type DType, int32, int64 } from "../tensor/dtype.js";
import { Tensor, installMethods } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { wrapDim } from "../tensor/shape.js";
import { stdSort, topkIndices } from "../random/stl_algo.js";
import { call, defineOp, type OpMeta } from "./define.js";
import { ReturnTypes } from "./reduce.js";
import { cellsFor, lanes, longTensor, rowMajor, rowMajorCells, zerosOf, type Cells } from "./index_util.js";
import { isExact } from "../tensor/store.js";
import { formatShape } from "../format/shape_text.js";

// Keys are numbers, or bigints for int64 in exact storage (store.ts): no NaN among those.
type Key = number | bigint;
const isNaN_ = (v: Key) => v !== v;
/** ATen's KeyValueCompAsc / KeyValueCompDesc: NaN sorts as the largest value. */
const ascLess = (a: Key, b: Key) => (!isNaN_(a) && isNaN_(b)) || a < b;
const descLess = (a: Key, b: Key) => (isNaN_(a) && !isNaN_(b)) || a > b;

/**
 * Call `cb(lane, at)` for every 1-D lane of x along dim; `at(len, r)` is the row-major position of
 * entry r of this lane in a result whose dim has `len` entries. Lanes have x's storage form.
 */
function forEachLane(
  x: Tensor,
  dim: number,
  cb: (lane: Cells, at: (len: number, r: number) => number) => void,
): boolean {
  const raw = rowMajorCells(x),
    exact = isExact(raw),
    data: Cells = raw;
  const { outer, size, inner } = lanes(x._shape, dim);
  const lane: Cells = exact ? new BigInt64Array(size) : new Float64Array(size);
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < inner; j++) {
      for (let i = 0; i < size; i++) lane[i] = data[(o * size + i) * inner + j];
      cb(lane, (len, r) => (o * len + r) * inner + j);
    }
  return exact;
}

/** Arrays for a (values, indices) result, values in `exact` form; made into tensors by `done`. */
function valueIndexCells(shape: readonly number[], dtype: DType, exact: boolean) {
  const n = shape.reduce((a, b) => a * b, 1);
  const values: Cells = cellsFor(dtype, n, exact),
    indices = new Float64Array(n);
  const done = (): [Tensor, Tensor] => [
    Tensor._fromData(values as Float64Array, shape, dtype),
    Tensor._fromData(indices, shape, int64),
  ];
  return { values, indices, done };
}

/** The gradient of a value-selecting op: `g` scattered to `indices` along dim in zeros like the input. */
function selectBackward(g: Tensor, indices: Tensor, m: OpMeta & { dim: number; keepdim?: boolean }): Tensor {
  const shape = m.shapes[0]!;
  if (shape.length === 0) return g.reshape([]);
  const gg = m.keepdim === false ? g.unsqueeze(m.dim) : g,
    ii = m.keepdim === false ? indices.unsqueeze(m.dim) : indices;
  return zerosOf(shape, g.dtype).scatter(m.dim, ii, gg);
}

function outShape(shape: readonly number[], dim: number, len: number | null, keepdim = true): number[] {
  if (shape.length === 0) return [];
  if (len === null) return keepdim ? shape.map((s, i) => (i === dim ? 1 : s)) : shape.filter((_, i) => i !== dim);
  return shape.map((s, i) => (i === dim ? len : s));
}

// ---- sort, topk ------------------------------------------------------------------------------------------

type SortAttrs = { dim: number; descending: boolean; stable: boolean; stableOverload: boolean };
export const sortOp = defineOp({
  name: "sort",
  gradFn: (a: SortAttrs) => (a.stableOverload ? "SortBackward1" : "SortBackward0"),
  inputs: ["self"],
  save: ["result1"],
  differentiableOutputs: 1,
  forward: ([x], { dim, descending, stable }: SortAttrs) => {
    const shape = x._shape,
      n = shape.length ? shape[dim] : 1;
    const { values, indices, done } = valueIndexCells(shape, x.dtype, isExact(x._storage.data));
    const less = descending ? descLess : ascLess;
    forEachLane(x, dim, (lane, at) => {
      const perm = new Int32Array(n);
      for (let i = 0; i < n; i++) perm[i] = i;
      const lessAt = (p: number, q: number) => less(lane[p], lane[q]);
      if (stable)
        perm.sort((p, q) => (lessAt(p, q) ? -1 : lessAt(q, p) ? 1 : 0)); // TypedArray sort is stable
      else stdSort(perm, 0, n, lessAt);
      for (let r = 0; r < n; r++) {
        values[at(n, r)] = lane[perm[r]];
        indices[at(n, r)] = perm[r];
      }
    });
    return done();
  },
  backward: (grads, s, m) => [selectBackward(grads[0], s.result1, m)],
});

type TopkAttrs = { dim: number; k: number; largest: boolean; sorted: boolean };
export const topkOp = defineOp({
  name: "topk",
  gradFn: "TopkBackward0",
  inputs: ["self"],
  save: ["result1"],
  differentiableOutputs: 1,
  forward: ([x], { dim, k, largest, sorted }: TopkAttrs) => {
    const shape = outShape(x._shape, dim, k);
    const { values, indices, done } = valueIndexCells(shape, x.dtype, isExact(x._storage.data));
    forEachLane(x, dim, (lane, at) => {
      topkIndices(lane, k, largest, sorted).forEach((p, r) => {
        values[at(k, r)] = lane[p];
        indices[at(k, r)] = p;
      });
    });
    return done();
  },
  backward: (grads, s, m) => [selectBackward(grads[0], s.result1, m)],
});

// ---- kthvalue, median, mode ------------------------------------------------------------------------------

/** ATen's quick_select_template (SortingUtils.h), used by kthvalue: moves both values and indices. */
function quickSelect(v: Cells, idx: Int32Array, k: number): void {
  const gt = (a: Key, b: Key) => (isNaN_(a) && !isNaN_(b)) || a > b;
  const swap = (a: number, b: number) => {
    [v[a], v[b]] = [v[b], v[a]];
    [idx[a], idx[b]] = [idx[b], idx[a]];
  };
  let L = 0,
    R = v.length - 1;
  for (;;) {
    if (R <= L) return;
    if (R === L + 1) {
      if (gt(v[L], v[R])) swap(L, R);
      return;
    }
    const P = L + ((R - L) >> 1);
    swap(P, L + 1);
    if (gt(v[L + 1], v[R])) swap(L + 1, R);
    if (gt(v[L], v[R])) swap(L, R);
    if (gt(v[L + 1], v[L])) swap(L + 1, L);
    let i = L + 1,
      j = R;
    const piv = v[L];
    for (;;) {
      do i++;
      while (gt(piv, v[i]));
      do j--;
      while (gt(v[j], piv));
      if (j < i) break;
      swap(i, j);
    }
    swap(L, j);
    if (j <= k) L = i;
    if (j >= k) R = j - 1;
  }
}

type PickAttrs = { dim: number; keepdim: boolean };
/** A (values, indices) reduction over dim where `pick(lane)` returns [value, index]. */
function pickOp(name: string, gradFn: string, pick: (lane: Cells, a: PickAttrs & { k: number }) => [Key, number]) {
  return defineOp({
    name,
    gradFn,
    inputs: ["self"],
    save: ["result1"],
    differentiableOutputs: 1,
    forward: ([x], a: PickAttrs & { k: number }) => {
      const shape = outShape(x._shape, a.dim, null, a.keepdim);
      const { values, indices, done } = valueIndexCells(shape, x.dtype, isExact(x._storage.data));
      forEachLane(x, a.dim, (lane, at) => {
        const [v, i] = pick(lane, a);
        values[at(1, 0)] = v;
        indices[at(1, 0)] = i;
      });
      return done();
    },
    backward: (grads, s, m) => [selectBackward(grads[0], s.result1, m)],
  });
}

export const kthvalueOp = pickOp("kthvalue", "KthvalueBackward0", (lane, { k }) => {
  const v = (lane as Float64Array).slice(),
    idx = Int32Array.from({ length: lane.length }, (_, i) => i);
  quickSelect(v, idx, k - 1);
  return [v[k - 1], idx[k - 1]];
});

/** median_with_indices_impl: the first NaN, else the ((n - 1) / 2)-th entry in (value, index) order. */
function medianPick(lane: Cells, ignoreNan: boolean): [Key, number] {
  const n = lane.length;
  let nNan = 0;
  for (let i = 0; i < n; i++) {
    if (!isNaN_(lane[i])) continue;
    if (!ignoreNan) return [NaN, i];
    nNan++;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => {
    const a = lane[p],
      b = lane[q];
    if (isNaN_(a) !== isNaN_(b)) return isNaN_(a) ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : p - q;
  });
  const nth = order[Math.max(0, Math.trunc((n - nNan - 1) / 2))];
  return [lane[nth], nth];
}
export const medianDimOp = pickOp("median_dim", "MedianBackward1", (lane) => medianPick(lane, false));
export const nanmedianDimOp = pickOp("nanmedian_dim", "NanmedianBackward1", (lane) => medianPick(lane, true));

/** mode: std::sort of (value, index) pairs by value, then the longest run (the last index of the first longest run). */
export const modeOp = pickOp("mode", "ModeBackward0", (lane) => {
  const n = lane.length,
    perm = Int32Array.from({ length: n }, (_, i) => i);
  stdSort(perm, 0, n, (p, q) => lane[p] < lane[q]);
  let best = 0,
    freq = 0,
    value: Key = 0,
    index = 0;
  for (let i = 0; i < n; i++) {
    freq++;
    if (i === n - 1 || lane[perm[i]] !== lane[perm[i + 1]]) {
      if (freq > best) {
        best = freq;
        value = lane[perm[i]];
        index = perm[i];
      }
      freq = 0;
    }
  }
  return [value, index];
});

/** median()/nanmedian() of all elements: the gradient is shared evenly among equal entries (evenly_distribute_backward). */
function medianAll(name: string, gradFn: string, ignoreNan: boolean) {
  return defineOp({
    name,
    gradFn,
    inputs: ["self"],
    save: ["self", "result"],
    forward: ([x]) => {
      const data = rowMajorCells(x),
        out = cellsFor(x.dtype, 1, isExact(data));
      (out as Cells)[0] = data.length === 0 ? NaN : medianPick(data, ignoreNan)[0];
      return Tensor._fromData(out, [], x.dtype);
    },
    backward: {
      self: (g, s) => {
        const mask = s.result.isnan().item() ? s.self.isnan() : s.self.eq(s.result);
        return mask.mul(g.div(mask.sum()));
      },
    },
  });
}
export const medianAllOp = medianAll("median", "MedianBackward0", false);
export const nanmedianAllOp = medianAll("nanmedian", "NanmedianBackward0", true);

// ---- unique -----------------------------------------------------------------------------------------------

export const uniqueOp = defineOp({
  internal: { gradcheck: "Unique2Backward0 raises NotImplementedError in PyTorch too" },
  name: "_unique2",
  gradFn: (a: { dim: number | null }) => (a.dim === null ? "Unique2Backward0" : "UniqueDimBackward0"),
  inputs: ["self"],
  differentiableOutputs: 1,
  forward: ([x], { dim }: { dim: number | null }) => {
    // Slices along dim (single elements when dim is null), compared lexicographically.
    const t = dim === null ? x.reshape([-1]) : x;
    const d = dim ?? 0,
      size = t._shape[d];
    const slices: Cells[] = Array.from({ length: size }, (_, i) => rowMajorCells(t.select(d, i)));
    const cmp = (p: number, q: number) => {
      const a = slices[p],
        b = slices[q];
      for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
      return 0;
    };
    const order = Array.from({ length: size }, (_, i) => i).sort(cmp);
    const inverse = new Float64Array(size),
      counts: number[] = [],
      firsts: number[] = [];
    order.forEach((p, r) => {
      if (r === 0 || cmp(order[r - 1], p) !== 0) {
        firsts.push(p);
        counts.push(0);
      }
      counts[counts.length - 1]++;
      inverse[p] = firsts.length - 1;
    });
    return [
      t.index_select(d, longTensor(firsts)),
      longTensor(inverse, dim === null ? x._shape : [size]),
      longTensor(counts),
    ];
  },
  backward: (_g, _s, m) => {
    throw new NotImplementedError(
      `the derivative for '${m.dim === null ? "_unique2" : "unique_dim"}' is not implemented.`,
    );
  },
});

// ---- public API -------------------------------------------------------------------------------------------

/** Positional arguments, any of which may instead be a trailing options object: f(x, 0, true), f(x, {descending: true}), f(x, 0, {stable: true}). */
function positional<O extends object>(args: Record<string, unknown>): O {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v !== null && typeof v === "object") Object.assign(out, v);
    else if (v !== undefined) out[k] = v;
  }
  return out as O;
}

type SortOpts = { dim?: number; descending?: boolean; stable?: boolean };
/**
 * torch.sort(x, dim = -1, descending = false, {stable}): sorted values and their indices.
 * @example const [values, indices] = x.sort({descending: true})
 */
export function sort(
  x: Tensor,
  dim?: number | SortOpts,
  descending?: boolean | SortOpts,
  opts: SortOpts | boolean | null = {},
): ReturnTypes {
  // PyTorch's positional form sort(input, dim, descending, stable) (its docstring's order).
  opts = typeof opts === "boolean" ? { stable: opts } : kwargs(opts);
  tensorArg("sort", x);
  const o: SortOpts = { ...positional({ dim, descending }), ...opts };
  const d = wrapDim(o.dim ?? -1, x._shape.length);
  const [v, i] = call(
    sortOp,
    [x],
    { dim: d, descending: o.descending ?? false, stable: o.stable ?? false, stableOverload: o.stable !== undefined },
    true,
  );
  return new ReturnTypes("sort", v, i);
}
/** torch.argsort(x, dim = -1, descending = false, {stable}): the indices that sort x. */
export function argsort(
  x: Tensor,
  dim?: number | SortOpts,
  descending?: boolean | SortOpts,
  opts: SortOpts | boolean | null = {},
): Tensor {
  opts = typeof opts === "boolean" ? { stable: opts } : kwargs(opts);
  tensorArg("argsort", x);
  return sort(x, dim, descending, opts).indices;
}
/** torch.msort(x): x sorted along dim 0 (values only). */
export function msort(x: Tensor): Tensor {
  tensorArg("msort", x);
  return sort(x, 0).values;
}

type TopkOpts = { dim?: number; largest?: boolean; sorted?: boolean };
/** torch.topk(x, k, dim = -1, largest = true, sorted = true): the k largest (or smallest) entries and their indices. */
export function topk(
  x: Tensor,
  k: number,
  dim?: number | TopkOpts,
  largest?: boolean | TopkOpts,
  sorted?: boolean,
): ReturnTypes {
  tensorArg("topk", x);
  intArg("topk", k, "k", 2);
  const o: TopkOpts = positional({ dim, largest, sorted });
  const d = wrapDim(o.dim ?? -1, x._shape.length);
  if (k < 0 || k > (x._shape.length ? x._shape[d] : 1)) throw new RuntimeError("selected index k out of range");
  const [v, i] = call(topkOp, [x], { dim: d, k, largest: o.largest ?? true, sorted: o.sorted ?? true }, true);
  return new ReturnTypes("topk", v, i);
}

type KeepOpts = { dim?: number; keepdim?: boolean };
function dimKeep(
  dim: number | KeepOpts | undefined,
  keepdim: boolean | undefined,
  dflt = -1,
): { dim: number; keepdim: boolean } {
  if (dim !== null && typeof dim === "object") return { dim: dim.dim ?? dflt, keepdim: dim.keepdim ?? false };
  return { dim: dim ?? dflt, keepdim: keepdim ?? false };
}
/** torch.kthvalue(x, k, dim = -1, keepdim = false): the k-th smallest entry along dim and its index. */
export function kthvalue(x: Tensor, k: number, dim?: number | KeepOpts, keepdim?: boolean): ReturnTypes {
  tensorArg("kthvalue", x);
  intArg("kthvalue", k, "k", 2);
  const o = dimKeep(dim, keepdim),
    d = wrapDim(o.dim, x._shape.length);
  if (k < 1 || k > (x._shape.length ? x._shape[d] : 1))
    throw new RuntimeError(`kthvalue(): selected number k out of range for dimension ${d}`);
  const [v, i] = call(kthvalueOp, [x], { dim: d, keepdim: o.keepdim, k }, true);
  return new ReturnTypes("kthvalue", v, i);
}

function medianImpl(
  kind: "median" | "nanmedian",
  x: Tensor,
  dim?: number | KeepOpts,
  keepdim?: boolean,
): Tensor | ReturnTypes {
  if (dim === undefined || dim === null || (typeof dim === "object" && dim.dim === undefined))
    return call(kind === "median" ? medianAllOp : nanmedianAllOp, [x], {});
  const o = dimKeep(dim, keepdim),
    d = wrapDim(o.dim, x._shape.length);
  if (x._shape.length && x._shape[d] === 0)
    throw new RuntimeError(
      `${kind}() cannot compute ${kind} for a dimension of size 0 because the operation does not have an identity`,
    );
  const [v, i] = call(
    kind === "median" ? medianDimOp : nanmedianDimOp,
    [x],
    { dim: d, keepdim: o.keepdim, k: 0 },
    true,
  );
  return new ReturnTypes(kind, v, i);
}
/** torch.median(x): the lower median of all elements; median(x, dim, keepdim) gives values and indices. */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number | KeepOpts, keepdim?: boolean): ReturnTypes;
export function median(x: Tensor, dim?: number | KeepOpts, keepdim?: boolean): Tensor | ReturnTypes {
  tensorArg("median", x);
  return medianImpl("median", x, dim, keepdim);
}
/** torch.nanmedian: median ignoring NaNs. */
export function nanmedian(x: Tensor): Tensor;
export function nanmedian(x: Tensor, dim: number | KeepOpts, keepdim?: boolean): ReturnTypes;
export function nanmedian(x: Tensor, dim?: number | KeepOpts, keepdim?: boolean): Tensor | ReturnTypes {
  tensorArg("nanmedian", x);
  return medianImpl("nanmedian", x, dim, keepdim);
}

/** torch.mode(x, dim = -1, keepdim = false): the most frequent value along dim (the smallest on ties) and an index of it. */
export function mode(x: Tensor, dim?: number | KeepOpts, keepdim?: boolean): ReturnTypes {
  tensorArg("mode", x);
  const o = dimKeep(dim, keepdim),
    d = wrapDim(o.dim, x._shape.length);
  const [v, i] = call(modeOp, [x], { dim: d, keepdim: o.keepdim, k: 0 }, true);
  return new ReturnTypes("mode", v, i);
}

type UniqueOpts = { sorted?: boolean; return_inverse?: boolean; return_counts?: boolean; dim?: number | null };
/**
 * torch.unique(x, {sorted, return_inverse, return_counts, dim}): the distinct values (sorted), plus
 * the inverse indices and counts when asked (then an array, like Python's tuple).
 * NOTE: always sorted; PyTorch 1.13's CPU kernel returns hash order for sorted=false.
 */
export function unique(x: Tensor, opts?: UniqueOpts & { return_inverse?: false; return_counts?: false }): Tensor;
export function unique(x: Tensor, opts: UniqueOpts & ({ return_inverse: true } | { return_counts: true })): Tensor[];
export function unique(x: Tensor, opts?: UniqueOpts): Tensor | Tensor[];
export function unique(
  x: Tensor,
  sorted?: boolean,
  return_inverse?: boolean,
  return_counts?: boolean,
  dim?: number | null,
): Tensor | Tensor[];
export function unique(
  x: Tensor,
  opts?: UniqueOpts | boolean | null,
  ri?: boolean,
  rc?: boolean,
  d?: number | null,
): Tensor | Tensor[] {
  // PyTorch's positional form unique(input, sorted, return_inverse, return_counts, dim) as well.
  opts = isOptions(opts) ? (opts as UniqueOpts) : { return_inverse: ri, return_counts: rc, dim: d ?? null };
  tensorArg("unique", x);
  const dim = opts.dim === undefined || opts.dim === null ? null : wrapDim(opts.dim, x._shape.length);
  const [out, inverse, counts] = call(uniqueOp, [x], { dim }, true);
  if (!opts.return_inverse && !opts.return_counts) return out;
  return [out, ...(opts.return_inverse ? [inverse] : []), ...(opts.return_counts ? [counts] : [])];
}

type SearchOpts = { right?: boolean; side?: "left" | "right"; out_int32?: boolean; sorter?: Tensor };
/** torch.searchsorted(sorted_sequence, values, {right, side, out_int32, sorter}): insertion points keeping order. */
export function searchsorted(seq: Tensor, values: Tensor | number, opts: SearchOpts | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("searchsorted", seq, "sorted_sequence");
  const right = opts.side ? opts.side === "right" : (opts.right ?? false);
  const vals = values instanceof Tensor ? values : Tensor._fromData(new seq.dtype.ArrayType([values]), [], seq.dtype);
  const lead = seq._shape.slice(0, -1);
  if (seq._shape.length > 1 && lead.join() !== vals._shape.slice(0, -1).join())
    throw new RuntimeError(
      `torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${formatShape(seq._shape)} and input value tensor ${formatShape(vals._shape)}`,
    );
  const n = seq._shape[seq._shape.length - 1] ?? 1;
  // Keys only compare (exactly across number and bigint): either storage form reads as is.
  const s: Cells = rowMajorCells(seq),
    v: Cells = rowMajorCells(vals),
    order = opts.sorter ? rowMajor(opts.sorter) : null;
  const inner = vals._shape.length ? vals._shape[vals._shape.length - 1] : 1;
  const dtype: DType = opts.out_int32 ? int32 : int64;
  const out = new dtype.ArrayType(v.length);
  for (let i = 0; i < v.length; i++) {
    const base = seq._shape.length > 1 ? Math.floor(i / inner) * n : 0;
    const at = (k: number) => s[base + (order ? order[base + k] : k)];
    let lo = 0,
      hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (right ? at(mid) <= v[i] : at(mid) < v[i]) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return Tensor._fromData(out, vals._shape, dtype);
}

/** The sort family's functions whose method is the function with the tensor as `this` (tensor/expose.ts). */
const SORT_METHODS = { sort, argsort, msort, topk, kthvalue, mode };
type SortMethods = MethodsOf<typeof import("./sort.js"), keyof typeof SORT_METHODS>;

declare module "../tensor/tensor.js" {
  // median, nanmedian and unique are overloaded (what they return depends on the arguments): declared here.
  interface Tensor extends SortMethods {
    /** The lower median of all elements; median(dim, keepdim) gives values and indices. */
    median(): Tensor;
    median(dim: number | KeepOpts, keepdim?: boolean): ReturnTypes;
    /** median ignoring NaNs. */
    nanmedian(): Tensor;
    nanmedian(dim: number | KeepOpts, keepdim?: boolean): ReturnTypes;
    /** The sorted unique elements; with return_inverse/return_counts also the inverse indices and counts. */
    unique(opts?: UniqueOpts & { return_inverse?: false; return_counts?: false }): Tensor;
    unique(opts: UniqueOpts & ({ return_inverse: true } | { return_counts: true })): Tensor[];
    unique(opts?: UniqueOpts): Tensor | Tensor[];
  }
}

exposeMethods(SORT_METHODS);
installMethods({
  median(this: Tensor, d?: number | KeepOpts, kd?: boolean) {
    return medianImpl("median", this, d, kd);
  },
  nanmedian(this: Tensor, d?: number | KeepOpts, kd?: boolean) {
    return medianImpl("nanmedian", this, d, kd);
  },
  unique(this: Tensor, o?: UniqueOpts | boolean, ri?: boolean, rc?: boolean, d?: number | null) {
    return unique(this, o as boolean, ri, rc, d);
  },
});
