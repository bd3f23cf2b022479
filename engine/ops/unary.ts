/**
 * Unary elementwise ops, one table row each: kernel, grad_fn name, what backward saves, the
 * derivative (in tensor ops, so it is itself differentiable), and whether integer inputs keep
 * their dtype (abs, neg) or become the default float (exp, sin, ...).
 */
import { tensorArg, kwargs } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import { bool, castScalar, get_default_dtype, int64 } from "../tensor/dtype.js";
import { resultType } from "../tensor/promotion.js";
import { Tensor, installMethods } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { backend } from "../backend/index.js";
import type { UnaryKernel } from "../backend/kernels.js";
import { call, callInplace, defineOp, type Formula, type OpDef } from "./define.js";
import { make, sv, wrap } from "./util.js";
import { where } from "./binary.js";
import { laidOut } from "./layout.js";
import { elementwiseStrides } from "../tensor/memory_format.js";
import { geluKernel, gelu_backward, mishKernel, mish_backward } from "./activation.js";
import { is_grad_enabled } from "../autograd/grad_mode.js";

/**
 * ReLU's gradient outside double backward: ATen's threshold_backward (grad where the result is
 * positive, else 0) in one kernel, where the recorded form builds a bool mask and multiplies by
 * it (two passes, and the float-by-bool product runs in TypeScript).
 */
function reluGrad(g: Tensor, result: Tensor): Tensor {
  const shape = result._shape;
  return make(
    backend().binary("threshold_backward", sv(g.expand(shape)), sv(result), shape, g.dtype, [0]),
    shape,
    g.dtype,
  );
}

type P = { p: number[] };
/** A row names its kernel: by its own name (which must then be a kernel), or explicitly. */
type UnaryRow = UnaryRowFields &
  (
    | { name: UnaryKernel; kernel?: undefined }
    | {
        name: string;
        /** Kernel name when it differs from `name` (or a choice by input, as gelu's). */
        kernel: UnaryKernel | ((x: Tensor) => UnaryKernel);
      }
  );
interface UnaryRowFields {
  gradFn?: string;
  save?: readonly ("self" | "result")[];
  /** The derivative (set by `row`). */
  grad?: Formula<P>;
  /**
   * Output dtype rule: "same" (neg, abs, floor on ints...), "float" (exp, sin: ints become float32),
   * "bool", or "pow2" (square is pow(x, 2): integers stay, bool becomes int64).
   */
  out?: "same" | "float" | "bool" | "pow2";
  /** Rejects bool inputs with this message. */
  noBool?: string;
  /**
   * false: the op is exposed by hand (clamp, round, logit ...) or only as torch.nn.functional.X
   * (gelu, silu, softplus ...); otherwise the row makes `torch.<name>`, `x.<name>()` and `x.<name>_()`.
   */
  api?: boolean;
  /** false: no in-place method (`isnan_` does not exist in PyTorch). */
  inplace?: boolean;
  /** Other names of the function and method (`torch.absolute`, `x.arcsin()`). */
  aliases?: readonly string[];
}

/**
 * A row with a derivative. NOTE: the formula goes in through its own parameter (with its return
 * type written out) so that the row's type, from which the Tensor methods' types are made, does not
 * depend on it: formulas call Tensor methods, and TypeScript would otherwise see a cycle.
 */
function row<const R extends UnaryRow>(sig: R, grad: Formula<P, SavedOf<R>>): R {
  return Object.assign(sig, { grad });
}
type SavedOf<R> = R extends { save: readonly (infer S extends string)[] } ? S : never;

