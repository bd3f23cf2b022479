/**
 * Binary elementwise ops with broadcasting and PyTorch's type promotion: arithmetic,
 * comparisons, logical ops, maximum/minimum, atan2, and where/lerp. Python scalars are wrapped
 * numbers: they take part in promotion only by category (int tensor * 2.5 is float32).
 */
import { argError, tensorArg, kwargs } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import { type DType, bool, castScalar, get_default_dtype } from "../tensor/dtype.js";
import { Tensor, installMethods, type TensorLike } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { broadcastShapes, sameShape } from "../tensor/shape.js";
import { isWrapped, resultType } from "../tensor/promotion.js";
import { backend } from "../backend/index.js";
import type { BinaryKernel } from "../backend/kernels.js";
import { call, callInplace, defineOp, type Formula, type OpDef } from "./define.js";
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
  const ac = asCompute(a, compute),
    bc = asCompute(b, compute);
  const va = same ? sv(ac) : svBroadcast(ac, shape),
    vb = same ? sv(bc) : svBroadcast(bc, shape);
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
  name: "add",
  gradFn: "AddBackward0",
  inputs: ["self", "other"],
  forward: ([a, b], { alpha }: Alpha) => {
    const dt = resultType(a, b);
    checkAlpha(alpha, dt);
    return alpha === 1 ? binaryKernel("add", a, b, dt, dt) : binaryKernel("add_alpha", a, b, dt, dt, [alpha]);
  },
  backward: { self: (g) => g, other: (g, _s, m) => (m.alpha === 1 ? g : g.mul(m.alpha)) },
});

export const subOp = defineOp({
  name: "sub",
  gradFn: "SubBackward0",
  inputs: ["self", "other"],
  forward: ([a, b], { alpha }: Alpha) => {
    if (a.dtype === bool && b.dtype === bool)
      throw new RuntimeError(
        "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
      );
    if (a.dtype === bool || b.dtype === bool)
      throw new RuntimeError(
        "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
      );
    const dt = resultType(a, b);
    checkAlpha(alpha, dt);
    return alpha === 1 ? binaryKernel("sub", a, b, dt, dt) : binaryKernel("sub_alpha", a, b, dt, dt, [alpha]);
  },
  backward: { self: (g) => g, other: (g, _s, m) => g.mul(-m.alpha) },
});

/** `2 - x`: one input (the scalar is an attribute), as PyTorch's RsubBackward1. */
export const rsubScalarOp = defineOp({
  name: "rsub",
  gradFn: "RsubBackward1",
  inputs: ["self"],
  forward: ([a], { other, alpha }: { other: number; alpha: number }) => {
    const dt = resultType(a, wrap(other));
    return binaryKernel(alpha === 1 ? "sub" : "sub_alpha", wrap(other), a, dt, dt, [alpha]);
  },
  backward: { self: (g, _s, m) => g.mul(-m.alpha) },
});

export const mulOp = defineOp({
  name: "mul",
  gradFn: "MulBackward0",
  inputs: ["self", "other"],
  save: ["self", "other"],
  forward: ([a, b]) => {
    const dt = resultType(a, b);
    return binaryKernel("mul", a, b, dt, dt);
  },
  backward: { self: (g, s) => g.mul(s.other), other: (g, s) => g.mul(s.self) },
});

type RoundingMode = { rounding_mode: "trunc" | "floor" | null };
export const divOp = defineOp({
  name: "div",
  gradFn: (a: RoundingMode) => (a.rounding_mode ? "DivBackward1" : "DivBackward0"),
  inputs: ["self", "other"],
  save: ["self", "other"],
  forward: ([a, b], { rounding_mode }: RoundingMode) => {
    let dt = resultType(a, b);
    if (!rounding_mode) {
      if (!dt.is_floating_point) dt = get_default_dtype();
      return binaryKernel("div", a, b, dt, dt);
    }
    if (!dt.is_floating_point && b._values().some((v) => v === 0)) throw new RuntimeError("ZeroDivisionError");
    return binaryKernel(
      rounding_mode === "trunc" ? "div_trunc" : dt.is_floating_point ? "floor_divide" : "div_floor",
      a,
      b,
      dt,
      dt,
    );
  },
  backward: {
    self: (g, s, m) => (m.rounding_mode ? g.mul(0) : g.div(s.other)),
    other: (g, s, m) => (m.rounding_mode ? g.mul(0) : g.neg().mul(s.self).div(s.other.mul(s.other))),
  },
});

