#!/usr/bin/python3
"""Write test/random/random_goldens.json from REAL PyTorch (CPU) and numpy (legacy RandomState).

Run: /usr/bin/python3 test/random/generate_random_goldens.py

Encoding (so the TypeScript tests compare bit for bit):
  * float32 arrays: "f32hex", one 8-hex-digit IEEE bit pattern per value, concatenated;
  * float64 arrays: JSON numbers (Python's repr round-trips every double exactly);
  * integers: JSON numbers, or decimal strings for int64 values beyond 2**53.
Every torch case starts from manual_seed(seed) and lists its calls in order ("calls"); each call
records op, args and result, so the TS test replays the same sequence on one Generator.

NOTE (1.13 vs 2.x, torch-spec.md 4.11): these goldens are torch 1.13's streams, which gradlab
reproduces. PyTorch 2.x differs in two places: the serial normal path (numel < 16 or
non-contiguous) uses log1p(-u2) instead of log(1 - u2), which changes last bits of some values,
and randperm(n) for n >= 2**32/20 uses 64-bit draws. Everything else here is unchanged in 2.x.

NOTE: the float32 randn/uniform streams depend on the CPU capability torch dispatches to
(AVX2+FMA here); the header records `torch.__config__.show()`'s capability line.
"""
import json
import math
import os
import platform
import struct
import sys

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "random_goldens.json")


def f32hex(t):
    a = np.ascontiguousarray(t.detach().numpy().astype(np.float32).ravel())
    return a.view(np.uint32).astype(">u4").tobytes().hex()


def enc(t):
    """Encode a tensor's values in memory order for JSON."""
    t = t.detach()
    if t.dtype == torch.float32:
        return {"dtype": "float32", "f32hex": f32hex(t)}
    if t.dtype == torch.float64:
        return {"dtype": "float64", "values": [float(v) for v in t.flatten().tolist()]}
    if t.dtype == torch.int64:
        vals = [int(v) for v in t.flatten().tolist()]
        return {"dtype": "int64", "values": [v if abs(v) <= 2 ** 53 else str(v) for v in vals]}
    if t.dtype in (torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool):
        return {"dtype": str(t.dtype).replace("torch.", ""), "values": [int(v) for v in t.flatten().tolist()]}
    if t.dtype == torch.float16:
        return {"dtype": "float16", "values": [float(v) for v in t.flatten().tolist()]}
    raise TypeError(t.dtype)


DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32,
      "int16": torch.int16, "int8": torch.int8, "uint8": torch.uint8, "bool": torch.bool, "float16": torch.float16}


def run_call(c):
    """Execute one call description against the global torch generator; return its result."""
    op = c["op"]
    dt = DT.get(c.get("dtype", "float32"))
    n = c.get("n")
    if op == "rand":
        return torch.rand(n, dtype=dt)
    if op == "randn":
        return torch.randn(n, dtype=dt)
    if op == "normal_":
        return torch.empty(n, dtype=dt).normal_(c["mean"], c["std"])
    if op == "normal_noncontig":       # empty(rows, cols).t().normal_() read back in memory order
        x = torch.empty(c["rows"], c["cols"], dtype=dt).t()
        x.normal_(c["mean"], c["std"])
        return x.t().contiguous()
    if op == "uniform_":
        return torch.empty(n, dtype=dt).uniform_(c["low"], c["high"])
    if op == "kaiming_uniform":        # nn.init.kaiming_uniform_(w, a=sqrt(5)) as nn.Linear does
        w = torch.empty(c["rows"], c["cols"])
        torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5))
        return w
    if op == "randint":
        return torch.randint(c["low"], c["high"], (n,))
    if op == "randperm":
        return torch.randperm(n)
    if op == "random_":
        return torch.empty(n, dtype=dt).random_()
    if op == "bernoulli_":
        return torch.empty(n, dtype=dt).bernoulli_(c["p"])
    if op == "bernoulli":
        return torch.bernoulli(torch.tensor(c["probs"], dtype=dt))
    if op == "exponential_":
        return torch.empty(n, dtype=dt).exponential_(c["lambd"])
    if op == "multinomial":
        return torch.multinomial(torch.tensor(c["probs"], dtype=dt), c["num_samples"], c["replacement"])
    raise ValueError(op)