export const UNARY_ROWS = [
  row(
    {
      name: "neg",
      gradFn: "NegBackward0",
      out: "same",
      aliases: ["negative"],
      noBool:
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    },
    (g): Tensor => g.neg(),
  ),
  row(
    { name: "abs", gradFn: "AbsBackward0", out: "same", save: ["self"], aliases: ["absolute"] },
    (g, s): Tensor => g.mul(s.self.sgn()),
  ),
  row({ name: "sign", gradFn: "SignBackward0", out: "same" }, (g): Tensor => g.mul(0)),
  row({ name: "sgn", gradFn: "SgnBackward0", out: "same" }, (g): Tensor => g.mul(0)),
  row(
    { name: "reciprocal", gradFn: "ReciprocalBackward0", save: ["result"] },
    (g, s): Tensor => g.mul(s.result.mul(s.result).neg()),
  ),
  row({ name: "exp", gradFn: "ExpBackward0", save: ["result"] }, (g, s): Tensor => g.mul(s.result)),
  row({ name: "exp2", gradFn: "Exp2Backward0", save: ["result"] }, (g, s): Tensor => g.mul(s.result.mul(Math.LN2))),
  row({ name: "expm1", gradFn: "Expm1Backward0", save: ["result"] }, (g, s): Tensor => g.mul(s.result.add(1))),
  row({ name: "log", gradFn: "LogBackward0", save: ["self"] }, (g, s): Tensor => g.div(s.self)),
  row({ name: "log2", gradFn: "Log2Backward0", save: ["self"] }, (g, s): Tensor => g.div(s.self.mul(Math.LN2))),
  row({ name: "log10", gradFn: "Log10Backward0", save: ["self"] }, (g, s): Tensor => g.div(s.self.mul(Math.LN10))),
  row({ name: "log1p", gradFn: "Log1PBackward0", save: ["self"] }, (g, s): Tensor => g.div(s.self.add(1))),
  row({ name: "sqrt", gradFn: "SqrtBackward0", save: ["result"] }, (g, s): Tensor => g.div(s.result.mul(2))),
  row(
    { name: "rsqrt", gradFn: "RsqrtBackward0", save: ["result"] },
    (g, s): Tensor => g.mul(s.result.pow(3).mul(-0.5)),
  ),
  row({ name: "square", gradFn: "PowBackward0", out: "pow2", save: ["self"] }, (g, s): Tensor => g.mul(s.self.mul(2))),
  row({ name: "sin", gradFn: "SinBackward0", save: ["self"] }, (g, s): Tensor => g.mul(s.self.cos())),
  row({ name: "cos", gradFn: "CosBackward0", save: ["self"] }, (g, s): Tensor => g.mul(s.self.sin().neg())),
  row(
    { name: "tan", gradFn: "TanBackward0", save: ["result"] },
    (g, s): Tensor => g.mul(s.result.mul(s.result).add(1)),
  ),
  row(
    { name: "asin", gradFn: "AsinBackward0", save: ["self"], aliases: ["arcsin"] },
    (g, s): Tensor => g.mul(s.self.mul(s.self).neg().add(1).rsqrt()),
  ),
  row(
    { name: "acos", gradFn: "AcosBackward0", save: ["self"], aliases: ["arccos"] },
    (g, s): Tensor => g.mul(s.self.mul(s.self).neg().add(1).rsqrt().neg()),
  ),
  row(
    { name: "atan", gradFn: "AtanBackward0", save: ["self"], aliases: ["arctan"] },
    (g, s): Tensor => g.div(s.self.mul(s.self).add(1)),
  ),
  row({ name: "sinh", gradFn: "SinhBackward0", save: ["self"] }, (g, s): Tensor => g.mul(s.self.cosh())),
  row({ name: "cosh", gradFn: "CoshBackward0", save: ["self"] }, (g, s): Tensor => g.mul(s.self.sinh())),
  row(
    { name: "tanh", gradFn: "TanhBackward0", save: ["result"] },
    (g, s): Tensor => g.mul(s.result.mul(s.result).neg().add(1)),
  ),
  row(
    { name: "asinh", gradFn: "AsinhBackward0", save: ["self"] },
    (g, s): Tensor => g.mul(s.self.mul(s.self).add(1).rsqrt()),
  ),
  row(
    { name: "acosh", gradFn: "AcoshBackward0", save: ["self"] },
    (g, s): Tensor => g.mul(s.self.mul(s.self).sub(1).rsqrt()),
  ),
  row(
    { name: "atanh", gradFn: "AtanhBackward0", save: ["self"] },
    (g, s): Tensor => g.div(s.self.mul(s.self).neg().add(1)),
  ),
  row(
    { name: "sigmoid", gradFn: "SigmoidBackward0", save: ["result"] },
    (g, s): Tensor => g.mul(s.result.neg().add(1).mul(s.result)),
  ),
  // p = [lo, hi] with eps (NaN without): as ATen's logit_backward, zero outside [lo, hi], and
  // without eps NaN outside [0, 1].
  row({ name: "logit", gradFn: "LogitBackward0", save: ["self"], api: false }, (g, s, m): Tensor => {
    const x = s.self,
      d = g.div(x.mul(x.neg().add(1)));
    return m.p[0] === m.p[0]
      ? d.masked_fill(x.lt(m.p[0]).logical_or(x.gt(m.p[1])), 0)
      : d.masked_fill(x.lt(0).logical_or(x.gt(1)), NaN);
  }),
  row(
    { name: "relu", gradFn: "ReluBackward0", out: "same", save: ["result"] },
    (g, s): Tensor => (is_grad_enabled() || g.dtype !== s.result.dtype ? g.mul(s.result.gt(0)) : reluGrad(g, s.result)),
  ),
  row(
    { name: "gelu", gradFn: "GeluBackward0", save: ["self"], kernel: (x) => geluKernel(x, "none"), api: false },
    (g, s): Tensor => gelu_backward(g, s.self, "none"),
  ),
  row(
    { name: "gelu_tanh", gradFn: "GeluBackward0", save: ["self"], kernel: (x) => geluKernel(x, "tanh"), api: false },
    (g, s): Tensor => gelu_backward(g, s.self, "tanh"),
  ),
  row({ name: "silu", gradFn: "SiluBackward0", save: ["self"], api: false }, (g, s): Tensor => {
    const sg = s.self.sigmoid();
    return g.mul(sg.mul(s.self.mul(sg.neg().add(1)).add(1)));
  }),
  row(
    { name: "mish", gradFn: "MishBackward0", save: ["self"], kernel: (x) => mishKernel(x), api: false },
    (g, s): Tensor => mish_backward(g, s.self),
  ),
  row({ name: "softplus", gradFn: "SoftplusBackward0", save: ["self"], api: false }, (g, s, m): Tensor => {
    const z = s.self.mul(m.p[0]);
    return g
      .mul(z.sigmoid())
      .masked_fill(z.gt(m.p[1]), 0)
      .add(g.mul(z.gt(m.p[1])));
  }),
  row(
    { name: "leaky_relu", gradFn: "LeakyReluBackward0", out: "same", save: ["self"], api: false },
    (g, s, m): Tensor =>
      g.mul(
        s.self
          .gt(0)
          .to(g.dtype)
          .mul(1 - m.p[0])
          .add(m.p[0]),
      ),
  ),
  row(
    { name: "elu", gradFn: "EluBackward0", save: ["self"], api: false },
    (g, s, m): Tensor => g.mul(where(s.self.gt(0), 1, s.self.exp().mul(m.p[0]))),
  ),
  row(
    { name: "hardtanh", gradFn: "HardtanhBackward0", out: "same", save: ["self"], api: false },
    (g, s, m): Tensor => g.mul(s.self.gt(m.p[0]).logical_and(s.self.lt(m.p[1]))),
  ),
  row(
    { name: "erf", gradFn: "ErfBackward0", save: ["self"] },
    (g, s): Tensor =>
      g.mul(
        s.self
          .mul(s.self)
          .neg()
          .exp()
          .mul(2 / Math.sqrt(Math.PI)),
      ),
  ),
  row(
    { name: "erfc", gradFn: "ErfcBackward0", save: ["self"] },
    (g, s): Tensor =>
      g.mul(
        s.self
          .mul(s.self)
          .neg()
          .exp()
          .mul(-2 / Math.sqrt(Math.PI)),
      ),
  ),
  row({ name: "floor", gradFn: "FloorBackward0", out: "same" }, (g): Tensor => g.mul(0)),
  row({ name: "ceil", gradFn: "CeilBackward0", out: "same" }, (g): Tensor => g.mul(0)),
  row({ name: "trunc", gradFn: "TruncBackward0", out: "same", aliases: ["fix"] }, (g): Tensor => g.mul(0)),
  row({ name: "round", gradFn: "RoundBackward0", out: "same", api: false }, (g): Tensor => g.mul(0)),
  row({ name: "round_decimals", gradFn: "RoundBackward1", out: "same", api: false }, (g): Tensor => g.mul(0)),
  row({ name: "frac", gradFn: "FracBackward0", out: "same" }, (g): Tensor => g),
  row({ name: "clamp", gradFn: "ClampBackward1", out: "same", save: ["self"], api: false }, (g, s, m): Tensor => {
    let mask = s.self.eq(s.self); // true except NaN... as ATen: grad where min <= x <= max
    if (m.p[0] === m.p[0]) mask = mask.logical_and(s.self.ge(m.p[0]));
    if (m.p[1] === m.p[1]) mask = mask.logical_and(s.self.le(m.p[1]));
    return g.mul(mask);
  }),
  row(
    { name: "nan_to_num", gradFn: "NanToNumBackward0", out: "same", save: ["self"], api: false },
    (g, s): Tensor => g.mul(s.self.isfinite()),
  ),
  { name: "isnan", out: "bool", inplace: false },
  { name: "isinf", out: "bool", inplace: false },
  { name: "isfinite", out: "bool", inplace: false },
  { name: "logical_not", out: "bool" },
] as const satisfies readonly UnaryRow[];

