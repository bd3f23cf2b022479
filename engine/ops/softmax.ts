/**
 * softmax and log_softmax along one dim, numerically stable (the lane maximum is subtracted
 * before exp, as ATen's kernels do). Each records its own node (SoftmaxBackward0,
 * LogSoftmaxBackward0) like PyTorch, with a backward written in tensor ops so double backward works.
 */
import { tensorArg } from "../tensor/arg_parser.js";
import { RuntimeError, warnOnce } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { wrapDim } from "../tensor/shape.js";
import { call, defineOp } from "./define.js";
import { lanes, rowMajor } from "./index_util.js";
import { make } from "./util.js";
import { backend } from "../backend/index.js";

type SoftmaxAttrs = { dim: number; log: boolean };

export const softmaxOp = defineOp({
  name: "softmax",
  gradFn: (a: SoftmaxAttrs) => (a.log ? "LogSoftmaxBackward0" : "SoftmaxBackward0"),
  inputs: ["self"],
  save: ["result"],
  forward: ([x], { dim, log }: SoftmaxAttrs) => {
    const t = x;
    if (!t.dtype.is_floating_point) {
      const lastDim = t._shape.length === 0 || dim === t._shape.length - 1;
      const kernel = lastDim ? `${log ? "log_" : ""}softmax_lastdim_kernel_impl` : "softmax_kernel_impl";
      throw new RuntimeError(`"${kernel}" not implemented for '${t.dtype.scalarName}'`);
    }
    const { outer, size, inner } = lanes(t._shape, dim);
    return make(backend().softmax.softmax(rowMajor(t), outer, size, inner, log, t.dtype), t._shape, t.dtype);
  },
  backward: {
    self: (g, s, m) => {
      const y = s.result;
      if (m.log) return g.sub(y.exp().mul(g.sum(m.dim, true)));
      return g.sub(g.mul(y).sum(m.dim, true)).mul(y);
    },
  },
});

/** torch.nn.functional._get_softmax_dim: the legacy implicit dim (0 for 0-, 1- and 3-D inputs, else 1). */
function implicitDim(name: string, ndim: number): number {
  warnOnce(
    `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`,
  );
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

type SoftmaxOpts = { dim?: number | null; dtype?: DType | null };
function run(log: boolean, x: Tensor, dim?: number | null | SoftmaxOpts, dtype?: DType | null): Tensor {
  if (dim !== null && typeof dim === "object") ({ dim, dtype } = dim);
  const name = log ? "log_softmax" : "softmax";
  const d = dim === undefined || dim === null ? implicitDim(name, x._shape.length) : dim;
  const input = dtype ? x.to(dtype) : x;
  return call(softmaxOp, [input], { dim: wrapDim(d, input._shape.length), log });
}

/**
 * torch.softmax(x, dim, {dtype}): exp(x) / sum(exp(x)) along dim. Omitting dim picks it as
 * F.softmax does (with PyTorch's deprecation warning).
 * @example torch.softmax(logits, 1)
 */
export function softmax(x: Tensor, dim?: number | null | SoftmaxOpts, dtype?: DType | null): Tensor {
  tensorArg("softmax", x);
  return run(false, x, dim, dtype);
}
/** torch.log_softmax(x, dim, {dtype}): x - logsumexp(x) along dim, computed stably. */
export function log_softmax(x: Tensor, dim?: number | null | SoftmaxOpts, dtype?: DType | null): Tensor {
  tensorArg("log_softmax", x);
  return run(true, x, dim, dtype);
}

/** Both are methods too: the function with the tensor as `this` (tensor/expose.ts). */
const SOFTMAX_METHODS = { softmax, log_softmax };
type SoftmaxMethods = MethodsOf<typeof import("./softmax.js"), keyof typeof SOFTMAX_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends SoftmaxMethods {}
}

exposeMethods(SOFTMAX_METHODS);
