/**
 * Reductions (sum, mean, prod, max/min with and without dim, amax/amin, argmax/argmin, var,
 * std, norm, logsumexp, all, any) and scans (cumsum, cumprod). PyTorch's overloads pick
 * different grad_fn names (`x.sum()` is SumBackward0, `x.sum(0)` is SumBackward1).
 */
import { tensorArg, isOptions } from "../tensor/arg_parser.js";
import { RuntimeError, IndexError } from "../errors.js";
import { type DType, bool, get_default_dtype, int64, uint8 } from "../tensor/dtype.js";
import { Tensor, installMethods } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { wrapDim } from "../tensor/shape.js";
import { backend } from "../backend/index.js";
import type { ReduceKernel } from "../backend/kernels.js";
import { call, defineOp } from "./define.js";
import { dimArgs, make, sv } from "./util.js";
import { cat } from "./join.js";

type DimAttrs = { dims: number[]; keepdim: boolean; full: boolean };

/** Normalise dims (null = all), sorted and wrapped. */
function resolveDims(x: Tensor, dims: number[] | null): number[] {
  const n = x._shape.length;
  if (dims === null || dims.length === 0) return x._shape.map((_, i) => i);
  const out = [...new Set(dims.map((d) => wrapDim(d, n)))].sort((a, b) => a - b);
  return n === 0 ? [] : out;
}

function reducedShape(shape: readonly number[], dims: number[], keepdim: boolean): number[] {
  return keepdim ? shape.map((s, i) => (dims.includes(i) ? 1 : s)) : shape.filter((_, i) => !dims.includes(i));
}

/** Run a backend reduction over dims, producing dtype `out`. */
function reduceRaw(
  kernel: ReduceKernel,
  x: Tensor,
  dims: number[],
  keepdim: boolean,
  out: DType,
  p?: number[],
): Tensor {
  const data = backend().reduce(kernel, sv(x), dims, out, p);
  return make(data, reducedShape(x._shape, dims, keepdim), out);
}

/** Re-insert reduced dims (size 1) into a gradient so it broadcasts against the input. */
function unsqueezeDims(g: Tensor, dims: number[], keepdim: boolean): Tensor {
  if (keepdim) return g;
  let r = g;
  for (const d of dims) r = r.unsqueeze(d);
  return r;
}

export const sumOp = defineOp({
  name: "sum",
  gradFn: (a: DimAttrs & { dtype: DType | null }) => (a.full ? "SumBackward0" : "SumBackward1"),
  inputs: ["self"],
  forward: ([x], { dims, keepdim, dtype }: DimAttrs & { dtype: DType | null }) => {
    const out = dtype ?? (x.dtype.is_floating_point ? x.dtype : int64);
    return reduceRaw("sum", x, dims, keepdim, out);
  },
  backward: { self: (g, _s, m) => unsqueezeDims(g, m.dims, m.keepdim).expand(m.shapes[0]) },
});

export const meanOp = defineOp({
  name: "mean",
  gradFn: (a: DimAttrs & { dtype: DType | null }) => (a.full ? "MeanBackward0" : "MeanBackward1"),
  inputs: ["self"],
  forward: ([x], { dims, keepdim, dtype }: DimAttrs & { dtype: DType | null }) => {
    const out = dtype ?? x.dtype;
    if (!out.is_floating_point)
      throw new RuntimeError(
        `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${x.dtype.scalarName}`,
      );
    return reduceRaw("mean", x, dims, keepdim, out);
  },
  backward: {
    self: (g, _s, m) => {
      const n = m.dims.reduce((a, d) => a * m.shapes[0][d], 1);
      return unsqueezeDims(g, m.dims, m.keepdim).expand(m.shapes[0]).div(n);
    },
  },
});

