/**
 * Matrix products: dot, mv, mm, bmm, addmm, outer, and matmul dispatching to them the way
 * ATen's matmul does, so the recorded graph (DotBackward0, MmBackward0, UnsafeViewBackward0 ->
 * BmmBackward0, ...) is PyTorch's.
 */
import { tensorArg, kwargs } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import { Tensor, installMethods, type TensorLike } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { broadcastShapes, contiguousStrides, numel } from "../tensor/shape.js";
import { formatShape } from "../format/shape_text.js";
import { backend } from "../backend/index.js";
import { call, defineOp } from "./define.js";
import { make, sv, wrap } from "./util.js";
import { unsafeViewOp } from "./movement.js";
import { is_grad_enabled } from "../autograd/grad_mode.js";

function checkSameDtype(a: Tensor, b: Tensor, what: "dot" | "mm" | "bmm" | "mv"): void {
  if (a.dtype === b.dtype) return;
  if (what === "dot")
    throw new RuntimeError(
      `dot : expected both vectors to have same dtype, but found ${a.dtype.scalarName} and ${b.dtype.scalarName}`,
    );
  throw new RuntimeError(`expected scalar type ${a.dtype.scalarName} but found ${b.dtype.scalarName}`);
}

/** [B, M, K] x [B, K, N] through the backend. */
function bmmRaw(a: Tensor, b: Tensor): Tensor {
  const [B, M] = a._shape,
    N = b._shape[2];
  return make(backend().matmul(sv(a), sv(b), a.dtype), [B, M, N], a.dtype);
}
const as3d = (t: Tensor, shape: number[], strides: number[]) =>
  new Tensor(t._storage, shape, t.dtype, strides, t._offset);

export const dotOp = defineOp({
  name: "dot",
  gradFn: "DotBackward0",
  inputs: ["self", "tensor"],
  save: ["self", "tensor"],
  forward: ([a, b]) => {
    if (a._shape.length !== 1 || b._shape.length !== 1)
      throw new RuntimeError(`1D tensors expected, but got ${a._shape.length}D and ${b._shape.length}D tensors`);
    if (a._shape[0] !== b._shape[0])
      throw new RuntimeError(
        `inconsistent tensor size, expected tensor ${formatShape(a._shape)} and src ${formatShape(b._shape)} to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`,
      );
    checkSameDtype(a, b, "dot");
    const n = a._shape[0];
    const r = bmmRaw(as3d(a, [1, 1, n], [0, 0, a._strides[0]]), as3d(b, [1, n, 1], [0, b._strides[0], 0]));
    return make(r._storage.data, [], a.dtype);
  },
  backward: { self: (g, s) => s.tensor.mul(g), tensor: (g, s) => s.self.mul(g) },
});