def torch_case(name, seed, calls):
    torch.manual_seed(seed)
    out = []
    for c in calls:
        r = run_call(c)
        out.append(dict(c, result=enc(r)))
    return {"name": name, "seed": seed, "calls": out}


def C(op, **kw):
    return dict(op=op, **kw)


def torch_cases():
    cases = []
    sizes = [1, 3, 15, 16, 17, 20, 33, 100, 1000]
    for n in sizes:
        for dt in ("float32", "float64"):
            cases.append(torch_case(f"manual_seed(0); randn({n}, {dt})", 0, [C("randn", n=n, dtype=dt)]))
    for seed in (1, 2, 3, 42, 1234):
        calls = []
        for n in sizes:
            calls += [C("randn", n=n, dtype="float32"), C("randn", n=n, dtype="float64"),
                      C("rand", n=n, dtype="float32"), C("rand", n=n, dtype="float64")]
        cases.append(torch_case(f"seed {seed}: randn/rand float32/float64 over sizes, one stream", seed, calls))
    for n in (5, 15, 16, 17, 100):
        for dt in ("float32", "float64"):
            cases.append(torch_case(f"manual_seed(0); rand({n}, {dt})", 0, [C("rand", n=n, dtype=dt)]))
    for seed in (0, 7):
        cases.append(torch_case(f"normal cache survives: randn(3); randn(20); randn(1, f64) seed {seed}", seed,
                                [C("randn", n=3), C("randn", n=20), C("randn", n=1, dtype="float64")]))
    cases.append(torch_case("normal cache across dtypes: randn(1, f64); randn(1); randn(5)", 5,
                            [C("randn", n=1, dtype="float64"), C("randn", n=1), C("randn", n=5)]))
    for dt in ("float32", "float64"):
        for n in (5, 40):
            cases.append(torch_case(f"normal_(2.5, 3.7) {dt} n={n}", 11, [C("normal_", n=n, dtype=dt, mean=2.5, std=3.7)]))
        cases.append(torch_case(f"normal_(-1.25, 0.01) {dt} n=300", 12, [C("normal_", n=300, dtype=dt, mean=-1.25, std=0.01)]))
        for lo, hi in ((-0.3, 0.7), (-2.5, 1.3), (3.0, 1000.7), (-1e-3, 1e-3), (0.0, 1.0)):
            cases.append(torch_case(f"uniform_({lo}, {hi}) {dt} n=200", 13, [C("uniform_", n=200, dtype=dt, low=lo, high=hi)]))
        cases.append(torch_case(f"empty(8,4).t().normal_(0.5, 2) {dt}: serial path, memory order", 5,
                                [C("normal_noncontig", rows=8, cols=4, dtype=dt, mean=0.5, std=2.0)]))
    cases.append(torch_case("torch.normal(1.0, 2.0, size=(3,7)) as normal_(1, 2) n=21", 5,
                            [C("normal_", n=21, dtype="float32", mean=1.0, std=2.0)]))
    bound = math.sqrt(3.0) * (math.sqrt(2.0 / (1 + math.sqrt(5) ** 2)) / math.sqrt(3))
    cases.append(torch_case("kaiming_uniform_(4x3, a=sqrt(5)) then bias uniform_(-1/sqrt(3), 1/sqrt(3))", 0,
                            [C("kaiming_uniform", rows=4, cols=3, bound=bound),
                             C("uniform_", n=4, dtype="float32", low=-1 / math.sqrt(3), high=1 / math.sqrt(3))]))
    cases.append(torch_case("randint small and large ranges", 0, [
        C("randint", low=0, high=10, n=20), C("randint", low=-5, high=2 ** 33, n=6), C("randint", low=0, high=3, n=50),
        C("randint", low=-100, high=100, n=30), C("randint", low=0, high=2 ** 31, n=10),
        C("randint", low=0, high=2 ** 32, n=5), C("randint", low=-(2 ** 40), high=2 ** 40, n=5)]))
    cases.append(torch_case("randperm several n", 0, [C("randperm", n=n) for n in (1, 2, 5, 10, 100, 1000)]))
    cases.append(torch_case("random_() int64/int32/float32/float64", 0, [
        C("random_", n=5, dtype="int64"), C("random_", n=5, dtype="int32"),
        C("random_", n=5, dtype="float32"), C("random_", n=5, dtype="float64"),
        C("random_", n=8, dtype="int16"), C("random_", n=8, dtype="int8"), C("random_", n=8, dtype="uint8"),
        C("random_", n=8, dtype="bool"), C("random_", n=8, dtype="float16"), C("random_", n=2000, dtype="float64")]))
    probs = [i / 29 for i in range(30)]
    cases.append(torch_case("bernoulli_(p) and torch.bernoulli(probs)", 0, [
        C("bernoulli_", n=30, dtype="float32", p=0.3), C("bernoulli_", n=50, dtype="float64", p=0.5),
        C("bernoulli", probs=probs, dtype="float32"), C("bernoulli", probs=probs, dtype="float64")]))
    cases.append(torch_case("exponential_(lambd)", 0, [
        C("exponential_", n=40, dtype="float32", lambd=1.0), C("exponential_", n=40, dtype="float32", lambd=2.5),
        C("exponential_", n=20, dtype="float64", lambd=1.0)]))
    pr = [1.0, 2.0, 3.0, 4.0, 0.5, 0.0]
    rows = [[0.1, 0.2, 0.3, 0.4, 0.0], [5.0, 1.0, 0.0, 2.0, 2.0]]
    cases.append(torch_case("multinomial with and without replacement", 0, [
        C("multinomial", probs=pr, num_samples=20, replacement=True, dtype="float32"),
        C("multinomial", probs=pr, num_samples=20, replacement=True, dtype="float64"),
        C("multinomial", probs=pr, num_samples=1, replacement=True, dtype="float32"),
        C("multinomial", probs=pr, num_samples=1, replacement=False, dtype="float32"),
        C("multinomial", probs=pr, num_samples=4, replacement=False, dtype="float32"),
        C("multinomial", probs=pr, num_samples=5, replacement=False, dtype="float64"),
        C("multinomial", probs=rows, num_samples=3, replacement=False, dtype="float32"),
        C("multinomial", probs=rows, num_samples=6, replacement=True, dtype="float64")]))
    ties = [0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0]
    sparse = [0.0] * 200
    sparse[17], sparse[150] = 0.25, 3.0
    cases.append(torch_case("multinomial without replacement past the nonzero categories (zero-probability ties)", 0,
                            [C("multinomial", probs=ties, num_samples=6, replacement=False, dtype="float32")] * 6 +
                            [C("multinomial", probs=sparse, num_samples=3, replacement=False, dtype="float32")] * 3 +
                            [C("multinomial", probs=sparse, num_samples=40, replacement=False, dtype="float64")]))
    cases.append(torch_case("manual_seed(-1) is seed 2**64-1, engine sees 0xFFFFFFFF", -1, [C("rand", n=3)]))
    cases.append(torch_case("manual_seed(2**32 + 5) draws like manual_seed(5)", 2 ** 32 + 5, [C("rand", n=3)]))
    cases.append(torch_case("long stream: randn(20000) float32", 3, [C("randn", n=20000)]))
    cases.append(torch_case("long stream: uniform_(-2.5, 1.3) float32 n=5000", 4,
                            [C("uniform_", n=5000, dtype="float32", low=-2.5, high=1.3)]))
    return cases


