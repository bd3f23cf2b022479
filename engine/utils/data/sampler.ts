/**
 * torch.utils.data's samplers (mirrors torch/utils/data/sampler.py), with the same generator
 * calls as PyTorch 1.13 so a seed gives PyTorch's order: RandomSampler without a generator draws
 * a seed with `torch.empty((), dtype=torch.int64).random_()` from the default generator, seeds a
 * fresh Generator with it and takes `randperm(n)` from that.
 */
import { TypeError as PyTypeError, ValueError } from "../../errors.js";
import { Tensor } from "../../tensor/tensor.js";
import { tensor } from "../../tensor/creation.js";
import { float64 } from "../../tensor/dtype.js";
import { Generator, default_generator } from "../../random/generator.js";
import { randintFill, randpermValues } from "../../random/distributions.js";
import { multinomial } from "../../ops/random_ops.js";
import { datasetLength, type MapDataset } from "./dataset.js";

/** Anything that yields indices (or batches of them) and may know how many. */
export abstract class Sampler<T = number> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;
  /** Python's `__iter__`, for samplers written with PyTorch's method names. */
  __iter__(): Iterator<T> {
    return this[Symbol.iterator]();
  }
  __len__(): number {
    throw new PyTypeError(`object of type '${this.constructor.name}' has no len()`);
  }
  get length(): number {
    return this.__len__();
  }
}

/** A sampler, or any iterable of indices (an array works). */
export type SamplerLike<T = number> = Sampler<T> | Iterable<T>;

/** The length of a sampler or array, as `len()` finds it. */
export function samplerLength(s: SamplerLike<unknown>): number {
  if (s instanceof Sampler) return s.length;
  const len = (s as { length?: unknown }).length;
  if (typeof len === "number") return len;
  throw new PyTypeError(`object of type '${(s as object).constructor?.name ?? "iterable"}' has no len()`);
}

/** 0, 1, ..., len(data_source) - 1 */
export class SequentialSampler extends Sampler<number> {
  constructor(readonly data_source: MapDataset<unknown>) {
    super();
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0, n = datasetLength(this.data_source); i < n; i++) yield i;
  }
  override __len__(): number {
    return datasetLength(this.data_source);
  }
}

/** The seed PyTorch's samplers draw when no generator was given: an int64 random_() from the default generator. */
export function drawSeed(g: Generator = default_generator): bigint {
  return g.random64() & 0x7fffffffffffffffn;
}

export interface RandomSamplerOptions {
  replacement?: boolean;
  num_samples?: number | null;
  generator?: Generator | null;
}

/** A random permutation of the dataset (or num_samples draws with replacement). */
export class RandomSampler extends Sampler<number> {
  readonly replacement: boolean;
  readonly generator: Generator | null;
  private readonly _num_samples: number | null;
  constructor(
    readonly data_source: MapDataset<unknown>,
    opts: RandomSamplerOptions = {},
  ) {
    super();
    this.replacement = opts.replacement ?? false;
    this._num_samples = opts.num_samples ?? null;
    this.generator = opts.generator ?? null;
    if (typeof this.replacement !== "boolean")
      throw new PyTypeError(`replacement should be a boolean value, but got replacement=${this.replacement}`);
    if (!Number.isInteger(this.num_samples) || this.num_samples <= 0)
      throw new ValueError(`num_samples should be a positive integer value, but got num_samples=${this.num_samples}`);
  }
  get num_samples(): number {
    return this._num_samples ?? datasetLength(this.data_source);
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = datasetLength(this.data_source);
    const generator = this.generator ?? new Generator().manual_seed(drawSeed());
    const m = this.num_samples;
    if (this.replacement) {
      // PyTorch draws in chunks of 32: randint(high=n, size=(32,)).
      const chunk = (k: number) => {
        const b = new Float64Array(k);
        randintFill(generator, b, 0, n);
        return b;
      };
      for (let c = 0; c < Math.floor(m / 32); c++) yield* chunk(32);
      yield* chunk(m % 32);
    } else {
      for (let c = 0; c < Math.floor(m / n); c++) yield* randpermValues(generator, n);
      yield* randpermValues(generator, n).subarray(0, m % n);
    }
  }
  override __len__(): number {
    return this.num_samples;
  }
}

/** The given indices in a random order (randperm(len(indices))). */
export class SubsetRandomSampler extends Sampler<number> {
  readonly generator: Generator | null;
  constructor(
    readonly indices: readonly number[],
    opts: { generator?: Generator | null } = {},
  ) {
    super();
    this.generator = opts.generator ?? null;
  }
  *[Symbol.iterator](): Iterator<number> {
    for (const i of randpermValues(this.generator ?? default_generator, this.indices.length)) yield this.indices[i];
  }
  override __len__(): number {
    return this.indices.length;
  }
}

/** num_samples indices drawn with probabilities proportional to weights (torch.multinomial). */
export class WeightedRandomSampler extends Sampler<number> {
  readonly weights: Tensor;
  readonly replacement: boolean;
  readonly generator: Generator | null;
  constructor(
    weights: Tensor | readonly number[],
    readonly num_samples: number,
    opts: { replacement?: boolean; generator?: Generator | null } | boolean = {},
  ) {
    super();
    const o = typeof opts === "boolean" ? { replacement: opts } : opts;
    if (!Number.isInteger(num_samples) || typeof num_samples === "boolean" || num_samples <= 0)
      throw new ValueError(`num_samples should be a positive integer value, but got num_samples=${num_samples}`);
    this.replacement = o.replacement ?? true;
    if (typeof this.replacement !== "boolean")
      throw new ValueError(`replacement should be a boolean value, but got replacement=${this.replacement}`);
    const w = weights instanceof Tensor ? weights.to(float64) : tensor(weights as number[], { dtype: float64 });
    if (w.ndim !== 1) throw new ValueError(`weights should be a 1d sequence but given weights have shape ${w.shape}`);
    this.weights = w;
    this.generator = o.generator ?? null;
  }
  *[Symbol.iterator](): Iterator<number> {
    const r = multinomial(this.weights, this.num_samples, this.replacement, {
      generator: this.generator ?? default_generator,
    });
    yield* r.tolist() as number[];
  }
  override __len__(): number {
    return this.num_samples;
  }
}

/** Groups another sampler's indices into lists of batch_size (the last one shorter unless drop_last). */
export class BatchSampler extends Sampler<number[]> {
  readonly batch_size: number;
  readonly drop_last: boolean;
  constructor(
    readonly sampler: SamplerLike<number>,
    batch_size: number | { batch_size: number; drop_last: boolean },
    drop_last?: boolean,
  ) {
    super();
    if (typeof batch_size === "object") ({ batch_size, drop_last } = batch_size);
    if (!Number.isInteger(batch_size) || typeof batch_size === "boolean" || batch_size <= 0)
      throw new ValueError(`batch_size should be a positive integer value, but got batch_size=${batch_size}`);
    if (typeof drop_last !== "boolean")
      throw new ValueError(`drop_last should be a boolean value, but got drop_last=${drop_last}`);
    this.batch_size = batch_size;
    this.drop_last = drop_last;
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const idx of this.sampler) {
      batch.push(idx);
      if (batch.length === this.batch_size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.drop_last) yield batch;
  }
  override __len__(): number {
    const n = samplerLength(this.sampler);
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
}