export const UNARY_OPS = new Map<string, OpDef<P>>();
for (const row of UNARY_ROWS as readonly UnaryRow[]) {
  const def = defineOp<readonly ["self"], P, "self" | "result">({
    name: row.name,
    gradFn: row.gradFn ?? "",
    inputs: ["self"],
    save: row.save,
    forward: ([t], { p }: P) => {
      if (row.noBool && t.dtype === bool) throw new RuntimeError(row.noBool);
      const out =
        row.out === "bool"
          ? bool
          : row.out === "same"
            ? t.dtype
            : row.out === "pow2"
              ? t.dtype === bool
                ? int64
                : t.dtype
              : t.dtype.is_floating_point
                ? t.dtype
                : get_default_dtype();
      // relu/abs/... on bool are not defined in PyTorch either; keep the dtype rule simple here.
      const kernel =
        row.kernel === undefined ? row.name : typeof row.kernel === "function" ? row.kernel(t) : row.kernel;
      // The result keeps the input's layout, as TensorIterator's (x.t().exp() has x.t()'s strides).
      const strides = elementwiseStrides(t._shape, [t]);
      if (!strides) return Tensor._fromDataShapedLike(backend().unary(kernel, sv(t), out, p), t, out);
      return laidOut([sv(t)], t._shape, strides, out, (v) => backend().unary(kernel, v[0], out, p));
    },
    backward: row.grad ? { self: row.grad } : undefined,
  });
  UNARY_OPS.set(row.name, def);
}

