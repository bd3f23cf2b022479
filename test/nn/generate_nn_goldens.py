#!/usr/bin/python3
"""Write test/nn/nn_goldens.json from REAL PyTorch: nn layers, losses, models, optimizers.

Run: /usr/bin/python3 test/nn/generate_nn_goldens.py        (Debian's python3-torch 1.13 + numpy;
torchvision is optional: ResNet-18 is defined here by hand exactly as torchvision 0.14 builds it,
and checked against torchvision when it is installed)

Contents: functional ops (inputs, outputs, grad_fn, next_functions, gradients), default
initialisations after manual_seed, an MLP / a small CNN / ResNet-18 (parameters after
construction, outputs, losses, gradients, parameters after 3 optimizer steps), the freezing
example, seed 002's linear regression, module / optimizer reprs and state dicts, lr schedules,
and error messages.

Big tensors are stored as checksums ({"shape", "sum", "abs_sum", "sq_sum", "head", "picks"}), small
ones in full ({"shape", "values"}). NOTE (1.13 vs 2.x): zero_grad() here is called with
set_to_none=True (2.x's default); SGD's param_groups gain 2.x's `fused: None` in the TS tests.
The float32 random streams assume an AVX2+FMA machine (header: cpu_capability).
"""
import json
import math
import os
import re
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from nn_golden_cases import CASES, TENSOR_KWARGS  # noqa: E402
from nn_golden_models import resnet18, models_section  # noqa: E402

OUT = os.path.join(HERE, "nn_goldens.json")
FULL = 64  # tensors up to this many elements are stored in full


