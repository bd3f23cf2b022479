#!/usr/bin/env python3
"""Generates test/format/repr_fuzz_cases.json: random tensors and their repr() from real PyTorch.

Run with Debian's torch: `/usr/bin/python3 test/format/generate_repr_cases.py`. The output is
deterministic (fixed seed) and committed, so the tests never need torch.

`numbers` holds Python's format() / repr() of awkward doubles (for py_format). Each of `cases`
holds a tensor as the printer sees it (shape, dtype, element values as strings so that nan / inf /
-0.0 / big ints survive JSON), the print options in force, and torch's repr. For summarized
tensors only the displayed elements are stored (`sparse`, flat index -> value): the TypeScript
test fails if the printer reads any other element.
"""
import json
import math
import os
import random

import torch
from torch._tensor_str import PRINT_OPTS, get_summarized_data

SEED = 20240611
N_CASES = 400
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "repr_fuzz_cases.json")

FLOAT_DTYPES = ["float32", "float32", "float32", "float64", "float64", "float16"]
INT_DTYPES = ["int64", "int64", "int32", "int16", "int8", "uint8"]
INT_RANGES = {"int8": (-128, 127), "uint8": (0, 255), "int16": (-32768, 32767),
              "int32": (-2 ** 31, 2 ** 31 - 1), "int64": (-10 ** 15, 10 ** 15)}
BIG_SHAPES = [[2000], [1001], [30, 40], [11, 9, 13], [5, 300], [1200, 1], [2, 2, 300], [7, 1, 7, 30]]
MAX_PLAIN_NUMEL = 300     # keeps the JSON small; summarization has BIG_SHAPES
GRAD_OPS = {
    "mul1": lambda t: t * 1, "add0": lambda t: t + 0, "clone": lambda t: t.clone(),
    "neg": lambda t: -t, "mul3": lambda t: t * 3, "div7": lambda t: t / 7,
    "relu": lambda t: torch.relu(t), "sum": lambda t: t.sum(),
}


def rand_shape(rnd):
    if rnd.random() < 0.08:
        return list(rnd.choice(BIG_SHAPES))
    ndim = rnd.choice([0, 1, 1, 1, 2, 2, 2, 3, 3, 4])
    sizes = [0, 1, 1, 2, 3, 4, 5, 7, 8, 13]
    while True:
        shape = [rnd.choice(sizes) if rnd.random() < 0.9 else rnd.choice([20, 40, 90]) for _ in range(ndim)]
        if math.prod(shape) <= MAX_PLAIN_NUMEL:
            return shape


def float_values(rnd, n, dtype):
    kind = rnd.choice(["gauss", "gauss", "uniform", "ties", "intfloat", "special", "wide", "tiny"])
    if dtype == "float16" and kind in ("wide", "tiny"):
        kind = "gauss"
    if kind == "gauss":
        scale = 10 ** rnd.randint(-6 if dtype != "float16" else -3, 9 if dtype != "float16" else 3)
        return [rnd.gauss(0, 1) * scale for _ in range(n)]
    if kind == "uniform":
        return [rnd.uniform(-1, 1) for _ in range(n)]
    if kind == "ties":      # exact binary ties at 2..5 decimals: half-to-even matters
        den = rnd.choice([16, 32, 64, 128])
        return [rnd.randint(-4 * den, 4 * den) / den for _ in range(n)]
    if kind == "intfloat":
        mult = rnd.choice([1, 1, 100, 1e6, 1e9])
        return [float(rnd.randint(-300, 300)) * mult for _ in range(n)]
    if kind == "special":
        return [rnd.choice([0.0, -0.0, math.nan, math.inf, -math.inf, 1.5, -2.0, 1e-6, 3.0, 0.03125])
                for _ in range(n)]
    if kind == "wide":      # beyond toFixed's 1e21 range and into subnormals
        return [rnd.choice([-1, 1]) * 10 ** rnd.uniform(-30, 30) for _ in range(n)]
    return [rnd.gauss(0, 1) * 10 ** rnd.randint(-40, -8) for _ in range(n)]   # tiny


