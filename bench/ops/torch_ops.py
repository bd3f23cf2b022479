#!/usr/bin/python3
"""PyTorch side of bench/ops: times the same cases as ops_bench.ts and prints JSON (ms per call)."""
import json, sys, time
import torch

def timeit(fn, min_time=0.3):
    w0, k = time.perf_counter(), 0  # warm up as long as we measure, as the gradlab side does
    while k < 3 or time.perf_counter() - w0 < min_time:
        fn(); k += 1
    n, t0 = 0, time.perf_counter()
    while True:
        fn(); n += 1
        el = time.perf_counter() - t0
        if el > min_time and n >= 3:
            return el / n * 1000

cases = json.loads(sys.argv[1])
torch.manual_seed(0)
out = {"threads": torch.get_num_threads(), "version": torch.__version__, "ms": {}}
for c in cases:
    kind, n = c["kind"], c["n"]
    if kind == "matmul":
        a, b = torch.rand(n, n), torch.rand(n, n); f = lambda: a @ b
    elif kind == "add":
        a, b = torch.rand(n), torch.rand(n); f = lambda: a + b
    elif kind == "exp":
        a = torch.rand(n); f = lambda: a.exp()
    elif kind == "sum":
        a = torch.rand(n); f = lambda: a.sum()
    elif kind == "broadcast_mul":
        a, b = torch.rand(n, n), torch.rand(n); f = lambda: a * b
    elif kind == "transpose_copy":
        a = torch.rand(n, n); f = lambda: a.t().contiguous()
    elif kind == "mlp_step":
        x = torch.rand(64, n); w1 = torch.rand(n, 256, requires_grad=True); w2 = torch.rand(256, 10, requires_grad=True)
        def f():
            loss = ((x @ w1).relu() @ w2).sum(); loss.backward()
    elif kind == "autograd_chain":
        w, b = torch.rand(8), torch.rand(8)
        def f():
            x = torch.rand(8, requires_grad=True); y = x
            for _ in range(n // 2):
                y = y.mul(w).add(b)
            y.sum().backward()
    out["ms"][c["name"]] = timeit(f)
print(json.dumps(out))
