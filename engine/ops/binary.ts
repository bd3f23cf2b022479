/**
 * Binary elementwise ops with broadcasting and PyTorch's type promotion: arithmetic,
 * comparisons, logical ops, maximum/minimum, atan2, and where/lerp. Python scalars are wrapped
 * numbers: they take part in promotion only by category (int tensor * 2.5 is float32).
 */
import { argError, tensorArg, kwargs } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import { DType, bool, castScalar, get_default_dtype } from "../tensor/dtype.js";
import { Tensor, installMethods, type TensorLike } from "../tensor/tensor.js";
import { broadcastShapes, sameShape } from "../tensor/shape.js";
import { isWrapped, resultType } from "../tensor/promotion.js";
import { backend } from "../backend/index.js";
import type { BinaryKernel } from "../backend/kernels.js";
import { call, callInplace, defineOp, type OpDef, type OpOf } from "./define.js";
import { make, plainScalar, sv, svBroadcast, wrap } from "./util.js";
import { laidOut } from "./layout.js";
import { elementwiseStrides } from "../tensor/memory_format.js";

/** An operand with the compute dtype: wrapped scalars are first rounded to it (0.1 becomes 0.1f for float32 math). */
function asCompute(t: Tensor, dt: DType): Tensor {
  if (isWrapped(t) && t.dtype !== dt) {
    const v = t._storage.data[t._offset];
    return wrap(typeof v === "bigint" ? v : castScalar(v, dt), dt); // a bigint is cast once, exactly
  }
  return t;
}

/** Elementwise kernel over two broadcast tensors computing in `compute` and storing as `out`. */
function binaryKernel(kernel: BinaryKernel, a: Tensor, b: Tensor, compute: DType, out: DType, p?: number[]): Tensor {
  // Equal shapes (the common case) need no broadcast views.
  const same = sameShape(a._shape, b._shape);
  const shape = same ? a._shape : broadcastShapes(a._shape, b._shape);
  const ac = asCompute(a, compute), bc = asCompute(b, compute);
  const va = same ? sv(ac) : svBroadcast(ac, shape), vb = same ? sv(bc) : svBroadcast(bc, shape);
  // The result follows the operands' layout, as TensorIterator's (x.t() + 1 has x.t()'s strides).
  const strides = elementwiseStrides(shape, [a, b]);
  if (!strides) {
    const data = backend().binary(kernel, va, vb, shape, out, p);
    return same ? Tensor._fromDataShapedLike(data, a, out) : make(data, shape, out);
  }
  return laidOut([va, vb], shape, strides, out, (v, s) => backend().binary(kernel, v[0], v[1], s, out, p));
}

type Alpha = { alpha: number };

function checkAlpha(alpha: number, dt: DType): void {
  if (!dt.is_floating_point && !Number.isInteger(alpha))
    throw new RuntimeError("For integral input tensors, argument alpha must not be a floating point number.");
}

export const addOp = defineOp({
  name: "add", gradFn: "AddBackward0", inputs: ["self", "other"],
  forward: ([a, b], { alpha }: Alpha) => {
    const dt = resultType(a, b);
    checkAlpha(alpha, dt);
    return alpha === 1 ? binaryKernel("add", a, b, dt, dt) : binaryKernel("add_alpha", a, b, dt, dt, [alpha]);
  },
  backward: { self: (g) => g, other: (g, _s, m) => (m.alpha === 1 ? g : g.mul(m.alpha)) },
});

export const subOp = defineOp({
  name: "sub", gradFn: "SubBackward0", inputs: ["self", "other"],
  forward: ([a, b], { alpha }: Alpha) => {
    if (a.dtype === bool && b.dtype === bool)
      throw new RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.");
    if (a.dtype === bool || b.dtype === bool)
      throw new RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
    const dt = resultType(a, b);
    checkAlpha(alpha, dt);
    return alpha === 1 ? binaryKernel("sub", a, b, dt, dt) : binaryKernel("sub_alpha", a, b, dt, dt, [alpha]);
  },
  backward: { self: (g) => g, other: (g, _s, m) => g.mul(-m.alpha) },
});

