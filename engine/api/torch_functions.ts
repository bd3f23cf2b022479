/**
 * The functions under `torch.`, each taking its PyTorch keyword arguments in a trailing options
 * object (`torch.sum(x, {dim: 1})`, `torch.randint({low: 0, high: 5, size: [3]})`; api/keywords.ts).
 * This is the one list of them: engine/torch.ts re-exports the module whole.
 */
import { bindFunctions } from "./keywords.js";
import * as creationNs from "../tensor/creation.js";
import * as binaryNs from "../ops/binary.js";
import * as unaryNs from "../ops/unary.js";
import * as reduceNs from "../ops/reduce.js";
import * as linalgNs from "../ops/linalg.js";
import * as movementNs from "../ops/movement.js";
import * as fillNs from "../ops/fill.js";
import * as randomOpsNs from "../ops/random_ops.js";
import * as joinNs from "../ops/join.js";
import * as shapeOpsNs from "../ops/shape_ops.js";
import * as gatherScatterNs from "../ops/gather_scatter.js";
import * as sortNs from "../ops/sort.js";
import * as indexingNs from "../ops/indexing.js";
import * as softmaxNs from "../ops/softmax.js";
import * as convNs from "../ops/conv.js";
import * as poolingNs from "../ops/pooling.js";
import * as normalizationNs from "../ops/normalization.js";
import * as embeddingNs from "../ops/embedding.js";
import * as lossNs from "../ops/loss.js";
import * as functionalNs from "../nn/functional.js";

export const {
  tensor,
  as_tensor,
  zeros,
  ones,
  empty,
  full,
  eye,
  arange,
  linspace,
  logspace,
  zeros_like,
  ones_like,
  empty_like,
  full_like,
  rand,
  randn,
  randint,
  randperm,
  normal,
} = bindFunctions("torch", creationNs);
export const {
  add,
  sub,
  rsub,
  mul,
  div,
  true_divide,
  floor_divide,
  remainder,
  fmod,
  pow,
  isclose,
  allclose,
  equal,
  where,
  lerp,
} = bindFunctions("torch", binaryNs);
// The table rows of ops/binary.ts (one row makes the function, the methods and their types).
export const {
  atan2,
  hypot,
  logaddexp,
  maximum,
  minimum,
  xlogy,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logical_and,
  logical_or,
  logical_xor,
  bitwise_and,
  bitwise_or,
  bitwise_xor,
} = bindFunctions("torch", binaryNs.BINARY_FUNCTIONS);
export const { clamp, round, nan_to_num } = bindFunctions("torch", unaryNs);
export const { clamp: clip } = bindFunctions("torch", { clamp: unaryNs.clamp }, { clamp: "clip" });
const { var_ } = bindFunctions("torch", { var_: reduceNs.var_ }, { var_: "var" });
export { var_ as var };
export const {
  sum,
  mean,
  prod,
  max,
  min,
  amax,
  amin,
  argmax,
  argmin,
  std,
  norm,
  logsumexp,
  all,
  any,
  count_nonzero,
  cumsum,
  cumprod,
} = bindFunctions("torch", reduceNs);
export const { dot, mv, mm, bmm, matmul, outer, addmm } = bindFunctions("torch", linalgNs);
export const { outer: ger } = bindFunctions("torch", { outer: linalgNs.outer }, { outer: "ger" });
export const { transpose: swapaxes } = bindFunctions(
  "torch",
  { transpose: movementNs.transpose },
  { transpose: "swapaxes" },
);
export const {
  reshape,
  transpose,
  t,
  permute,
  squeeze,
  unsqueeze,
  flatten,
  select,
  narrow,
  clone,
  detach,
  as_strided,
  diagonal,
} = bindFunctions("torch", movementNs);
export const { masked_fill } = bindFunctions("torch", fillNs);
export const { bernoulli, multinomial, rand_like, randn_like, randint_like } = bindFunctions("torch", randomOpsNs);
// The table rows of ops/unary.ts, and logit (its eps is an attribute).
export const {
  logit,
  neg,
  negative,
  abs,
  absolute,
  sign,
  sgn,
  reciprocal,
  exp,
  exp2,
  expm1,
  log,
  log2,
  log10,
  log1p,
  sqrt,
  rsqrt,
  square,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  arcsin,
  arccos,
  arctan,
  sinh,
  cosh,
  tanh,
  asinh,
  acosh,
  atanh,
  sigmoid,
  relu,
  erf,
  erfc,
  floor,
  ceil,
  trunc,
  fix,
  frac,
  isnan,
  isinf,
  isfinite,
  logical_not,
} = bindFunctions("torch", { ...unaryNs.UNARY_FUNCTIONS, logit: unaryNs.logit });
export const { cat, concat, concatenate, stack, hstack, vstack, row_stack, dstack, split, chunk, unbind } =
  bindFunctions("torch", joinNs);
// (`repeat` is a Tensor method only, as in PyTorch.)
export const {
  flip,
  fliplr,
  flipud,
  roll,
  tile,
  diagonal_scatter,
  select_scatter,
  slice_scatter,
  tril,
  triu,
  diag,
  trace,
} = bindFunctions("torch", shapeOpsNs);
export const {
  gather,
  scatter,
  scatter_add,
  index_select,
  index_fill,
  index_add,
  index_copy,
  masked_select,
  masked_scatter,
  take,
  nonzero,
  argwhere,
} = bindFunctions("torch", gatherScatterNs);
export const { sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique, searchsorted } = bindFunctions(
  "torch",
  sortNs,
);
export const { index_put, index_put_ } = bindFunctions("torch", indexingNs);
export const { softmax, log_softmax } = bindFunctions("torch", softmaxNs);
export const { conv1d, conv2d, conv_transpose1d, conv_transpose2d } = bindFunctions("torch", convNs);
export const { max_pool2d, avg_pool2d } = bindFunctions("torch", poolingNs);
export const { batch_norm, layer_norm } = bindFunctions("torch", normalizationNs);
export const { embedding } = bindFunctions("torch", embeddingNs);
export const { binary_cross_entropy_with_logits } = bindFunctions("torch", lossNs);
export const { dropout, bilinear } = bindFunctions("torch", functionalNs);
