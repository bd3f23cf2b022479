/**
 * Float64 samples for the op-table entries of the nn ops (conv, pooling, normalization, losses,
 * embedding, padding), in the format of test/autograd/op_samples.ts so the table-wide
 * gradcheck/gradgradcheck test can merge them (`...NN_SAMPLES`). Backward-of-backward ops are
 * reached through autograd.grad with create_graph, which records exactly those ops.
 */
import * as torch from "../../engine/index.js";
import * as F from "../../engine/nn/functional.js";
import type { Sample } from "../autograd/op_samples.js";

type T = torch.Tensor;
const g = new torch.Generator().manual_seed(1234);
/** Uniform in [lo, hi), float64, requires grad. */
export function r(shape: number[], lo = -1, hi = 1): T {
  return torch
    .rand(shape, { dtype: torch.float64, generator: g })
    .mul(hi - lo)
    .add(lo)
    .detach()
    .requires_grad_();
}
const f64 = { dtype: torch.float64 };
const grad1 = (out: T, x: T, v: T) => torch.autograd.grad([out], [x], { grad_outputs: [v], create_graph: true })[0]!;

/** The map v -> d(f(x))/dx . v at a fixed x (records f's backward op, linear in v). */
function backwardOf(f: (x: T) => T, x: T): (v: T) => T {
  return (v) => grad1(f(x), x, v);
}

const xPool = r([1, 2, 5, 5]);
const maxPool = (x: T) => F.max_pool2d(x, 2, { stride: 1 });
const avgPool = (x: T) => F.avg_pool2d(x, 3, { stride: 2, padding: 1, count_include_pad: false });
const wEmb = r([5, 3]);
const idx = torch.tensor([
  [0, 2],
  [4, 2],
]);
// The padding row gets no gradient by design, so the sample zeroes it in the input as well.
const padMask = torch.tensor([[1], [1], [1], [1], [0]], f64);
const emb = (w: T) => F.embedding(idx, w.mul(padMask), { padding_idx: 4 });
const nllWeight = torch.tensor([0.5, 1.5, 1, 2, 0.7], f64);
const probs = torch.softmax(torch.rand(3, 4, { ...f64, generator: g }), 1);

export const NN_SAMPLES: Record<string, Sample> = {
  convolution: {
    inputs: () => [r([2, 4, 5, 5]), r([6, 2, 3, 3]), r([6])],
    fn: (x, w, b) => F.conv2d(x, w, b, { stride: 2, padding: 1, groups: 2 }),
  },
  im2col: { inputs: () => [r([1, 2, 4, 4])], fn: (x) => F.unfold(x, 2, { padding: 1, stride: 2 }) },
  col2im: { inputs: () => [r([1, 8, 6])], fn: (x) => F.fold(x, [3, 4], 2) },
  max_pool2d_with_indices: {
    inputs: () => [r([1, 2, 5, 5])],
    fn: (x) => F.max_pool2d(x, 3, { stride: 2, padding: 1 }),
    secondOrder: false,
  },
  max_pool2d_with_indices_backward: { inputs: () => [r([1, 2, 4, 4])], fn: backwardOf(maxPool, xPool) },
  max_pool2d_gather: {
    inputs: () => [r([1, 2, 5, 5])],
    fn: (v) => {
      const go = r([1, 2, 4, 4]);
      return grad1(backwardOf(maxPool, xPool)(go), go, v);
    },
  },
  avg_pool2d: {
    inputs: () => [r([1, 2, 5, 5])],
    fn: (x) => F.avg_pool2d(x, 3, { stride: 2, padding: 1, ceil_mode: true }),
  },
  adaptive_avg_pool2d: { inputs: () => [r([1, 2, 5, 7])], fn: (x) => F.adaptive_avg_pool2d(x, [2, 3]) },
  avg_pool2d_backward: { inputs: () => [r([1, 2, 3, 3])], fn: backwardOf(avgPool, xPool) },
  native_batch_norm: {
    inputs: () => [r([4, 3, 2]), r([3]), r([3])],
    fn: (x, w, b) => F.batch_norm(x, null, null, { weight: w, bias: b, training: true }),
    opts: { atol: 1e-4 },
  },
  native_layer_norm: {
    inputs: () => [r([2, 3, 4]), r([3, 4]), r([3, 4])],
    fn: (x, w, b) => F.layer_norm(x, [3, 4], { weight: w, bias: b }),
    opts: { atol: 1e-4 },
  },
  mse_loss: { inputs: () => [r([3, 4]), r([3, 4])], fn: (x, y) => F.mse_loss(x, y) },
  smooth_l1_loss: {
    inputs: () => [r([3, 4], 0.6, 1), r([3, 4], -0.2, 0.2)],
    fn: (x, y) => F.smooth_l1_loss(x, y, { beta: 0.3, reduction: "sum" }),
  },
  nll_loss: {
    inputs: () => [r([4, 5])],
    fn: (x) => F.nll_loss(x, torch.tensor([1, 0, 4, -100]), { weight: nllWeight }),
  },
  binary_cross_entropy: {
    inputs: () => [r([3, 4], 0.1, 0.9), r([3, 4], 0.1, 0.9)],
    fn: (x, y) => F.binary_cross_entropy(x, y),
  },
  binary_cross_entropy_with_logits: {
    inputs: () => [r([3, 4]), r([3, 4], 0.1, 0.9)],
    fn: (x, y) =>
      F.binary_cross_entropy_with_logits(x, y, { pos_weight: torch.tensor([0.5, 1, 2, 3], f64), reduction: "sum" }),
  },
  embedding: { inputs: () => [r([5, 3])], fn: (w) => emb(w) },
  embedding_dense_backward: { inputs: () => [r([2, 2, 3])], fn: backwardOf(emb, wEmb) },
  constant_pad_nd: { inputs: () => [r([2, 3, 4])], fn: (x) => F.pad(x, [1, -1, 2, 0], "constant", 0.5) },
  mul_scalar: {
    inputs: () => [r([3, 4])],
    fn: (x) => F.cross_entropy(x, torch.tensor([0, 3, 1]), { label_smoothing: 0.2 }),
  },
  div_scalar: { inputs: () => [r([3, 4])], fn: (x) => F.cross_entropy(x, probs) },
};
