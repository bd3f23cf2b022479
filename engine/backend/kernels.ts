/**
 * The kernel vocabulary: every elementwise, reduction and scan kernel name a backend must
 * implement, as string-literal types. Ops pass these names and backends key their tables by them,
 * so a kernel that is misspelt at a call site, or missing from a backend's table, is a compile
 * error rather than a run-time MissingKernelError. Adding a kernel: add its name here, then the
 * compiler lists every backend table that lacks it.
 *
 * Variants that differ only in float32 rounding (`gelu_f32`) are separate names: which rounding
 * PyTorch's kernel does is part of the op's meaning (the goldens check bits), not a backend choice.
 */

export const UNARY_KERNELS = [
  "identity",
  "neg",
  "abs",
  "sign",
  "sgn",
  "reciprocal",
  "exp",
  "exp2",
  "expm1",
  "log",
  "log2",
  "log10",
  "log1p",
  "sqrt",
  "rsqrt",
  "square",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "sinh",
  "cosh",
  "tanh",
  "asinh",
  "acosh",
  "atanh",
  "sigmoid",
  "logit",
  "relu",
  "gelu",
  "gelu_f32",
  "gelu_onednn_f32",
  "gelu_tanh",
  "gelu_tanh_f32",
  "mish",
  "mish_f32",
  "silu",
  "softplus",
  "leaky_relu",
  "elu",
  "hardtanh",
  "erf",
  "erfc",
  "floor",
  "ceil",
  "trunc",
  "round",
  "round_decimals",
  "frac",
  "clamp",
  "isnan",
  "isinf",
  "isfinite",
  "logical_not",
  "bitwise_not_bool",
  "bitwise_not",
  "nonzero_bool",
  "pow_scalar",
  "rpow_scalar",
  "affine",
  "fill",
  "heaviside_zero",
  "nan_to_num",
] as const;
export type UnaryKernel = (typeof UNARY_KERNELS)[number];

/** The activations' kernels with float32 variants (gelu, gelu_tanh, mish), a subset of UnaryKernel. */
export type ActivationUnaryKernel =
  | "gelu"
  | "gelu_f32"
  | "gelu_onednn_f32"
  | "gelu_tanh"
  | "gelu_tanh_f32"
  | "mish"
  | "mish_f32";

export const BINARY_KERNELS = [
  "add",
  "add_alpha",
  "sub",
  "sub_alpha",
  "mul",
  "div",
  "div_trunc",
  "div_floor",
  "floor_divide",
  "remainder",
  "fmod",
  "pow",
  "atan2",
  "maximum",
  "minimum",
  "fmax",
  "fmin",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "logical_and",
  "logical_or",
  "logical_xor",
  "bitwise_and",
  "bitwise_or",
  "bitwise_xor",
  "isclose",
  "xlogy",
  "hypot",
  "logaddexp",
  "gelu_backward",
  "gelu_backward_f32",
  "gelu_backward_onednn_f32",
  "gelu_tanh_backward",
  "gelu_tanh_backward_f32",
  "mish_backward",
  "mish_backward_f32",
  "threshold_backward",
  "sigmoid_backward",
  "tanh_backward",
  "copysign",
  // addmm's epilogue for floating dtypes: beta * a + alpha * b in double, rounded once (p = [beta, alpha]).
  "axpby",
  // batch norm's running statistics, as ATen's batch_norm_cpu_update_stats_template: in double,
  // momentum * stat * scale + (1 - momentum) * running (a = stat, b = running, p = [momentum, scale]).
  "running_stat",
] as const;
export type BinaryKernel = (typeof BINARY_KERNELS)[number];
export type ActivationBinaryKernel =
  | "gelu_backward"
  | "gelu_backward_f32"
  | "gelu_backward_onednn_f32"
  | "gelu_tanh_backward"
  | "gelu_tanh_backward_f32"
  | "mish_backward"
  | "mish_backward_f32";

export const TERNARY_KERNELS = ["where", "lerp", "clamp", "addcmul", "addcdiv"] as const;
export type TernaryKernel = (typeof TERNARY_KERNELS)[number];

export const REDUCE_KERNELS = [
  "sum",
  "mean",
  "prod",
  "max",
  "min",
  "argmax",
  "argmin",
  "all",
  "any",
  "count_nonzero",
  "var",
  "norm",
  "logsumexp",
] as const;
export type ReduceKernel = (typeof REDUCE_KERNELS)[number];

export const SCAN_KERNELS = ["cumsum", "cumprod", "cummax", "cummin", "logcumsumexp"] as const;
export type ScanKernel = (typeof SCAN_KERNELS)[number];

/** One of the five families above, by the name a MissingKernelError uses. */
export type KernelFamily = "unary" | "binary" | "ternary" | "reduce" | "scan";
