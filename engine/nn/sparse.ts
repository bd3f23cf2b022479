import type { Tensor } from "../tensor/tensor.js";
import { empty } from "../tensor/creation.js";
import type { DType } from "../tensor/dtype.js";
import { no_grad } from "../autograd/grad_mode.js";
import { Module, pyArg } from "./module.js";
import { AssertionError } from "../errors.js";
import { Parameter } from "./parameter.js";
import * as init from "./init.js";
import * as F from "./functional.js";

export interface EmbeddingArgs {
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  sparse?: boolean;
  _weight?: Tensor | null;
  dtype?: DType;
}

/**
 * A lookup table of `num_embeddings` vectors of size `embedding_dim`, initialised from N(0, 1).
 * @example const emb = new nn.Embedding(10, 3); emb(torch.tensor([1, 2, 4]))
 */
export class Embedding extends Module {
  num_embeddings: number;
  embedding_dim: number;
  padding_idx: number | null;
  max_norm: number | null;
  norm_type: number;
  scale_grad_by_freq: boolean;
  sparse: boolean;
  weight: Parameter;
  constructor(num_embeddings: number, embedding_dim: number, a: EmbeddingArgs = {}) {
    super();
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    let pad = a.padding_idx ?? null;
    if (pad !== null) {
      if (pad > 0 && pad >= num_embeddings) throw new AssertionError("Padding_idx must be within num_embeddings");
      if (pad < 0 && pad < -num_embeddings) throw new AssertionError("Padding_idx must be within num_embeddings");
      if (pad < 0) pad += num_embeddings;
    }
    this.padding_idx = pad;
    this.max_norm = a.max_norm ?? null;
    this.norm_type = a.norm_type ?? 2;
    this.scale_grad_by_freq = a.scale_grad_by_freq ?? false;
    this.sparse = a.sparse ?? false;
    if (a._weight) {
      if (a._weight._shape.join() !== `${num_embeddings},${embedding_dim}`)
        throw new AssertionError("Shape of weight does not match num_embeddings and embedding_dim");
      this.weight = new Parameter(a._weight);
    } else {
      this.weight = new Parameter(empty([num_embeddings, embedding_dim], { dtype: a.dtype }));
      this.reset_parameters();
    }
  }
  /** N(0, 1), then the padding row zeroed. */
  reset_parameters(): void {
    init.normal_(this.weight);
    if (this.padding_idx !== null) no_grad(() => this.weight.select(0, this.padding_idx!).fill_(0));
  }
  override forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, {
      padding_idx: this.padding_idx,
      max_norm: this.max_norm,
      norm_type: this.norm_type,
      scale_grad_by_freq: this.scale_grad_by_freq,
      sparse: this.sparse,
    });
  }
  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    if (this.max_norm !== null) s += `, max_norm=${pyArg(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${pyArg(this.norm_type)}`;
    if (this.scale_grad_by_freq) s += ", scale_grad_by_freq=True";
    if (this.sparse) s += ", sparse=True";
    return s;
  }
  /** Embedding.from_pretrained(embeddings, {freeze = true, padding_idx, ...}) */
  static from_pretrained(embeddings: Tensor, opts: EmbeddingArgs & { freeze?: boolean } = {}): Embedding {
    if (embeddings.dim() !== 2) throw new AssertionError("Embeddings parameter is expected to be 2-dimensional");
    const [rows, cols] = embeddings._shape;
    const e = new Embedding(rows, cols, { ...opts, _weight: embeddings });
    e.weight.requires_grad_(!(opts.freeze ?? true));
    return e;
  }
}
