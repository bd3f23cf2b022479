"""Goldens for torch.utils.data from real PyTorch 1.13: run with Debian's Python,
    /usr/bin/python3 test/data/generate_data_goldens.py
and commit data_goldens.json. Each case records the batches (as index lists or collated values)
PyTorch yields for a seed, and the next random draw after the loop (the loader draws a base seed)."""
import json, os, warnings
import torch
from torch.utils.data import (DataLoader, TensorDataset, Subset, ConcatDataset, random_split, RandomSampler,
                              SequentialSampler, BatchSampler, SubsetRandomSampler, WeightedRandomSampler, IterableDataset,
                              default_collate)

out = {"torch": torch.__version__}

def idx_ds(n):
    return TensorDataset(torch.arange(n))

def batches(loader):
    return [b[0].tolist() for b in loader]

def after():
    return torch.randint(0, 1000000, (3,)).tolist()

# shuffled DataLoader, default generator
for n, bs, drop in [(10, 3, False), (10, 3, True), (100, 16, False), (7, 1, False)]:
    torch.manual_seed(0)
    loader = DataLoader(idx_ds(n), batch_size=bs, shuffle=True, drop_last=drop)
    e1 = batches(loader)
    e2 = batches(loader)
    out[f"shuffle_{n}_{bs}_{drop}"] = {"len": len(loader), "epoch1": e1, "epoch2": e2, "after": after()}

# shuffle with an explicit generator
torch.manual_seed(5)
g = torch.Generator().manual_seed(42)
loader = DataLoader(idx_ds(12), batch_size=5, shuffle=True, generator=g)
out["shuffle_generator"] = {"epoch1": batches(loader), "epoch2": batches(loader), "after": after()}

# unshuffled: order 0..n-1, but the pass still draws a base seed
torch.manual_seed(1)
loader = DataLoader(idx_ds(5), batch_size=2)
out["sequential"] = {"epoch1": batches(loader), "len": len(loader), "after": after()}

# samplers
torch.manual_seed(3)
out["random_sampler"] = list(RandomSampler(range(9)))
out["random_sampler_replacement"] = list(RandomSampler(range(9), replacement=True, num_samples=40))
out["random_sampler_num_samples"] = list(RandomSampler(range(4), num_samples=10))
out["random_sampler_generator"] = list(RandomSampler(range(9), generator=torch.Generator().manual_seed(7)))
torch.manual_seed(3)
out["subset_random_sampler"] = list(SubsetRandomSampler([10, 20, 30, 40, 50]))
torch.manual_seed(3)
out["weighted"] = list(WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 12))
torch.manual_seed(3)
out["weighted_no_replacement"] = list(WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 4, replacement=False))
out["batch_sampler"] = list(BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=False))
out["batch_sampler_drop"] = list(BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=True))

# random_split
torch.manual_seed(0)
out["random_split_lengths"] = [list(s.indices) for s in random_split(range(10), [3, 7])]
out["random_split_generator"] = [list(s.indices) for s in random_split(range(10), [3, 7], generator=torch.Generator().manual_seed(42))]
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    out["random_split_fractions"] = [list(s.indices) for s in random_split(range(30), [0.3, 0.3, 0.4], generator=torch.Generator().manual_seed(42))]
    out["random_split_fractions_remainder"] = [list(s.indices) for s in random_split(range(11), [0.5, 0.25, 0.25], generator=torch.Generator().manual_seed(1))]
    out["random_split_after"] = after()

# ConcatDataset / Subset
cd = ConcatDataset([idx_ds(3), idx_ds(4)])
out["concat"] = {"len": len(cd), "items": [cd[i][0].item() for i in range(len(cd))], "neg": cd[-2][0].item(), "cumulative_sizes": cd.cumulative_sizes}