/** `2 - x`: one input (the scalar is an attribute), as PyTorch's RsubBackward1. */
export const rsubScalarOp = defineOp({
  name: "rsub", gradFn: "RsubBackward1", inputs: ["self"],
  forward: ([a], { other, alpha }: { other: number; alpha: number }) => {
    const dt = resultType(a, wrap(other));
    return binaryKernel(alpha === 1 ? "sub" : "sub_alpha", wrap(other), a, dt, dt, [alpha]);
  },
  backward: { self: (g, _s, m) => g.mul(-m.alpha) },
});

export const mulOp = defineOp({
  name: "mul", gradFn: "MulBackward0", inputs: ["self", "other"], save: ["self", "other"],
  forward: ([a, b]) => { const dt = resultType(a, b); return binaryKernel("mul", a, b, dt, dt); },
  backward: { self: (g, s) => g.mul(s.other), other: (g, s) => g.mul(s.self) },
});

type RoundingMode = { rounding_mode: "trunc" | "floor" | null };
export const divOp = defineOp({
  name: "div", gradFn: (a: RoundingMode) => (a.rounding_mode ? "DivBackward1" : "DivBackward0"), inputs: ["self", "other"], save: ["self", "other"],
  forward: ([a, b], { rounding_mode }: RoundingMode) => {
    let dt = resultType(a, b);
    if (!rounding_mode) {
      if (!dt.is_floating_point) dt = get_default_dtype();
      return binaryKernel("div", a, b, dt, dt);
    }
    if (!dt.is_floating_point && b._values().some((v) => v === 0)) throw new RuntimeError("ZeroDivisionError");
    return binaryKernel(rounding_mode === "trunc" ? "div_trunc" : dt.is_floating_point ? "floor_divide" : "div_floor", a, b, dt, dt);
  },
  backward: {
    self: (g, s, m) => (m.rounding_mode ? g.mul(0) : g.div(s.other)),
    other: (g, s, m) => (m.rounding_mode ? g.mul(0) : g.neg().mul(s.self).div(s.other.mul(s.other))),
  },
});

export const remainderOp = defineOp({
  name: "remainder", gradFn: "RemainderBackward0", inputs: ["self", "other"], save: ["self", "other"],
  forward: ([a, b]) => {
    const dt = resultType(a, b);
    if (!dt.is_floating_point && b._values().some((v) => v === 0)) throw new RuntimeError("ZeroDivisionError");
    return binaryKernel("remainder", a, b, dt, dt);
  },
  backward: { self: (g) => g, other: (g, s) => g.neg().mul(s.self.div(s.other, { rounding_mode: "floor" })) },
});

export const fmodOp = defineOp({
  name: "fmod", gradFn: "FmodBackward0", inputs: ["self", "other"], save: ["self", "other"],
  forward: ([a, b]) => { const dt = resultType(a, b); return binaryKernel("fmod", a, b, dt, dt); },
  backward: { self: (g) => g, other: (g, s) => g.neg().mul(s.self.div(s.other, { rounding_mode: "trunc" })) },
});

/** x % 2, x.fmod(2): the scalar is an attribute (one graph input), as PyTorch's Scalar overloads. */
function scalarModOp(name: "remainder" | "fmod", kernel: BinaryKernel) {
  return defineOp({
    name: name + "_scalar", gradFn: name === "remainder" ? "RemainderBackward0" : "FmodBackward0", inputs: ["self"],
    forward: ([a], { other }: { other: number }) => {
      const dt = resultType(a, wrap(other));
      if (!dt.is_floating_point && other === 0) throw new RuntimeError("ZeroDivisionError");
      return binaryKernel(kernel, a, wrap(other), dt, dt);
    },
    backward: { self: (g) => g },
  });
}
export const remainderScalarOp = scalarModOp("remainder", "remainder");
export const fmodScalarOp = scalarModOp("fmod", "fmod");

/** x ** 2: scalar exponent (PowBackward0, one input). */
export const powScalarOp = defineOp({
  name: "pow", gradFn: "PowBackward0", inputs: ["self"], save: ["self"],
  forward: ([a], { exponent }: { exponent: number }) => {
    const dt = resultType(a, wrap(exponent));
    if (!dt.is_floating_point && exponent < 0) throw new RuntimeError("Integers to negative integer powers are not allowed.");
    if (exponent === 2) return binaryKernel("mul", a, a, dt, dt);
    return binaryKernel("pow", a, wrap(exponent), dt, dt);
  },
  backward: {
    self: (g, s, m) => (m.exponent === 0 ? g.mul(0) : g.mul(s.self.pow(m.exponent - 1).mul(m.exponent))),
  },
});

