/**
 * The keyword-argument sweep behind keyword_options.test.ts. SPEC: every PyTorch keyword argument
 * can be passed in a trailing options object, also as the only argument. For each gradlab callable
 * that PyTorch also has (test/golden/signatures.json, from PyTorch's own signatures), and each of
 * its overloads, the sweep builds a positional call from sample values chosen by parameter name
 * (SAMPLE_VALUES, with per-callable OVERRIDES), and calls it again with every suffix of those
 * arguments moved into a trailing options object:
 *
 *   x.sum(1, true)  ≡  x.sum(1, {keepdim: true})  ≡  x.sum({dim: 1, keepdim: true})
 *
 * A positional call that PyTorch's parameter names cannot make (no sample for a required
 * parameter, or the call raises) is reported as uncovered, not as a failure.
 */
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import * as torch from "../../engine/index.js";
import { functionsOf } from "./sweep.js";
import { unbound } from "../../engine/api/keywords.js";

type Fn = (...args: unknown[]) => unknown;
type T = torch.Tensor;

export const signatures: {
  header: Record<string, unknown>;
  signatures: Record<string, { source: string; overloads: string[][] }>;
} = JSON.parse(readFileSync(new URL("../golden/signatures.json", import.meta.url), "utf8"));

const f32 = { dtype: torch.float32 };
const X = () =>
  torch.tensor(
    [
      [0.5, -1.5, 2],
      [3, -0.25, 1],
    ],
    f32,
  );
const Y = () =>
  torch.tensor(
    [
      [0.25, 0.5, 0.75],
      [0.125, 0.625, 0.875],
    ],
    f32,
  );
const IMG = () => torch.arange(32, f32).reshape(1, 2, 4, 4).div(10);
const leaf = () => torch.tensor([1.5, -2, 3], { dtype: torch.float32, requires_grad: true });

/** A sample value per PyTorch parameter name: fresh per call (calls may write into their arguments). */
export const SAMPLE_VALUES: Record<string, () => unknown> = {
  input: X,
  self: X,
  other: Y,
  tensor: Y,
  tensor1: Y,
  tensor2: Y,
  exponent: Y,
  y: Y,
  target: Y,
  end: () => 5,
  condition: () => X().gt(0),
  mask: () => X().gt(0),
  source: Y,
  src: Y,
  dim: () => 1,
  dim0: () => 0,
  dim1: () => 1,
  keepdim: () => true,
  unbiased: () => false,
  correction: () => 0,
  descending: () => true,
  stable: () => true,
  largest: () => false,
  sorted: () => true,
  k: () => 2,
  p: () => 1,
  value: () => 0.5,
  fill_value: () => 7,
  min: () => -1,
  max: () => 1,
  size: () => [3, 2],
  shape: () => [3, 2],
  dtype: () => torch.float64,
  reduction: () => "sum",
  negative_slope: () => 0.2,
  inplace: () => false,
  training: () => false,
  beta: () => 2,
  threshold: () => 10,
  approximate: () => "tanh",
  start: () => 1,
  step: () => 2,
  steps: () => 4,
  base: () => 2,
  length: () => 1,
  low: () => 0,
  high: () => 5,
  decimals: () => 1,
  nan: () => 0,
  posinf: () => 1,
  neginf: () => -1,
  eps: () => 1e-3,
  atol: () => 1e-3,
  rtol: () => 1e-3,
  equal_nan: () => true,
  diagonal: () => 1,
  offset: () => 1,
  chunks: () => 2,
  split_size_or_sections: () => 1,
  split_size: () => 1,
  shifts: () => 1,
  dims: () => [1, 0],
  num_samples: () => 2,
  replacement: () => true,
  return_inverse: () => true,
  return_counts: () => true,
  right: () => true,
  alpha: () => 2,
  weight: () => 0.25,
  index: () =>
    torch.tensor([
      [0, 1, 0],
      [1, 0, 1],
    ]),
  non_blocking: () => false,
  copy: () => true,
  n: () => 3,
  m: () => 2,
  mean: () => 0.5,
  std: () => 2,
  generator: () => new torch.Generator().manual_seed(3),
  requires_grad: () => true,
  memory_format: () => undefined,
  in_features: () => 3,
  out_features: () => 4,
  in_channels: () => 2,
  out_channels: () => 3,
  kernel_size: () => 2,
  padding: () => 1,
  num_features: () => 3,
  affine: () => false,
  track_running_stats: () => true,
  normalized_shape: () => [3],
  elementwise_affine: () => false,
  num_embeddings: () => 5,
  embedding_dim: () => 2,
  padding_idx: () => 0,
  output_size: () => 2,
  unflattened_size: () => [3, 1],
  params: () => [leaf()],
  lr: () => 0.1,
  momentum: () => 0.9,
  dampening: () => 0.1,
  weight_decay: () => 0.01,
  nesterov: () => false,
  betas: () => [0.8, 0.9],
  amsgrad: () => true,
  lr_decay: () => 0.1,
  centered: () => true,
  initial_accumulator_value: () => 0.5,
  optimizer: () => new torch.optim.SGD([leaf()], { lr: 0.1 }),
  step_size: () => 2,
  gamma: () => 0.5,
  milestones: () => [1, 2],
  T_max: () => 5,
  eta_min: () => 0.01,
  last_epoch: () => -1,
  verbose: () => false,
  ceil_mode: () => true,
  count_include_pad: () => false,
  pos_weight: () => null,
  start_dim: () => 0,
  end_dim: () => 1,
  vec2: () => torch.tensor([1, 2], f32),
  axis0: () => 0,
  axis1: () => 1,
  val: () => 0.5,
  gain: () => 2,
  a: () => -0.5,
  b: () => 0.5,
  mode: () => "fan_out",
  nonlinearity: () => "relu",
  param: () => 0.2,
  size_average: () => null,
  reduce: () => null,
  ignore_index: () => 1,
  label_smoothing: () => 0.1,
};

