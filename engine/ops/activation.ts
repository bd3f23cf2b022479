/**
 * GELU's and mish's kernel choice and backward, after aten/src/ATen/native/Activation.cpp: the
 * forwards are rows of the unary table (unary.ts); GeluBackward0 calls gelu_backward, itself a
 * differentiable op (GeluBackwardBackward0), so double backward works as in PyTorch.
 */
import type { Tensor } from "../tensor/tensor.js";
import { float32 } from "../tensor/dtype.js";
import { backend } from "../backend/index.js";
import type { ActivationBinaryKernel, ActivationUnaryKernel } from "../backend/kernels.js";
import { call, defineOp } from "./define.js";
import { is_grad_enabled } from "../autograd/grad_mode.js";
// NOTE: unary.ts imports this module too; softplus is only called at run time, so the cycle is safe.
import { softplus } from "./unary.js";
import { make, sv, svBroadcast } from "./util.js";

export type GeluApproximate = "none" | "tanh";

/**
 * PyTorch hands float32 gelu (approximate='none') to oneDNN when `self` is contiguous with more
 * than one element (`use_mkldnn` in Activation.cpp, checked on the input for both directions);
 * oneDNN's erf is an approximation, so these values differ from the scalar path in the last bits.
 */
function usesOneDnn(x: Tensor): boolean {
  return x.dtype === float32 && x._shape.length > 0 && x.numel() > 1 && x.is_contiguous();
}

/** The backend kernel computing gelu(x) as PyTorch would for this input. */
export function geluKernel(x: Tensor, approximate: GeluApproximate): ActivationUnaryKernel {
  const f32 = x.dtype === float32;
  if (approximate === "tanh") return f32 ? "gelu_tanh_f32" : "gelu_tanh";
  return !f32 ? "gelu" : usesOneDnn(x) ? "gelu_onednn_f32" : "gelu_f32";
}

function geluBackwardKernel(x: Tensor, approximate: GeluApproximate): ActivationBinaryKernel {
  const f32 = x.dtype === float32;
  if (approximate === "tanh") return f32 ? "gelu_tanh_backward_f32" : "gelu_tanh_backward";
  return !f32 ? "gelu_backward" : usesOneDnn(x) ? "gelu_backward_onednn_f32" : "gelu_backward_f32";
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const K_TANH = Math.sqrt(2 / Math.PI),
  C_TANH = 0.044715;

/** d/dx of gelu'(x), times grad * grad_output (the `self` formula of gelu_backward's derivative). */
function geluSecondDerivative(x: Tensor, approximate: GeluApproximate): Tensor {
  const x2 = x.mul(x);
  if (approximate === "none") {
    // gelu'' = pdf(x) * (2 - x^2)
    return x2.mul(-0.5).exp().mul(INV_SQRT_2PI).mul(x2.neg().add(2));
  }
  // u = k (x + c x^3): gelu'' = (1 - th^2) (u' + x/2 (u'' - 2 th u'^2))
  const th = x.add(x2.mul(x).mul(C_TANH)).mul(K_TANH).tanh();
  const du = x2
    .mul(3 * C_TANH)
    .add(1)
    .mul(K_TANH);
  const ddu = x.mul(6 * K_TANH * C_TANH);
  return th
    .mul(th)
    .neg()
    .add(1)
    .mul(du.add(x.mul(0.5).mul(ddu.sub(th.mul(du).mul(du).mul(2)))));
}

export const geluBackwardOp = defineOp({
  internal: {
    goldens:
      "the backward of gelu (GeluBackward0 calls it), itself differentiable: reached only by double backward through gelu",
  },
  name: "gelu_backward",
  gradFn: "GeluBackwardBackward0",
  inputs: ["grad_output", "self"],
  save: ["grad_output", "self"],
  forward: ([g, x], { approximate }: { approximate: GeluApproximate }) => {
    const shape = x._shape;
    const kernel = geluBackwardKernel(x, approximate);
    return make(backend().binary(kernel, svBroadcast(g, shape), sv(x), shape, x.dtype), shape, x.dtype);
  },
  backward: {
    grad_output: (gg, s, m) => gelu_backward(gg, s.self, m.approximate),
    self: (gg, s, m) => gg.mul(s.grad_output).mul(geluSecondDerivative(s.self, m.approximate)),
  },
});

/** aten::gelu_backward(grad_output, self, approximate): grad_output * gelu'(self). */
export function gelu_backward(grad_output: Tensor, self: Tensor, approximate: GeluApproximate = "none"): Tensor {
  return call(geluBackwardOp, [grad_output, self], { approximate });
}

/** mish's kernel: float32 runs in float steps with glibc's tanhf, as PyTorch's MishKernel. */
export function mishKernel(x: Tensor): ActivationUnaryKernel {
  return x.dtype === float32 ? "mish_f32" : "mish";
}

/**
 * MishBackward0's formula, as derivatives.yaml: ATen's mish_backward kernel, or, when the backward
 * itself is recorded (create_graph), infinitely_differentiable_mish_backward in tensor ops.
 */
export function mish_backward(grad: Tensor, self: Tensor): Tensor {
  if (is_grad_enabled()) {
    const sigmoid = self.sigmoid(),
      tsp = softplus(self).tanh();
    return grad.mul(tsp.add(self.mul(sigmoid).mul(tsp.mul(tsp).neg().add(1))));
  }
  const shape = self._shape,
    kernel = self.dtype === float32 ? "mish_backward_f32" : "mish_backward";
  return make(backend().binary(kernel, svBroadcast(grad, shape), sv(self), shape, self.dtype), shape, self.dtype);
}