# collated batches (values and dtypes)
def desc(v):
    if isinstance(v, torch.Tensor):
        return {"tensor": v.tolist(), "dtype": str(v.dtype), "shape": list(v.shape)}
    if isinstance(v, dict):
        return {"dict": {k: desc(x) for k, x in v.items()}}
    if isinstance(v, (list, tuple)):
        return {"list": [desc(x) for x in v]}
    return {"value": v}

torch.manual_seed(0)
x = torch.randn(6, 2)
y = torch.arange(6)
loader = DataLoader(TensorDataset(x, y), batch_size=4, shuffle=True)
out["tensor_batches"] = {"x": x.tolist(), "batches": [desc(b) for b in loader]}
out["collate_dicts"] = desc(default_collate([{"a": 1, "b": 0.5, "s": "x", "t": torch.tensor([1.0, 2.0])}, {"a": 2, "b": 1.5, "s": "y", "t": torch.tensor([3.0, 4.0])}]))
out["collate_tuples"] = desc(default_collate([(1, [2, 3]), (4, [5, 6]), (7, [8, 9])]))
out["collate_bools"] = desc(default_collate([True, False]))
import numpy as np
out["collate_numpy"] = desc(default_collate([np.array([1.5, 2.5]), np.array([3.5, 4.5])]))
out["collate_numpy_int32"] = desc(default_collate([(np.array([1, 2], dtype=np.int32), 0), (np.array([3, 4], dtype=np.int32), 1)]))

class Squares(torch.utils.data.Dataset):
    def __len__(self): return 5
    def __getitem__(self, i): return i * i, float(i) + 0.5

torch.manual_seed(2)
out["user_dataset"] = [desc(b) for b in DataLoader(Squares(), batch_size=2, shuffle=True)]

class Count(IterableDataset):
    def __iter__(self): return iter(range(7))

out["iterable"] = [b.tolist() for b in DataLoader(Count(), batch_size=3)]
out["iterable_drop"] = [b.tolist() for b in DataLoader(Count(), batch_size=3, drop_last=True)]

# the notebook cell test/data/cell.test.ts runs: the same program, and what it prints
import contextlib, io, tempfile
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    class SquaresCell(torch.utils.data.Dataset):
        def __len__(self): return 5
        def __getitem__(self, i): return i * i, i + 0.5
    torch.manual_seed(0)
    X = torch.randn(8, 2).to(device)
    y = torch.arange(8)
    loader = DataLoader(TensorDataset(X, y), batch_size=3, shuffle=True)
    firsts = []
    for xb, yb in loader:
        firsts.append(yb[0].item())
    model = torch.nn.Linear(2, 1).to(device)
    path = os.path.join(tempfile.mkdtemp(), "cell.pt")
    torch.save(model.state_dict(), path)
    model.load_state_dict(torch.load(path))
    sq = list(DataLoader(SquaresCell(), batch_size=2))
    print(len(loader), firsts, sq[0][1], X.device, torch.rand(1).item())
out["cell_stdout"] = buf.getvalue()

errors = {}
def err(name, f):
    try:
        f(); errors[name] = None
    except Exception as e:
        errors[name] = f"{type(e).__name__}: {e}"
err("sampler_and_shuffle", lambda: DataLoader(idx_ds(3), sampler=SequentialSampler(range(3)), shuffle=True))
err("batch_sampler_exclusive", lambda: DataLoader(idx_ds(3), batch_sampler=[[0, 1]], batch_size=2))
err("none_drop_last", lambda: DataLoader(idx_ds(3), batch_size=None, drop_last=True))
err("iterable_shuffle", lambda: DataLoader(Count(), shuffle=True))
err("split_sum", lambda: random_split(range(10), [3, 6]))
err("collate_unequal", lambda: default_collate([[1, 2], [3]]))
err("batch_size_zero", lambda: BatchSampler(range(3), 0, False))
out["errors"] = errors

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "data_goldens.json"), "w") as f:
    json.dump(out, f)
print("wrote data_goldens.json")