/**
 * Per-callable sample values where the name alone does not fit (shapes of matrices and images,
 * 1-D indices, functions whose `weight`/`end` mean something else). Keys as in signatures.json.
 */
export const OVERRIDES: Record<string, Record<string, () => unknown>> = {
  "Tensor.view": { size: () => [3, 2] },
  "Tensor.bmm": { input: () => X().unsqueeze(0), mat2: () => Y().t().unsqueeze(0) },
  "Tensor.bitwise_and": {
    input: () =>
      torch.tensor([
        [5, 3, 1],
        [2, 7, 0],
      ]),
    other: () =>
      torch.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
  },
  "Tensor.bitwise_or": {
    input: () =>
      torch.tensor([
        [5, 3, 1],
        [2, 7, 0],
      ]),
    other: () =>
      torch.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
  },
  "Tensor.bitwise_xor": {
    input: () =>
      torch.tensor([
        [5, 3, 1],
        [2, 7, 0],
      ]),
    other: () =>
      torch.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
  },
  "torch.bitwise_and": {
    input: () =>
      torch.tensor([
        [5, 3, 1],
        [2, 7, 0],
      ]),
    other: () =>
      torch.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
  },
  "torch.bitwise_or": {
    input: () =>
      torch.tensor([
        [5, 3, 1],
        [2, 7, 0],
      ]),
    other: () =>
      torch.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
  },
  "torch.bitwise_xor": {
    input: () =>
      torch.tensor([
        [5, 3, 1],
        [2, 7, 0],
      ]),
    other: () =>
      torch.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
  },
  "torch.dot": { input: () => torch.tensor([1, 2, 3], f32), other: () => torch.tensor([1, 2, 3], f32) },
  "torch.conv_transpose1d": {
    input: X,
    weight: () => torch.ones(2, 1, 2),
    bias: () => torch.ones(1),
    stride: () => 2,
    padding: () => 1,
    output_padding: () => 1,
    groups: () => 1,
    dilation: () => 1,
  },
  "nn.functional.conv_transpose1d": {
    input: X,
    weight: () => torch.ones(2, 1, 2),
    bias: () => torch.ones(1),
    stride: () => 2,
    padding: () => 1,
    output_padding: () => 1,
    groups: () => 1,
    dilation: () => 1,
  },
  "torch.conv_transpose2d": {
    input: IMG,
    weight: () => torch.ones(2, 1, 2, 2),
    bias: () => torch.ones(1),
    stride: () => 2,
    padding: () => 1,
    output_padding: () => 1,
    groups: () => 1,
    dilation: () => 1,
  },
  "nn.functional.conv_transpose2d": {
    input: IMG,
    weight: () => torch.ones(2, 1, 2, 2),
    bias: () => torch.ones(1),
    stride: () => 2,
    padding: () => 1,
    output_padding: () => 1,
    groups: () => 1,
    dilation: () => 1,
  },
  "torch.unique": { sorted: () => true, return_inverse: () => true, return_counts: () => true, dim: () => 1 },
  "nn.init.calculate_gain": { nonlinearity: () => "leaky_relu", param: () => 0.2 },
  "Tensor.expand": { sizes: () => [2, 2, 3] },
  "Tensor.repeat": { sizes: () => [1, 2] },
  "Tensor.tile": { dims: () => [1, 2] },
  "torch.tile": { dims: () => [1, 2] },
  "Tensor.permute": { dims: () => [1, 0] },
  "torch.permute": { dims: () => [1, 0] },
  "Tensor.roll": { dims: () => 1 },
  "torch.roll": { dims: () => 1 },
  "Tensor.flip": { dims: () => [1] },
  "torch.flip": { dims: () => [1] },
  "Tensor.lerp": { end: Y },
  "Tensor.lerp_": { end: Y },
  "torch.lerp": { end: Y },
  "Tensor.mm": { mat2: () => Y().t() },
  "torch.mm": { mat2: () => Y().t() },
  "Tensor.matmul": { other: () => Y().t() },
  "torch.matmul": { other: () => Y().t() },
  "Tensor.mv": { vec: () => torch.tensor([1, 2, 3], f32) },
  "torch.mv": { vec: () => torch.tensor([1, 2, 3], f32) },
  "Tensor.dot": { input: () => torch.tensor([1, 2, 3], f32), other: () => torch.tensor([1, 2, 3], f32) },
  "Tensor.index_select": { index: () => torch.tensor([0, 2]) },
  "torch.index_select": { index: () => torch.tensor([0, 2]) },
  "Tensor.index_fill": { index: () => torch.tensor([0, 2]) },
  "Tensor.index_fill_": { index: () => torch.tensor([0, 2]) },
  "torch.index_fill": { index: () => torch.tensor([0, 2]) },
  "Tensor.index_add": { index: () => torch.tensor([0, 2]), source: () => torch.ones(2, 2) },
  "Tensor.index_add_": { index: () => torch.tensor([0, 2]), source: () => torch.ones(2, 2) },
  "torch.index_add": { index: () => torch.tensor([0, 2]), source: () => torch.ones(2, 2) },
  "Tensor.index_copy": { index: () => torch.tensor([0, 2]), source: () => torch.ones(2, 2) },
  "Tensor.index_copy_": { index: () => torch.tensor([0, 2]), source: () => torch.ones(2, 2) },
  "torch.index_copy": { index: () => torch.tensor([0, 2]), source: () => torch.ones(2, 2) },
  "Tensor.new_full": { size: () => [2] },
  "Tensor.narrow": { start: () => 1, length: () => 1 },
  "Tensor.unflatten": { sizes: () => [3, 1] },
  "Tensor.searchsorted": {},
  "torch.searchsorted": { sorted_sequence: () => torch.tensor([1, 2, 3], f32) },
  "Tensor.take": { index: () => torch.tensor([0, 4]) },
  "torch.take": { index: () => torch.tensor([0, 4]) },
  "Tensor.kthvalue": { k: () => 2 },
  "torch.kthvalue": { k: () => 2 },
  "torch.arange": { end: () => 7 },
  "torch.linspace": { start: () => 1, end: () => 3 },
  "torch.logspace": { start: () => 1, end: () => 3 },
  "torch.full": { size: () => [2, 2] },
  "torch.eye": { n: () => 3, m: () => 2 },
  "torch.randint": { size: () => [4] },
  "torch.normal": { mean: () => torch.zeros(3), std: () => torch.ones(3) },
  "Tensor.backward": {
    gradient: () => undefined,
    retain_graph: () => true,
    create_graph: () => false,
    inputs: () => undefined,
  },
  "torch.cat": { tensors: () => [X(), Y()] },
  "torch.concat": { tensors: () => [X(), Y()] },
  "torch.concatenate": { tensors: () => [X(), Y()] },
  "torch.stack": { tensors: () => [X(), Y()] },
  "torch.hstack": { tensors: () => [X(), Y()] },
  "torch.vstack": { tensors: () => [X(), Y()] },
  "torch.dstack": { tensors: () => [X(), Y()] },
  "torch.row_stack": { tensors: () => [X(), Y()] },
  "torch.tensor": {
    data: () => [
      [1, 2],
      [3, 4],
    ],
  },
  "torch.as_tensor": {
    data: () => [
      [1, 2],
      [3, 4],
    ],
  },
  "torch.addmm": { mat1: () => X(), mat2: () => Y().t(), input: () => torch.ones(2, 2) },
  "Tensor.addmm": { mat1: () => X(), mat2: () => Y().t(), input: () => torch.ones(2, 2) },
  "torch.bmm": { input: () => X().unsqueeze(0), mat2: () => Y().t().unsqueeze(0) },
  "nn.functional.linear": { weight: () => torch.ones(4, 3), bias: () => torch.ones(4) },
  "nn.functional.bilinear": { input1: X, input2: Y, weight: () => torch.ones(4, 3, 3), bias: () => torch.ones(4) },
  "torch.bilinear": { input1: X, input2: Y, weight: () => torch.ones(4, 3, 3), bias: () => torch.ones(4) },
  "nn.functional.softmax": { dim: () => 1 },
  "nn.functional.conv2d": {
    input: IMG,
    weight: () => torch.ones(1, 2, 3, 3),
    bias: () => torch.ones(1),
    stride: () => 1,
    padding: () => 1,
    dilation: () => 1,
    groups: () => 1,
  },
  "torch.conv2d": {
    input: IMG,
    weight: () => torch.ones(1, 2, 3, 3),
    bias: () => torch.ones(1),
    stride: () => 1,
    padding: () => 1,
    dilation: () => 1,
    groups: () => 1,
  },
  "nn.functional.conv1d": {
    input: X,
    weight: () => torch.ones(1, 2, 2),
    bias: () => torch.ones(1),
    stride: () => 1,
    padding: () => 1,
    dilation: () => 1,
    groups: () => 1,
  },
  "torch.conv1d": {
    input: X,
    weight: () => torch.ones(1, 2, 2),
    bias: () => torch.ones(1),
    stride: () => 1,
    padding: () => 1,
    dilation: () => 1,
    groups: () => 1,
  },
  "nn.functional.max_pool2d": {
    input: IMG,
    kernel_size: () => 2,
    stride: () => 1,
    padding: () => 1,
    dilation: () => 1,
    ceil_mode: () => true,
    return_indices: () => false,
  },
  "torch.max_pool2d": {
    input: IMG,
    kernel_size: () => 2,
    stride: () => 1,
    padding: () => 1,
    dilation: () => 1,
    ceil_mode: () => true,
  },
  "nn.functional.avg_pool2d": {
    input: IMG,
    kernel_size: () => 2,
    stride: () => 1,
    padding: () => 1,
    ceil_mode: () => true,
    count_include_pad: () => false,
    divisor_override: () => 3,
  },
  "torch.avg_pool2d": {
    input: IMG,
    kernel_size: () => 2,
    stride: () => 1,
    padding: () => 1,
    ceil_mode: () => true,
    count_include_pad: () => false,
    divisor_override: () => 3,
  },
  "nn.functional.adaptive_avg_pool2d": { input: IMG, output_size: () => 2 },
  "nn.functional.unfold": { input: IMG, kernel_size: () => 2, dilation: () => 1, padding: () => 1, stride: () => 2 },
  "nn.functional.fold": {
    input: () => torch.ones(1, 4, 4),
    output_size: () => [3, 3],
    kernel_size: () => 2,
    dilation: () => 1,
    padding: () => 0,
    stride: () => 1,
  },
  "nn.functional.pad": { pad: () => [1, 0], mode: () => "constant", value: () => 0.5 },
  "nn.functional.batch_norm": {
    running_mean: () => torch.zeros(3),
    running_var: () => torch.ones(3),
    weight: () => torch.ones(3),
    bias: () => torch.zeros(3),
    training: () => true,
    momentum: () => 0.2,
    eps: () => 1e-3,
  },
  "torch.batch_norm": {
    running_mean: () => torch.zeros(3),
    running_var: () => torch.ones(3),
    weight: () => torch.ones(3),
    bias: () => torch.zeros(3),
    training: () => true,
    momentum: () => 0.2,
    eps: () => 1e-3,
    cudnn_enabled: () => false,
  },
  "nn.functional.layer_norm": {
    normalized_shape: () => [3],
    weight: () => torch.ones(3),
    bias: () => torch.zeros(3),
    eps: () => 1e-3,
  },
  "torch.layer_norm": {
    normalized_shape: () => [3],
    weight: () => torch.ones(3),
    bias: () => torch.zeros(3),
    eps: () => 1e-3,
    cudnn_enable: () => false,
  },
  "nn.functional.embedding": {
    input: () => torch.tensor([2, 0]),
    weight: () => torch.ones(3, 2),
    padding_idx: () => 0,
  },
  "torch.embedding": {
    input: () => torch.ones(3, 2),
    indices: () => torch.tensor([2, 0]),
    weight: () => torch.ones(3, 2),
    padding_idx: () => 0,
  },
  "nn.functional.nll_loss": {
    input: () => X().log_softmax(1),
    target: () => torch.tensor([2, 0]),
    weight: () => torch.ones(3),
    ignore_index: () => 1,
    reduction: () => "sum",
  },
  "nn.functional.cross_entropy": {
    target: () => torch.tensor([2, 0]),
    weight: () => torch.ones(3),
    ignore_index: () => 1,
    reduction: () => "sum",
    label_smoothing: () => 0.1,
  },
  "nn.functional.binary_cross_entropy": { input: Y, target: () => Y().flip(1), weight: () => torch.ones(3) },
  "nn.functional.binary_cross_entropy_with_logits": {
    weight: () => torch.ones(3),
    pos_weight: () => torch.ones(3).mul(2),
  },
  "torch.binary_cross_entropy_with_logits": {
    weight: () => torch.ones(3),
    pos_weight: () => torch.ones(3).mul(2),
    reduction: () => 0,
  },
  "nn.functional.one_hot": { tensor: () => torch.tensor([2, 0]), num_classes: () => 4 },
  "nn.functional.dropout": { p: () => 0.5, training: () => false },
  "torch.dropout": { p: () => 0.5, train: () => false },
  "nn.functional.smooth_l1_loss": { beta: () => 0.5 },
  "nn.functional.elu": { alpha: () => 0.5 },
  "nn.functional.hardtanh": { min_val: () => -0.5, max_val: () => 0.5 },
  "nn.functional.softplus": { beta: () => 2, threshold: () => 1 },
  "nn.functional.log_softmax": { dim: () => 1 },
  "torch.multinomial": { input: () => torch.tensor([0.2, 0.3, 0.5], f32) },
  "Tensor.multinomial": { input: () => torch.tensor([0.2, 0.3, 0.5], f32) },
  "torch.diagonal_scatter": { src: () => torch.ones(2) },
  "Tensor.diagonal_scatter": { src: () => torch.ones(2) },
  "torch.select_scatter": { src: () => torch.ones(2), index: () => 1 },
  "Tensor.select_scatter": { src: () => torch.ones(2), index: () => 1 },
  "torch.slice_scatter": { src: () => torch.ones(2, 1), start: () => 1, end: () => 2, step: () => 1 },
  "Tensor.slice_scatter": { src: () => torch.ones(2, 1), start: () => 1, end: () => 2, step: () => 1 },
  "Tensor.select": { index: () => 1 },
  "torch.select": { index: () => 1 },
  "Tensor.split_with_sizes": { split_sizes: () => [1, 2] },
  "Tensor.new_tensor": { data: () => [1, 2] },
  "Tensor.as_strided": { size: () => [2, 2], stride: () => [1, 2], storage_offset: () => 1 },
  "torch.as_strided": { size: () => [2, 2], stride: () => [1, 2], storage_offset: () => 1 },
  "Tensor.masked_fill": { value: () => 0.5 },
  "Tensor.sum_to_size": { size: () => [1, 3] },
  "Tensor.expand_as": { other: () => torch.ones(2, 2, 3) },
  "Tensor.where": { condition: () => X().gt(0), y: Y },
  "torch.where": { condition: () => X().gt(0), input: X, other: Y },
  "torch.full_like": { fill_value: () => 7 },
  "torch.randint_like": { low: () => 0, high: () => 5 },
  "Tensor.random_": { from: () => 0, to: () => 5 },
  "Tensor.uniform_": { from: () => 0, to: () => 5 },
  "Tensor.normal_": { mean: () => 1, std: () => 2 },
  "Tensor.exponential_": { lambd: () => 2 },
  "Tensor.bernoulli_": { p: () => 0.5 },
  "nn.NLLLoss": { weight: () => torch.ones(3), ignore_index: () => 1 },
  "nn.CrossEntropyLoss": { weight: () => torch.ones(3), ignore_index: () => 1 },
  "nn.BCELoss": { weight: () => torch.ones(3) },
  "nn.BCEWithLogitsLoss": { weight: () => torch.ones(3), pos_weight: () => torch.ones(3) },
  "nn.Bilinear": { in1_features: () => 2, in2_features: () => 3, out_features: () => 4, bias: () => false },
  "optim.lr_scheduler.LambdaLR": { lr_lambda: () => (e: number) => 0.5 ** e },
  // nn.Module and Optimizer methods (on a fresh Linear(3, 2) / SGD over its parameters).
  "nn.Module.named_parameters": { prefix: () => "net", recurse: () => false, remove_duplicate: () => true },
  "nn.Module.named_buffers": { prefix: () => "net", recurse: () => false, remove_duplicate: () => true },
  "nn.Module.parameters": { recurse: () => false },
  "nn.Module.buffers": { recurse: () => false },
  "nn.Module.named_modules": { memo: () => new Set(), prefix: () => "net", remove_duplicate: () => true },
  "nn.Module.train": { mode: () => false },
  "nn.Module.requires_grad_": { requires_grad: () => false },
  "nn.Module.zero_grad": { set_to_none: () => false },
  "nn.Module.load_state_dict": { state_dict: () => new torch.nn.Linear(3, 2).state_dict(), strict: () => false },
  "nn.Module.register_buffer": { name: () => "extra", tensor: () => torch.ones(2), persistent: () => false },
  "nn.Module.get_submodule": { target: () => "" },
  "nn.Module.register_parameter": { name: () => "extra", param: () => new torch.nn.Parameter(torch.ones(2)) },
  "nn.Module.add_module": { name: () => "sub", module: () => new torch.nn.ReLU() },
  "nn.Module.register_module": { name: () => "sub", module: () => new torch.nn.ReLU() },
  "nn.Module.apply": {
    fn: () => (m: unknown) => {
      void m;
    },
  },
  "optim.Optimizer.zero_grad": { set_to_none: () => false },
  // autograd.functional: f(x) = x * x (elementwise) for jacobian, vjp, jvp; a scalar sum for hessian, hvp, vhp.
  "autograd.functional.jacobian": {
    func: () => (t: T) => t.mul(t),
    inputs: () => torch.tensor([1.5, -2], f32),
    create_graph: () => false,
    strict: () => false,
    vectorize: () => false,
    strategy: () => "reverse-mode",
  },
  "autograd.functional.hessian": {
    func: () => (t: T) => t.pow(3).sum(),
    inputs: () => torch.tensor([1.5, -2], f32),
    create_graph: () => false,
    strict: () => false,
    vectorize: () => false,
    outer_jacobian_strategy: () => "reverse-mode",
  },
  "autograd.functional.vjp": {
    func: () => (t: T) => t.mul(t),
    inputs: () => torch.tensor([1.5, -2], f32),
    v: () => torch.tensor([1, 0.5], f32),
    create_graph: () => false,
    strict: () => false,
  },
  "autograd.functional.jvp": {
    func: () => (t: T) => t.mul(t),
    inputs: () => torch.tensor([1.5, -2], f32),
    v: () => torch.tensor([1, 0.5], f32),
    create_graph: () => false,
    strict: () => false,
  },
  "autograd.functional.hvp": {
    func: () => (t: T) => t.pow(3).sum(),
    inputs: () => torch.tensor([1.5, -2], f32),
    v: () => torch.tensor([1, 0.5], f32),
    create_graph: () => false,
    strict: () => false,
  },
  "autograd.functional.vhp": {
    func: () => (t: T) => t.pow(3).sum(),
    inputs: () => torch.tensor([1.5, -2], f32),
    v: () => torch.tensor([1, 0.5], f32),
    create_graph: () => false,
    strict: () => false,
  },
  "autograd.backward": {
    tensors: () => undefined,
    grad_tensors: () => undefined,
    retain_graph: () => true,
    create_graph: () => false,
    grad_variables: () => undefined,
    inputs: () => undefined,
  },
  "autograd.grad": {
    outputs: () => {
      const l = leaf();
      return [l.mul(l).sum()];
    },
    inputs: () => undefined,
    grad_outputs: () => undefined,
    retain_graph: () => true,
    create_graph: () => false,
    only_inputs: () => true,
    allow_unused: () => true,
  },
};

