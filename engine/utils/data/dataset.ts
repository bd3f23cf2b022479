/**
 * torch.utils.data's datasets (mirrors torch/utils/data/dataset.py): Dataset, IterableDataset,
 * TensorDataset, Subset, ConcatDataset and random_split.
 *
 * A map-style dataset answers `__len__()` and `__getitem__(i)` (PyTorch's names); `length` and
 * `at(i)` are the same two questions in JavaScript's words, and either pair may be overridden.
 */
import { IndexError, NotImplementedError, TypeError as PyTypeError, ValueError, warnOnce } from "../../errors.js";
import { Tensor } from "../../tensor/tensor.js";
import { Generator, default_generator } from "../../random/generator.js";
import { randpermValues } from "../../random/distributions.js";

/** A map-style dataset: subclass and define `__getitem__(i)` and `__len__()` (or `at(i)` and `get length()`). */
export abstract class Dataset<T = unknown> {
  __getitem__(index: number): T {
    // Reached only when a subclass defines neither __getitem__ nor at.
    if (Object.getPrototypeOf(this).at !== Dataset.prototype.at) return this.at(index);
    throw new NotImplementedError(`Subclasses of Dataset should implement __getitem__.`);
  }
  __len__(): number {
    if (Object.getOwnPropertyDescriptor(Dataset.prototype, "length")!.get !== lengthGetter(this)) return this.length;
    throw new PyTypeError(`object of type '${this.constructor.name}' has no len()`);
  }
  /** `dataset[i]` */
  at(index: number): T {
    return this.__getitem__(index);
  }
  /** `len(dataset)` */
  get length(): number {
    return this.__len__();
  }
  /** `dataset + other` in Python: a ConcatDataset of the two. */
  __add__(other: Dataset<T>): ConcatDataset<T> {
    return new ConcatDataset([this, other]);
  }
}

function lengthGetter(obj: object): unknown {
  for (let p = Object.getPrototypeOf(obj); p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, "length");
    if (d) return d.get;
  }
  return undefined;
}

/** A dataset whose items come from iterating it (`*[Symbol.iterator]()` or `__iter__()`); it has no index. */
export abstract class IterableDataset<T = unknown> {
  __iter__(): Iterator<T> {
    throw new NotImplementedError(`Subclasses of IterableDataset should implement __iter__.`);
  }
  [Symbol.iterator](): Iterator<T> {
    return this.__iter__();
  }
}

/** Anything a Subset, random_split or DataLoader can index: a Dataset or a plain array. */
export type MapDataset<T> = Dataset<T> | ArrayLike<T>;

/** len(dataset) for a Dataset or an array. */
export function datasetLength(ds: MapDataset<unknown> | IterableDataset<unknown>): number {
  if (ds instanceof IterableDataset) {
    const len = (ds as unknown as { __len__?: () => number }).__len__;
    if (typeof len !== "function") throw new PyTypeError(`object of type '${ds.constructor.name}' has no len()`);
    return len.call(ds);
  }
  return ds.length;
}

/** dataset[i] for a Dataset or an array. */
export function datasetItem<T>(ds: MapDataset<T>, i: number): T {
  if (ds instanceof Dataset) return ds.at(i);
  if (i < 0) i += ds.length;
  if (i < 0 || i >= ds.length) throw new IndexError("list index out of range");
  return ds[i];
}

/** Each item is the tuple of the tensors' rows at that index: `new TensorDataset(x, y).at(0)` is `[x[0], y[0]]`. */
export class TensorDataset<T extends Tensor[] = Tensor[]> extends Dataset<T> {
  readonly tensors: T;
  constructor(...tensors: T) {
    super();
    if (!tensors.every((t) => t instanceof Tensor)) throw new PyTypeError("TensorDataset expects tensors");
    if (tensors.length && !tensors.every((t) => t.ndim > 0 && t._shape[0] === tensors[0]._shape[0]))
      throw new Error("AssertionError: Size mismatch between tensors");
    this.tensors = tensors;
  }
  override __getitem__(index: number): T {
    return this.tensors.map((t) => t.select(0, index)) as T;
  }
  override __len__(): number {
    return this.tensors.length ? this.tensors[0]._shape[0] : 0;
  }
}

/** The items of `dataset` at `indices`, in that order. */
export class Subset<T = unknown> extends Dataset<T> {
  constructor(
    readonly dataset: MapDataset<T>,
    readonly indices: readonly number[],
  ) {
    super();
  }
  override __getitem__(idx: number | readonly number[]): T {
    if (Array.isArray(idx)) return idx.map((i) => datasetItem(this.dataset, this.indices[i])) as T;
    return datasetItem(this.dataset, datasetItem(this.indices, idx as number));
  }
  override __len__(): number {
    return this.indices.length;
  }
}

/** Several datasets one after another. */
export class ConcatDataset<T = unknown> extends Dataset<T> {
  readonly datasets: MapDataset<T>[];
  /** Running totals of the datasets' lengths (PyTorch's cumulative_sizes). */
  readonly cumulative_sizes: number[];
  constructor(datasets: Iterable<MapDataset<T>>) {
    super();
    this.datasets = [...datasets];
    if (this.datasets.length === 0) throw new Error("AssertionError: datasets should not be an empty iterable");
    for (const d of this.datasets)
      if ((d as unknown) instanceof IterableDataset)
        throw new Error("AssertionError: ConcatDataset does not support IterableDataset");
    let total = 0;
    this.cumulative_sizes = this.datasets.map((d) => (total += datasetLength(d)));
  }
  override __len__(): number {
    return this.cumulative_sizes[this.cumulative_sizes.length - 1];
  }
  override __getitem__(idx: number): T {
    if (idx < 0) {
      if (-idx > this.length) throw new ValueError("absolute value of index should not exceed dataset length");
      idx += this.length;
    }
    // bisect_right over the running totals
    let d = 0;
    while (d < this.cumulative_sizes.length && this.cumulative_sizes[d] <= idx) d++;
    if (d >= this.datasets.length) throw new IndexError("list index out of range");
    const sample = d === 0 ? idx : idx - this.cumulative_sizes[d - 1];
    return datasetItem(this.datasets[d], sample);
  }
}

/**
 * Split a dataset into non-overlapping Subsets of the given lengths, or of fractions summing to 1
 * (the remainder is handed out one by one from the first split, as PyTorch 1.13 does). The order
 * is `torch.randperm(n, generator)`, so the same seed gives PyTorch's split.
 * @example random_split(range(10), [3, 7], {generator: new Generator().manual_seed(42)})
 */
export function random_split<T>(
  dataset: MapDataset<T>,
  lengths: readonly number[],
  opts: { generator?: Generator } | Generator = {},
): Subset<T>[] {
  const generator = opts instanceof Generator ? opts : (opts.generator ?? default_generator);
  const n = datasetLength(dataset);
  let sizes = [...lengths];
  const total = sizes.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) <= 1e-9 && total <= 1) {
    sizes = lengths.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new ValueError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) sizes[i % sizes.length] += 1;
    sizes.forEach((len, i) => {
      if (len === 0) warnOnce(`Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  if (sizes.reduce((a, b) => a + b, 0) !== n)
    throw new ValueError("Sum of input lengths does not equal the length of the input dataset!");
  const indices = Array.from(randpermValues(generator, n));
  let offset = 0;
  return sizes.map((len) => new Subset(dataset, indices.slice(offset, (offset += len))));
}
