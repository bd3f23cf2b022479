/**
 * Everything under `torch.` except sub-namespaces (autograd, nn, optim are added in index.ts).
 * Each name lives in the module named after its PyTorch counterpart; the functions come through
 * api/torch_functions.ts, which binds their keyword arguments (`torch.sum(x, {dim: 1})`).
 */

export { Tensor } from "./tensor/tensor.js";
export { Size } from "./tensor/shape.js";
export {
  DType as dtype,
  float16,
  float32,
  float64,
  int8,
  uint8,
  int16,
  int32,
  int64,
  bool,
  half,
  float,
  double,
  short,
  int,
  long,
  get_default_dtype,
  set_default_dtype,
  promote_types,
} from "./tensor/dtype.js";
export { RuntimeError, ValueError, IndexError, TypeError } from "./errors.js";
export { Generator, manual_seed, seed, initial_seed, default_generator } from "./random/generator.js";
export { device } from "./tensor/device.js";
export { set_printoptions } from "./format/print_options.js";
export {
  no_grad,
  enable_grad,
  set_grad_enabled,
  inference_mode,
  is_grad_enabled,
  is_inference_mode_enabled,
} from "./autograd/grad_mode.js";
export { get_rng_state, set_rng_state } from "./random/generator.js";
export { from_numpy } from "./numpy/bridge.js";
export { set_float32_matmul_precision, get_float32_matmul_precision } from "./backend/matmul_precision.js";

export * from "./api/torch_functions.js";