export interface Outcome {
  /** Callables (with an overload) whose positional and options forms were compared. */
  covered: string[];
  /** Callables with no overload the sample values could call, and why. */
  uncovered: Record<string, string>;
  /** One line per options form whose result differs from the positional form (or raises). */
  failures: string[];
  /** How many calls were compared. */
  compared: number;
  /** Options forms the op read itself (before binding) with a result other than the bound call's. */
  unboundDiffers: string[];
  /** Every call that ran (the positional form, then its options forms), for the type-level sweep. */
  calls: SweepCall[];
}

/** One call the sweep made: which callable, its arguments, and how the test names it. */
export interface SweepCall {
  key: string;
  args: unknown[];
  text: string;
}

/** A stable text of any result: tensors with dtype, shape and requires_grad; sequences item by item. */
export function show(v: unknown): string {
  // A layer: its repr and parameters; an optimizer: its hyperparameters; a scheduler: its state.
  if (v instanceof torch.nn.Module) return `${String(v)} ${[...v.parameters()].map((p) => String(p)).join(" ")}`;
  if (v instanceof torch.optim.Optimizer) return JSON.stringify(v.param_groups.map(({ params: _p, ...rest }) => rest));
  if (v instanceof torch.optim.lr_scheduler.LRScheduler) return JSON.stringify(v.state_dict());
  if (v instanceof torch.Tensor) return `${v.dtype} [${v.shape.join(", ")}] rg=${v.requires_grad} ${String(v)}`;
  if (Array.isArray(v)) return `[${v.map(show).join("; ")}]`;
  if (v && typeof v === "object" && Symbol.iterator in v && typeof (v as { toString: unknown }).toString === "function")
    return String(v);
  return inspect(v, { depth: 3 });
}

