/**
 * torch.autograd.gradcheck / gradgradcheck: compare the analytical Jacobian (from backward)
 * with central finite differences, in float64.
 */
import { kwargs } from "../tensor/arg_parser.js";
import { RuntimeError, warnOnce } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { grad } from "./engine.js";
import { enable_grad } from "./grad_mode.js";

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  raise_exception?: boolean;
  /** Also check that backward handles grad outputs that are all zero. */
  check_undefined_grad?: boolean;
}

type Fn = (...xs: Tensor[]) => Tensor | Tensor[];
const asList = (o: Tensor | Tensor[]) => (o instanceof Tensor ? [o] : o);

function fail(msg: string, raise: boolean): boolean {
  if (raise) throw new RuntimeError(msg);
  return false;
}

/** Where element `k` (row-major) of `x` lives in its storage: inputs may be views (a transpose, a slice). */
function storageIndex(x: Tensor, k: number): number {
  let off = x._offset;
  for (let d = x._shape.length - 1, r = k; d >= 0; d--) {
    off += (r % x._shape[d]) * x._strides[d];
    r = Math.floor(r / x._shape[d]);
  }
  return off;
}

/** Jacobian by central differences: result[input][outputElement][inputElement], over all outputs. */
function numericalJacobian(fn: Fn, xs: Tensor[], eps: number): number[][][] {
  return xs.map((x) => {
    if (!x.requires_grad) return [];
    const cols: number[][] = [];
    for (let k = 0; k < x.numel(); k++) {
      const at = storageIndex(x, k);
      const orig = x._data[at];
      // Grad mode stays on: gradgradcheck's function itself calls autograd.grad.
      const evalAt = (v: number) =>
        enable_grad(() => {
          x._data[at] = v;
          return asList(fn(...xs)).flatMap((o) => o._values());
        });
      const plus = evalAt(orig + eps),
        minus = evalAt(orig - eps);
      x._data[at] = orig;
      cols.push(plus.map((p, j) => (p - minus[j]) / (2 * eps)));
    }
    // transpose to [out][in]
    const nOut = cols[0]?.length ?? 0;
    return Array.from({ length: nOut }, (_, j) => cols.map((c) => c[j]));
  });
}

function analyticalJacobian(fn: Fn, xs: Tensor[]): number[][][] {
  return enable_grad(() => {
    const outs = asList(fn(...xs));
    const result: number[][][] = xs.map(() => []);
    for (const out of outs) {
      for (let j = 0; j < out.numel(); j++) {
        const seed = Tensor._fromData(new out.dtype.ArrayType(out.numel()), out._shape, out.dtype);
        seed._data[j] = 1;
        const diffIns = xs.filter((x) => x.requires_grad);
        const gs = out.requires_grad
          ? grad([out], diffIns, { grad_outputs: [seed], retain_graph: true, allow_unused: true })
          : diffIns.map(() => null);
        let gi = 0;
        xs.forEach((x, i) => {
          if (!x.requires_grad) return;
          const g = gs[gi++];
          result[i].push(g ? g._values() : new Array(x.numel()).fill(0));
        });
      }
    }
    return result;
  });
}

/**
 * Check gradients of `fn` at `inputs` (float64 tensors that require grad) against finite differences.
 * @example torch.autograd.gradcheck((x) => x.sin(), [torch.randn(3, {dtype: torch.float64, requires_grad: true})])
 */
export function gradcheck(fn: Fn, inputs: Tensor | Tensor[], opts: GradcheckOptions | null = {}): boolean {
  opts = kwargs(opts);
  const xs = inputs instanceof Tensor ? [inputs] : inputs;
  const eps = opts.eps ?? 1e-6,
    atol = opts.atol ?? 1e-5,
    rtol = opts.rtol ?? 1e-3,
    raise = opts.raise_exception ?? true;
  xs.forEach((x, idx) => {
    if (x.requires_grad && x.dtype.name !== "float64")
      warnOnce(
        `Input #${idx} requires gradient and is not a double precision floating point or complex. This check will likely fail if all the inputs are not of double precision floating point or complex. `,
      );
  });
  if (!xs.some((x) => x.requires_grad))
    return fail(
      "gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.",
      raise,
    );
  const num = numericalJacobian(fn, xs, eps);
  const ana = analyticalJacobian(fn, xs);
  for (let i = 0; i < xs.length; i++) {
    if (!xs[i].requires_grad) continue;
    for (let j = 0; j < num[i].length; j++)
      for (let k = 0; k < num[i][j].length; k++) {
        const a = ana[i][j]?.[k] ?? 0,
          n = num[i][j][k];
        if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n)))
          return fail(
            `Jacobian mismatch for output ${0} with respect to input ${i},\nnumerical:${n}\nanalytical:${a}\n(at output element ${j}, input element ${k})`,
            raise,
          );
      }
  }
  return true;
}

/** Check second derivatives: gradcheck of the vector-Jacobian product with random grad outputs. */
export function gradgradcheck(
  fn: Fn,
  inputs: Tensor | Tensor[],
  grad_outputs?: Tensor | Tensor[] | null,
  opts: GradcheckOptions | null = {},
): boolean {
  opts = kwargs(opts);
  const xs = inputs instanceof Tensor ? [inputs] : inputs;
  const outs = enable_grad(() => asList(fn(...xs)));
  // Deterministic pseudo-random grad outputs (so failures reproduce).
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const gos = grad_outputs
    ? asList(grad_outputs)
    : outs.map((o) => {
        const t = Tensor._fromData(
          new o.dtype.ArrayType(o.numel()).map(() => rnd()),
          o._shape,
          o.dtype,
        );
        return t.requires_grad_(true);
      });
  const nIn = xs.length;
  const vjpFn = (...args: Tensor[]) => {
    const ins = args.slice(0, nIn),
      gs = args.slice(nIn);
    const o = asList(fn(...ins));
    const diff = ins.filter((x) => x.requires_grad);
    return grad(o, diff, { grad_outputs: gs, create_graph: true, allow_unused: true }).map(
      (g, i) => g ?? diff[i].mul(0),
    );
  };
  return gradcheck(vjpFn, [...xs, ...gos], opts);
}
