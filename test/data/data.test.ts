import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import {
  DataLoader,
  Dataset,
  IterableDataset,
  TensorDataset,
  ConcatDataset,
  random_split,
  RandomSampler,
  SequentialSampler,
  BatchSampler,
  SubsetRandomSampler,
  WeightedRandomSampler,
  default_collate,
} from "../../engine/utils/data/index.js";

// Written by generate_data_goldens.py from real PyTorch 1.13.
const G = JSON.parse(readFileSync(new URL("./data_goldens.json", import.meta.url), "utf8"));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const idxDs = (n: number) => new TensorDataset(torch.arange(n));
const batches = (loader: Iterable<torch.Tensor[]>) => [...loader].map((b) => b[0].tolist());
const drawnAfter = () => torch.randint(0, 1000000, [3]).tolist();
const errorOf = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

type Desc =
  | { tensor: unknown; dtype: string; shape: number[] }
  | { dict: Record<string, Desc> }
  | { list: Desc[] }
  | { value: unknown };
function desc(v: unknown): Desc {
  if (v instanceof torch.Tensor) return { tensor: v.tolist(), dtype: String(v.dtype), shape: [...v.shape] };
  if (Array.isArray(v)) return { list: v.map(desc) };
  if (typeof v === "object" && v !== null)
    return { dict: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, desc(x)])) };
  return { value: v };
}

describe("DataLoader yields PyTorch's batches for the same seed", () => {
  for (const [n, bs, drop] of [
    [10, 3, false],
    [10, 3, true],
    [100, 16, false],
    [7, 1, false],
  ] as const) {
    test(`shuffle n=${n} batch_size=${bs} drop_last=${drop}: two epochs, then the random stream continues as PyTorch's`, () => {
      const g = G[`shuffle_${n}_${bs}_${drop ? "True" : "False"}`];
      torch.manual_seed(0);
      const loader = new DataLoader(idxDs(n), { batch_size: bs, shuffle: true, drop_last: drop });
      expect(loader.length).toBe(g.len);
      expect(batches(loader)).toEqual(g.epoch1);
      expect(batches(loader)).toEqual(g.epoch2);
      expect(drawnAfter()).toEqual(g.after);
    });
  }
  test("shuffle with an explicit generator draws from that generator only", () => {
    torch.manual_seed(5);
    const loader = new DataLoader(idxDs(12), 5, { shuffle: true, generator: new torch.Generator().manual_seed(42) });
    expect(batches(loader)).toEqual(G.shuffle_generator.epoch1);
    expect(batches(loader)).toEqual(G.shuffle_generator.epoch2);
    expect(drawnAfter()).toEqual(G.shuffle_generator.after);
  });
  test("an unshuffled loader goes in order and still draws the per-pass base seed", () => {
    torch.manual_seed(1);
    const loader = new DataLoader(idxDs(5), { batch_size: 2 });
    expect(loader.length).toBe(G.sequential.len);
    expect(batches(loader)).toEqual(G.sequential.epoch1);
    expect(drawnAfter()).toEqual(G.sequential.after);
  });
  test("collated (x, y) batches of a shuffled TensorDataset", () => {
    torch.manual_seed(0);
    const x = torch.randn(6, 2),
      y = torch.arange(6);
    expect(x.tolist()).toEqual(G.tensor_batches.x);
    const out: Desc[] = [];
    for (const [xb, yb] of new DataLoader(new TensorDataset(x, y), { batch_size: 4, shuffle: true }))
      out.push(desc([xb, yb]));
    expect(out).toEqual(G.tensor_batches.batches);
  });
  test("a user's Dataset subclass with __len__/__getitem__, shuffled and collated", () => {
    class Squares extends Dataset<[number, number]> {
      override __len__() {
        return 5;
      }
      override __getitem__(i: number): [number, number] {
        return [i * i, i + 0.5];
      }
    }
    torch.manual_seed(2);
    expect([...new DataLoader(new Squares(), { batch_size: 2, shuffle: true })].map(desc)).toEqual(G.user_dataset);
  });
  test("a Dataset written with length/at works the same", () => {
    class Squares extends Dataset<[number, number]> {
      override get length() {
        return 5;
      }
      override at(i: number): [number, number] {
        return [i * i, i + 0.5];
      }
    }
    expect(new Squares().__len__()).toBe(5);
    expect(new Squares().__getitem__(3)).toEqual([9, 3.5]);
    torch.manual_seed(2);
    expect([...new DataLoader(new Squares(), { batch_size: 2, shuffle: true })].map(desc)).toEqual(G.user_dataset);
  });
  test("an IterableDataset is batched in order, with drop_last", () => {
    class Count extends IterableDataset<number> {
      override *__iter__() {
        yield* range(7);
      }
    }
    expect([...new DataLoader(new Count(), { batch_size: 3 })].map((b) => b.tolist())).toEqual(G.iterable);
    expect([...new DataLoader(new Count(), { batch_size: 3, drop_last: true })].map((b) => b.tolist())).toEqual(
      G.iterable_drop,
    );
  });
});