export const prodOp = defineOp({
  name: "prod",
  gradFn: (a: DimAttrs) => (a.full ? "ProdBackward0" : "ProdBackward1"),
  inputs: ["self"],
  save: ["self", "result"],
  forward: ([x], { dims, keepdim }: DimAttrs) =>
    reduceRaw("prod", x, dims, keepdim, x.dtype.is_floating_point ? x.dtype : int64),
  backward: {
    self: (g, s, m) => {
      // d prod / d x_i = prod / x_i where x_i != 0; with zeros, the product of the others.
      const gg = unsqueezeDims(g, m.dims, m.keepdim),
        res = unsqueezeDims(s.result, m.dims, m.keepdim);
      const x = s.self;
      if (!x.eq(0).any().item()) return gg.mul(res).div(x);
      // Slow exact path: product of all other elements along the reduced dims, by cumprod from both sides.
      const flat = m.dims.length === x._shape.length;
      if (flat) {
        const v = x.reshape(-1);
        const left = v
          .cumprod(0)
          .roll(1, 0)
          .index_fill(0, tensorOf([0]), 1);
        const right = v
          .flip(0)
          .cumprod(0)
          .flip(0)
          .roll(-1, 0)
          .index_fill(0, tensorOf([v.numel() - 1]), 1);
        return gg.mul(left.mul(right).reshape(x._shape));
      }
      const d = m.dims[0];
      const left = x
        .cumprod(d)
        .roll(1, d)
        .index_fill(d, tensorOf([0]), 1);
      const right = x
        .flip(d)
        .cumprod(d)
        .flip(d)
        .roll(-1, d)
        .index_fill(d, tensorOf([x._shape[d] - 1]), 1);
      return gg.mul(left.mul(right));
    },
  },
});
function tensorOf(v: number[]): Tensor {
  return Tensor._fromData(new Float64Array(v), [v.length], int64);
}

