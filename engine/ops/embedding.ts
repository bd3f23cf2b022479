/**
 * F.embedding: rows of a weight matrix picked by integer indices (EmbeddingBackward0; the
 * indices are an attribute, so next_functions has only the weight). The backward adds the
 * gradient rows into a dense zero matrix, skipping padding_idx, and is itself an op whose
 * backward is the row lookup again (double backward).
 */
import { tensorArg, kwargs } from "../tensor/arg_parser.js";
import { IndexError, RuntimeError } from "../errors.js";
import { int64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { no_grad } from "../autograd/grad_mode.js";
import { call, defineOp, type OpOf } from "./define.js";
import { make } from "./util.js";
import { rowMajor } from "./index_util.js";

type EmbAttrs = { indices: Tensor; padding_idx: number | null; maskPadding: boolean };

function checkedIndices(indices: Tensor, rows: number): ArrayLike<number> {
  const iv = rowMajor(indices);
  for (let i = 0; i < iv.length; i++)
    if (iv[i] < 0 || iv[i] >= rows) throw new IndexError("index out of range in self");
  return iv;
}

export const embeddingOp: OpOf<EmbAttrs, readonly ["weight"]> = defineOp({
  name: "embedding",
  gradFn: "EmbeddingBackward0",
  inputs: ["weight"],
  forward: ([w], { indices, padding_idx, maskPadding }: EmbAttrs) => {
    const [rows, D] = w._shape,
      wv = rowMajor(w),
      iv = checkedIndices(indices, rows);
    const out = new w.dtype.ArrayType(iv.length * D);
    for (let i = 0; i < iv.length; i++) {
      if (maskPadding && iv[i] === padding_idx) continue;
      out.set(wv.subarray(iv[i] * D, iv[i] * D + D), i * D);
    }
    return make(out, [...indices._shape, D], w.dtype);
  },
  backward: {
    weight: (g, _s, m): Tensor =>
      call(embeddingBackwardOp, [g], { indices: m.indices, padding_idx: m.padding_idx, rows: m.shapes[0][0] }),
  },
});

type EmbBwdAttrs = { indices: Tensor; padding_idx: number | null; rows: number };
export const embeddingBackwardOp: OpOf<EmbBwdAttrs, readonly ["grad_output"]> = defineOp({
  internal: { goldens: "the backward of embedding: reached only by double backward" },
  name: "embedding_dense_backward",
  gradFn: "EmbeddingDenseBackwardBackward0",
  inputs: ["grad_output"],
  forward: ([g], { indices, padding_idx, rows }: EmbBwdAttrs) => {
    const D = g._shape[g._shape.length - 1],
      gv = rowMajor(g),
      iv = rowMajor(indices);
    const acc = new Float64Array(rows * D);
    for (let i = 0; i < iv.length; i++) {
      if (iv[i] === padding_idx) continue;
      const o = iv[i] * D;
      for (let d = 0; d < D; d++) acc[o + d] += gv[i * D + d];
    }
    return make(new g.dtype.ArrayType(acc), [rows, D], g.dtype);
  },
  backward: {
    grad_output: (gg, _s, m): Tensor =>
      call(embeddingOp, [gg], { indices: m.indices, padding_idx: m.padding_idx, maskPadding: true }),
  },
});

export interface EmbeddingOptions {
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  sparse?: boolean;
}

/**
 * F.embedding(input (int64 indices), weight [num_embeddings, dim], {padding_idx, max_norm, norm_type}).
 * With max_norm, the looked-up rows of weight are renormalised in place first (as PyTorch).
 */
export function embedding(input: Tensor, weight: Tensor, opts: EmbeddingOptions | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("embedding", input);
  tensorArg("embedding", weight, "weight", 2);
  if (input.dtype !== int64 && input.dtype.name !== "int32")
    throw new RuntimeError(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${input.dtype.legacyName} instead (while checking arguments for embedding)`,
    );
  if (opts.sparse) throw new RuntimeError("gradlab has no sparse tensors: use sparse=false");
  if (opts.scale_grad_by_freq) throw new RuntimeError("scale_grad_by_freq is not supported in gradlab");
  const rows = weight._shape[0];
  let pad = opts.padding_idx ?? null;
  if (pad !== null) {
    if (pad >= rows || pad < -rows) throw new RuntimeError("Padding_idx must be within num_embeddings");
    if (pad < 0) pad += rows;
  }
  if (opts.max_norm !== undefined && opts.max_norm !== null)
    embeddingRenorm(weight, input, opts.max_norm, opts.norm_type ?? 2);
  return call(embeddingOp, [weight], { indices: input, padding_idx: pad, maskPadding: false });
}

/** embedding_renorm_: rows whose norm exceeds max_norm are scaled to max_norm / (norm + 1e-7). */
function embeddingRenorm(weight: Tensor, indices: Tensor, maxNorm: number, p: number): void {
  no_grad(() => {
    const seen = new Set(Array.from(checkedIndices(indices, weight._shape[0])));
    for (const i of [...seen].sort((a, b) => a - b)) {
      const row = weight.select(0, i);
      const norm = row.norm(p).item();
      if (norm > maxNorm) row.mul_(maxNorm / (norm + 1e-7));
    }
  });
}