/** Apply a unary table op: `unary("exp", x)`. */
export function unary(name: string, x: Tensor, p: number[] = []): Tensor {
  return call(UNARY_OPS.get(name)!, [x], { p });
}
function unaryInplace(name: string, x: Tensor, p: number[] = []): Tensor {
  return callInplace(UNARY_OPS.get(name)!, x, [], { p });
}

// clamp(min?, max?) with numbers; tensor bounds go through maximum/minimum.
type Bound = number | Tensor | null | undefined;
/** Clamp into [min, max]; either bound may be omitted (null) or be a tensor: `x.clamp(0)`, `x.clamp({max: 1})`. */
export function clamp(x: Tensor, min?: Bound | { min?: Bound; max?: Bound }, max?: Bound): Tensor {
  tensorArg("clamp", x);
  if (min !== null && typeof min === "object" && !(min instanceof Tensor)) ({ min, max } = min);
  if (min instanceof Tensor || max instanceof Tensor) {
    let r = x;
    if (min !== null && min !== undefined) r = r.maximum(min instanceof Tensor ? min : r.new_full([], min as number));
    if (max !== null && max !== undefined) r = r.minimum(max instanceof Tensor ? max : r.new_full([], max as number));
    return r;
  }
  if ((min === null || min === undefined) && (max === null || max === undefined))
    throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  // Number bounds take part in type promotion as Python scalars: clamp(int64, -2.5, 2.5) is float32.
  const dt = resultType(x, ...[min, max].filter((b): b is number => typeof b === "number").map((b) => wrap(b)));
  return unary("clamp", dt === x.dtype ? x : x.to(dt), [min ?? NaN, max ?? NaN]);
}
/**
 * torch.logit(x, eps?): log(x / (1 - x)), with x first clamped to [eps, 1 - eps] when eps is given.
 * @example torch.logit(torch.tensor([0, 0.5, 1]), {eps: 1e-6})   // tensor([-13.8155,   0.0000,  13.8023])
 */
