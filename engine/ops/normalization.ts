/**
 * batch_norm (NativeBatchNormBackward0, next_functions [input, weight, bias]) with the running
 * statistics update of ATen (momentum, unbiased variance), and layer_norm
 * (NativeLayerNormBackward0). Like ATen's native ops each returns (output, mean, invstd) and
 * saves the statistics; the backward formulas are tensor ops, and under create_graph they
 * recompute the statistics from the input so that double backward is exact.
 */
import { tensorArg, kwargs, isOptions, optionalTensorArg } from "../tensor/arg_parser.js";
import { RuntimeError, ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import type { StorageArray, TypedArray } from "../tensor/dtype.js";
import { parseSizeArgs } from "../tensor/shape.js";
import { is_grad_enabled } from "../autograd/grad_mode.js";
import { call, defineOp } from "./define.js";
import { make, sv } from "./util.js";
import { backend } from "../backend/index.js";
import "./movement.js";
import "./reduce.js";
import "./binary.js";
import "./unary.js";
import { formatShape } from "../format/shape_text.js";

interface BnAttrs {
  running_mean: Tensor | null;
  running_var: Tensor | null;
  training: boolean;
  momentum: number;
  eps: number;
}

/** Dims reduced by batch norm (all but the channel dim 1) and the broadcast shape of per-channel stats. */
function bnGeometry(shape: readonly number[]): { dims: number[]; bshape: number[] } {
  return { dims: shape.map((_, i) => i).filter((i) => i !== 1), bshape: shape.map((s, i) => (i === 1 ? s : 1)) };
}

/**
 * Batch norm of a float32/float64 input whose weight and bias share its dtype runs in the backend's
 * fused passes (nn.batchNorm*: the same roundings as the tensor ops below, in two passes over the
 * input instead of a dozen); other dtypes, and the recorded backward of double backward, in tensor ops.
 */
function fusable(x: Tensor, w: Tensor | null | undefined, b: Tensor | null | undefined): boolean {
  const d = x.dtype;
  return (d.name === "float32" || d.name === "float64") && (!w || w.dtype === d) && (!b || b.dtype === d);
}

/** A tensor's elements as a dense array from index 0 (the tensor made contiguous first). */
function dense(t: Tensor): TypedArray {
  const c = t.contiguous();
  return c._data.subarray(c._offset) as TypedArray;
}

/** [N, C, HW] of batch norm's input. */
function bnDims(x: Tensor): [number, number, number] {
  const N = x._shape[0],
    C = x._shape[1];
  return [N, C, N * C === 0 ? 0 : x.numel() / (N * C)];
}

export const batchNormOp = defineOp({
  name: "native_batch_norm",
  gradFn: "NativeBatchNormBackward0",
  inputs: ["input", "weight", "bias"],
  optional: ["weight", "bias"],
  save: ["input", "weight", "result1", "result2"],
  differentiableOutputs: 1,
  forward: ([x, w, b], a: BnAttrs) => {
    const { dims, bshape } = bnGeometry(x._shape);
    const fused = fusable(x, w, b),
      [N, C, HW] = bnDims(x);
    let mean: Tensor, invstd: Tensor;
    if (a.training) {
      let varB: Tensor;
      if (fused) {
        const st = backend().nn.batchNormStats(dense(x), N, C, HW, x.dtype);
        mean = make(st.mean as StorageArray, [C], x.dtype);
        varB = make(st.var as StorageArray, [C], x.dtype);
      } else {
        mean = x.mean(dims);
        varB = x.sub(mean.view(bshape)).square().mean(dims);
      }
      const n = x.numel() / x._shape[1];
      invstd = varB.add(a.eps).rsqrt();
      // As ATen's batch_norm_cpu_update_stats_template: r = momentum * stat + (1 - momentum) * r, in double.
      const update = (r: Tensor | null, stat: Tensor, scale: number) => {
        if (!r) return;
        const shape = r._shape;
        backend().copy(
          {
            data: backend().binary("running_stat", sv(stat), sv(r), shape, r.dtype, [a.momentum, scale]),
            offset: 0,
            shape,
            strides: [1],
            dtype: r.dtype,
          },
          sv(r),
        );
        r._versionCounter.value++;
      };
      update(a.running_mean, mean, 1);
      update(a.running_var, varB, n > 1 ? n / (n - 1) : NaN);
    } else {
      mean = a.running_mean!.to(x!.dtype);
      invstd = a.running_var!.to(x!.dtype).add(a.eps).rsqrt();
    }
    let scale = invstd;
    if (w) scale = scale.mul(w);
    if (fused) {
      const data = backend().nn.batchNormAffine(
        dense(x),
        dense(mean),
        dense(scale),
        b ? dense(b) : null,
        N,
        C,
        HW,
        x.dtype,
      );
      return [make(data as StorageArray, x._shape, x.dtype), mean.contiguous(), invstd.contiguous()];
    }
    let out = x.sub(mean.view(bshape)).mul(scale.view(bshape));
    if (b) out = out.add(b.view(bshape));
    return [out, mean.contiguous(), invstd.contiguous()];
  },
  backward: (grads, s, m) => {
    const g = grads[0],
      x = s.input,
      w = s.weight ?? null;
    const { dims, bshape } = bnGeometry(x._shape);
    if (m.training && !is_grad_enabled() && g.dtype === x.dtype && fusable(x, w, null)) {
      const [N, C, HW] = bnDims(x),
        n = N * HW,
        nn = backend().nn,
        F = x.dtype.ArrayType;
      const gd = dense(g),
        xd = dense(x),
        md = dense(s.result1),
        rd = dense(s.result2);
      const { sumG, sumGXhat } = nn.batchNormGradSums(gd, xd, md, rd, N, C, HW, x.dtype);
      const gMean = new F(C),
        gxMean = new F(C);
      for (let c = 0; c < C; c++) {
        gMean[c] = sumG[c] / n;
        gxMean[c] = sumGXhat[c] / n;
      }
      const gx = nn.batchNormGradInput(gd, xd, md, rd, gMean, gxMean, w ? dense(w) : null, N, C, HW, x.dtype);
      return [
        make(gx as StorageArray, x._shape, x.dtype),
        w ? make(new F(sumGXhat) as StorageArray, [C], x.dtype) : null,
        make(new F(sumG) as StorageArray, [C], x.dtype),
      ];
    }
    let mean = s.result1.view(bshape),
      invstd = s.result2.view(bshape);
    if (m.training && is_grad_enabled()) {
      // create_graph: make the statistics functions of the input again.
      mean = x.mean(dims, true);
      invstd = x.sub(mean).square().mean(dims, true).add(m.eps).rsqrt();
    }
    const xhat = x.sub(mean).mul(invstd);
    const ws = w ? w.view(bshape) : null;
    let gx: Tensor;
    if (m.training) {
      const gMean = g.mean(dims, true),
        gxMean = g.mul(xhat).mean(dims, true);
      gx = g.sub(gMean).sub(xhat.mul(gxMean)).mul(invstd);
    } else {
      gx = g.mul(invstd);
    }
    if (ws) gx = gx.mul(ws);
    return [gx, w ? g.mul(xhat).sum(dims) : null, g.sum(dims)];
  },
});

export interface BatchNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  training?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * F.batch_norm(input, running_mean, running_var, {weight, bias, training = false, momentum = 0.1, eps = 1e-5}).
 * In training mode the batch statistics normalise and the running statistics are updated in place.
 */
export function batch_norm(
  input: Tensor,
  running_mean: Tensor | null,
  running_var: Tensor | null,
  weight: Tensor | null | BatchNormOptions = {},
  bias: Tensor | null = null,
  trainingArg: boolean | BatchNormOptions = false,
  momentum = 0.1,
  eps = 1e-5,
): Tensor {
  tensorArg("batch_norm", input);
  running_mean = optionalTensorArg("batch_norm", running_mean, "running_mean", 2);
  running_var = optionalTensorArg("batch_norm", running_var, "running_var", 3);
  // PyTorch's positional form (input, running_mean, running_var, weight, bias, training, momentum, eps)
  // or the options form; a trailing options object may follow positional arguments.
  const opts: BatchNormOptions = isOptions(weight)
    ? (weight as BatchNormOptions)
    : {
        weight: optionalTensorArg("batch_norm", weight, "weight", 4),
        bias: optionalTensorArg("batch_norm", bias, "bias", 5),
        momentum,
        eps,
        ...(isOptions(trainingArg) ? trainingArg : { training: trainingArg }),
      };
  const training = opts.training ?? false;
  if (training) {
    const size = input._shape;
    const prod = size[0] * size.slice(2).reduce((p, v) => p * v, 1);
    if (prod === 1)
      throw new ValueError(
        `Expected more than 1 value per channel when training, got input size ${formatShape(size, "Size")}`,
      );
  }
  if (!training && (!running_mean || !running_var))
    throw new RuntimeError("running_mean and running_var must be defined in evaluation mode");
  if (input._shape.length < 2)
    throw new RuntimeError(`batch_norm: expected an input with at least 2 dims, got ${input._shape.length}`);
  const C = input._shape[1];
  for (const [name, t] of [
    ["weight", opts.weight],
    ["bias", opts.bias],
    ["running_mean", running_mean],
    ["running_var", running_var],
  ] as const)
    if (t && t.numel() !== C) throw new RuntimeError(`${name} should contain ${C} elements not ${t.numel()}`);
  const attrs: BnAttrs = { running_mean, running_var, training, momentum: opts.momentum ?? 0.1, eps: opts.eps ?? 1e-5 };
  return call(batchNormOp, [input, opts.weight ?? null, opts.bias ?? null], attrs, true)[0];
}

// ---- layer norm -------------------------------------------------------------------------------------------

type LnAttrs = { k: number; eps: number };

export const layerNormOp = defineOp({
  name: "native_layer_norm",
  gradFn: "NativeLayerNormBackward0",
  inputs: ["input", "weight", "bias"],
  optional: ["weight", "bias"],
  save: ["input", "weight", "result1", "result2"],
  differentiableOutputs: 1,
  forward: ([x, w, b], { k, eps }: LnAttrs) => {
    const n = x._shape.length,
      dims = Array.from({ length: k }, (_, i) => n - k + i);
    const mean = x.mean(dims, true);
    const rstd = x.sub(mean).square().mean(dims, true).add(eps).rsqrt();
    let out = x.sub(mean).mul(rstd);
    if (w) out = out.mul(w);
    if (b) out = out.add(b);
    return [out, mean, rstd];
  },
  backward: (grads, s, m) => {
    const g = grads[0],
      x = s.input,
      w = s.weight ?? null;
    const n = x._shape.length,
      dims = Array.from({ length: m.k }, (_, i) => n - m.k + i);
    const lead = Array.from({ length: n - m.k }, (_, i) => i);
    let mean = s.result1,
      rstd = s.result2;
    if (is_grad_enabled()) {
      mean = x.mean(dims, true);
      rstd = x.sub(mean).square().mean(dims, true).add(m.eps).rsqrt();
    }
    const xhat = x.sub(mean).mul(rstd);
    const gh = w ? g.mul(w) : g;
    const gx = gh
      .sub(gh.mean(dims, true))
      .sub(xhat.mul(gh.mul(xhat).mean(dims, true)))
      .mul(rstd);
    const sumLead = (t: Tensor) => (lead.length ? t.sum(lead) : t);
    return [gx, w ? sumLead(g.mul(xhat)) : null, sumLead(g)];
  },
});

/** F.layer_norm(input, normalized_shape, {weight, bias, eps = 1e-5}): normalise over the trailing dims. */
export function layer_norm(
  input: Tensor,
  normalized_shape: number | readonly number[],
  opts: { weight?: Tensor | null; bias?: Tensor | null; eps?: number } | null = {},
): Tensor {
  opts = kwargs(opts);
  tensorArg("layer_norm", input);
  const ns = parseSizeArgs([normalized_shape], "layer_norm", "normalized_shape", 2);
  const tail = input._shape.slice(input._shape.length - ns.length);
  if (ns.length === 0 || input._shape.length < ns.length || tail.join() !== ns.join())
    throw new RuntimeError(
      `Given normalized_shape=${formatShape(ns)}, expected input with shape ${formatShape(["*", ...ns])}, but got input of size${formatShape(input._shape)}`,
    );
  for (const [name, t] of [
    ["weight", opts.weight],
    ["bias", opts.bias],
  ] as const)
    if (t && t._shape.join() !== ns.join())
      throw new RuntimeError(
        `Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ${formatShape(t._shape)} and normalized_shape = ${formatShape(ns)}`,
      );
  return call(
    layerNormOp,
    [input, opts.weight ?? null, opts.bias ?? null],
    { k: ns.length, eps: opts.eps ?? 1e-5 },
    true,
  )[0];
}
