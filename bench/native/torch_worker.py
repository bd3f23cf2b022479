#!/usr/bin/python3
"""PyTorch side of bench/native/paired_bench.ts: a worker that times one case per request, so the
two sides run alternately in one paired run. Reads JSON lines from stdin, answers one JSON line
each: {"seconds": [...]} (one entry per repetition).

  {"case": "matmul", "n": 1024, "dtype": "float32", "reps": 5}
  {"case": "resnet18", "reps": 3}        forward, (pred - labels).sum(), backward on 1x3x64x64

Run by the TypeScript side with OMP_NUM_THREADS=1 and OPENBLAS_NUM_THREADS=2 (PyTorch's best
setting on this 2-core machine: ATen single-threaded, OpenBLAS on both cores)."""
import json
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 3)[0] + "/test/nn")
from nn_golden_models import resnet18  # noqa: E402  (torchvision's architecture, defined by hand)

_cache = {}


def matmul(n, dtype, reps):
    dt = getattr(torch, dtype)
    a, b = torch.rand(n, n, dtype=dt), torch.rand(n, n, dtype=dt)
    torch.mm(a, b)
    iters = max(1, int(2e8 // (n ** 3)))  # one timing covers >= ~0.1 s of work at 2 GFLOP/s
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(iters):
            torch.mm(a, b)
        out.append((time.perf_counter() - t0) / iters)
    return out


def resnet(reps):
    if "resnet" not in _cache:
        torch.manual_seed(0)
        model = resnet18()
        _cache["resnet"] = (model, torch.rand(1, 3, 64, 64), torch.rand(1, 1000))
    model, data, labels = _cache["resnet"]

    def step():
        model.zero_grad(set_to_none=True)
        (model(data) - labels).sum().backward()

    step()
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        step()
        out.append(time.perf_counter() - t0)
    return out


print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    if req["case"] == "matmul":
        secs = matmul(req["n"], req["dtype"], req["reps"])
    else:
        secs = resnet(req["reps"])
    print(json.dumps({"seconds": secs}), flush=True)
