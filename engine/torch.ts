/** Everything under `torch.` except sub-namespaces (autograd, nn, optim are added in index.ts). */
export { Tensor } from "./tensor/tensor.js";
export { Size } from "./tensor/shape.js";
export {
  DType as dtype, float16, float32, float64, int8, uint8, int16, int32, int64, bool,
  half, float, double, short, int, long, get_default_dtype, set_default_dtype, promote_types,
} from "./tensor/dtype.js";
export { RuntimeError, ValueError, IndexError, TypeError } from "./errors.js";
export {
  tensor, as_tensor, zeros, ones, empty, full, eye, arange, linspace, logspace,
  zeros_like, ones_like, empty_like, full_like, rand, randn, randint, randperm, normal,
} from "./tensor/creation.js";
export { Generator, manual_seed, seed, initial_seed, default_generator } from "./random/generator.js";
export { device } from "./tensor/device.js";
export { set_printoptions } from "./format/print_options.js";
export { no_grad, enable_grad, set_grad_enabled, inference_mode, is_grad_enabled, is_inference_mode_enabled } from "./autograd/grad_mode.js";
export {
  add, sub, rsub, mul, div, true_divide, floor_divide, remainder, fmod, pow, atan2, maximum, minimum, xlogy,
  eq, ne, lt, le, gt, ge, logical_and, logical_or, logical_xor, bitwise_and, bitwise_or, bitwise_xor,
  isclose, allclose, equal, where, lerp,
} from "./ops/binary.js";
export { clamp, clamp as clip, round, nan_to_num } from "./ops/unary.js";
export { sum, mean, prod, max, min, amax, amin, argmax, argmin, var_ as var, std, norm, logsumexp, all, any, count_nonzero, cumsum, cumprod } from "./ops/reduce.js";
export { dot, mv, mm, bmm, matmul, outer, outer as ger, addmm } from "./ops/linalg.js";
export { reshape, transpose, transpose as swapaxes, t, permute, squeeze, unsqueeze, flatten, select, narrow, clone, detach, as_strided, diagonal } from "./ops/movement.js";
export { masked_fill } from "./ops/fill.js";
export { bernoulli, multinomial, rand_like, randn_like, randint_like } from "./ops/random_ops.js";
export { get_rng_state, set_rng_state } from "./random/generator.js";
export * from "./ops/unary_functions.js";
export * from "./ops/index_exports.js";
export { from_numpy } from "./numpy/bridge.js";
export { set_float32_matmul_precision, get_float32_matmul_precision } from "./backend/matmul_precision.js";
export { conv1d, conv2d, conv_transpose1d, conv_transpose2d } from "./ops/conv.js";
export { max_pool2d, avg_pool2d } from "./ops/pooling.js";
export { batch_norm, layer_norm } from "./ops/normalization.js";
export { embedding } from "./ops/embedding.js";
export { binary_cross_entropy_with_logits } from "./ops/loss.js";
export { dropout, bilinear } from "./nn/functional.js";
