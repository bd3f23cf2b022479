/**
 * torch.nn.functional: the stateless versions of the layers. Ops with their own autograd node
 * live in engine/ops (conv, pooling, normalization, loss, embedding); the compositions that
 * PyTorch also builds from smaller ops (linear, dropout, bilinear) are here, recorded the way
 * ATen records them (torch-spec §2.1).
 */
import { tensorArg, isOptions, kwargs } from "../tensor/arg_parser.js";
import { RuntimeError, ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { int64 } from "../tensor/dtype.js";
import { empty_like } from "../tensor/creation.js";
import { callInplace } from "../ops/define.js";
import {
  UNARY_OPS,
  elu as eluOp,
  hardtanh as hardtanhOp,
  leaky_relu as leakyReluOp,
  softplus as softplusOp,
  unary,
} from "../ops/unary.js";
import { addmm, matmul } from "../ops/linalg.js";
import { log_softmax, softmax } from "../ops/softmax.js";
import { rowMajor } from "../ops/index_util.js";
import "../ops/random_ops.js";

export { conv1d, conv2d, conv_transpose1d, conv_transpose2d, unfold, fold } from "../ops/conv.js";
export { max_pool2d, avg_pool2d, adaptive_avg_pool2d } from "../ops/pooling.js";
export { batch_norm, layer_norm } from "../ops/normalization.js";
export { embedding } from "../ops/embedding.js";
export { pad } from "../ops/padding.js";
export {
  mse_loss,
  l1_loss,
  smooth_l1_loss,
  nll_loss,
  cross_entropy,
  binary_cross_entropy,
  binary_cross_entropy_with_logits,
} from "../ops/loss.js";
export { softmax, log_softmax };

/**
 * F.linear(input, weight [out, in], bias?): input @ weight.T + bias. A 2-D input with bias is one
 * addmm (AddmmBackward0 with next_functions [bias, input, TBackward0(weight)]), as ATen's linear.
 */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  tensorArg("linear", input);
  tensorArg("linear", weight, "weight", 2);
  const nd = input._shape.length;
  if (nd === 2 && bias) return addmm(bias, input, weight.t());
  if (bias && nd === 3 && input.is_contiguous()) {
    // ATen's _flatten_3d_linear: view to 2-D, addmm, view back (ViewBackward0 -> AddmmBackward0).
    const [a, b, k] = input._shape;
    return addmm(bias, input.view(a * b, k), weight.t()).view(a, b, weight._shape[0]);
  }
  const out = matmul(input, weight.t());
  // NOTE: ATen adds the bias in place on the matmul result (AddBackward0 -> [matmul node, bias]).
  return bias ? out.add_(bias) : out;
}

/** F.bilinear(x1 [*, in1], x2 [*, in2], weight [out, in1, in2], bias?): out_k = x1 W_k x2 + b_k. */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  tensorArg("bilinear", input1, "input1");
  tensorArg("bilinear", input2, "input2", 2);
  tensorArg("bilinear", weight, "weight", 3);
  const [O, I, J] = weight._shape;
  if (input1._shape[input1._shape.length - 1] !== I || input2._shape[input2._shape.length - 1] !== J)
    throw new RuntimeError(
      `input1 and input2 must have ${I} and ${J} features; got ${input1._shape[input1._shape.length - 1]} and ${input2._shape[input2._shape.length - 1]}`,
    );
  const lead = input1._shape.slice(0, -1);
  const x1 = input1.reshape(-1, I),
    x2 = input2.reshape(-1, J);
  // (x1 @ W viewed [I, O*J]) -> [N, O, J], times x2 and summed over J.
  const t = x1.matmul(weight.permute(1, 0, 2).reshape(I, O * J)).view(-1, O, J);
  const out = t
    .mul(x2.unsqueeze(1))
    .sum(-1)
    .reshape([...lead, O]);
  return bias ? out.add(bias) : out;
}

/**
 * F.dropout(input, p = 0.5, training = true, inplace = false): zeroes elements with probability p
 * and scales the rest by 1/(1-p). The mask is PyTorch's stream: bernoulli_(1 - p) with 53-bit uniforms.
 */
