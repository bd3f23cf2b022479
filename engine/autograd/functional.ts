/**
 * torch.autograd.functional: jacobian, hessian, vjp, jvp, hvp, vhp, built on autograd.grad
 * (one backward per output element for jacobians, double backward for jvp and hvp).
 */
import { kwargs } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { grad } from "./engine.js";
import { enable_grad } from "./grad_mode.js";

type Inputs = Tensor | Tensor[];
type Fn = (...xs: Tensor[]) => Tensor | Tensor[];
interface Opts {
  create_graph?: boolean;
  strict?: boolean;
}

function prep(inputs: Inputs, create_graph: boolean): { xs: Tensor[]; single: boolean } {
  const single = inputs instanceof Tensor;
  const list = single ? [inputs as Tensor] : (inputs as Tensor[]);
  // Fresh leaves so the caller's graph is untouched (unless create_graph links them).
  const xs = list.map((x) => (create_graph && x.requires_grad ? x.view_as(x) : x.detach().requires_grad_(true)));
  return { xs, single };
}
function zerosLike(t: Tensor): Tensor {
  return Tensor._fromData(new t.dtype.ArrayType(t.numel()), t._shape, t.dtype);
}
function outList(o: Tensor | Tensor[]): { outs: Tensor[]; single: boolean } {
  return o instanceof Tensor ? { outs: [o], single: true } : { outs: o, single: false };
}

/** Jacobian of func at inputs: shape out.shape + in.shape for each (output, input) pair. */
export function jacobian(func: Fn, inputs: Inputs, opts: Opts | null = {}): any {
  opts = kwargs(opts);
  const create_graph = opts.create_graph ?? false;
  const { xs, single: singleIn } = prep(inputs, create_graph);
  return enable_grad(() => {
    const { outs, single: singleOut } = outList(func(...xs));
    const rows = outs.map((out) => {
      const n = out.numel();
      const perInput: Tensor[][] = xs.map(() => []);
      for (let k = 0; k < n; k++) {
        const seed = zerosLike(out);
        seed._data[k] = 1;
        const gs = out.requires_grad
          ? grad([out], xs, { grad_outputs: [seed], retain_graph: true, create_graph, allow_unused: true })
          : xs.map(() => null);
        gs.forEach((g, i) => perInput[i].push(g ?? zerosLike(xs[i])));
      }
      return xs.map((x, i) => {
        const stacked = perInput[i].length ? perInput[i].map((g) => g.reshape(-1)) : [];
        const flat = stacked.length ? stackRows(stacked) : zerosLike(x).reshape(0, x.numel());
        const r = flat.reshape([...out._shape, ...x._shape]);
        return create_graph ? r : r.detach();
      });
    });
    if (singleOut && singleIn) return rows[0][0];
    if (singleOut) return rows[0];
    if (singleIn) return rows.map((r) => r[0]);
    return rows;
  });
}
function stackRows(rows: Tensor[]): Tensor {
  return rows.map((r) => r.unsqueeze(0)).reduce((acc, r) => catRows(acc, r));
}
function catRows(a: Tensor, b: Tensor): Tensor {
  // Differentiable concatenation along dim 0 via padding + add (keeps this module free of join ops).
  const n = a._shape[0] + b._shape[0];
  const pa = padRows(a, 0, n),
    pb = padRows(b, a._shape[0], n);
  return pa.add(pb);
}
function padRows(t: Tensor, start: number, n: number): Tensor {
  const z = Tensor._fromData(new t.dtype.ArrayType((n * t.numel()) / t._shape[0]), [n, ...t._shape.slice(1)], t.dtype);
  return z.slice_scatter(t, 0, start, start + t._shape[0]);
}

/** Hessian of a scalar function. */
export function hessian(func: Fn, inputs: Inputs, opts: Opts | null = {}): any {
  opts = kwargs(opts);
  const single = inputs instanceof Tensor;
  const gradFn = (...xs: Tensor[]) => {
    const out = func(...xs);
    if (!(out instanceof Tensor) || out.numel() !== 1)
      throw new RuntimeError("The function given to hessian should return a single Tensor with a single element");
    const gs = grad([out], xs, { create_graph: true, allow_unused: true });
    return gs.map((g, i) => g ?? zerosLike(xs[i]));
  };
  const j = jacobian(gradFn, inputs, opts);
  return single ? j[0] : j;
}