interface Param {
  name: string;
  hasDefault: boolean;
  varargs: boolean;
}
function positionalParams(tokens: string[]): Param[] {
  const out: Param[] = [];
  for (const t of tokens) {
    if (t === "*" || t.startsWith("**")) break;
    if (t.startsWith("*")) {
      out.push({ name: t.slice(1), hasDefault: false, varargs: true });
      break;
    }
    out.push({ name: t.replace(/=$/, ""), hasDefault: t.endsWith("="), varargs: false });
  }
  return out;
}

/** How a target is called: its key in signatures.json and a function of fresh arguments. */
interface Target {
  key: string;
  call: (args: unknown[]) => unknown;
  method: boolean;
  raw?: (args: unknown[]) => unknown;
}

function targets(): Target[] {
  const list: Target[] = [];
  const proto = torch.Tensor.prototype as unknown as Record<string, Fn>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name)!;
    if (typeof d.value !== "function" || name === "constructor" || name.startsWith("_")) continue;
    if (name === "backward") {
      // backward returns nothing: compare the gradient it leaves (and that retain_graph kept the graph).
      list.push({
        key: "Tensor.backward",
        method: true,
        call: (args) => {
          const l = leaf(),
            y = l.mul(l).sum();
          y.backward(...(args as []));
          y.backward(...(args as []));
          return l.grad;
        },
      });
      continue;
    }
    const self = OVERRIDES[`Tensor.${name}`]?.input ?? X;
    list.push({
      key: `Tensor.${name}`,
      method: true,
      call: (args) => (self() as unknown as Record<string, Fn>)[name](...args),
      raw: (args) => unbound(d.value as Fn).apply(self(), args),
    });
  }
  const fn = (key: string, f: Fn): Target => ({
    key,
    method: false,
    call: (args) => f(...args),
    raw: (args) => unbound(f)(...args),
  });
  for (const [name, f] of functionsOf(torch)) list.push(fn(`torch.${name}`, f));
  for (const [name, f] of functionsOf(torch.nn.functional)) list.push(fn(`nn.functional.${name}`, f));
  for (const [name, f] of functionsOf(torch.nn.init)) list.push(fn(`nn.init.${name}`, f));
  list.push({
    key: "autograd.backward",
    method: false,
    call: (args) => {
      const l = leaf(),
        y = l.mul(l).sum();
      const a = [...args];
      a[0] = y;
      torch.autograd.backward(...(a as [T]));
      torch.autograd.backward(...(a as [T]));
      return l.grad;
    },
  });
  list.push({
    key: "autograd.grad",
    method: false,
    call: (args) => {
      // inputs must be the leaves of outputs: build both together.
      const l = leaf(),
        y = l.mul(l).sum();
      const a = [...args];
      a[0] = [y];
      if (a.length === 1) a.push([l]);
      else if (a[1] && typeof a[1] === "object" && !Array.isArray(a[1])) (a[1] as { inputs: T[] }).inputs = [l];
      else a[1] = [l];
      return torch.autograd.grad(...(a as [T[], T[]]));
    },
  });
  for (const [name, f] of functionsOf(torch.autograd.functional)) list.push(fn(`autograd.functional.${name}`, f));
  // nn.Module's and Optimizer's methods, on a fresh Linear(3, 2) with gradients (and an SGD over it):
  // the result, then the module's (or optimizer's) state, so that methods returning nothing are compared too.
  const model = () => {
    torch.manual_seed(0);
    const m = new torch.nn.Linear(3, 2);
    m.forward(torch.ones(1, 3)).sum().backward();
    return m;
  };
  const moduleState = (m: InstanceType<typeof torch.nn.Linear>) =>
    `training=${m.training} ${m
      .named_parameters()
      .map(([n, p]) => `${n}: rg=${p.requires_grad} grad=${p.grad === null ? "None" : String(p.grad)}`)
      .join("; ")} buffers=${m
      .named_buffers()
      .map(([n]) => n)
      .join(",")}`;
  const mproto = torch.nn.Module.prototype as unknown as Record<string, Fn>;
  for (const name of Object.getOwnPropertyNames(mproto)) {
    if (
      name === "constructor" ||
      name.startsWith("_") ||
      typeof Object.getOwnPropertyDescriptor(mproto, name)?.value !== "function"
    )
      continue;
    list.push({
      key: `nn.Module.${name}`,
      method: true,
      call: (args) => {
        const m = model();
        const r = (m as unknown as Record<string, Fn>)[name](...args);
        return `${show(r instanceof torch.nn.Module ? null : r)} | ${moduleState(m)}`;
      },
    });
  }
  list.push({
    key: "optim.Optimizer.zero_grad",
    method: true,
    call: (args) => {
      const m = model();
      new torch.optim.SGD(m.parameters(), { lr: 0.1 }).zero_grad(...(args as []));
      return moduleState(m);
    },
  });
  // Constructors: `new C(...)` of every bound layer, loss, optimizer and lr scheduler.
  const classes: [string, Record<string, unknown>][] = [
    ["nn", torch.nn],
    ["optim", torch.optim],
    ["optim.lr_scheduler", torch.optim.lr_scheduler],
  ];
  for (const [prefix, ns] of classes)
    for (const [name, C] of Object.entries(ns))
      if (
        typeof C === "function" &&
        (C as { prototype?: unknown }).prototype &&
        !["Module", "Optimizer", "Parameter"].includes(name)
      )
        list.push({
          key: `${prefix}.${name}`,
          method: false,
          call: (args) => new (C as new (...a: unknown[]) => unknown)(...args),
        });
  return list.filter((t) => t.key in signatures.signatures);
}