/** x ** y and 2 ** x: tensor exponent (PowBackward1; a scalar base is a no-grad input). */
export const powTensorOp = defineOp({
  name: "pow_tensor", gradFn: "PowBackward1", inputs: ["self", "exponent"], save: ["self", "exponent", "result"],
  forward: ([a, b]) => {
    const dt = resultType(a, b);
    if (!dt.is_floating_point && b._values().some((v) => v < 0)) throw new RuntimeError("Integers to negative integer powers are not allowed.");
    return binaryKernel("pow", a, b, dt, dt);
  },
  backward: {
    self: (g, s) => g.mul(s.exponent.mul(s.self.pow(s.exponent.sub(1)))).masked_fill(s.exponent.eq(0), 0),
    exponent: (g, s) => g.mul(s.result.mul(s.self.log())).masked_fill(s.self.eq(0).logical_and(s.exponent.ge(0)), 0),
  },
});

export const atan2Op = defineOp({
  name: "atan2", gradFn: "Atan2Backward0", inputs: ["self", "other"], save: ["self", "other"],
  forward: ([a, b]) => { let dt = resultType(a, b); if (!dt.is_floating_point) dt = get_default_dtype(); return binaryKernel("atan2", a, b, dt, dt); },
  backward: {
    self: (g, s) => g.mul(s.other).div(s.self.mul(s.self).add(s.other.mul(s.other))),
    other: (g, s) => g.mul(s.self.neg()).div(s.self.mul(s.self).add(s.other.mul(s.other))),
  },
});

function extremum(name: "maximum" | "minimum", gradFn: string) {
  const pick = name === "maximum" ? "gt" : "lt";
  return defineOp({
    name, gradFn, inputs: ["self", "other"], save: ["self", "other"],
    forward: ([a, b]) => { const dt = resultType(a, b); return binaryKernel(name, a, b, dt, dt); },
    // ties split the gradient in half, as PyTorch's formula
    backward: {
      self: (g, s) => g.mul(s.self[pick](s.other).add(s.self.eq(s.other).mul(0.5))),
      other: (g, s) => g.mul(s.other[pick](s.self).add(s.self.eq(s.other).mul(0.5))),
    },
  });
}
export const maximumOp = extremum("maximum", "MaximumBackward0");
export const minimumOp = extremum("minimum", "MinimumBackward0");

export const xlogyOp = defineOp({
  name: "xlogy", gradFn: "XlogyBackward0", inputs: ["self", "other"], save: ["self", "other"],
  forward: ([a, b]) => { let dt = resultType(a, b); if (!dt.is_floating_point) dt = get_default_dtype(); return binaryKernel("xlogy", a, b, dt, dt); },
  backward: {
    self: (g, s) => g.mul(s.other.log()).masked_fill(s.self.eq(0).logical_and(s.other.le(0)), 0),
    other: (g, s) => g.mul(s.self).div(s.other),
  },
});

// Comparisons and logical ops: not differentiable, bool results, computed in the promoted dtype.
function compareOp(name: BinaryKernel): OpOf<object, readonly ["self", "other"]> {
  return defineOp({ name, gradFn: "", inputs: ["self", "other"], forward: ([a, b]) => binaryKernel(name, a, b, resultType(a, b), bool) });
}
export const eqOp = compareOp("eq"), neOp = compareOp("ne"), ltOp = compareOp("lt"), leOp = compareOp("le"), gtOp = compareOp("gt"), geOp = compareOp("ge");
export const logicalAndOp = compareOp("logical_and"), logicalOrOp = compareOp("logical_or"), logicalXorOp = compareOp("logical_xor");

/** `&`, `|`, `^` on bools are the logical ops. */
const BOOL_BITWISE = { bitwise_and: "logical_and", bitwise_or: "logical_or", bitwise_xor: "logical_xor" } as const;
function bitwiseOp(name: "bitwise_and" | "bitwise_or" | "bitwise_xor") {
  return defineOp({
    name, gradFn: "", inputs: ["self", "other"],
    forward: ([a, b]) => {
      const dt = resultType(a, b);
      if (dt.is_floating_point) throw new RuntimeError(`"${name}_cpu" not implemented for '${dt.scalarName}'`);
      return binaryKernel(dt === bool ? BOOL_BITWISE[name] : name, a, b, dt, dt);
    },
  });
}
export const bitwiseAndOp = bitwiseOp("bitwise_and"), bitwiseOrOp = bitwiseOp("bitwise_or"), bitwiseXorOp = bitwiseOp("bitwise_xor");