export function logit(x: Tensor, eps?: number | null | { eps?: number | null }): Tensor {
  tensorArg("logit", x);
  return unary("logit", x, logitBounds(x, eps));
}
function logitBounds(x: Tensor, eps?: number | null | { eps?: number | null }): number[] {
  if (eps !== null && typeof eps === "object") eps = eps.eps;
  if (eps === undefined || eps === null) return [NaN, NaN];
  // The bounds in the input's dtype, as ATen's logit kernel: lo = eps, hi = 1 - lo.
  const dt = x.dtype.is_floating_point ? x.dtype : get_default_dtype();
  const lo = castScalar(eps, dt);
  return [lo, castScalar(1 - lo, dt)];
}
/** Round half to even, or to `decimals` decimal places: `x.round()`, `x.round({decimals: 2})`. */
export function round(x: Tensor, opts: { decimals?: number } | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("round", x);
  return opts.decimals ? unary("round_decimals", x, [opts.decimals]) : unary("round", x);
}
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  tensorArg("softplus", x);
  return unary("softplus", x, [beta, threshold]);
}
/** F.leaky_relu(x, negative_slope = 0.01) */
export function leaky_relu(x: Tensor, negative_slope = 0.01): Tensor {
  tensorArg("leaky_relu", x);
  return unary("leaky_relu", x, [negative_slope]);
}
/** F.elu(x, alpha = 1) */
export function elu(x: Tensor, alpha = 1): Tensor {
  tensorArg("elu", x);
  return unary("elu", x, [alpha]);
}
/** F.hardtanh(x, min_val = -1, max_val = 1) */
export function hardtanh(x: Tensor, min_val = -1, max_val = 1): Tensor {
  tensorArg("hardtanh", x);
  return unary("hardtanh", x, [min_val, max_val]);
}
type NanToNumOptions = { nan?: number | null; posinf?: number | null; neginf?: number | null };
/**
 * torch.nan_to_num(x, nan = 0, posinf?, neginf?): NaN and infinities replaced; the infinities
 * default to the dtype's largest finite values. Python's keywords come as an options object.
 * @example torch.nan_to_num(x, {nan: 0.5, posinf: 100, neginf: -100})
 */
export function nan_to_num(
  x: Tensor,
  nan: number | null | NanToNumOptions = 0,
  posinf?: number | null,
  neginf?: number | null,
): Tensor {
  tensorArg("nan_to_num", x);
  let nanValue: number | null | undefined = nan as number | null;
  if (nan !== null && typeof nan === "object") ({ nan: nanValue, posinf, neginf } = nan);
  const big =
    x.dtype.name === "float64" ? Number.MAX_VALUE : x.dtype.name === "float16" ? 65504 : 3.4028234663852886e38;
  return unary("nan_to_num", x, [nanValue ?? 0, posinf ?? big, neginf ?? -big]);
}

