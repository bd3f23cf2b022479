/**
 * torch.nn.functional's functions, each taking its PyTorch keyword arguments in a trailing options
 * object (`F.softmax(x, {dim: 1})`; api/keywords.ts). nn/functional_api.ts re-exports the module,
 * so editors and the kernel's inspector show the documentation of each bound function.
 */
import { bindFunctions } from "./keywords.js";
import * as F from "../nn/functional.js";

export const {
  adaptive_avg_pool2d,
  avg_pool2d,
  batch_norm,
  bilinear,
  binary_cross_entropy,
  binary_cross_entropy_with_logits,
  conv1d,
  conv2d,
  conv_transpose1d,
  conv_transpose2d,
  cross_entropy,
  dropout,
  elu,
  embedding,
  fold,
  gelu,
  hardtanh,
  l1_loss,
  layer_norm,
  leaky_relu,
  linear,
  log_softmax,
  max_pool2d,
  mish,
  mse_loss,
  nll_loss,
  one_hot,
  pad,
  relu,
  sigmoid,
  silu,
  smooth_l1_loss,
  softmax,
  softplus,
  tanh,
  unfold,
} = bindFunctions("nn.functional", F);
