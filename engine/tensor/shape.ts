/** Shapes, strides, broadcasting and dim wrapping, with PyTorch's error messages. */
import { IndexError, RuntimeError, TypeError as PyTypeError, argumentError, pyTypeName } from "../errors.js";
import { formatShape } from "../format/shape_text.js";

export type Shape = readonly number[];

/** torch.Size: a tuple of ints that prints as `torch.Size([2, 3])`. */
export class Size extends Array<number> {
  /** A Size holding `dims`. */
  static make(dims: Iterable<number> | ArrayLike<number>): Size {
    const s = new Size();
    for (const d of Array.from(dims)) s.push(d);
    return s;
  }
  /** Number of elements a tensor of this size holds. */
  numel(): number {
    return numel(this);
  }
  override toString(): string {
    return formatShape(this, "Size");
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
  // Slicing a Size gives a plain array (not a Size) so `.map` etc. behave as on arrays.
  static override get [Symbol.species]() {
    return Array;
  }
}

export function numel(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Broadcast two shapes (numpy rules); the error names dims as PyTorch does. NOTE: like ATen's
 * infer_size (aten/src/ATen/ExpandUtils.cpp) it compares from the last dimension, so the first
 * mismatch from the right is the one reported (`ones(2, 3) + ones(3, 2)` names dimension 1).
 */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else
      throw new RuntimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if it had the broadcast shape `to`. */
export function broadcastStrides(shape: Shape, strides: readonly number[], to: Shape): number[] {
  const out = new Array<number>(to.length).fill(0);
  const off = to.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[off + i] = shape[i] === 1 && to[off + i] !== 1 ? 0 : strides[i];
  return out;
}

/** Wrap a possibly negative dim, as c10::maybe_wrap_dim (0-dim tensors accept -1 and 0). */
export function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim)) {
    // NOTE: PyTorch reads a str dim as a dimension name (named tensors), hence its message.
    if (dim === null) throw new RuntimeError("Please look up dimensions by name, got: name = None.");
    if (typeof dim === "string")
      throw new RuntimeError(`Name '${dim}' not found in Tensor[${new Array(ndim).fill("None").join(", ")}].`);
    throw new PyTypeError(`argument 'dim' must be int, not ${pyTypeName(dim)}`);
  }
  if (dim < -n || dim >= n)
    throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  return dim < 0 ? dim + n : dim;
}

/** The `[2, 3]` form (c10's IntArrayRef); every form is in format/shape_text.ts. */
export { formatShape };

/** Resolve one -1 in a requested view/reshape shape. */
export function inferSize(requested: readonly number[], total: number): number[] {
  let inferred = -1,
    known = 1;
  for (let i = 0; i < requested.length; i++) {
    const d = requested[i];
    if (d === -1) {
      if (inferred >= 0) throw new RuntimeError("only one dimension can be inferred");
      inferred = i;
    } else if (d < 0 || !Number.isInteger(d)) {
      throw new RuntimeError(`invalid shape dimension ${d}`);
    } else known *= d;
  }
  const out = [...requested];
  if (inferred >= 0) {
    if (known === 0 || total % known !== 0)
      throw new RuntimeError(`shape '${formatShape(requested)}' is invalid for input of size ${total}`);
    out[inferred] = total / known;
  } else if (known !== total) {
    throw new RuntimeError(`shape '${formatShape(requested)}' is invalid for input of size ${total}`);
  }
  return out;
}

/**
 * Strides for viewing (shape, strides) as newShape without copying, or null when impossible
 * (a port of the logic of ATen's computeStride).
 */
export function viewStrides(oldShape: Shape, oldStrides: readonly number[], newShape: Shape): number[] | null {
  const total = numel(oldShape);
  if (total === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length).fill(0);
  let viewD = newShape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1,
    viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

/**
 * Normalise the many ways PyTorch accepts sizes: f(2, 3), f([2, 3]), f(torch.Size), checking that
 * they are ints with PyTorch's messages (`view(): argument 'size' (position 1) must be tuple of
 * ints, not str`). `fn` and `name` name the function and argument; `pos` is the size's position.
 */
export function parseSizeArgs(args: readonly unknown[], fn = "size", name = "size", pos = 1): number[] {
  const one = args.length === 1 ? args[0] : undefined;
  const list = args.length === 1 && (Array.isArray(one) || ArrayBuffer.isView(one));
  const size = list ? Array.from(one as ArrayLike<number>) : (args as number[]);
  for (let i = 0; i < size.length; i++) {
    const d = size[i];
    if (typeof d === "number" && Number.isInteger(d)) continue;
    // An empty fn (a keyword such as kernel_size) names the argument only.
    const where = fn ? `${fn}(): argument '${name}'` : `argument '${name}'`;
    if (!list && i === 0) {
      const text = (p: number) => `${where}${fn ? ` (position ${p})` : ""} must be tuple of ints, not ${pyTypeName(d)}`;
      throw fn ? argumentError(text, fn, pos) : new PyTypeError(text(pos));
    }
    throw new PyTypeError(`${where} must be tuple of ints, but found element of type ${pyTypeName(d)} at pos ${i + 1}`);
  }
  return size;
}
