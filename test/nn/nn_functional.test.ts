import { expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import * as F from "../../engine/nn/functional.js";
import { G, dec, expectTensor, nextFns, type Enc } from "./golden.js";
import { describeBackends } from "../support/backends.js";

type T = torch.Tensor;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K = any;

/** The same calls as nn_golden_cases.py, through gradlab's nn.functional. */
const CALLS: Record<string, (x: T[], k: K) => T | [T, T]> = {
  conv2d_basic: ([x, w, b]) => F.conv2d(x, w, b),
  conv2d_stride_pad: ([x, w, b], k) => F.conv2d(x, w, b, k),
  conv2d_dilation: ([x, w, b], k) => F.conv2d(x, w, b, k),
  conv2d_groups: ([x, w], k) => F.conv2d(x, w, null, k),
  conv2d_same_even: ([x, w, b], k) => F.conv2d(x, w, b, k),
  conv2d_rect: ([x, w, b], k) => F.conv2d(x, w, b, k),
  conv2d_const_input: ([x, w]) => F.conv2d(x, w),
  conv1d: ([x, w, b], k) => F.conv1d(x, w, b, k),
  conv1d_groups_dil: ([x, w], k) => F.conv1d(x, w, null, k),
  conv_transpose2d: ([x, w, b], k) => F.conv_transpose2d(x, w, b, k),
  conv_transpose2d_groups: ([x, w], k) => F.conv_transpose2d(x, w, null, k),
  conv_transpose1d: ([x, w, b], k) => F.conv_transpose1d(x, w, b, k),
  unfold: ([x], k) => F.unfold(x, k.kernel_size, k),
  fold: ([x], k) => F.fold(x, k.output_size, k.kernel_size),
  max_pool2d_basic: ([x], k) => F.max_pool2d(x, k.kernel_size, k),
  max_pool2d_pad: ([x], k) => F.max_pool2d(x, k.kernel_size, k),
  max_pool2d_ceil: ([x], k) => F.max_pool2d(x, k.kernel_size, k),
  max_pool2d_dilation: ([x], k) => F.max_pool2d(x, k.kernel_size, k),
  max_pool2d_indices: ([x], k) => F.max_pool2d(x, k.kernel_size, { ...k, return_indices: true }),
  avg_pool2d_basic: ([x], k) => F.avg_pool2d(x, k.kernel_size, k),
  avg_pool2d_pad: ([x], k) => F.avg_pool2d(x, k.kernel_size, k),
  avg_pool2d_nopad: ([x], k) => F.avg_pool2d(x, k.kernel_size, k),
  avg_pool2d_ceil: ([x], k) => F.avg_pool2d(x, k.kernel_size, k),
  avg_pool2d_divisor: ([x], k) => F.avg_pool2d(x, k.kernel_size, k),
  adaptive_avg_pool2d_1: ([x], k) => F.adaptive_avg_pool2d(x, k.output_size),
  adaptive_avg_pool2d_23: ([x], k) => F.adaptive_avg_pool2d(x, k.output_size),
  batch_norm_train: ([x, rm, rv, w, b], k) => F.batch_norm(x, rm, rv, { weight: w, bias: b, ...k }),
  batch_norm_eval: ([x, rm, rv, w, b], k) => F.batch_norm(x, rm, rv, { weight: w, bias: b, ...k }),
  batch_norm_1d: ([x, rm, rv, w, b], k) => F.batch_norm(x, rm, rv, { weight: w, bias: b, ...k }),
  layer_norm: ([x, w, b], k) => F.layer_norm(x, k.normalized_shape, { weight: w, bias: b }),
  layer_norm_2d_noaffine: ([x], k) => F.layer_norm(x, k.normalized_shape),
  linear_2d: ([x, w, b]) => F.linear(x, w, b),
  linear_1d: ([x, w, b]) => F.linear(x, w, b),
  linear_3d: ([x, w, b]) => F.linear(x, w, b),
  linear_nobias: ([x, w]) => F.linear(x, w),
  linear_const_input: ([x, w, b]) => F.linear(x, w, b),
  bilinear: ([a, b, w, bias]) => F.bilinear(a, b, w, bias),
  embedding: ([i, w]) => F.embedding(i, w),
  embedding_padding: ([i, w], k) => F.embedding(i, w, k),
  mse_mean: ([x, y]) => F.mse_loss(x, y),
  mse_sum: ([x, y], k) => F.mse_loss(x, y, k),
  mse_none: ([x, y], k) => F.mse_loss(x, y, k),
  l1_mean: ([x, y]) => F.l1_loss(x, y),
  l1_none: ([x, y], k) => F.l1_loss(x, y, k),
  smooth_l1_mean: ([x, y]) => F.smooth_l1_loss(x, y),
  smooth_l1_beta: ([x, y], k) => F.smooth_l1_loss(x, y, k),
  nll_mean: ([x, t]) => F.nll_loss(x, t),
  nll_sum_weight: ([x, t, w], k) => F.nll_loss(x, t, { weight: w, ...k }),
  nll_ignore: ([x, t]) => F.nll_loss(x, t),
  nll_none: ([x, t], k) => F.nll_loss(x, t, k),
  nll_4d: ([x, t]) => F.nll_loss(x, t),
  nll_1d: ([x, t]) => F.nll_loss(x, t),
  cross_entropy: ([x, t]) => F.cross_entropy(x, t),
  cross_entropy_weight_ignore: ([x, t, w], k) => F.cross_entropy(x, t, { weight: w, ...k }),
  cross_entropy_smoothing: ([x, t], k) => F.cross_entropy(x, t, k),
  cross_entropy_smoothing_weight: ([x, t, w], k) => F.cross_entropy(x, t, { weight: w, ...k }),
  cross_entropy_smoothing_sum: ([x, t], k) => F.cross_entropy(x, t, k),
  cross_entropy_none: ([x, t], k) => F.cross_entropy(x, t, k),
  cross_entropy_probs: ([x, t]) => F.cross_entropy(x, t),
  cross_entropy_probs_smoothing: ([x, t, w], k) => F.cross_entropy(x, t, { weight: w, ...k }),
  cross_entropy_4d: ([x, t]) => F.cross_entropy(x, t),
  bce_mean: ([x, t]) => F.binary_cross_entropy(x, t),
  bce_weight_sum: ([x, t, w], k) => F.binary_cross_entropy(x, t, { weight: w, ...k }),
  bce_none: ([x, t], k) => F.binary_cross_entropy(x, t, k),
  bce_logits_mean: ([x, t]) => F.binary_cross_entropy_with_logits(x, t),
  bce_logits_pos_weight: ([x, t, w, pw], k) =>
    F.binary_cross_entropy_with_logits(x, t, { weight: w, pos_weight: pw, ...k }),
  leaky_relu: ([x], k) => F.leaky_relu(x, k.negative_slope),
  gelu: ([x]) => F.gelu(x),
  gelu_tanh: ([x], k) => F.gelu(x, k),
};

/** Where PyTorch records internal nodes gradlab composes differently (only the top grad_fn is compared). */
const GRAPH_DIFFERS: Record<string, string> = {
  bilinear:
    "ATen computes _trilinear and then _reshape_alias (ReshapeAliasBackward0); gradlab composes matmul/mul/sum and a view",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const cases = Object.entries(G.functional as Record<string, any>).filter(([name]) => name !== "dropout");

describeBackends(
  "nn.functional matches PyTorch 1.13 (outputs, grad_fn, next_functions, gradients; rtol 1e-4, atol 1e-5)",
  () => {
    test("every golden case has a call", () => {
      expect(cases.map(([n]) => n).filter((n) => !CALLS[n])).toEqual([]);
    });
    for (const [name, c] of cases) {
      test(name, () => {
        const ins = (c.inputs as Enc[]).map(dec);
        const r = CALLS[name](ins, c.kwargs);
        const out = Array.isArray(r) ? r[0] : r;
        expectTensor(out, c.out, `${name} output`);
        if (c.indices) expectTensor((r as [T, T])[1], c.indices, `${name} indices`, { rtol: 0, atol: 0 });
        expect(out.grad_fn ? out.grad_fn.name() : null, "grad_fn").toBe(c.grad_fn);
        if (c.next_functions && !GRAPH_DIFFERS[name]) expect(nextFns(out), "next_functions").toEqual(c.next_functions);
        if (c.gout) {
          out.backward(dec(c.gout));
          (c.grads as (Enc | null)[]).forEach((g, i) => {
            if (g) expectTensor(ins[i].grad, g, `${name} grad of input ${i}`);
          });
        }
        if (c.running_after) {
          expectTensor(ins[1], c.running_after[0], "running_mean after");
          expectTensor(ins[2], c.running_after[1], "running_var after");
        }
      });
    }

    test("dropout: PyTorch's bernoulli mask stream after manual_seed(0), MulBackward0 [Acc, None]", () => {
      const d = G.functional.dropout;
      torch.manual_seed(0);
      const x = torch.arange(1, 21, { dtype: torch.float32 }).reshape(4, 5).div(7).requires_grad_();
      const y = F.dropout(x, 0.3);
      expectTensor(y, d.out, "dropout output", { rtol: 0, atol: 0 });
      expect(y.grad_fn!.name()).toBe(d.grad_fn);
      expect(nextFns(y)).toEqual(d.next_functions);
      y.backward(torch.ones_like(y));
      expectTensor(x.grad, d.grad, "dropout grad", { rtol: 0, atol: 0 });
      expectTensor(torch.rand(3), d.after, "the stream continues", { rtol: 0, atol: 0 });
    });

    test("dropout is the identity when not training or p = 0", () => {
      const x = torch.randn(3);
      expect(F.dropout(x, 0.5, false)).toBe(x);
      expect(F.dropout(x, 0)).toBe(x);
    });
  },
);