describe("samplers draw as PyTorch's do", () => {
  test("RandomSampler, with replacement, num_samples and a generator", () => {
    torch.manual_seed(3);
    expect([...new RandomSampler(range(9))]).toEqual(G.random_sampler);
    expect([...new RandomSampler(range(9), { replacement: true, num_samples: 40 })]).toEqual(
      G.random_sampler_replacement,
    );
    expect([...new RandomSampler(range(4), { num_samples: 10 })]).toEqual(G.random_sampler_num_samples);
    expect([...new RandomSampler(range(9), { generator: new torch.Generator().manual_seed(7) })]).toEqual(
      G.random_sampler_generator,
    );
  });
  test("SubsetRandomSampler and WeightedRandomSampler", () => {
    torch.manual_seed(3);
    expect([...new SubsetRandomSampler([10, 20, 30, 40, 50])]).toEqual(G.subset_random_sampler);
    torch.manual_seed(3);
    expect([...new WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 12)]).toEqual(G.weighted);
    torch.manual_seed(3);
    expect([...new WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 4, { replacement: false })]).toEqual(
      G.weighted_no_replacement,
    );
  });
  test("BatchSampler with and without drop_last", () => {
    expect([...new BatchSampler(new SequentialSampler(range(10)), 3, false)]).toEqual(G.batch_sampler);
    expect([...new BatchSampler(new SequentialSampler(range(10)), { batch_size: 3, drop_last: true })]).toEqual(
      G.batch_sampler_drop,
    );
    expect(new BatchSampler(range(10), 3, false).length).toBe(4);
  });
});

describe("datasets", () => {
  test("random_split by lengths and by fractions gives PyTorch's subsets", () => {
    torch.manual_seed(0);
    expect(random_split(range(10), [3, 7]).map((s) => s.indices)).toEqual(G.random_split_lengths);
    expect(
      random_split(range(10), [3, 7], { generator: new torch.Generator().manual_seed(42) }).map((s) => s.indices),
    ).toEqual(G.random_split_generator);
    expect(
      random_split(range(30), [0.3, 0.3, 0.4], { generator: new torch.Generator().manual_seed(42) }).map(
        (s) => s.indices,
      ),
    ).toEqual(G.random_split_fractions);
    expect(
      random_split(range(11), [0.5, 0.25, 0.25], { generator: new torch.Generator().manual_seed(1) }).map(
        (s) => s.indices,
      ),
    ).toEqual(G.random_split_fractions_remainder);
    expect(drawnAfter()).toEqual(G.random_split_after);
    const [a] = random_split(range(10), [3, 7], { generator: new torch.Generator().manual_seed(42) });
    expect(a.at(0)).toBe(G.random_split_generator[0][0]);
  });
  test("ConcatDataset indexes across its parts", () => {
    const cd = new ConcatDataset([idxDs(3), idxDs(4)]);
    expect(cd.length).toBe(G.concat.len);
    expect(range(cd.length).map((i) => cd.at(i)[0].item())).toEqual(G.concat.items);
    expect(cd.at(-2)[0].item()).toBe(G.concat.neg);
    expect(cd.cumulative_sizes).toEqual(G.concat.cumulative_sizes);
  });
});

describe("default_collate", () => {
  test("dicts, tuples and bools collate as in PyTorch", () => {
    expect(
      desc(
        default_collate([
          { a: 1, b: 0.5, s: "x", t: torch.tensor([1.0, 2.0], { dtype: torch.float32 }) },
          { a: 2, b: 1.5, s: "y", t: torch.tensor([3.0, 4.0], { dtype: torch.float32 }) },
        ]),
      ),
    ).toEqual({ dict: { ...G.collate_dicts.dict, s: { list: [{ value: "x" }, { value: "y" }] } } });
    expect(G.collate_dicts.dict.s).toEqual({ list: [{ value: "x" }, { value: "y" }] });
    expect(
      desc(
        default_collate([
          [1, [2, 3]],
          [4, [5, 6]],
          [7, [8, 9]],
        ]),
      ),
    ).toEqual(G.collate_tuples);
    expect(desc(default_collate([true, false]))).toEqual(G.collate_bools);
  });
  test("numpy arrays become tensors of their dtype, stacked", () => {
    expect(desc(default_collate([torch.np.array([1.5, 2.5]), torch.np.array([3.5, 4.5])]))).toEqual(G.collate_numpy);
    expect(
      desc(
        default_collate([
          [torch.np.array([1, 2], "int32"), 0],
          [torch.np.array([3, 4], "int32"), 1],
        ]),
      ),
    ).toEqual(G.collate_numpy_int32);
  });
});

describe("argument errors use PyTorch's words", () => {
  class Count extends IterableDataset<number> {
    override *__iter__() {
      yield* range(7);
    }
  }
  const cases: Record<string, () => unknown> = {
    sampler_and_shuffle: () => new DataLoader(idxDs(3), { sampler: new SequentialSampler(range(3)), shuffle: true }),
    batch_sampler_exclusive: () => new DataLoader(idxDs(3), { batch_sampler: [[0, 1]], batch_size: 2 }),
    none_drop_last: () => new DataLoader(idxDs(3), { batch_size: null, drop_last: true }),
    iterable_shuffle: () => new DataLoader(new Count(), { shuffle: true }),
    split_sum: () => random_split(range(10), [3, 6]),
    collate_unequal: () => default_collate([[1, 2], [3]]),
    batch_size_zero: () => new BatchSampler(range(3), 0, false),
  };
  for (const [name, f] of Object.entries(cases)) test(name, () => expect(errorOf(f)).toBe(G.errors[name]));
});