def rand_options(rnd, numel):
    if rnd.random() < 0.7:
        return {}
    opts = {}
    if rnd.random() < 0.2:
        opts["profile"] = rnd.choice(["short", "full", "default"])
    if rnd.random() < 0.4:
        opts["precision"] = rnd.randint(0, 8)
    if rnd.random() < 0.3:
        opts["threshold"] = rnd.choice([0, 5, 20, 100, 10000])
    if rnd.random() < 0.3:
        opts["edgeitems"] = rnd.choice([0, 1, 2, 4])
    if rnd.random() < 0.4:
        opts["linewidth"] = rnd.choice([10, 20, 40, 60, 120, 200])
    if rnd.random() < 0.3:
        opts["sci_mode"] = rnd.choice([True, False])
    if numel > MAX_PLAIN_NUMEL:        # options that would print a big tensor in full
        if opts.get("profile") == "full":
            opts["profile"] = "short"
        if opts.get("threshold") == 10000:
            opts["threshold"] = 100
        if opts.get("edgeitems") == 0:
            opts["edgeitems"] = 1
    return opts


def value_str(v, dtype):
    if dtype == "bool":
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    return repr(float(v))


def make_case(rnd, idx):
    shape = rand_shape(rnd)
    numel = math.prod(shape)
    family = rnd.choice(["float", "float", "float", "int", "bool"])
    if family == "float":
        dtype = rnd.choice(FLOAT_DTYPES)
        vals = float_values(rnd, numel, dtype)
    elif family == "int":
        dtype = rnd.choice(INT_DTYPES)
        lo, hi = INT_RANGES[dtype]
        if rnd.random() < 0.6:
            lo, hi = max(lo, -20), min(hi, 120)
        vals = [rnd.randint(lo, hi) for _ in range(numel)]
    else:
        dtype = "bool"
        vals = [rnd.random() < 0.5 for _ in range(numel)]
    t = torch.tensor(vals, dtype=getattr(torch, dtype)).reshape(shape)

    requires_grad, grad_fn, parameter = False, None, False
    if dtype in ("float32", "float64") and rnd.random() < 0.35:
        t.requires_grad_(True)
        r = rnd.random()
        if r < 0.5:
            op = rnd.choice(list(GRAD_OPS))
            t = GRAD_OPS[op](t)
            grad_fn = type(t.grad_fn).__name__
        elif r < 0.7:
            t = torch.nn.Parameter(t.detach())
            parameter = True
        requires_grad = True

    opts = rand_options(rnd, numel)
    default_dtype = "float64" if rnd.random() < 0.04 else None
    return record_case(idx, t, dtype, requires_grad, grad_fn, parameter, opts, default_dtype)


def record_case(idx, t, dtype, requires_grad, grad_fn, parameter, opts, default_dtype=None):
    """torch's repr of t under opts, with the values the printer may read; None if torch fails."""
    numel = t.numel()
    torch.set_printoptions(**opts)
    if default_dtype:
        torch.set_default_dtype(torch.float64)
    try:
        want = repr(t)
        plain = t.detach()
        if plain.dtype == torch.float16:
            plain = plain.float()      # torch formats half through float; values are exact
        flat = plain.reshape(-1).tolist()
        case = {"id": idx, "shape": list(t.shape), "dtype": dtype}
        if numel > PRINT_OPTS.threshold and numel > 0:
            index = torch.arange(numel).reshape(list(t.shape))
            shown = get_summarized_data(index).reshape(-1).tolist()
            case["sparse"] = {str(i): value_str(flat[i], dtype) for i in shown}
        else:
            case["values"] = [value_str(v, dtype) for v in flat]
    except RuntimeError:
        return None                    # edgeitems=0 on a summarized n-D tensor: torch itself fails
    finally:
        torch.set_printoptions(profile="default")
        torch.set_default_dtype(torch.float32)
    case.update({"requires_grad": requires_grad, "grad_fn": grad_fn, "parameter": parameter,
                 "options": opts, "default_dtype": default_dtype, "repr": want})
    return case