export const remainderOp = defineOp({
  name: "remainder",
  gradFn: "RemainderBackward0",
  inputs: ["self", "other"],
  save: ["self", "other"],
  forward: ([a, b]) => {
    const dt = resultType(a, b);
    if (!dt.is_floating_point && b._values().some((v) => v === 0)) throw new RuntimeError("ZeroDivisionError");
    return binaryKernel("remainder", a, b, dt, dt);
  },
  backward: { self: (g) => g, other: (g, s) => g.neg().mul(s.self.div(s.other, { rounding_mode: "floor" })) },
});

export const fmodOp = defineOp({
  name: "fmod",
  gradFn: "FmodBackward0",
  inputs: ["self", "other"],
  save: ["self", "other"],
  forward: ([a, b]) => {
    const dt = resultType(a, b);
    return binaryKernel("fmod", a, b, dt, dt);
  },
  backward: { self: (g) => g, other: (g, s) => g.neg().mul(s.self.div(s.other, { rounding_mode: "trunc" })) },
});

/** x % 2, x.fmod(2): the scalar is an attribute (one graph input), as PyTorch's Scalar overloads. */
function scalarModOp(name: "remainder" | "fmod", kernel: BinaryKernel) {
  return defineOp({
    name: name + "_scalar",
    gradFn: name === "remainder" ? "RemainderBackward0" : "FmodBackward0",
    inputs: ["self"],
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
  name: "pow",
  gradFn: "PowBackward0",
  inputs: ["self"],
  save: ["self"],
  forward: ([a], { exponent }: { exponent: number }) => {
    const dt = resultType(a, wrap(exponent));
    if (!dt.is_floating_point && exponent < 0)
      throw new RuntimeError("Integers to negative integer powers are not allowed.");
    if (exponent === 2) return binaryKernel("mul", a, a, dt, dt);
    return binaryKernel("pow", a, wrap(exponent), dt, dt);
  },
  backward: {
    self: (g, s, m) => (m.exponent === 0 ? g.mul(0) : g.mul(s.self.pow(m.exponent - 1).mul(m.exponent))),
  },
});

/** x ** y and 2 ** x: tensor exponent (PowBackward1; a scalar base is a no-grad input). */
export const powTensorOp = defineOp({
  name: "pow_tensor",
  gradFn: "PowBackward1",
  inputs: ["self", "exponent"],
  save: ["self", "exponent", "result"],
  forward: ([a, b]) => {
    const dt = resultType(a, b);
    if (!dt.is_floating_point && b._values().some((v) => v < 0))
      throw new RuntimeError("Integers to negative integer powers are not allowed.");
    return binaryKernel("pow", a, b, dt, dt);
  },
  backward: {
    self: (g, s) => g.mul(s.exponent.mul(s.self.pow(s.exponent.sub(1)))).masked_fill(s.exponent.eq(0), 0),
    exponent: (g, s) => g.mul(s.result.mul(s.self.log())).masked_fill(s.self.eq(0).logical_and(s.exponent.ge(0)), 0),
  },
});

// ---- the table of plain binary ops -----------------------------------------------------------------

type Operand = "self" | "other" | "result";
/**
 * One row per plain binary op (`f(input, other)`, broadcasting and promoting, no attributes): its
 * kernel, grad_fn name, dtype rule, saved values and derivative per input, as derivatives.yaml.
 * The row alone makes the op-table entry, `torch.<name>`, the method `x.<name>(other)`, the in-place
 * `x.<name>_(other)` and their types: adding an op here (and its goldens) is all it takes.
 */
interface BinaryRow {
  /** Table key, kernel, function and method name. */
  readonly name: BinaryKernel;
  /** The grad_fn users see; absent for ops that are not differentiable. */
  readonly gradFn?: string;
  /** Result dtype: the promoted one, at least the default float ("float": atan2, hypot), or bool. */
  readonly out: "promote" | "float" | "bool";
  readonly save?: readonly Operand[];
  readonly grad?: { readonly self?: Formula<object, Operand>; readonly other?: Formula<object, Operand> };
  /**
   * Which operands must be Tensors: "both" (maximum: `torch.maximum(x, 2)` is a TypeError), "input"
   * (atan2(x, 2) is fine, atan2(2, x) is not); by default either may be a Python number.
   */
  readonly tensors?: "both" | "input";
  /** `x.<name>_(other)` exists (as in PyTorch). */
  readonly inplace?: boolean;
  /** Other method names for the same op (`greater` for gt). */
  readonly aliases?: readonly string[];
  /** The kernel by compute dtype, where it differs from `name` (bitwise ops on bool are logical). */
  readonly kernel?: (dt: DType) => BinaryKernel;
}

/** The derivatives of a row, reading only the values the row saves. */
type BinaryGrad<S extends string> = { readonly self?: Formula<object, S>; readonly other?: Formula<object, S> };
type SavedOf<R> = R extends { save: readonly (infer S extends string)[] } ? S : never;
/**
 * A row with derivatives. NOTE: the formulas go in through their own parameter so that the row's
 * type (which makes the Tensor methods' types) does not depend on them: they call Tensor methods,
 * and TypeScript would otherwise see a cycle.
 */
function row<const R extends Omit<BinaryRow, "grad">>(sig: R, grad: BinaryGrad<SavedOf<R>>): R {
  return Object.assign(sig, { grad });
}

/** `&`, `|`, `^` on bools are the logical ops; on floats they do not exist. */
const bitwise =
  (name: "bitwise_and" | "bitwise_or" | "bitwise_xor", logical: BinaryKernel) =>
  (dt: DType): BinaryKernel => {
    if (dt.is_floating_point) throw new RuntimeError(`"${name}_cpu" not implemented for '${dt.scalarName}'`);
    return dt === bool ? logical : name;
  };

/** A kernel PyTorch has for floating dtypes only (`"hypot_cpu" not implemented for 'Long'`). */
const floatsOnly =
  (name: BinaryKernel) =>
  (dt: DType): BinaryKernel => {
    if (!dt.is_floating_point) throw new RuntimeError(`"${name}_cpu" not implemented for '${dt.scalarName}'`);
    return name;
  };

export const BINARY_ROWS = [
  row(
    { name: "atan2", gradFn: "Atan2Backward0", out: "float", save: ["self", "other"], tensors: "input", inplace: true },
    {
      self: (g, s): Tensor => g.mul(s.other).div(s.self.mul(s.self).add(s.other.mul(s.other))),
      other: (g, s): Tensor => g.mul(s.self.neg()).div(s.self.mul(s.self).add(s.other.mul(s.other))),
    },
  ),
  // d/dx hypot(x, y) = x / hypot(x, y), as derivatives.yaml's `grad * self / result`.
  row(
    {
      name: "hypot",
      gradFn: "HypotBackward0",
      out: "promote",
      kernel: floatsOnly("hypot"),
      save: ["self", "other", "result"],
      tensors: "both",
      inplace: true,
    },
    { self: (g, s): Tensor => g.mul(s.self).div(s.result), other: (g, s): Tensor => g.mul(s.other).div(s.result) },
  ),
  // d/dx log(e^x + e^y) = 1 / (1 + e^(y - x)), as derivatives.yaml.
  row(
    {
      name: "logaddexp",
      gradFn: "LogaddexpBackward0",
      out: "promote",
      kernel: floatsOnly("logaddexp"),
      save: ["self", "other"],
      tensors: "both",
    },
    {
      self: (g, s): Tensor => g.div(s.other.sub(s.self).exp().add(1)),
      other: (g, s): Tensor => g.div(s.self.sub(s.other).exp().add(1)),
    },
  ),
  // ties split the gradient in half, as PyTorch's formula
  row(
    { name: "maximum", gradFn: "MaximumBackward0", out: "promote", save: ["self", "other"], tensors: "both" },
    {
      self: (g, s): Tensor => g.mul(s.self.gt(s.other).add(s.self.eq(s.other).mul(0.5))),
      other: (g, s): Tensor => g.mul(s.other.gt(s.self).add(s.self.eq(s.other).mul(0.5))),
    },
  ),
  row(
    { name: "minimum", gradFn: "MinimumBackward0", out: "promote", save: ["self", "other"], tensors: "both" },
    {
      self: (g, s): Tensor => g.mul(s.self.lt(s.other).add(s.self.eq(s.other).mul(0.5))),
      other: (g, s): Tensor => g.mul(s.other.lt(s.self).add(s.self.eq(s.other).mul(0.5))),
    },
  ),
  row(
    { name: "xlogy", gradFn: "XlogyBackward0", out: "float", save: ["self", "other"] },
    {
      self: (g, s): Tensor => g.mul(s.other.log()).masked_fill(s.self.eq(0).logical_and(s.other.le(0)), 0),
      other: (g, s): Tensor => g.mul(s.self).div(s.other),
    },
  ),
  // Comparisons and logical ops: not differentiable, bool results, computed in the promoted dtype.
  { name: "eq", out: "bool", inplace: true },
  { name: "ne", out: "bool", inplace: true, aliases: ["not_equal"] },
  { name: "lt", out: "bool", inplace: true, aliases: ["less"] },
  { name: "le", out: "bool", inplace: true, aliases: ["less_equal"] },
  { name: "gt", out: "bool", inplace: true, aliases: ["greater"] },
  { name: "ge", out: "bool", inplace: true, aliases: ["greater_equal"] },
  { name: "logical_and", out: "bool" },
  { name: "logical_or", out: "bool" },
  { name: "logical_xor", out: "bool" },
  { name: "bitwise_and", out: "promote", kernel: bitwise("bitwise_and", "logical_and") },
  { name: "bitwise_or", out: "promote", kernel: bitwise("bitwise_or", "logical_or") },
  { name: "bitwise_xor", out: "promote", kernel: bitwise("bitwise_xor", "logical_xor") },
] as const;

type BinaryRows = (typeof BINARY_ROWS)[number];
type BinaryName = BinaryRows["name"];

/** The table entries of the rows, by name. */
export const BINARY_OPS = Object.fromEntries(
  BINARY_ROWS.map((row: BinaryRow) => {
    const def = defineOp({
      name: row.name,
      gradFn: row.gradFn ?? "",
      inputs: ["self", "other"],
      save: row.save,
      forward: ([a, b]) => {
        let dt = resultType(a, b);
        const compute = dt;
        if (row.out === "float" && !dt.is_floating_point) dt = get_default_dtype();
        return binaryKernel(
          row.kernel ? row.kernel(compute) : row.name,
          a,
          b,
          row.out === "bool" ? compute : dt,
          row.out === "bool" ? bool : dt,
        );
      },
      backward: row.grad,
    });
    return [row.name, def];
  }),
) as Record<BinaryName, OpDef<object, readonly ["self", "other"]>>;

/** The function's parameters as the row allows them. */
type BinaryFn<R extends BinaryRows> = R extends { tensors: "both" }
  ? (input: Tensor, other: Tensor) => Tensor
  : R extends { tensors: "input" }
    ? (input: Tensor, other: TensorLike) => Tensor
    : (input: TensorLike, other: TensorLike) => Tensor;
type OtherOf<R extends BinaryRows> = R extends { tensors: "both" } ? Tensor : TensorLike;
/** `x.atan2(other)`, and `x.atan2({other})` (PyTorch's keyword, bound by api/keywords.ts). */
type BinaryMethod<R extends BinaryRows> = ((other: OtherOf<R>) => Tensor) &
  ((options: { other: OtherOf<R> }) => Tensor);
type Aliases<R> = R extends { aliases: readonly (infer A extends string)[] } ? A : never;
/** The methods the rows make: `x.atan2(o)`, the in-place `x.atan2_(o)`, and aliases (`x.greater(o)`). */
export type BinaryMethods = { [R in BinaryRows as R["name"] | Aliases<R>]: BinaryMethod<R> } & {
  [R in BinaryRows as R extends { inplace: true } ? `${R["name"]}_` : never]: BinaryMethod<R>;
};

/** `torch.<name>(input, other)` for every row. */
export const BINARY_FUNCTIONS = Object.fromEntries(
  BINARY_ROWS.map((row: BinaryRow) => {
    const def = BINARY_OPS[row.name as BinaryName];
    const fn =
      row.tensors === "both"
        ? (a: Tensor, b: Tensor): Tensor => call(def, [a, b], {})
        : (a: TensorLike, b: TensorLike): Tensor => {
            operands(row.name, a, b);
            if (row.tensors === "input") tensorArg(row.name, a);
            return call(def, [wrap(a), wrap(b)], {});
          };
    Object.defineProperty(fn, "name", { value: row.name });
    return [row.name, fn];
  }),
) as { [R in BinaryRows as R["name"]]: BinaryFn<R> };

const binaryMethods: Record<string, (this: Tensor, o: never) => Tensor> = {};
for (const row of BINARY_ROWS as readonly BinaryRow[]) {
  const fn = BINARY_FUNCTIONS[row.name as BinaryName] as (a: Tensor, b: unknown) => Tensor,
    def = BINARY_OPS[row.name as BinaryName];
  const method = function (this: Tensor, o: unknown) {
    return fn(this, o);
  };
  for (const n of [row.name, ...(row.aliases ?? [])]) binaryMethods[n] = method;
  const name_ = row.name + "_";
  if (row.inplace)
    binaryMethods[name_] = function (this: Tensor, o: unknown) {
      return callInplace(def, this, [operand(name_, o)], {});
    };
}
installMethods(binaryMethods);

export const iscloseOp = defineOp({
  name: "isclose",
  gradFn: "",
  inputs: ["self", "other"],
  forward: ([a, b], { rtol, atol, equal_nan }: { rtol: number; atol: number; equal_nan: boolean }) => {
    if (a.dtype !== b.dtype && !isWrapped(b))
      throw new RuntimeError(`${a.dtype.scalarName} did not match ${b.dtype.scalarName}`);
    return binaryKernel("isclose", a, b, resultType(a, b), bool, [rtol, atol, equal_nan ? 1 : 0]);
  },
});

// ---- ternary: where, lerp ---------------------------------------------------------------------------

// The condition is an attribute, not a graph input (PyTorch's next_functions has self and other only).
export const whereOp = defineOp({
  name: "where",
  gradFn: "WhereBackward0",
  inputs: ["self", "other"],
  forward: ([a, b], { condition: c }: { condition: Tensor }) => {
    if (c.dtype !== bool)
      throw new RuntimeError(
        `where expected condition to be a boolean tensor, but got a tensor with dtype ${c.dtype.scalarName}`,
      );
    const dt = resultType(a, b);
    const shape = broadcastShapes(broadcastShapes(c._shape, a._shape), b._shape);
    const ac = asCompute(a, dt),
      bc = asCompute(b, dt);
    return laidOut(
      [svBroadcast(c, shape), svBroadcast(ac, shape), svBroadcast(bc, shape)],
      shape,
      elementwiseStrides(shape, [c, a, b]),
      dt,
      (v, s) => backend().ternary("where", v[0], v[1], v[2], s, dt),
    );
  },
  backward: {
    self: (g, _s, m) => g.mul(m.condition),
    other: (g, _s, m) => g.mul(m.condition.logical_not()),
  },
});

export const lerpOp = defineOp({
  name: "lerp",
  gradFn: "LerpBackward1",
  inputs: ["self", "end", "weight"],
  save: ["self", "end", "weight"],
  forward: ([a, b, w]) => {
    const dt = resultType(a, b);
    const shape = broadcastShapes(broadcastShapes(a._shape, b._shape), w._shape);
    return laidOut(
      [svBroadcast(a, shape), svBroadcast(b, shape), svBroadcast(asCompute(w, dt), shape)],
      shape,
      elementwiseStrides(shape, [a, b, w]),
      dt,
      (v, s) => backend().ternary("lerp", v[0], v[1], v[2], s, dt),
    );
  },
  backward: {
    self: (g, s) => g.mul(s.weight.neg().add(1)),
    end: (g, s) => g.mul(s.weight),
    weight: (g, s) => g.mul(s.end.sub(s.self)),
  },
});

export const lerpScalarOp = defineOp({
  name: "lerp_scalar",
  gradFn: "LerpBackward0",
  inputs: ["self", "end"],
  forward: ([a, b], { weight }: { weight: number }) => lerpOp.forward([a, b, wrap(weight)], {}) as Tensor,
  backward: { self: (g, _s, m) => g.mul(1 - m.weight), end: (g, _s, m) => g.mul(m.weight) },
});

/** PyTorch's TypeError for an operand that is neither a Tensor nor a number: `add(): argument 'other' (position 2) must be Tensor, not str`. */
const isOperand = (v: unknown) =>
  v instanceof Tensor || typeof v === "number" || typeof v === "boolean" || typeof v === "bigint";
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
/** torch.add(input, other, {alpha}): input + alpha * other. */
export function add(input: TensorLike, other: TensorLike, opts: AlphaOpt | null = {}): Tensor {
  operands("add", input, other);
  opts = kwargs(opts);
  // `2 + x` is x.__radd__(2) in Python: the tensor comes first in next_functions.
  if (!(input instanceof Tensor) && other instanceof Tensor && (opts.alpha ?? 1) === 1)
    return call(addOp, [other, wrap(input)], { alpha: 1 });
  return call(addOp, [wrap(input), wrap(other)], { alpha: opts.alpha ?? 1 });
}
/** torch.sub(input, other, {alpha}): input - alpha * other. */
export function sub(input: TensorLike, other: TensorLike, opts: AlphaOpt | null = {}): Tensor {
  operands("sub", input, other);
  opts = kwargs(opts);
  if (!(input instanceof Tensor) && other instanceof Tensor)
    return call(rsubScalarOp, [other], { other: input as number, alpha: opts.alpha ?? 1 });
  return call(subOp, [wrap(input), wrap(other)], { alpha: opts.alpha ?? 1 });
}
/** torch.rsub(input, other): other - input. */
export function rsub(input: Tensor, other: TensorLike, opts: AlphaOpt | null = {}): Tensor {
  operands("rsub", input, other);
  opts = kwargs(opts);
  tensorArg("rsub", input);
  if (!(other instanceof Tensor))
    return call(rsubScalarOp, [input], { other: other as number, alpha: opts.alpha ?? 1 });
  return call(subOp, [other, input], { alpha: opts.alpha ?? 1 });
}
/** torch.mul(input, other): the element-wise product (broadcasting); `x * y` in a cell. */
export function mul(input: TensorLike, other: TensorLike): Tensor {
  operands("mul", input, other);
  // `2 * x` is x.__rmul__(2): the tensor comes first, as PyTorch records it.
  if (!(input instanceof Tensor) && other instanceof Tensor) return call(mulOp, [other, wrap(input)], {});
  return call(mulOp, [wrap(input), wrap(other)], {});
}
/** torch.div(input, other, {rounding_mode}): true division unless rounding_mode is "trunc" or "floor". */
export function div(
  input: TensorLike,
  other: TensorLike,
  opts: { rounding_mode?: "trunc" | "floor" | null } | null = {},
): Tensor {
  operands("div", input, other);
  opts = kwargs(opts);
  // 2 / x is reciprocal(x) * 2 in PyTorch (MulBackward0 -> ReciprocalBackward0).
  if (!(input instanceof Tensor) && other instanceof Tensor && !opts.rounding_mode)
    return mul(other.reciprocal(), input);
  return call(divOp, [wrap(input), wrap(other)], { rounding_mode: opts.rounding_mode ?? null });
}
/** torch.true_divide(input, other): div without rounding. */
export function true_divide(input: TensorLike, other: TensorLike): Tensor {
  return div(input, other);
}
/** torch.floor_divide(input, other): division rounded down. */
export function floor_divide(input: TensorLike, other: TensorLike): Tensor {
  operands("floor_divide", input, other);
  return div(input, other, { rounding_mode: "floor" });
}
/** torch.remainder(input, other): Python's `%` (the sign of the divisor). */
export function remainder(input: TensorLike, other: TensorLike): Tensor {
  operands("remainder", input, other);
  if (input instanceof Tensor && plainScalar(other)) return call(remainderScalarOp, [input], { other: +other });
  return call(remainderOp, [wrap(input), wrap(other)], {});
}
/** torch.fmod(input, other): C's fmod (the sign of the dividend). */
export function fmod(input: TensorLike, other: TensorLike): Tensor {
  operands("fmod", input, other);
  if (input instanceof Tensor && plainScalar(other)) return call(fmodScalarOp, [input], { other: +other });
  return call(fmodOp, [wrap(input), wrap(other)], {});
}
/** torch.pow(x, 2), torch.pow(x, y), torch.pow(2, x); `x ** 2` in a cell. */
export function pow(input: TensorLike, exponent: TensorLike): Tensor {
  operands("pow", input, exponent);
  if (input instanceof Tensor && plainScalar(exponent)) return call(powScalarOp, [input], { exponent: +exponent });
  return call(powTensorOp, [wrap(input), wrap(exponent)], {});
}
type CloseOpts = { rtol?: number; atol?: number; equal_nan?: boolean };
/** PyTorch's `(rtol, atol, equal_nan)` by position, or in one options object. */
function closeOpts(rtol: number | CloseOpts | null | undefined, atol?: number, equal_nan?: boolean): CloseOpts {
  return typeof rtol === "number" || atol !== undefined || equal_nan !== undefined
    ? { rtol: (rtol as number | undefined) ?? undefined, atol, equal_nan }
    : kwargs(rtol ?? {});
}
/** torch.isclose(input, other, {rtol: 1e-5, atol: 1e-8, equal_nan: false}), or those three by position. */
export function isclose(
  input: Tensor,
  other: TensorLike,
  rtol?: number | CloseOpts | null,
  atol?: number,
  equal_nan?: boolean,
): Tensor {
  operands("isclose", input, other);
  const o = closeOpts(rtol, atol, equal_nan);
  tensorArg("isclose", input);
  return call(iscloseOp, [input, wrap(other)], {
    rtol: o.rtol ?? 1e-5,
    atol: o.atol ?? 1e-8,
    equal_nan: o.equal_nan ?? false,
  });
}
/** torch.allclose(a, b): true when every element is close (rtol, atol, equal_nan as isclose's). */
export function allclose(
  input: Tensor,
  other: TensorLike,
  rtol?: number | CloseOpts | null,
  atol?: number,
  equal_nan?: boolean,
): boolean {
  operands("allclose", input, other);
  const o = closeOpts(rtol, atol, equal_nan);
  tensorArg("allclose", input);
  return isclose(input, other, o)
    ._values()
    .every((v) => v !== 0);
}
/** torch.equal(input, other): same shape and elements. */
export function equal(input: Tensor, other: Tensor): boolean {
  tensorArg("equal", input);
  tensorArg("equal", other, "other", 2);
  return (
    input._shape.join() === other._shape.join() &&
    BINARY_FUNCTIONS.eq(input, other)
      ._values()
      .every((v) => v !== 0)
  );
}
/** torch.where(condition, x, y), or torch.where(condition) = nonzero as a tuple. */
export function where(cond: Tensor): Tensor[];
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor;
export function where(cond: Tensor, a?: TensorLike, b?: TensorLike): Tensor | Tensor[] {
  tensorArg("where", cond, "condition");
  if (a === undefined && b === undefined) return cond.nonzero({ as_tuple: true }) as Tensor[];
  return call(whereOp, [wrap(a!), wrap(b!)], { condition: cond });
}
/** torch.lerp(input, end, weight): input + weight * (end - input). */
export function lerp(input: Tensor, end: Tensor, weight: TensorLike | { weight: TensorLike }): Tensor {
  tensorArg("lerp", input);
  tensorArg("lerp", end, "end", 2);
  if (!(weight instanceof Tensor)) return call(lerpScalarOp, [input, end], { weight: Number(weight) });
  return call(lerpOp, [input, end, weight], {});
}

/** The functions above whose method is the function with the tensor as `this` (tensor/expose.ts). */
const BINARY_FUNCTION_METHODS = {
  add,
  sub,
  rsub,
  mul,
  div,
  true_divide,
  floor_divide,
  remainder,
  fmod,
  pow,
  isclose,
  allclose,
  equal,
  lerp,
};
type BinaryFunctionMethods = MethodsOf<typeof import("./binary.js"), keyof typeof BINARY_FUNCTION_METHODS>;

type Other = TensorLike;
declare module "../tensor/tensor.js" {
  // The in-place forms, aliases, Python's reflected ops and where (whose tensor is not the first argument).
  interface Tensor extends BinaryMethods, BinaryFunctionMethods {
    add_(other: Other, opts?: AlphaOpt): Tensor;
    sub_(other: Other, opts?: AlphaOpt): Tensor;
    subtract(other: Other, opts?: AlphaOpt): Tensor;
    mul_(other: Other): Tensor;
    multiply(other: Other): Tensor;
    div_(other: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor;
    divide(other: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor;
    true_divide_(other: Other): Tensor;
    floor_divide_(other: Other): Tensor;
    remainder_(other: Other): Tensor;
    fmod_(other: Other): Tensor;
    pow_(exponent: Other): Tensor;
    /** Python's reflected ops: `2 ** x` is x.__rpow__(2). */
    __rpow__(base: number): Tensor;
    __rsub__(other: number): Tensor;
    __rtruediv__(other: number): Tensor;
    /** torch.where(condition, self, other). */
    where(condition: Tensor, other: Other): Tensor;
    lerp_(end: Tensor, weight: Other): Tensor;
  }
}

const inplace = <A extends object>(def: OpDef<A, any, any, any>, self: Tensor, others: Tensor[], attrs: NoInfer<A>) =>
  callInplace(def, self, others, attrs);
exposeMethods(BINARY_FUNCTION_METHODS);
installMethods({
  add_(this: Tensor, o: Other, opts?: AlphaOpt) {
    return inplace(addOp, this, [operand("add_", o)], { alpha: opts?.alpha ?? 1 });
  },
  sub_(this: Tensor, o: Other, opts?: AlphaOpt) {
    return inplace(subOp, this, [operand("sub_", o)], { alpha: opts?.alpha ?? 1 });
  },
  subtract(this: Tensor, o: Other, opts?: AlphaOpt) {
    return sub(this, o, opts);
  },
  mul_(this: Tensor, o: Other) {
    return inplace(mulOp, this, [operand("mul_", o)], {});
  },
  multiply(this: Tensor, o: Other) {
    return mul(this, o);
  },
  div_(this: Tensor, o: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }) {
    return inplace(divOp, this, [operand("div_", o)], { rounding_mode: opts?.rounding_mode ?? null });
  },
  divide(this: Tensor, o: Other, opts?: { rounding_mode?: "trunc" | "floor" | null }) {
    return div(this, o, opts);
  },
  true_divide_(this: Tensor, o: Other) {
    return inplace(divOp, this, [operand("true_divide_", o)], { rounding_mode: null });
  },
  floor_divide_(this: Tensor, o: Other) {
    return inplace(divOp, this, [operand("floor_divide_", o)], { rounding_mode: "floor" });
  },
  remainder_(this: Tensor, o: Other) {
    return plainScalar(o)
      ? inplace(remainderScalarOp, this, [], { other: +o })
      : inplace(remainderOp, this, [wrap(o)], {});
  },
  fmod_(this: Tensor, o: Other) {
    return plainScalar(o) ? inplace(fmodScalarOp, this, [], { other: +o }) : inplace(fmodOp, this, [wrap(o)], {});
  },
  pow_(this: Tensor, e: Other) {
    return plainScalar(e)
      ? inplace(powScalarOp, this, [], { exponent: +e })
      : inplace(powTensorOp, this, [wrap(e)], {});
  },
  __rpow__(this: Tensor, b: number) {
    return pow(b, this);
  },
  __rsub__(this: Tensor, o: number) {
    return sub(o, this);
  },
  __rtruediv__(this: Tensor, o: number) {
    return div(o, this);
  },
  where(this: Tensor, c: Tensor, o: Other) {
    return where(c, this, o);
  },
  lerp_(this: Tensor, e: Tensor, w: Other) {
    return w instanceof Tensor
      ? inplace(lerpOp, this, [e, w], {})
      : inplace(lerpScalarOp, this, [e], { weight: Number(w) });
  },
});