/** vjp(func, inputs, v) -> [func(inputs), v^T J] */
export function vjp(func: Fn, inputs: Inputs, v?: Tensor | Tensor[] | null, opts: Opts | null = {}): [any, any] {
  opts = kwargs(opts);
  const { xs, single } = prep(inputs, opts.create_graph ?? false);
  return enable_grad(() => {
    const { outs, single: so } = outList(func(...xs));
    const vs =
      v === undefined || v === null
        ? outs.map((o) => {
            if (o.numel() !== 1)
              throw new RuntimeError(
                "The vector v can only be None if the user-provided function returns a single Tensor with a single element.",
              );
            return Tensor._fromData(new o.dtype.ArrayType([1]), o._shape, o.dtype);
          })
        : v instanceof Tensor
          ? [v]
          : v;
    const gs = grad(outs, xs, { grad_outputs: vs, create_graph: opts.create_graph, allow_unused: true }).map(
      (g, i) => g ?? zerosLike(xs[i]),
    );
    const o = so ? outs[0].detach() : outs.map((o) => o.detach());
    return [o, single ? gs[0] : gs];
  });
}

/** jvp(func, inputs, v) -> [func(inputs), J v] (by the double-backward trick). */
export function jvp(func: Fn, inputs: Inputs, v?: Tensor | Tensor[] | null, opts: Opts | null = {}): [any, any] {
  opts = kwargs(opts);
  const { xs, single } = prep(inputs, true);
  return enable_grad(() => {
    const { outs, single: so } = outList(func(...xs));
    const us = outs.map((o) => zerosLike(o).requires_grad_(true));
    const gs = grad(outs, xs, { grad_outputs: us, create_graph: true, allow_unused: true });
    const vs =
      v === undefined || v === null
        ? xs.map((x) => Tensor._fromData(new x.dtype.ArrayType(x.numel()).fill(1), x._shape, x.dtype))
        : v instanceof Tensor
          ? [v]
          : v;
    const used = gs.map((g, i) => [g, vs[i]] as const).filter(([g]) => g && g.requires_grad);
    const jv = used.length
      ? grad(
          used.map(([g]) => g!),
          us,
          { grad_outputs: used.map(([, vv]) => vv), create_graph: opts.create_graph, allow_unused: true },
        )
      : us.map(() => null);
    const res = jv.map((g, i) => (g ? (opts.create_graph ? g : g.detach()) : zerosLike(outs[i])));
    return [so ? outs[0].detach() : outs.map((o) => o.detach()), so ? res[0] : res];
  });
}

/** hvp(func, inputs, v) -> [func(inputs), H v] for a scalar function. */
export function hvp(func: Fn, inputs: Inputs, v: Tensor | Tensor[], opts: Opts | null = {}): [Tensor, any] {
  opts = kwargs(opts);
  const { xs, single } = prep(inputs, true);
  return enable_grad(() => {
    const out = func(...xs) as Tensor;
    const gs = grad([out], xs, { create_graph: true, allow_unused: true }).map((g, i) => g ?? zerosLike(xs[i]));
    const vs = v instanceof Tensor ? [v] : v;
    const dot = gs.map((g, i) => g.mul(vs[i]).sum()).reduce((a, b) => a.add(b));
    const hv = dot.requires_grad
      ? grad([dot], xs, { create_graph: opts.create_graph, allow_unused: true }).map((g, i) => g ?? zerosLike(xs[i]))
      : xs.map(zerosLike);
    return [
      out.detach(),
      single ? (opts.create_graph ? hv[0] : hv[0].detach()) : hv.map((h) => (opts.create_graph ? h : h.detach())),
    ];
  });
}
/** vhp(func, inputs, v) -> [func(inputs), v^T H] (equal to hvp for the symmetric Hessian). */
export const vhp = hvp;