def num(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def enc(t, full=FULL):
    if t is None:
        return None
    t = t.detach()
    flat = t.reshape(-1).double()
    d = {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")}
    if t.numel() <= full:
        d["values"] = [num(v) for v in flat.tolist()]
        return d
    n = t.numel()
    picks = sorted(set(int(i * (n - 1) / 15) for i in range(16)))
    d.update({"sum": num(flat.sum()), "abs_sum": num(flat.abs().sum()), "sq_sum": num((flat * flat).sum()),
              "head": [num(v) for v in flat[:8].tolist()], "picks": [[i, num(flat[i])] for i in picks]})
    return d


def next_fns(fn):
    if fn is None:
        return None
    return [[None if f is None else type(f).__name__, nr] for f, nr in fn.next_functions]


def err(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return None


def make_input(spec, g):
    shape, kind = spec
    if isinstance(kind, tuple) and kind[0] == "lit":
        return torch.tensor(kind[1], dtype=getattr(torch, kind[2]))
    if isinstance(kind, tuple) and kind[0] == "long":
        return torch.randint(0, kind[1], shape, generator=g)
    u = torch.rand(shape, generator=g)
    if kind in ("x", "c"):
        t = u * 2 - 1
    elif kind in ("p", "pc"):
        t = u * 0.9 + 0.05
    else:  # pos
        t = u + 0.5
    return t.requires_grad_(kind in ("x", "p"))


def functional_section():
    out = {}
    g = torch.Generator().manual_seed(0)
    for name, (fn, specs, kwargs) in CASES.items():
        ins = [make_input(s, g) for s in specs]
        inputs = [dict(enc(t, 10 ** 6), requires_grad=t.requires_grad) for t in ins]  # before the call mutates any
        names = TENSOR_KWARGS.get(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if names:
                res = fn(**dict(zip(names, ins)), **kwargs)
            else:
                res = fn(*ins, **kwargs)
        indices = None
        if isinstance(res, tuple):
            res, indices = res
        case = {"inputs": inputs, "kwargs": kwargs,
                "out": enc(res, 10 ** 6), "grad_fn": type(res.grad_fn).__name__ if res.grad_fn else None,
                "next_functions": next_fns(res.grad_fn)}
        if indices is not None:
            case["indices"] = enc(indices, 10 ** 6)
        if res.requires_grad:
            gout = torch.rand(res.shape, generator=g) * 2 - 1
            case["gout"] = enc(gout, 10 ** 6)
            res.backward(gout)
            case["grads"] = [enc(t.grad, 10 ** 6) if t.requires_grad else None for t in ins]
        if name.startswith("batch_norm"):
            case["running_after"] = [enc(ins[1], 10 ** 6), enc(ins[2], 10 ** 6)]
        out[name] = case
    # dropout: the exact mask stream after manual_seed
    torch.manual_seed(0)
    x = (torch.arange(1., 21.).reshape(4, 5) / 7).requires_grad_()
    y = F.dropout(x, 0.3)
    y.backward(torch.ones_like(y))
    out["dropout"] = {"out": enc(y, 10 ** 6), "grad": enc(x.grad, 10 ** 6), "grad_fn": type(y.grad_fn).__name__,
                      "next_functions": next_fns(y.grad_fn), "after": enc(torch.rand(3))}
    return out


def init_section():
    """Default initialisations: parameters right after construction from manual_seed(seed)."""
    res = {}
    layers = {
        "Linear(3,4)": lambda: nn.Linear(3, 4),
        "Linear(784,128)": lambda: nn.Linear(784, 128),
        "Linear(4,2,bias=False)": lambda: nn.Linear(4, 2, bias=False),
        "Conv2d(3,8,3)": lambda: nn.Conv2d(3, 8, 3),
        "Conv2d(4,6,(2,3),groups=2)": lambda: nn.Conv2d(4, 6, (2, 3), groups=2),
        "Conv1d(2,4,3)": lambda: nn.Conv1d(2, 4, 3),
        "ConvTranspose2d(4,2,3,stride=2)": lambda: nn.ConvTranspose2d(4, 2, 3, stride=2),
        "BatchNorm2d(4)": lambda: nn.BatchNorm2d(4),
        "LayerNorm(5)": lambda: nn.LayerNorm(5),
        "Embedding(10,3)": lambda: nn.Embedding(10, 3),
        "Embedding(10,3,padding_idx=2)": lambda: nn.Embedding(10, 3, padding_idx=2),
        "Embedding(20,4)": lambda: nn.Embedding(20, 4),
        "Bilinear(2,3,4)": lambda: nn.Bilinear(2, 3, 4),
    }
    for name, make in layers.items():
        torch.manual_seed(7)
        m = make()
        res[name] = {k: enc(v, 1000) for k, v in m.state_dict().items()}
    # nn.init functions on a fresh 6x5 tensor each, seed 3
    inits = {
        "uniform_": lambda t: nn.init.uniform_(t, -0.5, 2.0),
        "normal_": lambda t: nn.init.normal_(t, 0.5, 2.0),
        "xavier_uniform_": lambda t: nn.init.xavier_uniform_(t, gain=nn.init.calculate_gain("tanh")),
        "xavier_normal_": lambda t: nn.init.xavier_normal_(t),
        "kaiming_uniform_": lambda t: nn.init.kaiming_uniform_(t, mode="fan_out", nonlinearity="relu"),
        "kaiming_normal_": lambda t: nn.init.kaiming_normal_(t, a=0.1),
        "constant_": lambda t: nn.init.constant_(t, 0.25),
    }
    res["init"] = {}
    for name, f in inits.items():
        torch.manual_seed(3)
        t = torch.empty(6, 5)
        f(t)
        res["init"][name] = enc(t)
    res["gains"] = {k: nn.init.calculate_gain(*k.split(",")[:1], *(float(v) for v in k.split(",")[1:]))
                    for k in ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "leaky_relu,0.2", "selu", "conv2d"]}
    return res


def linreg_section():
    """Seed 002: np.random data, w * x + b, nn.MSELoss, 1000 epochs of manual SGD."""
    np.random.seed(0)
    X = np.random.rand(100, 1)
    Y = 2 + 3 * X + 0.1 * np.random.randn(100, 1)
    X = torch.from_numpy(X).float()
    Y = torch.from_numpy(Y).float()
    w = torch.tensor([1.], requires_grad=True)
    b = torch.tensor([1.], requires_grad=True)
    loss_fn = torch.nn.MSELoss()
    lines, losses = [], []
    for epoch in range(1000):
        loss = loss_fn(w * X + b, Y)
        loss.backward()
        with torch.no_grad():
            w -= 0.01 * w.grad
            b -= 0.01 * b.grad
        w.grad.zero_()
        b.grad.zero_()
        losses.append(loss.item())
        if (epoch + 1) % 100 == 0:
            lines.append(f'Epoch [{epoch+1}/1000], Loss: {loss.item():.4f}')
    return {"lines": lines, "final": f"Final weights: {w.item()} bias: {b.item()}", "w": w.item(), "b": b.item(),
            "losses_every_50": losses[::50], "X_head": X[:5, 0].tolist(), "Y_head": Y[:5, 0].tolist()}


def main():
    torch.set_printoptions(profile="default")
    cap = re.search(r"CPU capability usage: (\S+)", torch.__config__.show())
    data = {
        "header": {"torch": torch.__version__, "numpy": np.__version__, "cpu_capability": cap.group(1) if cap else None,
                   "note": "generated by test/nn/generate_nn_goldens.py; see its docstring for encodings and 1.13 vs 2.x notes"},
        "functional": functional_section(),
        "init": init_section(),
        "linreg": linreg_section(),
    }
    data.update(models_section(enc, next_fns, err))
    with open(OUT, "w") as f:
        json.dump(data, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
