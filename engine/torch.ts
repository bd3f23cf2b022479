/**
 * Everything under `torch.` except sub-namespaces (autograd, nn, optim are added in index.ts).
 * Each name lives in the module named after its PyTorch counterpart; the functions come through
 * api/torch_functions.ts, which binds their keyword arguments (`torch.sum(x, {dim: 1})`).
 */

export { Tensor } from "./tensor/tensor.js";
export { Size } from "./tensor/shape.js";
export {
  DType as dtype, float16, float32, float64, int8, uint8, int16, int32, int64, bool,
  half, float, double, short, int, long, get_default_dtype, set_default_dtype, promote_types,
} from "./tensor/dtype.js";
export { RuntimeError, ValueError, IndexError, TypeError } from "./errors.js";
export { Generator, manual_seed, seed, initial_seed, default_generator } from "./random/generator.js";
export { device } from "./tensor/device.js";
export { set_printoptions } from "./format/print_options.js";
export { no_grad, enable_grad, set_grad_enabled, inference_mode, is_grad_enabled, is_inference_mode_enabled } from "./autograd/grad_mode.js";
export { get_rng_state, set_rng_state } from "./random/generator.js";
export { from_numpy } from "./numpy/bridge.js";
export { set_float32_matmul_precision, get_float32_matmul_precision } from "./backend/matmul_precision.js";

export {
  tensor, as_tensor, zeros, ones, empty, full, eye, arange, linspace, logspace, zeros_like, ones_like,
  empty_like, full_like, rand, randn, randint, randperm, normal, add, sub, rsub, mul, div,
  true_divide, floor_divide, remainder, fmod, pow, atan2, maximum, minimum, xlogy, eq, ne, lt,
  le, gt, ge, logical_and, logical_or, logical_xor, bitwise_and, bitwise_or, bitwise_xor, isclose, allclose, equal,
  where, lerp, clamp, clip, round, nan_to_num, var_ as var, sum, mean, prod, max, min,
  amax, amin, argmax, argmin, std, norm, logsumexp, all, any, count_nonzero, cumsum, cumprod,
  dot, mv, mm, bmm, matmul, outer, ger, addmm, swapaxes, reshape, transpose, t,
  permute, squeeze, unsqueeze, flatten, select, narrow, clone, detach, as_strided, diagonal, masked_fill, bernoulli,
  multinomial, rand_like, randn_like, randint_like, logit, neg, negative, abs, absolute, sign, sgn, reciprocal,
  exp, exp2, expm1, log, log2, log10, log1p, sqrt, rsqrt, square, sin, cos,
  tan, asin, acos, atan, arcsin, arccos, arctan, sinh, cosh, tanh, asinh, acosh,
  atanh, sigmoid, relu, erf, erfc, floor, ceil, trunc, fix, frac, isnan, isinf,
  isfinite, logical_not, cat, concat, concatenate, stack, hstack, vstack, row_stack, dstack, split, chunk,
  unbind, flip, fliplr, flipud, roll, tile, diagonal_scatter, select_scatter, slice_scatter, tril, triu, diag,
  trace, gather, scatter, scatter_add, index_select, index_fill, index_add, index_copy, masked_select, masked_scatter, take, nonzero,
  argwhere, sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique, searchsorted, index_put,
  index_put_, softmax, log_softmax, conv1d, conv2d, conv_transpose1d, conv_transpose2d, max_pool2d, avg_pool2d, batch_norm, layer_norm, embedding,
  binary_cross_entropy_with_logits, dropout, bilinear,
} from "./api/torch_functions.js";
