/**
 * Joining and splitting: cat/concat/concatenate, stack, hstack/vstack/dstack, split, chunk,
 * unbind. split/chunk/unbind return views of their input from one multi-output node, so
 * `next_functions` of a consumer shows `(<SplitBackward0>, 1)` for the second piece, as PyTorch.
 */
import { argError, intArg, tensorArg, tensorListArg } from "../tensor/arg_parser.js";
import { parseSizeArgs } from "../tensor/shape.js";
import { IndexError, RuntimeError } from "../errors.js";
import { promote_types } from "../tensor/dtype.js";
import { type Tensor, installMethods } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { wrapDim } from "../tensor/shape.js";
import { backend } from "../backend/index.js";
import { call, defineOp } from "./define.js";
import { makeView } from "./movement.js";
import { sv } from "./util.js";
import { zerosOf } from "./index_util.js";
import { formatShape } from "../format/shape_text.js";

// NOTE: as ATen's legacy cat, 1-D empty tensors (shape [0]) are skipped by the shape checks.
const skipped = (shape: readonly number[]) => shape.length === 1 && shape[0] === 0;

export const catOp = defineOp({
  name: "cat",
  gradFn: "CatBackward0",
  inputs: ["tensors"],
  forward: (ts, { dim }: { dim: number }) => {
    const tensors = ts as Tensor[];
    const dtype = tensors.map((t) => t.dtype).reduce(promote_types);
    const ref = tensors.find((t) => !skipped(t._shape));
    if (!ref) return zerosOf([0], dtype);
    const shape = [...ref._shape];
    shape[dim] = tensors.reduce((n, t) => n + (skipped(t._shape) ? 0 : t._shape[dim]), 0);
    const out = zerosOf(shape, dtype);
    let off = 0;
    for (const t of tensors) {
      if (skipped(t._shape)) continue;
      backend().copy(sv(t), {
        data: out._storage.data,
        storage: out._storage,
        offset: off * out._strides[dim],
        shape: t._shape,
        strides: out._strides,
        dtype,
      });
      off += t._shape[dim];
    }
    return out;
  },
  // Each input gets its own stretch of the gradient along dim (a narrow view, itself differentiable).
  backward: (grads, _s, m) => {
    let off = 0;
    return m.shapes.map((shape) => {
      if (skipped(shape)) return zerosOf([0], grads[0].dtype);
      const g = grads[0].narrow(m.dim, off, shape[m.dim]);
      off += shape[m.dim];
      return g;
    });
  },
});

export const stackOp = defineOp({
  name: "stack",
  gradFn: "StackBackward0",
  inputs: ["tensors"],
  forward: (ts, { dim }: { dim: number }) => {
    const tensors = ts as Tensor[];
    const dtype = tensors.map((t) => t.dtype).reduce(promote_types);
    const shape = [...tensors[0]._shape];
    shape.splice(dim, 0, tensors.length);
    const out = zerosOf(shape, dtype);
    const strides = out._strides.filter((_, i) => i !== dim);
    tensors.forEach((t, i) =>
      backend().copy(sv(t), {
        data: out._storage.data,
        storage: out._storage,
        offset: i * out._strides[dim],
        shape: t._shape,
        strides,
        dtype,
      }),
    );
    return out;
  },
  backward: (grads, _s, m) => m.shapes.map((_, i) => grads[0].select(m.dim, i)),
});

type SplitAttrs = { dim: number; sizes: number[]; withSizes: boolean };
export const splitOp = defineOp({
  name: "split",
  gradFn: (a: SplitAttrs) => (a.withSizes ? "SplitWithSizesBackward0" : "SplitBackward0"),
  inputs: ["self"],
  isView: true,
  forward: ([x], { dim, sizes }: SplitAttrs) => {
    let start = 0;
    return sizes.map((n) => {
      const shape = [...x._shape];
      shape[dim] = n;
      const v = makeView(x, shape, x._strides, x._offset + start * x._strides[dim]);
      start += n;
      return v;
    });
  },
  // Missing gradients arrive as zeros (OpNode fills them), so cat restores the input's shape.
  backward: (grads, _s, m) => [cat(grads, m.dim)],
});

