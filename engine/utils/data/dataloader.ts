/**
 * torch.utils.data.DataLoader (mirrors torch/utils/data/dataloader.py with num_workers=0): a
 * sampler picks indices, a batch sampler groups them, the dataset is indexed and collate_fn makes
 * the batch. Every `for (... of loader)` starts a new pass and, like PyTorch's
 * _BaseDataLoaderIter, first draws a base seed from the loader's generator (or the default one),
 * so the random stream after a pass matches PyTorch's too.
 */
import { ValueError, TypeError as PyTypeError, warnOnce } from "../../errors.js";
import { type Generator, default_generator } from "../../random/generator.js";
import { Dataset, IterableDataset, datasetItem, datasetLength, type MapDataset } from "./dataset.js";
import {
  BatchSampler,
  RandomSampler,
  SequentialSampler,
  drawSeed,
  samplerLength,
  type SamplerLike,
} from "./sampler.js";
import { default_collate, default_convert, type Collated } from "./collate.js";

export interface DataLoaderOptions<T, B> {
  /** Samples per batch (default 1); null turns batching off and yields single samples. */
  batch_size?: number | null;
  /** Reshuffle at every pass (a RandomSampler). */
  shuffle?: boolean | null;
  sampler?: SamplerLike<number> | null;
  batch_sampler?: SamplerLike<number[]> | null;
  /** Accepted for PyTorch's code; gradlab loads in the main thread (num_workers=0 semantics). */
  num_workers?: number;
  collate_fn?: ((batch: T[]) => B) | null;
  pin_memory?: boolean;
  drop_last?: boolean;
  timeout?: number;
  worker_init_fn?: ((worker_id: number) => void) | null;
  generator?: Generator | null;
  prefetch_factor?: number;
  persistent_workers?: boolean;
}

/** Batches of a dataset: `for (const [xb, yb] of new DataLoader(ds, {batch_size: 64, shuffle: true}))`. */
export class DataLoader<T = unknown, B = Collated<T>> implements Iterable<B> {
  readonly dataset: MapDataset<T> | IterableDataset<T>;
  readonly batch_size: number | null;
  readonly drop_last: boolean;
  readonly sampler: SamplerLike<number> | null;
  readonly batch_sampler: SamplerLike<number[]> | null;
  readonly num_workers: number;
  readonly collate_fn: (batch: T[]) => B;
  readonly generator: Generator | null;
  readonly pin_memory: boolean;
  readonly timeout: number;

  constructor(
    dataset: MapDataset<T> | IterableDataset<T>,
    batchSizeOrOptions?: number | null | DataLoaderOptions<T, B>,
    options: DataLoaderOptions<T, B> = {},
  ) {
    const o: DataLoaderOptions<T, B> =
      typeof batchSizeOrOptions === "object" && batchSizeOrOptions !== null
        ? batchSizeOrOptions
        : { ...options, batch_size: batchSizeOrOptions === undefined ? options.batch_size : batchSizeOrOptions };
    const num_workers = o.num_workers ?? 0;
    if (num_workers < 0)
      throw new ValueError("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
    if ((o.timeout ?? 0) < 0) throw new ValueError("timeout option should be non-negative");
    if (num_workers > 0)
      warnOnce(
        "gradlab's DataLoader loads batches in the main thread; num_workers is accepted and ignored (num_workers=0 semantics).",
      );
    this.dataset = dataset;
    this.num_workers = num_workers;
    this.pin_memory = o.pin_memory ?? false;
    this.timeout = o.timeout ?? 0;
    this.generator = o.generator ?? null;
    let batch_size = o.batch_size === undefined ? 1 : o.batch_size;
    let drop_last = o.drop_last ?? false;
    const shuffle = o.shuffle ?? null;
    let sampler = o.sampler ?? null;
    let batch_sampler = o.batch_sampler ?? null;

    if (dataset instanceof IterableDataset) {
      if (shuffle !== null && shuffle !== false)
        throw new ValueError(
          `DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${pyBool(shuffle)}`,
        );
      if (sampler !== null)
        throw new ValueError(
          `DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=${sampler}`,
        );
      if (batch_sampler !== null)
        throw new ValueError(
          `DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler=${batch_sampler}`,
        );
    } else if (!(dataset instanceof Dataset) && typeof (dataset as ArrayLike<T>).length !== "number") {
      throw new PyTypeError("DataLoader expects a Dataset, an IterableDataset or an array of samples");
    }
    if (sampler !== null && shuffle) throw new ValueError("sampler option is mutually exclusive with shuffle");
    if (batch_sampler !== null) {
      if (batch_size !== 1 || shuffle || sampler !== null || drop_last)
        throw new ValueError(
          "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last",
        );
      batch_size = null;
      drop_last = false;
    } else if (batch_size === null && drop_last) {
      throw new ValueError("batch_size=None option disables auto-batching and is mutually exclusive with drop_last");
    }
    if (sampler === null && !(dataset instanceof IterableDataset))
      sampler = shuffle
        ? new RandomSampler(dataset as MapDataset<T>, { generator: this.generator })
        : new SequentialSampler(dataset as MapDataset<T>);
    if (batch_size !== null && batch_sampler === null && sampler !== null)
      batch_sampler = new BatchSampler(sampler, batch_size, drop_last);
    this.batch_size = batch_size;
    this.drop_last = drop_last;
    this.sampler = sampler;
    this.batch_sampler = batch_sampler;
    const autoCollation = batch_sampler !== null || (dataset instanceof IterableDataset && batch_size !== null);
    this.collate_fn =
      o.collate_fn ?? ((autoCollation ? default_collate : default_convert) as unknown as (batch: T[]) => B);
  }

  /** len(loader): the number of batches (or of samples without batching). */
  get length(): number {
    return this.__len__();
  }
  __len__(): number {
    if (this.dataset instanceof IterableDataset) {
      const n = datasetLength(this.dataset);
      if (this.batch_size === null) return n;
      return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
    }
    return samplerLength((this.batch_sampler ?? this.sampler)!);
  }

  *[Symbol.iterator](): Iterator<B> {
    // _BaseDataLoaderIter.__init__ draws this before the sampler's first index.
    drawSeed(this.generator ?? default_generator);
    yield* this.batches();
  }
  /** Python's `iter(loader)`. */
  __iter__(): Iterator<B> {
    return this[Symbol.iterator]();
  }

  private *batches(): Generator_<B> {
    const collate = this.collate_fn as (batch: unknown) => B;
    if (this.dataset instanceof IterableDataset) {
      if (this.batch_size === null) {
        for (const item of this.dataset) yield collate(item);
        return;
      }
      let batch: T[] = [];
      for (const item of this.dataset) {
        batch.push(item);
        if (batch.length === this.batch_size) {
          yield collate(batch);
          batch = [];
        }
      }
      if (batch.length > 0 && !this.drop_last) yield collate(batch);
      return;
    }
    const ds = this.dataset as MapDataset<T>;
    if (this.batch_sampler !== null) {
      for (const indices of this.batch_sampler) yield collate(indices.map((i) => datasetItem(ds, i)));
    } else {
      for (const i of this.sampler!) yield collate(datasetItem(ds, i));
    }
  }
}

type Generator_<T> = globalThis.Generator<T, void, undefined>;

function pyBool(v: unknown): string {
  return v === true ? "True" : v === false ? "False" : String(v);
}