export const mvOp = defineOp({
  name: "mv",
  gradFn: "MvBackward0",
  inputs: ["self", "vec"],
  save: ["self", "vec"],
  forward: ([a, v]) => {
    if (a._shape.length !== 2 || v._shape.length !== 1)
      throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${a._shape.length}, ${v._shape.length}`);
    const [M, K] = a._shape;
    // NOTE: PyTorch 2.x's wording (1.13 said "size mismatch, got 2, 2x3,4"); SPEC follows 2.x.
    if (v._shape[0] !== K)
      throw new RuntimeError(`size mismatch, got input (${M}), mat (${M}x${K}), vec (${v._shape[0]})`);
    checkSameDtype(a, v, "mv");
    const r = bmmRaw(as3d(a, [1, M, K], [0, ...a._strides]), as3d(v, [1, K, 1], [0, v._strides[0], 0]));
    return make(r._storage.data, [M], a.dtype);
  },
  backward: { self: (g, s) => g.outer(s.vec), vec: (g, s) => s.self.t().mv(g) },
});

export const mmOp = defineOp({
  name: "mm",
  gradFn: "MmBackward0",
  inputs: ["self", "mat2"],
  save: ["self", "mat2"],
  forward: ([a, b]) => {
    if (a._shape.length !== 2) throw new RuntimeError("self must be a matrix");
    if (b._shape.length !== 2) throw new RuntimeError("mat2 must be a matrix");
    if (a._shape[1] !== b._shape[0])
      throw new RuntimeError(
        `mat1 and mat2 shapes cannot be multiplied (${a._shape[0]}x${a._shape[1]} and ${b._shape[0]}x${b._shape[1]})`,
      );
    checkSameDtype(a, b, "mm");
    const r = bmmRaw(as3d(a, [1, ...a._shape], [0, ...a._strides]), as3d(b, [1, ...b._shape], [0, ...b._strides]));
    return make(r._storage.data, [a._shape[0], b._shape[1]], a.dtype);
  },
  backward: { self: (g, s) => mat1Grad(g, s.self, s.mat2), mat2: (g, s) => mat2Grad(g, s.self, s.mat2) },
});

/** A matrix stored column-major (a transposed contiguous one, as a Linear layer's weight.t()). */
const columnMajor = (t: Tensor) =>
  t._strides[0] === 1 && t._strides[1] === t._shape[0] && t._shape[0] > 1 && t._shape[1] > 1;

/**
 * mm's gradients as ATen's mm_mat1_backward / mm_mat2_backward: a column-major operand gets its
 * gradient column-major too (the transposed product), so a Linear weight's gradient arrives
 * contiguous and AccumulateGrad takes it instead of copying it.
 */
function mat1Grad(g: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  return columnMajor(mat1) ? mat2.mm(g.t()).t() : g.mm(mat2.t());
}
function mat2Grad(g: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  return columnMajor(mat2) ? g.t().mm(mat1).t() : mat1.t().mm(g);
}

export const bmmOp = defineOp({
  name: "bmm",
  gradFn: "BmmBackward0",
  inputs: ["self", "mat2"],
  save: ["self", "mat2"],
  forward: ([a, b]) => {
    if (a._shape.length !== 3) throw new RuntimeError(`batch1 must be a 3D tensor`);
    if (b._shape.length !== 3) throw new RuntimeError(`batch2 must be a 3D tensor`);
    const [B, , K] = a._shape;
    if (b._shape[0] !== B || b._shape[1] !== K)
      throw new RuntimeError(
        `Expected size for first two dimensions of batch2 tensor to be: ${formatShape([B, K])} but got: ${formatShape(b._shape.slice(0, 2))}.`,
      );
    checkSameDtype(a, b, "bmm");
    return bmmRaw(a, b);
  },
  backward: { self: (g, s) => g.bmm(s.mat2.transpose(1, 2)), mat2: (g, s) => s.self.transpose(1, 2).bmm(g) },
});

export const addmmOp = defineOp({
  name: "addmm",
  gradFn: "AddmmBackward0",
  inputs: ["self", "mat1", "mat2"],
  save: ["mat1", "mat2"],
  forward: ([c, a, b], { beta, alpha }: { beta: number; alpha: number }) => {
    if (a._shape.length !== 2 || b._shape.length !== 2)
      throw new RuntimeError("mat1 must be a matrix, got " + a._shape.length + "-D tensor");
    if (a._shape[1] !== b._shape[0])
      throw new RuntimeError(
        `mat1 and mat2 shapes cannot be multiplied (${a._shape[0]}x${a._shape[1]} and ${b._shape[0]}x${b._shape[1]})`,
      );
    if (a.dtype !== b.dtype) throw new RuntimeError("mat1 and mat2 must have the same dtype");
    const prod = mmOp.forward([a, b], {}) as Tensor;
    const shape = [a._shape[0], b._shape[1]];
    broadcastShapes(c._shape, shape);
    const cb = c.expand(shape);
    const out = prod;
    if (!out.dtype.is_floating_point) {
      // Integers: beta * c + alpha * prod through the elementwise kernels, exact in int64 (and wrapping as it does).
      const dt = out.dtype,
        cs = backend().unary("affine", sv(cb), dt, [beta, 0]);
      const csv = { data: cs, offset: 0, shape, strides: contiguousStrides(shape), dtype: dt };
      return make(backend().binary("add_alpha", csv, sv(prod), shape, dt, [alpha]), shape, dt);
    }
    return make(backend().binary("axpby", sv(cb), sv(prod), shape, out.dtype, [beta, alpha]), shape, out.dtype);
  },
  backward: {
    self: (g, _s, m) => (m.beta === 1 ? g : g.mul(m.beta)),
    mat1: (g, s, m) => {
      const r = mat1Grad(g, s.mat1, s.mat2);
      return m.alpha === 1 ? r : r.mul(m.alpha);
    },
    mat2: (g, s, m) => {
      const r = mat2Grad(g, s.mat1, s.mat2);
      return m.alpha === 1 ? r : r.mul(m.alpha);
    },
  },
});

/** squeeze(dims) as recorded by matmul of a 1-D by a 2-D tensor (SqueezeBackward3 in PyTorch). */
export const matmulSqueezeOp = defineOp({
  name: "squeeze_dims",
  gradFn: "SqueezeBackward3",
  inputs: ["self"],
  isView: true,
  forward: ([x], { dim }: { dim: number }) =>
    new Tensor(
      x._storage,
      x._shape.filter((_, i) => i !== dim),
      x.dtype,
      x._strides.filter((_, i) => i !== dim),
      x._offset,
      x._versionCounter,
    ),
  backward: { self: (g, _s, m) => g.unsqueeze(m.dim) },
});

/** Dot product of two 1-D tensors. */
export function dot(input: Tensor, other: Tensor): Tensor {
  return call(dotOp, [input, other], {});
}
/** Matrix-vector product: `mat.mv(vec)`. */
export function mv(input: Tensor, vec: Tensor): Tensor {
  return call(mvOp, [input, vec], {});
}
/** Matrix product of two 2-D tensors (no broadcasting; matmul broadcasts). */
export function mm(input: Tensor, mat2: Tensor): Tensor {
  return call(mmOp, [input, mat2], {});
}
/** Batched matrix product of two 3-D tensors: [B, n, m] x [B, m, p]. */
export function bmm(input: Tensor, mat2: Tensor): Tensor {
  return call(bmmOp, [input, mat2], {});
}
/** torch.addmm(input, mat1, mat2, {beta, alpha}): beta * input + alpha * (mat1 @ mat2). */
export function addmm(
  input: TensorLike,
  mat1: Tensor,
  mat2: Tensor,
  opts: { beta?: number; alpha?: number } | null = {},
): Tensor {
  opts = kwargs(opts);
  return call(addmmOp, [wrap(input), mat1, mat2], { beta: opts.beta ?? 1, alpha: opts.alpha ?? 1 });
}
/**
 * torch.outer(a, b): the outer product of two vectors. As ATen's outer, `a.reshape(n, 1) * b`, so
 * the graph is MulBackward0 -> [ViewBackward0, ...] (ReshapeAliasBackward0 in 1.13; we follow 2.x).
 */
export function outer(input: Tensor, vec2: Tensor): Tensor {
  tensorArg("outer", input);
  tensorArg("outer", vec2, "vec2", 2);
  if (input._shape.length !== 1)
    throw new RuntimeError(`outer: Expected 1-D argument self, but got ${input._shape.length}-D`);
  if (vec2._shape.length !== 1)
    throw new RuntimeError(`outer: Expected 1-D argument vec2, but got ${vec2._shape.length}-D`);
  return input.reshape(input._shape[0], 1).mul(vec2);
}

/**
 * Whether matmul folds the batch dims of the larger operand into one mm/mv instead of a bmm, as
 * ATen's should_fold (aten/src/ATen/native/LinearAlgebra.cpp, 2.x): only N-D (N >= 3) with 1-D/2-D;
 * always when the smaller operand requires grad (its gradient stays small), never for 2-D @ N-D
 * otherwise (the result would need a transposing copy), and only when the fold is a view.
 */
function shouldFold(a: Tensor, b: Tensor): boolean {
  const aLarger = a._shape.length >= b._shape.length;
  const t1 = aLarger ? a : b.transpose(-2, -1);
  const dimT2 = aLarger ? b._shape.length : a._shape.length;
  if (!(t1._shape.length >= 3 && dimT2 <= 2)) return false;
  if ((aLarger ? b : a).requires_grad && is_grad_enabled()) return true;
  if (a._shape.length === 2) return false;
  if (t1.numel() === 0) return true;
  for (let i = 0; i < t1._shape.length - 2; i++)
    if (t1._strides[i] !== t1._strides[i + 1] * t1._shape[i + 1]) return false;
  return true;
}

/**
 * Matrix product with broadcasting (Python's `@`): torch.matmul / `a @ b`, following ATen's
 * dispatch by dimensionality.
 */
export function matmul(input: Tensor, other: Tensor): Tensor {
  const a = input,
    b = other;
  tensorArg("matmul", a);
  tensorArg("matmul", b, "other", 2);
  const da = a._shape.length,
    db = b._shape.length;
  if (da === 0 || db === 0)
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) {
    if (a._shape[0] !== b._shape[0])
      throw new RuntimeError(
        `mat1 and mat2 shapes cannot be multiplied (1x${a._shape[0]} and ${b._shape[0]}x${b._shape[1]})`,
      );
    return call(matmulSqueezeOp, [mm(a.unsqueeze(0), b)], { dim: 0 });
  }
  if (da === 2 && db === 2) return mm(a, b);
  if (shouldFold(a, b)) {
    // Fold the batch of the larger tensor into the rows of one mm (or mv), then an unsafe view
    // back. 2-D @ N-D computes (b.mT @ a.t()).mT and makes it contiguous, as ATen's matmul.
    const transpose = db > da;
    const t1 = transpose ? b.transpose(-2, -1) : a;
    const t2 = !transpose ? b : da === 2 ? a.t() : a;
    const outShape = t1._shape.slice(0, -1);
    const rows = t1.reshape(numel(outShape), t1._shape[t1._shape.length - 1]);
    if (t2._shape.length === 1) return call(unsafeViewOp, [mv(rows, t2)], { shape: outShape });
    const out = call(unsafeViewOp, [mm(rows, t2)], { shape: [...outShape, t2._shape[1]] });
    return transpose ? out.transpose(-2, -1).contiguous() : out;
  }
  // Batched: broadcast batch dims, fold them into one, bmm, unsafe view back.
  const a2 = da === 1 ? a.unsqueeze(0) : a,
    b2 = db === 1 ? b.unsqueeze(1) : b;
  const n = a2._shape[a2._shape.length - 2],
    m1 = a2._shape[a2._shape.length - 1];
  const m2 = b2._shape[b2._shape.length - 2],
    p = b2._shape[b2._shape.length - 1];
  const batch = broadcastShapes(a2._shape.slice(0, -2), b2._shape.slice(0, -2));
  const B = numel(batch);
  const ae = a2.expand([...batch, n, m1]).reshape(B, n, m1);
  const be = b2.expand([...batch, m2, p]).reshape(B, m2, p);
  const out = bmm(ae, be);
  const shape = [...batch, ...(da === 1 ? [] : [n]), ...(db === 1 ? [] : [p])];
  return call(unsafeViewOp, [out], { shape });
}

/** The products whose method is the function with the tensor as `this` (tensor/expose.ts). */
const LINALG_METHODS = { dot, mv, mm, bmm, matmul, outer, addmm };
type LinalgMethods = MethodsOf<typeof import("./linalg.js"), keyof typeof LINALG_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends LinalgMethods {
    /** Alias of outer. */
    ger(vec2: Tensor): Tensor;
  }
}
exposeMethods(LINALG_METHODS);
installMethods({
  ger(this: Tensor, o: Tensor) {
    return outer(this, o);
  },
});