def rng_states():
    """torch.get_rng_state() bytes (CPUGeneratorImplState, 5056 bytes) after some draws."""
    out = []
    for label, seed, draws in (("manual_seed(0)", 0, lambda: None),
                               ("manual_seed(0); randn(1) (normal cached)", 0, lambda: torch.randn(1)),
                               ("manual_seed(123); rand(700)", 123, lambda: torch.rand(700)),
                               ("manual_seed(-1); rand(624)", -1, lambda: torch.rand(624))):
        torch.manual_seed(seed)
        draws()
        out.append({"name": label, "seed": seed, "state_hex": bytes(torch.get_rng_state().numpy()).hex()})
    return out


def topk_cases():
    """torch.topk on values with many ties: the index order of equal values comes from libstdc++'s
    nth_element / sort / partial_sort (TopKImpl.h), which torch.multinomial(replacement=False) uses."""
    rs = np.random.RandomState(2024)
    out = []
    for n, k, hi, largest in ((5, 3, 3, True), (17, 9, 4, True), (40, 7, 5, True), (40, 40, 3, False),
                              (100, 30, 6, True), (100, 1, 2, True), (1000, 15, 10, True), (1000, 400, 8, False),
                              (3000, 40, 20, True), (3000, 2999, 50, True), (257, 4, 3, False), (64, 1, 2, False)):
        vals = [float(v) for v in rs.randint(0, hi, n)]
        v, i = torch.topk(torch.tensor(vals, dtype=torch.float64), k, largest=largest, sorted=True)
        out.append({"n": n, "k": k, "largest": largest, "input": vals, "indices": i.tolist()})
    return out