// NOTE: silu, mish, softplus, gelu (like elu, leaky_relu, hardtanh) are not Tensor methods in PyTorch:
// they are torch.nn.functional.X only (engine/nn/functional.ts); their rows say `api: false`.
type Rows = (typeof UNARY_ROWS)[number];
type Exposed = Exclude<Rows, { api: false }>;
type Aliases<R> = R extends { aliases: readonly (infer A extends string)[] } ? A : never;
/** `x.exp()` ... and their aliases (`x.arcsin()`), from the rows. */
type UnaryMethods = { [R in Exposed as R["name"] | Aliases<R>]: () => Tensor };
/** `x.exp_()` ...: every exposed row but those marked `inplace: false`. */
type UnaryInplace = { [R in Exclude<Exposed, { inplace: false }> as `${R["name"]}_`]: () => Tensor };

/** `torch.exp(x)` ... and the aliases (`torch.absolute`), from the rows. */
export const UNARY_FUNCTIONS = {} as { [R in Exposed as R["name"] | Aliases<R>]: (input: Tensor) => Tensor };
const methods: Record<string, (this: Tensor, ...a: never[]) => unknown> = {};
for (const row of UNARY_ROWS as readonly UnaryRow[]) {
  if (row.api === false) continue;
  const name = row.name,
    def = UNARY_OPS.get(name)!;
  const method = function (this: Tensor) {
    return call(def, [this], { p: [] });
  };
  for (const n of [name, ...(row.aliases ?? [])]) {
    // The message names the public function (torch.fix(s) is "fix()"), so each name checks its own.
    const fn = (x: Tensor): Tensor => call(def, [tensorArg(n, x)], { p: [] });
    Object.defineProperty(fn, "name", { value: n });
    (UNARY_FUNCTIONS as Record<string, (x: Tensor) => Tensor>)[n] = fn;
    methods[n] = method;
  }
  if (row.inplace !== false)
    methods[name + "_"] = function (this: Tensor) {
      return callInplace(def, this, [], { p: [] });
    };
}

/** The functions above whose method is the function with the tensor as `this` (tensor/expose.ts). */
const UNARY_FUNCTION_METHODS = { clamp, round, nan_to_num, logit };
type UnaryFunctionMethods = MethodsOf<typeof import("./unary.js"), keyof typeof UNARY_FUNCTION_METHODS>;

declare module "../tensor/tensor.js" {
  // The in-place forms, clip (clamp's alias) and bitwise_not (a method only).
  interface Tensor extends UnaryMethods, UnaryInplace, UnaryFunctionMethods {
    clamp_(min?: Bound | { min?: Bound; max?: Bound }, max?: Bound): Tensor;
    clip(min?: Bound | { min?: Bound; max?: Bound }, max?: Bound): Tensor;
    clip_(min?: Bound | { min?: Bound; max?: Bound }, max?: Bound): Tensor;
    round_(): Tensor;
    logit_(eps?: number | null | { eps?: number | null }): Tensor;
    /** Python's `~t` for bool tensors. */
    bitwise_not(): Tensor;
  }
}

exposeMethods(UNARY_FUNCTION_METHODS);
Object.assign(methods, {
  clip(this: Tensor, a?: Bound, b?: Bound) {
    return clamp(this, a, b);
  },
  clamp_(this: Tensor, a?: Bound, b?: Bound) {
    return this.copy_(clamp(this, a, b));
  },
  clip_(this: Tensor, a?: Bound, b?: Bound) {
    return this.copy_(clamp(this, a, b));
  },
  round_(this: Tensor) {
    return unaryInplace("round", this);
  },
  logit_(this: Tensor, eps?: number | null | { eps?: number | null }) {
    return unaryInplace("logit", this, logitBounds(this, eps));
  },
  bitwise_not(this: Tensor) {
    if (this.dtype === bool) return unary("logical_not", this);
    if (this.dtype.is_floating_point)
      throw new RuntimeError(`"bitwise_not_cpu" not implemented for '${this.dtype.scalarName}'`);
    return make(backend().unary("bitwise_not", sv(this), this.dtype), this._shape, this.dtype);
  },
});
installMethods(methods);
