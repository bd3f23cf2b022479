/**
 * Gradcheck samples (test/autograd/op_samples.ts format) for the ops of join, shape_ops,
 * gather_scatter, sort, indexing and softmax. To be spread into SAMPLES:
 * `export const SAMPLES = { ...CORE_SAMPLES, ...INDEX_SAMPLES }`.
 * `_unique2` has no sample: its backward raises NotImplementedError, as PyTorch's Unique2Backward0.
 */
import * as torch from "../../engine/index.js";
import { r, type Sample } from "../autograd/op_samples.js";

const { cat, stack, diag, trace, index_put, softmax } = torch;

type T = torch.Tensor;
const long = (v: number[] | number[][]) => torch.tensor(v);
const mask = () =>
  torch.tensor([
    [true, false, true],
    [false, true, true],
  ]);

export const INDEX_SAMPLES: Record<string, Sample> = {
  cat: { inputs: () => [r([2, 3]), r([1, 3])], fn: (a, b) => cat([a, b]) },
  stack: { inputs: () => [r([2, 3]), r([2, 3])], fn: (a, b) => stack([a, b], 1) },
  split: { inputs: () => [r([2, 5])], fn: (a) => a.split(2, 1)[1] },
  unbind: { inputs: () => [r([3, 2])], fn: (a) => a.unbind(1)[0] },
  flip: { inputs: () => [r([2, 3])], fn: (a) => a.flip(0, 1) },
  roll: { inputs: () => [r([2, 3])], fn: (a) => a.roll([1, -1], [0, 1]) },
  repeat: { inputs: () => [r([2, 3])], fn: (a) => a.repeat(2, 1, 2) },
  diagonal_scatter: { inputs: () => [r([3, 3]), r([2])], fn: (a, s) => a.diagonal_scatter(s, 1) },
  select_scatter: { inputs: () => [r([2, 3]), r([3])], fn: (a, s) => a.select_scatter(s, 0, 1) },
  slice_scatter: { inputs: () => [r([4, 3]), r([2, 3])], fn: (a, s) => a.slice_scatter(s, 0, 0, 4, 2) },
  tril_triu: { inputs: () => [r([3, 4])], fn: (a) => a.tril(1) },
  diag: { inputs: () => [r([3])], fn: (a) => diag(a, -1) },
  trace: { inputs: () => [r([3, 4])], fn: (a) => trace(a) },
  gather: {
    inputs: () => [r([3, 3])],
    fn: (a) =>
      a.gather(
        1,
        long([
          [0, 2],
          [1, 1],
          [2, 0],
        ]),
      ),
  },
  scatter: { inputs: () => [r([3, 3]), r([3, 1])], fn: (a, s) => a.scatter(1, long([[0], [2], [1]]), s) },
  scatter_value: { inputs: () => [r([3, 3])], fn: (a) => a.scatter(1, long([[0], [2], [1]]), 0.5) },
  scatter_add: {
    inputs: () => [r([3, 3]), r([3, 2])],
    fn: (a, s) =>
      a.scatter_add(
        1,
        long([
          [0, 0],
          [2, 1],
          [1, 1],
        ]),
        s,
      ),
  },
  index_select: { inputs: () => [r([2, 3])], fn: (a) => a.index_select(1, long([2, 0, 2])) },
  index_fill: { inputs: () => [r([2, 3])], fn: (a) => a.index_fill(1, long([0, 2]), -1) },
  index_fill_tensor: { inputs: () => [r([2, 3]), r([])], fn: (a, v) => a.index_fill(1, long([0, 2]), v) },
  index_add: { inputs: () => [r([2, 3]), r([2, 2])], fn: (a, s) => a.index_add(1, long([0, 0]), s, { alpha: 2 }) },
  index_copy: { inputs: () => [r([2, 3]), r([2, 2])], fn: (a, s) => a.index_copy(1, long([2, 0]), s) },
  masked_select: { inputs: () => [r([2, 3])], fn: (a) => a.masked_select(mask()) },
  masked_scatter: { inputs: () => [r([2, 3]), r([5])], fn: (a, s) => a.masked_scatter(mask(), s) },
  take: {
    inputs: () => [r([2, 3])],
    fn: (a) =>
      a.take(
        long([
          [0, -1],
          [2, 2],
        ]),
      ),
  },
  sort: { inputs: () => [r([2, 4])], fn: (a) => a.sort(1, true).values },
  topk: { inputs: () => [r([2, 4])], fn: (a) => a.topk(2).values },
  kthvalue: { inputs: () => [r([2, 4])], fn: (a) => a.kthvalue(2, 1).values },
  median_dim: { inputs: () => [r([3, 3])], fn: (a) => a.median(0).values },
  nanmedian_dim: { inputs: () => [r([3, 3])], fn: (a) => a.nanmedian(1, true).values },
  mode: { inputs: () => [r([2, 3])], fn: (a) => a.mode(1).values },
  median: { inputs: () => [r([5])], fn: (a) => a.median() },
  nanmedian: { inputs: () => [r([2, 3])], fn: (a) => a.nanmedian() },
  index: { inputs: () => [r([3, 2, 2])], fn: (a) => a.index([[0, 2, 2], ":", 1]) },
  index_put: { inputs: () => [r([3, 2]), r([3, 2])], fn: (a, v) => index_put(a, [long([0, 2, 0])], v, true) },
  alias: { inputs: () => [r([2, 3])], fn: (a) => a.index("...") },
  softmax: { inputs: () => [r([2, 4])], fn: (a: T) => softmax(a, 1).add(a.log_softmax(0)) },
};