/** max()/min() over everything: gradient shared evenly among ties (MaxBackward1). */
function fullExtremum(kind: "max" | "min", gradFn: string) {
  return defineOp({
    name: kind + "_all",
    gradFn,
    inputs: ["self"],
    save: ["self", "result"],
    forward: ([x]) => {
      if (x.numel() === 0)
        throw new RuntimeError(
          `${kind}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
        );
      return reduceRaw(kind, x, resolveDims(x, null), false, x.dtype);
    },
    backward: {
      self: (g, s) => {
        const mask = s.self.eq(s.result);
        return mask.mul(g.div(mask.sum()));
      },
    },
  });
}
export const maxAllOp = fullExtremum("max", "MaxBackward1");
export const minAllOp = fullExtremum("min", "MinBackward1");

/** max(dim)/min(dim): (values, indices); gradient goes to the index (MaxBackward0). */
function dimExtremum(kind: "max" | "min", gradFn: string) {
  return defineOp({
    name: kind + "_dim",
    gradFn,
    inputs: ["self"],
    save: ["result1"],
    differentiableOutputs: 1,
    forward: ([x], { dim, keepdim }: { dim: number; keepdim: boolean }) => {
      if (x._shape.length > 0 && x._shape[dim] === 0)
        throw new IndexError(`${kind}(): Expected reduction dim ${dim} to have non-zero size.`);
      const dims = x._shape.length ? [dim] : [];
      return [
        reduceRaw(kind, x, dims, keepdim, x.dtype),
        reduceRaw(kind === "max" ? "argmax" : "argmin", x, dims, keepdim, int64),
      ];
    },
    backward: (grads, s, m) => {
      const shape = m.shapes[0];
      if (shape.length === 0) return [grads[0]];
      const g = m.keepdim ? grads[0] : grads[0].unsqueeze(m.dim);
      const idx = m.keepdim ? s.result1 : s.result1.unsqueeze(m.dim);
      return [g.new_zeros(shape).scatter(m.dim, idx, g)];
    },
  });
}
export const maxDimOp = dimExtremum("max", "MaxBackward0");
export const minDimOp = dimExtremum("min", "MinBackward0");

function amaxOp(kind: "max" | "min", name: string, gradFn: string) {
  return defineOp({
    name,
    gradFn,
    inputs: ["self"],
    save: ["self", "result"],
    forward: ([x], { dims, keepdim }: DimAttrs) => reduceRaw(kind, x, dims, keepdim, x.dtype),
    backward: {
      self: (g, s, m) => {
        const res = unsqueezeDims(s.result, m.dims, m.keepdim),
          gg = unsqueezeDims(g, m.dims, m.keepdim);
        const mask = s.self.eq(res);
        return mask.mul(gg.div(mask.sum(m.dims, true)));
      },
    },
  });
}
export const amaxOpDef = amaxOp("max", "amax", "AmaxBackward0");
export const aminOpDef = amaxOp("min", "amin", "AminBackward0");

function argOp(kind: "argmax" | "argmin") {
  return defineOp({
    name: kind,
    gradFn: "",
    inputs: ["self"],
    forward: ([x], { dim, keepdim }: { dim: number | null; keepdim: boolean }) => {
      if (dim === null) return reduceRaw(kind, x.reshape(-1), x._shape.length ? [0] : [], false, int64);
      return reduceRaw(kind, x, x._shape.length ? [dim] : [], keepdim, int64);
    },
  });
}
export const argmaxOp = argOp("argmax"),
  argminOp = argOp("argmin");

export const varOp = defineOp({
  name: "var",
  gradFn: (a: DimAttrs & { correction: number; std: boolean }) => (a.std ? "StdBackward0" : "VarBackward0"),
  inputs: ["self"],
  save: ["self", "result"],
  forward: ([x], { dims, keepdim, correction, std }: DimAttrs & { correction: number; std: boolean }) => {
    if (!x.dtype.is_floating_point)
      throw new RuntimeError(`std and var only support floating point and complex dtypes`);
    const v = reduceRaw("var", x, dims, keepdim, x.dtype, [correction]);
    return std ? make(backend().unary("sqrt", sv(v), v.dtype), v._shape, v.dtype) : v;
  },
  backward: {
    self: (g, s, m) => {
      const n = m.dims.reduce((a, d) => a * m.shapes[0][d], 1);
      const mean = s.self.mean(m.dims, true);
      let gg = unsqueezeDims(g, m.dims, m.keepdim);
      if (m.std) gg = gg.div(unsqueezeDims(s.result, m.dims, m.keepdim).mul(2));
      return gg.mul(s.self.sub(mean)).mul(2 / Math.max(0, n - m.correction));
    },
  },
});

export const normOp = defineOp({
  // torch 1.13 names this NormBackward1; 2.x routes torch.norm through linalg.vector_norm.
  name: "norm",
  gradFn: "LinalgVectorNormBackward0",
  inputs: ["self"],
  save: ["self", "result"],
  forward: ([x], { dims, keepdim, p }: DimAttrs & { p: number }) =>
    reduceRaw("norm", x, dims, keepdim, x.dtype.is_floating_point ? x.dtype : get_default_dtype(), [p]),
  backward: {
    self: (g, s, m) => {
      const x = s.self,
        r = unsqueezeDims(s.result, m.dims, m.keepdim),
        gg = unsqueezeDims(g, m.dims, m.keepdim);
      if (m.p === 2) return gg.mul(x).div(r).masked_fill(r.eq(0), 0);
      if (m.p === 1) return gg.mul(x.sgn());
      if (m.p === Infinity || m.p === -Infinity) {
        const mask = x.abs().eq(r);
        return gg.mul(x.sgn()).mul(mask).div(mask.sum(m.dims, true));
      }
      if (m.p === 0) return gg.mul(0).expand(x._shape);
      return gg
        .mul(x.sgn())
        .mul(x.abs().pow(m.p - 1))
        .div(r.pow(m.p - 1))
        .masked_fill(r.eq(0), 0);
    },
  },
});

export const logsumexpOp = defineOp({
  name: "logsumexp",
  gradFn: "LogsumexpBackward0",
  inputs: ["self"],
  save: ["self", "result"],
  forward: ([x], { dims, keepdim }: DimAttrs) =>
    reduceRaw("logsumexp", x, dims, keepdim, x.dtype.is_floating_point ? x.dtype : get_default_dtype()),
  backward: {
    self: (g, s, m) =>
      unsqueezeDims(g, m.dims, m.keepdim).mul(s.self.sub(unsqueezeDims(s.result, m.dims, m.keepdim)).exp()),
  },
});

function logicalReduce(kind: "all" | "any") {
  // uint8 input gives uint8 (a legacy of byte masks, aten/src/ATen/native/ReduceOps.cpp); every other dtype gives bool.
  return defineOp({
    name: kind,
    gradFn: "",
    inputs: ["self"],
    forward: ([x], { dims, keepdim }: DimAttrs) => reduceRaw(kind, x, dims, keepdim, x.dtype === uint8 ? uint8 : bool),
  });
}
export const allOp = logicalReduce("all"),
  anyOp = logicalReduce("any");
export const countNonzeroOp = defineOp({
  name: "count_nonzero",
  gradFn: "",
  inputs: ["self"],
  forward: ([x], { dims }: DimAttrs) => reduceRaw("count_nonzero", x, dims, false, int64),
});

export const cumsumOp = defineOp({
  name: "cumsum",
  gradFn: "CumsumBackward0",
  inputs: ["self"],
  forward: ([x], { dim }: { dim: number }) => {
    const out = x.dtype.is_floating_point ? x.dtype : int64;
    return x._shape.length === 0 ? x.to(out).clone() : make(backend().scan("cumsum", sv(x), dim, out), x._shape, out);
  },
  backward: { self: (g, _s, m) => (g._shape.length === 0 ? g : g.flip(m.dim).cumsum(m.dim).flip(m.dim)) },
});

export const cumprodOp = defineOp({
  name: "cumprod",
  gradFn: "CumprodBackward0",
  inputs: ["self"],
  save: ["self", "result"],
  forward: ([x], { dim }: { dim: number }) => {
    const out = x.dtype.is_floating_point ? x.dtype : int64;
    return x._shape.length === 0 ? x.to(out).clone() : make(backend().scan("cumprod", sv(x), dim, out), x._shape, out);
  },
  backward: {
    // sum_{j>=i} g_j * out_j / x_i when x has no zeros; otherwise, per position i, the products
    // with x_i replaced by 1 (zero-safe, O(n) ops per position, as PyTorch's slow path).
    self: (g, s, m) => {
      if (g._shape.length === 0) return g;
      const x = s.self;
      if (!x.eq(0).any().item()) return g.mul(s.result).flip(m.dim).cumsum(m.dim).flip(m.dim).div(x);
      const n = x._shape[m.dim];
      const parts: Tensor[] = [];
      for (let i = 0; i < n; i++) {
        const y = x.index_fill(m.dim, tensorOf([i]), 1).cumprod(m.dim);
        parts.push(
          g
            .mul(y)
            .narrow(m.dim, i, n - i)
            .sum(m.dim, true),
        );
      }
      return cat(parts, m.dim);
    },
  },
});

// ---- public API ----------------------------------------------------------------------------------------

type DimOpt = number | number[] | null | { dim?: number | number[] | null; keepdim?: boolean; dtype?: DType };
function opts(
  a?: DimOpt,
  keepdim?: boolean | { keepdim?: boolean; dtype?: DType },
  kw?: { dtype?: DType } | null,
): { dims: number[] | null; keepdim: boolean; dtype: DType | null } {
  // x.sum(1, {keepdim: true}): options may follow the positional dim; x.sum(1, true, {dtype}) after both.
  const kd = isOptions(keepdim) ? keepdim.keepdim : keepdim;
  const { dim, keepdim: k } = dimArgs(a as never, kd);
  const dtype =
    (a && typeof a === "object" && !Array.isArray(a) ? a.dtype : undefined) ??
    (isOptions(keepdim) ? keepdim.dtype : undefined) ??
    kw?.dtype ??
    null;
  return { dims: dim, keepdim: k, dtype };
}

type KeepdimOpt = boolean | { keepdim?: boolean; dtype?: DType };
/**
 * Sum of all elements, or over `dim` (keepdim keeps it as size 1).
 * @example x.sum(), x.sum(0), x.sum(0, true), x.sum({dim: [0, 1], keepdim: true})
 */
export function sum(x: Tensor, dim?: DimOpt, keepdim?: KeepdimOpt, kw?: { dtype?: DType } | null): Tensor {
  tensorArg("sum", x);
  const o = opts(dim, keepdim, kw);
  return call(sumOp, [x], { dims: resolveDims(x, o.dims), keepdim: o.keepdim, full: o.dims === null, dtype: o.dtype });
}
/**
 * Mean of all elements, or over `dim` (keepdim keeps it as size 1).
 * @example x.mean(), x.mean(0), x.mean({dim: 1, keepdim: true})
 */
export function mean(x: Tensor, dim?: DimOpt, keepdim?: KeepdimOpt, kw?: { dtype?: DType } | null): Tensor {
  tensorArg("mean", x);
  const o = opts(dim, keepdim, kw);
  return call(meanOp, [x], { dims: resolveDims(x, o.dims), keepdim: o.keepdim, full: o.dims === null, dtype: o.dtype });
}
export function prod(x: Tensor, dim?: number | null | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor {
  tensorArg("prod", x);
  const o = opts(dim, keepdim);
  return call(prodOp, [x], { dims: resolveDims(x, o.dims), keepdim: o.keepdim, full: o.dims === null });
}

/** The (values, indices) pair returned by max(dim), min(dim), sort, topk...: destructure it or use .values/.indices. */
export class ReturnTypes {
  readonly 0: Tensor;
  readonly 1: Tensor;
  readonly length = 2;
  constructor(
    private readonly kind: string,
    readonly values: Tensor,
    readonly indices: Tensor,
  ) {
    this[0] = values;
    this[1] = indices;
  }
  *[Symbol.iterator](): Iterator<Tensor> {
    yield this.values;
    yield this.indices;
  }
  toString(): string {
    return `torch.return_types.${this.kind}(\nvalues=${this.values},\nindices=${this.indices})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

type ExtremumArg = number | Tensor | { dim?: number; keepdim?: boolean } | undefined;
function extremum(kind: "max" | "min", x: Tensor, dim?: ExtremumArg, keepdim?: boolean): Tensor | ReturnTypes {
  if (dim instanceof Tensor) return kind === "max" ? x.maximum(dim) : x.minimum(dim);
  if (dim && typeof dim === "object") {
    keepdim = dim.keepdim;
    dim = dim.dim;
  }
  if (dim === undefined || dim === null) return call(kind === "max" ? maxAllOp : minAllOp, [x], {});
  const [v, i] = call(
    kind === "max" ? maxDimOp : minDimOp,
    [x],
    { dim: wrapDim(dim as number, x._shape.length), keepdim: keepdim ?? false },
    true,
  );
  return new ReturnTypes(kind, v, i);
}
export function max(x: Tensor): Tensor;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ReturnTypes;
export function max(x: Tensor, dim?: ExtremumArg, keepdim?: boolean): Tensor | ReturnTypes {
  tensorArg("max", x);
  return extremum("max", x, dim, keepdim);
}
export function min(x: Tensor): Tensor;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ReturnTypes;
export function min(x: Tensor, dim?: ExtremumArg, keepdim?: boolean): Tensor | ReturnTypes {
  tensorArg("min", x);
  return extremum("min", x, dim, keepdim);
}
export function amax(x: Tensor, dim?: DimOpt, keepdim?: boolean): Tensor {
  tensorArg("amax", x);
  const o = opts(dim, keepdim);
  return call(amaxOpDef, [x], { dims: resolveDims(x, o.dims), keepdim: o.keepdim, full: o.dims === null });
}
export function amin(x: Tensor, dim?: DimOpt, keepdim?: boolean): Tensor {
  tensorArg("amin", x);
  const o = opts(dim, keepdim);
  return call(aminOpDef, [x], { dims: resolveDims(x, o.dims), keepdim: o.keepdim, full: o.dims === null });
}
export function argmax(
  x: Tensor,
  dim?: number | null | { dim?: number | null; keepdim?: boolean },
  keepdim?: boolean,
): Tensor {
  tensorArg("argmax", x);
  if (dim && typeof dim === "object") {
    keepdim = dim.keepdim;
    dim = dim.dim;
  }
  return call(argmaxOp, [x], {
    dim: dim === undefined || dim === null ? null : wrapDim(dim, x._shape.length),
    keepdim: keepdim ?? false,
  });
}
export function argmin(
  x: Tensor,
  dim?: number | null | { dim?: number | null; keepdim?: boolean },
  keepdim?: boolean,
): Tensor {
  tensorArg("argmin", x);
  if (dim && typeof dim === "object") {
    keepdim = dim.keepdim;
    dim = dim.dim;
  }
  return call(argminOp, [x], {
    dim: dim === undefined || dim === null ? null : wrapDim(dim, x._shape.length),
    keepdim: keepdim ?? false,
  });
}

type VarOpts = { dim?: number | number[] | null; unbiased?: boolean; correction?: number; keepdim?: boolean };
/** x.var(), x.var(dim), x.var(dim, unbiased, keepdim), x.var({dim, correction, keepdim}) */
function varStd(
  std: boolean,
  x: Tensor,
  a?: number | number[] | boolean | VarOpts | null,
  b?: boolean | VarOpts,
  c?: boolean,
): Tensor {
  let dim: number | number[] | null = null,
    correction = 1,
    keepdim = false;
  if (typeof a === "boolean") correction = a ? 1 : 0;
  else if (a && typeof a === "object" && !Array.isArray(a)) {
    dim = a.dim ?? null;
    correction = a.correction ?? (a.unbiased === false ? 0 : 1);
    keepdim = a.keepdim ?? false;
  } else {
    dim = a ?? null;
  }
  if (typeof b === "boolean") correction = b ? 1 : 0;
  else if (b && typeof b === "object") {
    correction = b.correction ?? (b.unbiased === false ? 0 : 1);
    keepdim = b.keepdim ?? keepdim;
  }
  if (c !== undefined) keepdim = c;
  const dims = dim === null ? null : Array.isArray(dim) ? dim : [dim];
  return call(varOp, [x], { dims: resolveDims(x, dims), keepdim, full: dims === null, correction, std });
}
export function var_(
  x: Tensor,
  a?: number | number[] | boolean | VarOpts | null,
  b?: boolean | VarOpts,
  c?: boolean,
): Tensor {
  tensorArg("var", x);
  return varStd(false, x, a, b, c);
}
export function std(
  x: Tensor,
  a?: number | number[] | boolean | VarOpts | null,
  b?: boolean | VarOpts,
  c?: boolean,
): Tensor {
  tensorArg("std", x);
  return varStd(true, x, a, b, c);
}

/** x.norm(), x.norm(1), x.norm(2, 1), x.norm({p, dim, keepdim}); p may be "fro", Infinity. */
export function norm(
  x: Tensor,
  p?: number | "fro" | null | { p?: number | "fro"; dim?: number | number[]; keepdim?: boolean },
  dim?: number | number[] | null,
  keepdim?: boolean,
): Tensor {
  tensorArg("norm", x);
  if (p && typeof p === "object") {
    dim = p.dim;
    keepdim = p.keepdim;
    p = p.p;
  }
  const ord = p === undefined || p === null || p === "fro" ? 2 : p;
  const dims = dim === undefined || dim === null ? null : Array.isArray(dim) ? dim : [dim];
  return call(normOp, [x], { dims: resolveDims(x, dims), keepdim: keepdim ?? false, full: dims === null, p: ord });
}
export function logsumexp(
  x: Tensor,
  dim: number | number[] | { dim: number | number[]; keepdim?: boolean },
  keepdim?: boolean,
): Tensor {
  tensorArg("logsumexp", x);
  const o = opts(dim as DimOpt, keepdim);
  return call(logsumexpOp, [x], { dims: resolveDims(x, o.dims), keepdim: o.keepdim, full: false });
}
export function all(x: Tensor, dim?: DimOpt, keepdim?: boolean): Tensor {
  tensorArg("all", x);
  const o = opts(dim, keepdim);
  return call(allOp, [x], { dims: resolveDims(x, o.dims), keepdim: o.keepdim, full: o.dims === null });
}
export function any(x: Tensor, dim?: DimOpt, keepdim?: boolean): Tensor {
  tensorArg("any", x);
  const o = opts(dim, keepdim);
  return call(anyOp, [x], { dims: resolveDims(x, o.dims), keepdim: o.keepdim, full: o.dims === null });
}
export function count_nonzero(x: Tensor, dim?: DimOpt): Tensor {
  tensorArg("count_nonzero", x);
  const o = opts(dim);
  return call(countNonzeroOp, [x], { dims: resolveDims(x, o.dims), keepdim: false, full: o.dims === null });
}
export function cumsum(x: Tensor, dim: number | { dim: number }): Tensor {
  tensorArg("cumsum", x);
  const d = isOptions(dim) ? dim.dim : dim;
  return call(cumsumOp, [x], { dim: wrapDim(d, x._shape.length) });
}
export function cumprod(x: Tensor, dim: number | { dim: number }): Tensor {
  tensorArg("cumprod", x);
  const d = isOptions(dim) ? dim.dim : dim;
  return call(cumprodOp, [x], { dim: wrapDim(d, x._shape.length) });
}

/** The reductions whose method is the function with the tensor as `this` (tensor/expose.ts). */
const REDUCE_METHODS = {
  sum,
  mean,
  prod,
  amax,
  amin,
  argmax,
  argmin,
  std,
  norm,
  logsumexp,
  all,
  any,
  count_nonzero,
  cumsum,
  cumprod,
};
type ReduceMethods = MethodsOf<typeof import("./reduce.js"), keyof typeof REDUCE_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends ReduceMethods {
    /** max() of all elements; max(dim) gives [values, indices]; max(other) is maximum. */
    max(): Tensor;
    max(other: Tensor): Tensor;
    max(dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ReturnTypes;
    /** min() of all elements; min(dim) gives [values, indices]; min(other) is minimum. */
    min(): Tensor;
    min(other: Tensor): Tensor;
    min(dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ReturnTypes;
    /** Variance over all elements or `dim` (unbiased unless `unbiased: false` or `correction: 0`). */
    var(dim?: number | number[] | boolean | VarOpts | null, unbiased?: boolean | VarOpts, keepdim?: boolean): Tensor;
  }
}

exposeMethods(REDUCE_METHODS);
installMethods({
  max(this: Tensor, d?: ExtremumArg, k?: boolean) {
    return extremum("max", this, d, k);
  },
  min(this: Tensor, d?: ExtremumArg, k?: boolean) {
    return extremum("min", this, d, k);
  },
  var(this: Tensor, a?: number | number[] | boolean | VarOpts | null, b?: boolean | VarOpts, c?: boolean) {
    return varStd(false, this, a, b, c);
  },
});
