/**
 * The `torch.` functions of the join, shape, gather/scatter, sort, indexing and softmax families
 * (re-exports only; engine/torch.ts re-exports this file). Importing it also installs the
 * families' Tensor methods. (`repeat` is a Tensor method only, as in PyTorch.)
 */
export { cat, concat, concatenate, stack, hstack, vstack, row_stack, dstack, split, chunk, unbind } from "./join.js";
export {
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
} from "./shape_ops.js";
export {
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
} from "./gather_scatter.js";
export { sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique, searchsorted } from "./sort.js";
export { index_put, index_put_ } from "./indexing.js";
export { softmax, log_softmax } from "./softmax.js";
