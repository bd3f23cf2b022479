/**
 * torch.utils.data: datasets, samplers, DataLoader and collation.
 * @example const loader = new torch.utils.data.DataLoader(new TensorDataset(x, y), {batch_size: 16, shuffle: true})
 */
export { Dataset, IterableDataset, TensorDataset, Subset, ConcatDataset, random_split } from "./dataset.js";
export {
  Sampler,
  SequentialSampler,
  RandomSampler,
  SubsetRandomSampler,
  WeightedRandomSampler,
  BatchSampler,
} from "./sampler.js";
export { DataLoader, type DataLoaderOptions } from "./dataloader.js";
export { default_collate, default_convert, type Collated } from "./collate.js";
