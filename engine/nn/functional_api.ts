/**
 * torch.nn.functional as users see it: the functions of functional.ts with their keyword arguments
 * bound (`F.softmax(x, {dim: 1})`, `F.mse_loss(a, b, {reduction: "sum"})`; engine/api/keywords.ts).
 */
export {
  adaptive_avg_pool2d, avg_pool2d, batch_norm, bilinear, binary_cross_entropy, binary_cross_entropy_with_logits, conv1d, conv2d, conv_transpose1d, conv_transpose2d,
  cross_entropy, dropout, elu, embedding, fold, gelu, hardtanh, l1_loss, layer_norm, leaky_relu,
  linear, log_softmax, max_pool2d, mish, mse_loss, nll_loss, one_hot, pad, relu, sigmoid,
  silu, smooth_l1_loss, softmax, softplus, tanh, unfold,
} from "../api/functional_functions.js";
