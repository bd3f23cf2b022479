/**
 * Memory layout of new tensors, as PyTorch decides it: elementwise results follow their inputs'
 * layout (TensorIterator's compute_fast_setup_type / reorder_dimensions in
 * aten/src/ATen/TensorIterator.cpp), and clone/empty_like with preserve_format keep the input's
 * strides (aten/src/ATen/native/TensorFactories.cpp, infer_dense_strides in TensorUtils.cpp).
 * So `x.t() + 1` and `x.t().clone()` have strides (1, 3), not (2, 1).
 *
 * Every function returns `null` for "row-major contiguous", the common case, so callers keep
 * their contiguous fast path.
 */
import { contiguousStrides, isContiguous } from "./shape.js";

export interface Strided {
  readonly _shape: readonly number[];
  readonly _strides: readonly number[];
}

/** c10's compute_non_overlapping_and_dense: some permutation of the dims is contiguous. */
export function isNonOverlappingAndDense(shape: readonly number[], strides: readonly number[]): boolean {
  const n = shape.length;
  if (n === 1) return shape[0] < 2 || strides[0] === 1;
  const perm = shape.map((_, i) => i);
  // Stable sort: size-0/1 dims last, the rest by increasing stride.
  perm.sort((a, b) => {
    if (shape[a] < 2) return shape[b] < 2 ? 0 : 1;
    if (shape[b] < 2) return -1;
    return strides[a] - strides[b];
  });
  let required = 1;
  for (const d of perm) {
    if (shape[d] < 2) return true;
    if (strides[d] !== required) return false;
    required *= shape[d];
  }
  return true;
}

/** Exactly row-major strides, size-1 dims included (x.t() of a [1, 3] is contiguous but not this). */
function isRowMajor(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/** c10's channels-last (4-D) / channels-last-3d (5-D) contiguity. */
function channelsLastOrder(n: number): number[] | null {
  return n === 4 ? [1, 3, 2, 0] : n === 5 ? [1, 4, 3, 2, 0] : null;
}
function isChannelsLastContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  const order = channelsLastOrder(shape.length);
  if (!order) return false;
  let expected = 1;
  for (const d of order) {
    if (shape[d] === 1) continue;
    if (strides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}
/** c10's get_channels_last_strides_2d/3d (size-1 dims still multiply, as there). */
function channelsLastStrides(shape: readonly number[]): number[] {
  const order = channelsLastOrder(shape.length)!;
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (const d of order) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

/** Strides for `shape` laid out in memory in the order `perm` (perm[0] the fastest dim); size-1 dims multiply by 1. */
function stridesFromOrder(shape: readonly number[], perm: readonly number[], skipSizeOne: boolean): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (const d of perm) {
    strides[d] = s;
    if (!skipSizeOne || shape[d] > 1) s *= shape[d];
  }
  return strides;
}

/** Insertion sort with ambiguous comparisons, as TensorIterator::reorder_dimensions: perm[0] ends fastest. */
function reorder(n: number, shouldSwap: (d0: number, d1: number) => number): number[] {
  const perm = Array.from({ length: n }, (_, i) => n - 1 - i);
  for (let i = 1; i < n; i++) {
    let dim1 = i;
    for (let dim0 = i - 1; dim0 >= 0; dim0--) {
      const c = shouldSwap(perm[dim0], perm[dim1]);
      if (c > 0) {
        [perm[dim0], perm[dim1]] = [perm[dim1], perm[dim0]];
        dim1 = dim0;
      } else if (c < 0) break;
    }
  }
  return perm;
}

const isInverted = (perm: readonly number[]) => perm.every((d, j) => d === perm.length - 1 - j);

/**
 * The strides TensorIterator gives the output of an elementwise op over `operands` (inputs in
 * argument order; wrapped Python scalars included, as they are 0-dim operands in PyTorch), all
 * broadcasting to `shape`; null when the output is row-major contiguous.
 */
export function elementwiseStrides(shape: readonly number[], operands: readonly Strided[]): number[] | null {
  const nd = shape.length;
  if (nd <= 1) return null;
  // Row-major operands (with row-major strides in size-1 dims too) always give a row-major result:
  // the contiguous fast path.
  let rowMajor = true;
  for (let i = 0; i < operands.length && rowMajor; i++) rowMajor = isRowMajor(operands[i]._shape, operands[i]._strides);
  if (rowMajor) return null;
  // compute_fast_setup_type: only when every operand has the output's shape.
  const sameShape = operands.every((t) => t._shape.length === nd && t._shape.every((s, i) => s === shape[i]));
  if (sameShape) {
    if (operands.every((t) => isContiguous(t._shape, t._strides))) return null;
    if (operands.every((t) => isChannelsLastContiguous(t._shape, t._strides))) return channelsLastStrides(shape);
    if (operands.every((t) => isNonOverlappingAndDense(t._shape, t._strides))) {
      // Same strides everywhere is required; the last input's strides are the ones compared against.
      const last = operands[operands.length - 1]._strides;
      if (operands.every((t) => t._strides.every((s, i) => s === last[i]))) return [...last];
    }
  }
  // compute_strides: broadcast dims (size 1 against a larger size, or missing) get stride 0.
  const strides = operands.map((t) => {
    const off = nd - t._shape.length,
      out = new Array<number>(nd).fill(0);
    t._shape.forEach((s, i) => {
      out[off + i] = s === 1 && shape[off + i] !== 1 ? 0 : t._strides[i];
    });
    return out;
  });
  const perm = reorder(nd, (d0, d1) => {
    for (const st of strides) {
      const s0 = st[d0],
        s1 = st[d1];
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (shape[d0] > shape[d1]) return 1;
    }
    return 0;
  });
  return isInverted(perm) ? null : stridesFromOrder(shape, perm, false);
}

/**
 * empty_like(x, preserve_format) / clone(): x's own strides when x is non-overlapping and dense,
 * else dense strides in x's stride order (infer_dense_strides); null when that is row-major.
 */
export function preservedStrides(t: Strided): number[] | null {
  const shape = t._shape,
    strides = t._strides;
  if (isRowMajor(shape, strides)) return null;
  if (isNonOverlappingAndDense(shape, strides)) return [...strides];
  const perm = reorder(shape.length, (d0, d1) => {
    const s0 = strides[d0],
      s1 = strides[d1];
    if (s0 === 0 || s1 === 0) return 0;
    if (s0 < s1) return -1;
    if (s0 > s1) return 1;
    return shape[d0] > shape[d1] ? 1 : 0;
  });
  const out = stridesFromOrder(shape, perm, true);
  const rowMajor = contiguousStrides(shape);
  return out.every((s, i) => s === rowMajor[i]) ? null : out;
}

/** The dims of a dense layout from outermost to innermost (the order its memory is row-major in). */
export function memoryOrder(strides: readonly number[]): number[] {
  // Stable: among equal strides (size-1 dims) the original order is kept.
  return strides.map((_, i) => i).sort((a, b) => strides[b] - strides[a]);
}