export function dropout(input: Tensor, options: { p?: number; training?: boolean; inplace?: boolean }): Tensor;
export function dropout(input: Tensor, p?: number, training?: boolean, inplace?: boolean): Tensor;
export function dropout(input: Tensor, pArg: number | { p?: number } = 0.5, training = true, inplace = false): Tensor {
  // NOTE: an options object here was bound to the positional form by api/keywords.ts.
  const p = pArg as number;
  tensorArg("dropout", input);
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0 || input.numel() === 0) return input;
  if (p === 1) return inplace ? input.mul_(0) : input.mul(input.new_zeros([]));
  const noise = empty_like(input).bernoulli_(1 - p);
  noise.div_(1 - p);
  return inplace ? input.mul_(noise) : input.mul(noise);
}

/** F.relu(input, inplace = false) */
export function relu(input: Tensor, inplace: boolean | { inplace?: boolean } = false): Tensor {
  tensorArg("relu", input);
  return inplace === true ? input.relu_() : input.relu();
}
/** F.leaky_relu(input, negative_slope = 0.01, inplace = false), or with `{negative_slope, inplace}`. */
export function leaky_relu(
  input: Tensor,
  negative_slope: number | { negative_slope?: number; inplace?: boolean } = 0.01,
  inplace = false,
): Tensor {
  tensorArg("leaky_relu", input);
  if (isOptions(negative_slope)) ({ negative_slope = 0.01, inplace = false } = negative_slope);
  return inplace
    ? callInplace(UNARY_OPS.get("leaky_relu")!, input, [], { p: [negative_slope] })
    : leakyReluOp(input, negative_slope);
}
/** F.softplus(input, beta = 1, threshold = 20), or with `{beta, threshold}`: log(1 + exp(beta x)) / beta, linear above threshold. */
export function softplus(
  input: Tensor,
  beta: number | { beta?: number; threshold?: number } = 1,
  threshold = 20,
): Tensor {
  tensorArg("softplus", input);
  if (isOptions(beta)) ({ beta = 1, threshold = 20 } = beta);
  return softplusOp(input, beta, threshold);
}
/** F.elu(input, alpha = 1), or with `{alpha}`. */
export function elu(input: Tensor, alpha: number | { alpha?: number } = 1): Tensor {
  tensorArg("elu", input);
  return eluOp(input, isOptions(alpha) ? (alpha.alpha ?? 1) : alpha);
}
/** F.hardtanh(input, min_val = -1, max_val = 1), or with `{min_val, max_val}`. */
export function hardtanh(
  input: Tensor,
  min_val: number | { min_val?: number; max_val?: number } = -1,
  max_val = 1,
): Tensor {
  tensorArg("hardtanh", input);
  if (isOptions(min_val)) ({ min_val = -1, max_val = 1 } = min_val);
  return hardtanhOp(input, min_val, max_val);
}
/** F.mish(input): x * tanh(softplus(x)). */
export function mish(input: Tensor): Tensor {
  tensorArg("mish", input);
  return unary("mish", input);
}
/** F.gelu(input, {approximate: "none" | "tanh"}) */
export function gelu(input: Tensor, opts: { approximate?: "none" | "tanh" } | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("gelu", input);
  return unary(opts.approximate === "tanh" ? "gelu_tanh" : "gelu", input);
}
export function sigmoid(input: Tensor): Tensor {
  tensorArg("sigmoid", input);
  return input.sigmoid();
}
export function tanh(input: Tensor): Tensor {
  tensorArg("tanh", input);
  return input.tanh();
}
export function silu(input: Tensor): Tensor {
  tensorArg("silu", input);
  return unary("silu", input);
}

/** F.one_hot(tensor (int64), num_classes = -1): int64 one-hot vectors in a new last dim. */
export function one_hot(t: Tensor, num_classes = -1): Tensor {
  tensorArg("one_hot", t);
  if (t.dtype !== int64) throw new RuntimeError("one_hot is only applicable to index tensor.");
  const v = rowMajor(t);
  let n = num_classes;
  if (n === -1) n = v.length ? Math.max(...Array.from(v)) + 1 : 0;
  const out = new Float64Array(v.length * n);
  for (let i = 0; i < v.length; i++) {
    if (v[i] < 0) throw new RuntimeError("Class values must be non-negative.");
    if (v[i] >= n) throw new RuntimeError("Class values must be smaller than num_classes.");
    out[i * n + v[i]] = 1;
  }
  return Tensor._fromData(out, [...t._shape, n], int64);
}