def suffix_boundary_cases(first_id):
    """Linewidths around the exact point where a suffix stops fitting on the last line, including
    the asymmetric count after a wrapped suffix (_add_suffixes); random cases rarely land there."""
    cases = []
    for k in (1, 3, 5):
        t = torch.full((k,), 1.5, requires_grad=True) * 1          # 'MulBackward0' suffix (22)
        fit = len("tensor([") + 8 * k - 2 + len("]") + 22 + 4      # narrowest linewidth that fits it
        for lw in range(fit - 2, fit + 2):
            cases.append((t, "float32", True, "MulBackward0", {"linewidth": lw}))
    t = torch.full((4,), 1.5, dtype=torch.float64, requires_grad=True)   # dtype= wraps, then requires_grad
    for lw in range(43, 50):
        cases.append((t, "float64", True, None, {"linewidth": lw}))
    out = []
    for (t, dtype, rg, gf, opts) in cases:
        out.append(record_case(first_id + len(out), t, dtype, rg, gf, False, opts))
    return out


def number_cases(rnd, n=300):
    """Python's own format() / repr() on awkward doubles, for the py_format tests."""
    fixed = [0.03125, 0.09375, -0.03125, 2.5, 0.5, 1.5, -0.0, 0.0, 1e-5, -1e-5, 123456.78125, 9.99995,
             99999.99995, 1e8, 1e21, 1e22, 1.5e300, 5e-324, 2.2250738585072014e-308, 1e16, 1e15,
             0.0001, 0.00001, 1e23, 9.999999999999999e22, 2.0 ** 53 + 2, 0.1, 1 / 3, -2.675]
    vals = list(fixed)
    while len(vals) < n:
        kind = rnd.randrange(5)
        if kind == 0:
            v = float(torch.tensor(rnd.gauss(0, 1) * 10 ** rnd.randint(-8, 9)))   # float32, widened
        elif kind == 1:
            v = rnd.randint(-2 ** 12, 2 ** 12) / rnd.choice([2, 8, 32, 256, 2 ** 14])
        elif kind == 2:
            v = rnd.choice([-1, 1]) * 10 ** rnd.uniform(-320, 308)
        elif kind == 3:
            v = float(rnd.randint(-10 ** 17, 10 ** 17))
        else:
            v = rnd.choice([-1, 1]) * (10 ** rnd.randint(-6, 6)) * (1 - 5 * 10 ** rnd.randint(-9, -4))
        vals.append(v)
    return [{"x": repr(v), "f0": "{:.0f}".format(v), "f2": "{:.2f}".format(v), "f4": "{:.4f}".format(v),
             "f8": "{:.8f}".format(v), "e0": "{:.0e}".format(v), "e4": "{:.4e}".format(v),
             "e10": "{:.10e}".format(v)} for v in vals]


def main():
    rnd = random.Random(SEED)
    torch.manual_seed(SEED)
    numbers = number_cases(rnd)
    cases = []
    while len(cases) < N_CASES:
        case = make_case(rnd, len(cases))
        if case is not None:
            cases.append(case)
    cases += suffix_boundary_cases(len(cases))
    with open(OUT, "w") as f:
        # One number / case per line, so that a regenerated file gives a readable diff.
        f.write('{"torch_version":%s,"seed":%d,\n"numbers":[\n' % (json.dumps(torch.__version__), SEED))
        f.write(",\n".join(json.dumps(n, separators=(",", ":")) for n in numbers))
        f.write('],\n"cases":[\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("]}\n")
    print(f"wrote {len(cases)} cases to {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