export const iscloseOp = defineOp({
  name: "isclose", gradFn: "", inputs: ["self", "other"],
  forward: ([a, b], { rtol, atol, equal_nan }: { rtol: number; atol: number; equal_nan: boolean }) => {
    if (a.dtype !== b.dtype && !isWrapped(b)) throw new RuntimeError(`${a.dtype.scalarName} did not match ${b.dtype.scalarName}`);
    return binaryKernel("isclose", a, b, resultType(a, b), bool, [rtol, atol, equal_nan ? 1 : 0]);
  },
});

// ---- ternary: where, lerp ---------------------------------------------------------------------------

// The condition is an attribute, not a graph input (PyTorch's next_functions has self and other only).
export const whereOp = defineOp({
  name: "where", gradFn: "WhereBackward0", inputs: ["self", "other"],
  forward: ([a, b], { condition: c }: { condition: Tensor }) => {
    if (c.dtype !== bool) throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${c.dtype.scalarName}`);
    const dt = resultType(a, b);
    const shape = broadcastShapes(broadcastShapes(c._shape, a._shape), b._shape);
    const ac = asCompute(a, dt), bc = asCompute(b, dt);
    return laidOut([svBroadcast(c, shape), svBroadcast(ac, shape), svBroadcast(bc, shape)], shape, elementwiseStrides(shape, [c, a, b]), dt,
      (v, s) => backend().ternary("where", v[0], v[1], v[2], s, dt));
  },
  backward: {
    self: (g, _s, m) => g.mul(m.condition),
    other: (g, _s, m) => g.mul(m.condition.logical_not()),
  },
});

export const lerpOp = defineOp({
  name: "lerp", gradFn: "LerpBackward1", inputs: ["self", "end", "weight"], save: ["self", "end", "weight"],
  forward: ([a, b, w]) => {
    const dt = resultType(a, b);
    const shape = broadcastShapes(broadcastShapes(a._shape, b._shape), w._shape);
    return laidOut([svBroadcast(a, shape), svBroadcast(b, shape), svBroadcast(asCompute(w, dt), shape)], shape, elementwiseStrides(shape, [a, b, w]), dt,
      (v, s) => backend().ternary("lerp", v[0], v[1], v[2], s, dt));
  },
  backward: {
    self: (g, s) => g.mul(s.weight.neg().add(1)),
    end: (g, s) => g.mul(s.weight),
    weight: (g, s) => g.mul(s.end.sub(s.self)),
  },
});

export const lerpScalarOp = defineOp({
  name: "lerp_scalar", gradFn: "LerpBackward0", inputs: ["self", "end"],
  forward: ([a, b], { weight }: { weight: number }) => lerpOp.forward([a, b, wrap(weight)], {}) as Tensor,
  backward: { self: (g, _s, m) => g.mul(1 - m.weight), end: (g, _s, m) => g.mul(m.weight) },
});

/** PyTorch's TypeError for an operand that is neither a Tensor nor a number: `add(): argument 'other' (position 2) must be Tensor, not str`. */
const isOperand = (v: unknown) => v instanceof Tensor || typeof v === "number" || typeof v === "boolean" || typeof v === "bigint";
function operands(fn: string, a: unknown, b: unknown): void {
  if (!isOperand(a)) throw argError(fn, "input", 1, "Tensor", a);
  if (!isOperand(b)) throw argError(fn, "other", 2, "Tensor", b);
}

/** A method's operand (`x.add_(o)`): a Tensor or a number, else PyTorch's TypeError (`add_(): argument 'other' (position 1) ...`). */
function operand(fn: string, o: unknown): Tensor {
  if (!isOperand(o)) throw argError(fn, "other", 2, "Tensor", o);
  return wrap(o as TensorLike);
}

// ---- public API ------------------------------------------------------------------------------------------

type AlphaOpt = { alpha?: number };
/** torch.add(a, b, {alpha}): a + alpha * b. */
export function add(a: TensorLike, b: TensorLike, opts: AlphaOpt | null = {}): Tensor {
  operands("add", a, b);
  opts = kwargs(opts);
  // `2 + x` is x.__radd__(2) in Python: the tensor comes first in next_functions.
  if (!(a instanceof Tensor) && b instanceof Tensor && (opts.alpha ?? 1) === 1) return call(addOp, [b, wrap(a)], { alpha: 1 });
  return call(addOp, [wrap(a), wrap(b)], { alpha: opts.alpha ?? 1 });
}
/** torch.sub(a, b, {alpha}): a - alpha * b. */
export function sub(a: TensorLike, b: TensorLike, opts: AlphaOpt | null = {}): Tensor {
  operands("sub", a, b);
  opts = kwargs(opts);
  if (!(a instanceof Tensor) && b instanceof Tensor) return call(rsubScalarOp, [b], { other: a as number, alpha: opts.alpha ?? 1 });
  return call(subOp, [wrap(a), wrap(b)], { alpha: opts.alpha ?? 1 });
}
/** torch.rsub(a, b): b - a. */
export function rsub(a: Tensor, b: TensorLike, opts: AlphaOpt | null = {}): Tensor {
  operands("rsub", a, b);
  opts = kwargs(opts);
  tensorArg("rsub", a);
  if (!(b instanceof Tensor)) return call(rsubScalarOp, [a], { other: b as number, alpha: opts.alpha ?? 1 });
  return call(subOp, [b, a], { alpha: opts.alpha ?? 1 });
}
export function mul(a: TensorLike, b: TensorLike): Tensor {
  operands("mul", a, b);
  // `2 * x` is x.__rmul__(2): the tensor comes first, as PyTorch records it.
  if (!(a instanceof Tensor) && b instanceof Tensor) return call(mulOp, [b, wrap(a)], {});
  return call(mulOp, [wrap(a), wrap(b)], {});
}
/** torch.div(a, b, {rounding_mode}): true division unless rounding_mode is "trunc" or "floor". */
export function div(a: TensorLike, b: TensorLike, opts: { rounding_mode?: "trunc" | "floor" | null } | null = {}): Tensor {
  operands("div", a, b);
  opts = kwargs(opts);
  // 2 / x is reciprocal(x) * 2 in PyTorch (MulBackward0 -> ReciprocalBackward0).
  if (!(a instanceof Tensor) && b instanceof Tensor && !opts.rounding_mode) return mul(b.reciprocal(), a);
  return call(divOp, [wrap(a), wrap(b)], { rounding_mode: opts.rounding_mode ?? null });
}
export const true_divide = (a: TensorLike, b: TensorLike) => div(a, b);
export function floor_divide(a: TensorLike, b: TensorLike): Tensor { operands("floor_divide", a, b); return div(a, b, { rounding_mode: "floor" }); }
export function remainder(a: TensorLike, b: TensorLike): Tensor {
  operands("remainder", a, b);
  if (a instanceof Tensor && plainScalar(b)) return call(remainderScalarOp, [a], { other: +b });
  return call(remainderOp, [wrap(a), wrap(b)], {});
}
export function fmod(a: TensorLike, b: TensorLike): Tensor {
  operands("fmod", a, b);
  if (a instanceof Tensor && plainScalar(b)) return call(fmodScalarOp, [a], { other: +b });
  return call(fmodOp, [wrap(a), wrap(b)], {});
}
/** torch.pow(x, 2), torch.pow(x, y), torch.pow(2, x). */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  operands("pow", a, b);
  if (a instanceof Tensor && plainScalar(b)) return call(powScalarOp, [a], { exponent: +b });
  return call(powTensorOp, [wrap(a), wrap(b)], {});
}
export function atan2(a: Tensor, b: TensorLike): Tensor { operands("atan2", a, b); tensorArg("atan2", a); return call(atan2Op, [a, wrap(b)], {}); }
export function maximum(a: Tensor, b: Tensor): Tensor { return call(maximumOp, [a, b], {}); }
export function minimum(a: Tensor, b: Tensor): Tensor { return call(minimumOp, [a, b], {}); }
export function xlogy(a: TensorLike, b: TensorLike): Tensor { operands("xlogy", a, b); return call(xlogyOp, [wrap(a), wrap(b)], {}); }
export function eq(a: TensorLike, b: TensorLike): Tensor { operands("eq", a, b); return call(eqOp, [wrap(a), wrap(b)], {}); }
export function ne(a: TensorLike, b: TensorLike): Tensor { operands("ne", a, b); return call(neOp, [wrap(a), wrap(b)], {}); }
export function lt(a: TensorLike, b: TensorLike): Tensor { operands("lt", a, b); return call(ltOp, [wrap(a), wrap(b)], {}); }
export function le(a: TensorLike, b: TensorLike): Tensor { operands("le", a, b); return call(leOp, [wrap(a), wrap(b)], {}); }
export function gt(a: TensorLike, b: TensorLike): Tensor { operands("gt", a, b); return call(gtOp, [wrap(a), wrap(b)], {}); }
export function ge(a: TensorLike, b: TensorLike): Tensor { operands("ge", a, b); return call(geOp, [wrap(a), wrap(b)], {}); }
export function logical_and(a: TensorLike, b: TensorLike): Tensor { operands("logical_and", a, b); return call(logicalAndOp, [wrap(a), wrap(b)], {}); }
export function logical_or(a: TensorLike, b: TensorLike): Tensor { operands("logical_or", a, b); return call(logicalOrOp, [wrap(a), wrap(b)], {}); }
export function logical_xor(a: TensorLike, b: TensorLike): Tensor { operands("logical_xor", a, b); return call(logicalXorOp, [wrap(a), wrap(b)], {}); }
export function bitwise_and(a: TensorLike, b: TensorLike): Tensor { operands("bitwise_and", a, b); return call(bitwiseAndOp, [wrap(a), wrap(b)], {}); }
export function bitwise_or(a: TensorLike, b: TensorLike): Tensor { operands("bitwise_or", a, b); return call(bitwiseOrOp, [wrap(a), wrap(b)], {}); }
export function bitwise_xor(a: TensorLike, b: TensorLike): Tensor { operands("bitwise_xor", a, b); return call(bitwiseXorOp, [wrap(a), wrap(b)], {}); }
type CloseOpts = { rtol?: number; atol?: number; equal_nan?: boolean };
/** torch.isclose(a, b, {rtol: 1e-5, atol: 1e-8, equal_nan: false}) */
export function isclose(a: Tensor, b: TensorLike, o: CloseOpts | null = {}): Tensor {
  operands("isclose", a, b);
  o = kwargs(o);
  tensorArg("isclose", a);
  return call(iscloseOp, [a, wrap(b)], { rtol: o.rtol ?? 1e-5, atol: o.atol ?? 1e-8, equal_nan: o.equal_nan ?? false });
}
/** torch.allclose(a, b): true when every element is close. */
export function allclose(a: Tensor, b: TensorLike, o: CloseOpts | null = {}): boolean {
  operands("allclose", a, b);
  o = kwargs(o);
  tensorArg("allclose", a);
  return isclose(a, b, o)._values().every((v) => v !== 0);
}
/** torch.equal(a, b): same shape and elements. */
export function equal(a: Tensor, b: Tensor): boolean {
  tensorArg("equal", a);
  tensorArg("equal", b, "other", 2);
  return a._shape.join() === b._shape.join() && eq(a, b)._values().every((v) => v !== 0);
}
/** torch.where(condition, x, y), or torch.where(condition) = nonzero as a tuple. */
export function where(cond: Tensor): Tensor[];
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor;
export function where(cond: Tensor, a?: TensorLike, b?: TensorLike): Tensor | Tensor[] {
  tensorArg("where", cond, "condition");
  if (a === undefined && b === undefined) return cond.nonzero({ as_tuple: true }) as Tensor[];
  return call(whereOp, [wrap(a!), wrap(b!)], { condition: cond });
}
export function lerp(a: Tensor, end: Tensor, weight: TensorLike | { weight: TensorLike }): Tensor {
  tensorArg("lerp", a);
  tensorArg("lerp", end, "end", 2);
  if (!(weight instanceof Tensor)) return call(lerpScalarOp, [a, end], { weight: Number(weight) });
  return call(lerpOp, [a, end, weight], {});
}

type Other = TensorLike;
declare module "../tensor/tensor.js" {
  interface Tensor {
    /** self + alpha * other (broadcasting). */
    add(other: Other, opts?: AlphaOpt): Tensor;
    add_(other: Other, opts?: AlphaOpt): Tensor;
    sub(other: Other, opts?: AlphaOpt): Tensor;
    sub_(other: Other, opts?: AlphaOpt): Tensor;
    subtract(other: Other, opts?: AlphaOpt): Tensor;
    rsub(other: Other, opts?: AlphaOpt): Tensor;
    mul(other: Other): Tensor;
    mul_(other: Other): Tensor;
    multiply(other: Other): Tensor;
    div(other: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor;
    div_(other: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor;
    divide(other: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor;
    true_divide(other: Other): Tensor;
    true_divide_(other: Other): Tensor;
    floor_divide(other: Other): Tensor;
    floor_divide_(other: Other): Tensor;
    remainder(other: Other): Tensor;
    remainder_(other: Other): Tensor;
    fmod(other: Other): Tensor;
    fmod_(other: Other): Tensor;
    pow(exponent: Other): Tensor;
    pow_(exponent: Other): Tensor;
    /** Python's reflected ops: `2 ** x` is x.__rpow__(2). */
    __rpow__(base: number): Tensor;
    __rsub__(other: number): Tensor;
    __rtruediv__(other: number): Tensor;
    atan2(other: Other): Tensor;
    atan2_(other: Other): Tensor;
    maximum(other: Tensor): Tensor;
    minimum(other: Tensor): Tensor;
    xlogy(other: Other): Tensor;
    eq(other: Other): Tensor; ne(other: Other): Tensor; lt(other: Other): Tensor; le(other: Other): Tensor; gt(other: Other): Tensor; ge(other: Other): Tensor;
    eq_(other: Other): Tensor; ne_(other: Other): Tensor; lt_(other: Other): Tensor; le_(other: Other): Tensor; gt_(other: Other): Tensor; ge_(other: Other): Tensor;
    greater(other: Other): Tensor; less(other: Other): Tensor; greater_equal(other: Other): Tensor; less_equal(other: Other): Tensor; not_equal(other: Other): Tensor;
    logical_and(other: Other): Tensor; logical_or(other: Other): Tensor; logical_xor(other: Other): Tensor;
    bitwise_and(other: Other): Tensor; bitwise_or(other: Other): Tensor; bitwise_xor(other: Other): Tensor;
    isclose(other: Other, opts?: CloseOpts): Tensor;
    allclose(other: Other, opts?: CloseOpts): boolean;
    equal(other: Tensor): boolean;
    where(condition: Tensor, other: Other): Tensor;
    lerp(end: Tensor, weight: Other | { weight: Other }): Tensor;
    lerp_(end: Tensor, weight: Other): Tensor;
  }
}

const inplace = <A extends object>(def: OpDef<A, any, any, any>, self: Tensor, others: Tensor[], attrs: NoInfer<A>) => callInplace(def, self, others, attrs);
installMethods({
  add(this: Tensor, o: Other, opts?: AlphaOpt) { return add(this, o, opts); },
  add_(this: Tensor, o: Other, opts?: AlphaOpt) { return inplace(addOp, this, [operand("add_", o)], { alpha: opts?.alpha ?? 1 }); },
  sub(this: Tensor, o: Other, opts?: AlphaOpt) { return sub(this, o, opts); },
  sub_(this: Tensor, o: Other, opts?: AlphaOpt) { return inplace(subOp, this, [operand("sub_", o)], { alpha: opts?.alpha ?? 1 }); },
  subtract(this: Tensor, o: Other, opts?: AlphaOpt) { return sub(this, o, opts); },
  rsub(this: Tensor, o: Other, opts?: AlphaOpt) { return rsub(this, o, opts); },
  mul(this: Tensor, o: Other) { return mul(this, o); },
  mul_(this: Tensor, o: Other) { return inplace(mulOp, this, [operand("mul_", o)], {}); },
  multiply(this: Tensor, o: Other) { return mul(this, o); },
  div(this: Tensor, o: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }) { return div(this, o, opts); },
  div_(this: Tensor, o: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }) { return inplace(divOp, this, [operand("div_", o)], { rounding_mode: opts?.rounding_mode ?? null }); },
  divide(this: Tensor, o: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }) { return div(this, o, opts); },
  true_divide(this: Tensor, o: Other) { return div(this, o); },
  true_divide_(this: Tensor, o: Other) { return inplace(divOp, this, [operand("true_divide_", o)], { rounding_mode: null }); },
  floor_divide(this: Tensor, o: Other) { return floor_divide(this, o); },
  floor_divide_(this: Tensor, o: Other) { return inplace(divOp, this, [operand("floor_divide_", o)], { rounding_mode: "floor" }); },
  remainder(this: Tensor, o: Other) { return remainder(this, o); },
  remainder_(this: Tensor, o: Other) { return plainScalar(o) ? inplace(remainderScalarOp, this, [], { other: +o }) : inplace(remainderOp, this, [wrap(o)], {}); },
  fmod(this: Tensor, o: Other) { return fmod(this, o); },
  fmod_(this: Tensor, o: Other) { return plainScalar(o) ? inplace(fmodScalarOp, this, [], { other: +o }) : inplace(fmodOp, this, [wrap(o)], {}); },
  pow(this: Tensor, e: Other) { return pow(this, e); },
  pow_(this: Tensor, e: Other) { return plainScalar(e) ? inplace(powScalarOp, this, [], { exponent: +e }) : inplace(powTensorOp, this, [wrap(e)], {}); },
  __rpow__(this: Tensor, b: number) { return pow(b, this); },
  __rsub__(this: Tensor, o: number) { return sub(o, this); },
  __rtruediv__(this: Tensor, o: number) { return div(o, this); },
  atan2(this: Tensor, o: Other) { return atan2(this, o); },
  atan2_(this: Tensor, o: Other) { return inplace(atan2Op, this, [operand("atan2_", o)], {}); },
  maximum(this: Tensor, o: Tensor) { return maximum(this, o); },
  minimum(this: Tensor, o: Tensor) { return minimum(this, o); },
  xlogy(this: Tensor, o: Other) { return xlogy(this, o); },
  eq(this: Tensor, o: Other) { return eq(this, o); }, ne(this: Tensor, o: Other) { return ne(this, o); },
  lt(this: Tensor, o: Other) { return lt(this, o); }, le(this: Tensor, o: Other) { return le(this, o); },
  gt(this: Tensor, o: Other) { return gt(this, o); }, ge(this: Tensor, o: Other) { return ge(this, o); },
  eq_(this: Tensor, o: Other) { return inplace(eqOp, this, [operand("eq_", o)], {}); }, ne_(this: Tensor, o: Other) { return inplace(neOp, this, [operand("ne_", o)], {}); },
  lt_(this: Tensor, o: Other) { return inplace(ltOp, this, [operand("lt_", o)], {}); }, le_(this: Tensor, o: Other) { return inplace(leOp, this, [operand("le_", o)], {}); },
  gt_(this: Tensor, o: Other) { return inplace(gtOp, this, [operand("gt_", o)], {}); }, ge_(this: Tensor, o: Other) { return inplace(geOp, this, [operand("ge_", o)], {}); },
  greater(this: Tensor, o: Other) { return gt(this, o); }, less(this: Tensor, o: Other) { return lt(this, o); },
  greater_equal(this: Tensor, o: Other) { return ge(this, o); }, less_equal(this: Tensor, o: Other) { return le(this, o); },
  not_equal(this: Tensor, o: Other) { return ne(this, o); },
  logical_and(this: Tensor, o: Other) { return logical_and(this, o); },
  logical_or(this: Tensor, o: Other) { return logical_or(this, o); },
  logical_xor(this: Tensor, o: Other) { return logical_xor(this, o); },
  bitwise_and(this: Tensor, o: Other) { return bitwise_and(this, o); },
  bitwise_or(this: Tensor, o: Other) { return bitwise_or(this, o); },
  bitwise_xor(this: Tensor, o: Other) { return bitwise_xor(this, o); },
  isclose(this: Tensor, o: Other, opts?: CloseOpts) { return isclose(this, o, opts); },
  allclose(this: Tensor, o: Other, opts?: CloseOpts) { return allclose(this, o, opts); },
  equal(this: Tensor, o: Tensor) { return equal(this, o); },
  where(this: Tensor, c: Tensor, o: Other) { return where(c, this, o); },
  lerp(this: Tensor, e: Tensor, w: Other) { return lerp(this, e, w); },
  lerp_(this: Tensor, e: Tensor, w: Other) { return w instanceof Tensor ? inplace(lerpOp, this, [e, w], {}) : inplace(lerpScalarOp, this, [e], { weight: Number(w) }); },
});