function run(t: Target, args: unknown[], raw = false): { ok: true; v: string } | { ok: false; e: string } {
  torch.manual_seed(0);
  try {
    return { ok: true, v: show((raw ? t.raw! : t.call)(args)) };
  } catch (e) {
    return { ok: false, e: `${(e as Error)?.constructor?.name}: ${(e as Error)?.message}` };
  }
}

export function runKeywordSweep(): Outcome {
  const state = torch.get_rng_state();
  const out: Outcome = { covered: [], uncovered: {}, failures: [], compared: 0, unboundDiffers: [], calls: [] };
  for (const t of targets()) {
    const values = { ...SAMPLE_VALUES, ...OVERRIDES[t.key] };
    let any = false;
    let why = "";
    for (const tokens of signatures.signatures[t.key].overloads) {
      let params = positionalParams(tokens);
      // Methods' self comes from the target; functions' samples are their arguments.
      const valued = params.findIndex((p) => !(p.name in values));
      const usable = valued < 0 ? params : params.slice(0, valued);
      if (params.slice(usable.length).some((p) => !p.hasDefault)) {
        why ||= `no sample for '${params[usable.length].name}'`;
        continue;
      }
      params = usable;
      // The longest positional call that works: drop trailing optional arguments until one does.
      let k = params.length,
        base: ReturnType<typeof run> | null = null,
        baseArgs: unknown[] = [];
      const make = (n: number) => params.slice(0, n).map((p) => values[p.name]());
      for (; k >= 0; k--) {
        if (k < params.length && !params[k].hasDefault) break;
        const r = run(t, make(k));
        if (r.ok) {
          base = r;
          baseArgs = make(k);
          break;
        }
        why ||= `the positional call raises ${r.e}`;
      }
      if (!base || !base.ok || k === 0) {
        if (base && k === 0) why ||= "only a call without arguments works";
        continue;
      }
      any = true;
      out.calls.push({
        key: t.key,
        args: baseArgs,
        text: `${t.key}(${params
          .slice(0, k)
          .map((p) => p.name)
          .join(", ")})`,
      });
      // Every suffix into the options object; a function's tensor input stays positional (s >= 1).
      const first = t.method
        ? 0
        : ["input", "tensors", "self", "outputs", "params", "optimizer"].includes(params[0].name)
          ? 1
          : 0;
      for (let s = first; s < k; s++) {
        if (params.slice(s, k).some((p) => p.varargs)) continue;
        const opts = Object.fromEntries(params.slice(s, k).map((p) => [p.name, values[p.name]()]));
        const args = [...make(s), opts];
        const r = run(t, args);
        out.compared++;
        const text = `${t.key}(${params
          .slice(0, s)
          .map((p) => p.name)
          .join(", ")}${s ? ", " : ""}{${params
          .slice(s, k)
          .map((p) => p.name)
          .join(", ")}})`;
        out.calls.push({ key: t.key, args, text });
        if (!r.ok) out.failures.push(`${text} raises ${r.e}`);
        else if (r.v !== base.v)
          out.failures.push(`${text} gives ${r.v.slice(0, 200)}\n    positional gives ${base.v.slice(0, 200)}`);
        // The op's own reading of the options object (before binding), where it has one.
        const raw = t.raw
          ? run(t, [...make(s), Object.fromEntries(params.slice(s, k).map((p) => [p.name, values[p.name]()]))], true)
          : null;
        if (raw?.ok && r.ok && raw.v !== r.v)
          out.unboundDiffers.push(
            `${text}: unbound gives ${raw.v.slice(0, 160)}\n    bound gives ${r.v.slice(0, 160)}`,
          );
      }
    }
    if (any) out.covered.push(t.key);
    else out.uncovered[t.key] = why || "no positional parameters";
  }
  torch.set_rng_state(state);
  return out;
}