export const unbindOp = defineOp({
  name: "unbind",
  gradFn: "UnbindBackward0",
  inputs: ["self"],
  isView: true,
  forward: ([x], { dim }: { dim: number }) => {
    const shape = x._shape.filter((_, i) => i !== dim),
      strides = x._strides.filter((_, i) => i !== dim);
    return Array.from({ length: x._shape[dim] }, (_, i) =>
      makeView(x, shape, strides, x._offset + i * x._strides[dim]),
    );
  },
  backward: (grads, _s, m) => [stack(grads, m.dim)],
});

// ---- public API ----------------------------------------------------------------------------------------

type DimOpt = number | { dim?: number };
const dimOf = (d: DimOpt | null | undefined, dflt = 0) =>
  d !== null && typeof d === "object" ? (d.dim ?? dflt) : (d ?? dflt);

/**
 * torch.cat(tensors, dim = 0): join tensors along an existing dim (dtypes are promoted).
 * @example torch.cat([a, b], 1)
 */
export function cat(tensors: readonly Tensor[], dim: DimOpt = 0): Tensor {
  tensorListArg("cat", tensors);
  if (tensors.length === 0) throw new RuntimeError("torch.cat(): expected a non-empty list of Tensors");
  tensors.forEach((t, i) => {
    if (t._shape.length === 0)
      throw new RuntimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const refIdx = tensors.findIndex((t) => !skipped(t._shape));
  const ref = tensors[refIdx] ?? tensors[0];
  const d = wrapDim(dimOf(dim), ref._shape.length);
  if (refIdx >= 0) {
    tensors.forEach((t, i) => {
      if (skipped(t._shape)) return;
      if (t._shape.length !== ref._shape.length)
        throw new RuntimeError(
          `Tensors must have same number of dimensions: got ${ref._shape.length} and ${t._shape.length}`,
        );
      for (let k = 0; k < ref._shape.length; k++) {
        if (k !== d && t._shape[k] !== ref._shape[k])
          throw new RuntimeError(
            `Sizes of tensors must match except in dimension ${d}. Expected size ${ref._shape[k]} but got size ${t._shape[k]} for tensor number ${i} in the list.`,
          );
      }
    });
  }
  return call(catOp, [...tensors], { dim: d });
}
export const concat = cat,
  concatenate = cat;

/**
 * torch.stack(tensors, dim = 0): join equal-sized tensors along a new dim.
 * @example torch.stack([x, y], 1)
 */
export function stack(tensors: readonly Tensor[], dim: DimOpt = 0): Tensor {
  tensorListArg("stack", tensors);
  if (tensors.length === 0) throw new RuntimeError("stack expects a non-empty TensorList");
  const d = wrapDim(dimOf(dim), tensors[0]._shape.length + 1);
  tensors.forEach((t, i) => {
    if (t._shape.join() !== tensors[0]._shape.join())
      throw new RuntimeError(
        `stack expects each tensor to be equal size, but got ${formatShape(tensors[0]._shape)} at entry 0 and ${formatShape(t._shape)} at entry ${i}`,
      );
  });
  return call(stackOp, [...tensors], { dim: d });
}

const atleast1d = (t: Tensor) => (t._shape.length === 0 ? t.reshape([1]) : t);
const atleast2d = (t: Tensor) =>
  t._shape.length === 0 ? t.reshape([1, 1]) : t._shape.length === 1 ? t.unsqueeze(0) : t;
const atleast3d = (t: Tensor) =>
  t._shape.length === 0
    ? t.reshape([1, 1, 1])
    : t._shape.length === 1
      ? t.unsqueeze(0).unsqueeze(-1)
      : t._shape.length === 2
        ? t.unsqueeze(-1)
        : t;

/** torch.hstack(tensors): cat along dim 1 (dim 0 for 1-D inputs). */
export function hstack(tensors: readonly Tensor[]): Tensor {
  const ts = tensorListArg("hstack", tensors).map(atleast1d);
  return cat(ts, ts[0]?._shape.length === 1 ? 0 : 1);
}
/** torch.vstack(tensors): cat along dim 0 after making inputs at least 2-D (row_stack). */
export function vstack(tensors: readonly Tensor[]): Tensor {
  return cat(tensorListArg("vstack", tensors).map(atleast2d), 0);
}
export const row_stack = vstack;
/** torch.dstack(tensors): cat along dim 2 after making inputs at least 3-D. */
export function dstack(tensors: readonly Tensor[]): Tensor {
  return cat(tensorListArg("dstack", tensors).map(atleast3d), 2);
}

/**
 * torch.split(x, split_size_or_sections, dim = 0): views of equal pieces (the last may be
 * smaller), or of the given sizes.
 * @example const [a, b] = x.split([1, 2], 1)
 */
export function split(x: Tensor, split_size_or_sections: number | readonly number[], dim: DimOpt = 0): Tensor[] {
  tensorArg("split", x);
  if (x._shape.length === 0) throw new RuntimeError("split expects at least a 1-dimensional tensor");
  const d = wrapDim(dimOf(dim), x._shape.length);
  const size = x._shape[d];
  if (Array.isArray(split_size_or_sections)) {
    const sizes = parseSizeArgs([split_size_or_sections], "split_with_sizes", "split_sizes", 2);
    if (sizes.reduce((a, b) => a + b, 0) !== size || sizes.some((s) => s < 0))
      throw new RuntimeError(
        `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${formatShape(sizes)}`,
      );
    return call(splitOp, [x], { dim: d, sizes, withSizes: true }, true);
  }
  const n = split_size_or_sections;
  if (typeof n !== "number" || !Number.isInteger(n))
    throw argError("split_with_sizes", "split_sizes", 2, "tuple of ints", n);
  if (n < 0) throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${n}`);
  if (n === 0 && size !== 0)
    throw new RuntimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
  const count = n === 0 ? 1 : Math.max(Math.ceil(size / n), 1);
  const sizes = Array.from({ length: count }, (_, i) => (i < count - 1 ? n : size - n * (count - 1)));
  return call(splitOp, [x], { dim: d, sizes, withSizes: false }, true);
}

/** torch.chunk(x, chunks, dim = 0): split into `chunks` pieces of ceil(size / chunks) (maybe fewer). */
export function chunk(x: Tensor, chunks: number, dim: DimOpt = 0): Tensor[] {
  tensorArg("chunk", x);
  if (x._shape.length === 0) throw new RuntimeError("chunk expects at least a 1-dimensional tensor");
  intArg("chunk", chunks, "chunks", 2);
  if (chunks <= 0) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = wrapDim(dimOf(dim), x._shape.length);
  const size = x._shape[d];
  if (size === 0)
    return call(splitOp, [x], { dim: d, sizes: new Array<number>(chunks).fill(0), withSizes: true }, true);
  return split(x, Math.ceil(size / chunks), d);
}

/** torch.unbind(x, dim = 0): the slices along dim, as views. */
export function unbind(x: Tensor, dim: DimOpt = 0): Tensor[] {
  tensorArg("unbind", x);
  if (x._shape.length === 0) throw new IndexError("Dimension specified as 0 but tensor has no dimensions");
  const d = wrapDim(dimOf(dim), x._shape.length);
  return call(unbindOp, [x], { dim: d }, true);
}

/** The functions whose method is the function with the tensor as `this` (tensor/expose.ts). */
const JOIN_METHODS = { split, chunk, unbind };
type JoinMethods = MethodsOf<typeof import("./join.js"), keyof typeof JOIN_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends JoinMethods {
    /** split with a list of sizes. */
    split_with_sizes(split_sizes: readonly number[], dim?: DimOpt): Tensor[];
  }
}

exposeMethods(JOIN_METHODS);
installMethods({
  split_with_sizes(this: Tensor, s: readonly number[], d?: DimOpt) {
    return split(this, s, d);
  },
});