def np_case(name, seed, steps):
    np.random.seed(seed)
    out = []
    for op, args in steps:
        if op == "shuffle":
            a = np.arange(args[0])
            np.random.shuffle(a)
            r = a
        else:
            r = getattr(np.random, op)(*args)
        out.append({"op": op, "args": list(args), "values": [v.item() if hasattr(v, "item") else v for v in np.ravel(r)]})
    return {"name": name, "seed": seed, "calls": out}


def numpy_cases():
    return [
        np_case("seed(0) sequence", 0, [
            ("rand", (5,)), ("randn", (5,)), ("randn", (6,)), ("normal", (3.0, 2.0, 4)), ("uniform", (-1.0, 2.0, 4)),
            ("randint", (0, 10, 8)), ("randint", (-3, 1000, 8)), ("permutation", (10,)), ("shuffle", (7,)),
            ("randn", (1001,)), ("random_sample", (3,))]),
        np_case("seed(12345): randn(3); rand(2); randn(3) (odd count keeps the gauss cache)", 12345, [
            ("randn", (3,)), ("rand", (2,)), ("randn", (3,))]),
        np_case("seed(3): randint(-7, 2**40, 6); randint(0, 2**32, 4)", 3, [
            ("randint", (-7, 2 ** 40, 6)), ("randint", (0, 2 ** 32, 4))]),
        np_case("seed(2**32-1): random_sample(5); permutation(40)", 2 ** 32 - 1, [
            ("random_sample", (5,)), ("permutation", (40,))]),
        np_case("seed(1): randint(5, 6, 3) draws nothing; rand(2)", 1, [("randint", (5, 6, 3)), ("rand", (2,))]),
        np_case("seed(7): normal(-2, 0.5, 9); uniform(10, 20, 5); shuffle(300)", 7, [
            ("normal", (-2.0, 0.5, 9)), ("uniform", (10.0, 20.0, 5)), ("shuffle", (300,))]),
    ]


def main():
    cap = [l.strip() for l in torch.__config__.show().splitlines() if "CPU capability usage" in l]
    if not cap or "AVX2" not in cap[0]:
        sys.exit("goldens must come from an AVX2+FMA build/CPU (see torch-spec.md 4.4.3); got %r" % cap)
    doc = {
        "header": {
            "generator": "test/random/generate_random_goldens.py",
            "torch": torch.__version__,
            "numpy": np.__version__,
            "cpu_capability": cap[0],
            "python": platform.python_version(),
            "machine": platform.machine(),
            "differences_2x": "serial normal path uses log1p(-u2) in 2.x (1.13: log(1 - u2)); "
                              "randperm(n >= 2**32/20) uses random64 in 2.x",
        },
        "torch": torch_cases(),
        "rng_states": rng_states(),
        "topk": topk_cases(),
        "numpy": numpy_cases(),
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
