#!/usr/bin/python3
"""PyTorch side of bench/native/training_bench.ts. Two modes:

  training_torch.py worker            JSON lines on stdin -> {"seconds": [...]} per request:
                                      {"case": "resnet", "batch": 1, "reps": 3}  ResNet-18 forward + backward
                                      {"case": "mlp", "reps": 50}               MLP 784-256-10 SGD step
  training_torch.py memory B STEPS    a ResNet-18 training loop (SGD with momentum) on Bx3x64x64 in this
                                      fresh process; prints peak RSS and the RSS every 5 steps (MB)

Run with OMP_NUM_THREADS=1 and OPENBLAS_NUM_THREADS=2, as the other benches."""
import json
import resource
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 3)[0] + "/test/nn")
from nn_golden_models import resnet18  # noqa: E402  (torchvision's architecture, defined by hand)


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6


def resnet_step(batch):
    torch.manual_seed(0)
    model = resnet18()
    data, labels = torch.rand(batch, 3, 64, 64), torch.rand(batch, 1000)

    def step():
        model.zero_grad(set_to_none=True)
        (model(data) - labels).sum().backward()
    return model, step


def mlp_step():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    x, y = torch.rand(64, 784), torch.randint(0, 10, (64,))

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
    return step


if sys.argv[1] == "memory":
    batch, steps = int(sys.argv[2]), int(sys.argv[3])
    model, _ = resnet_step(batch)
    data, labels = torch.rand(batch, 3, 64, 64), torch.rand(batch, 1000)
    opt = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
    every5 = []
    for i in range(steps):
        opt.zero_grad()
        (model(data) - labels).sum().backward()
        opt.step()
        if i % 5 == 4:
            every5.append(round(rss_mb()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(json.dumps({"peakMB": round(peak), "rssEvery5": every5}))
    sys.exit(0)

steps = {}
print(json.dumps({"torch": torch.__version__}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    key = (req["case"], req.get("batch"))
    if key not in steps:
        steps[key] = resnet_step(req["batch"])[1] if req["case"] == "resnet" else mlp_step()
        steps[key]()
    out = []
    for _ in range(req["reps"]):
        t0 = time.perf_counter()
        steps[key]()
        out.append(time.perf_counter() - t0)
    print(json.dumps({"seconds": out}), flush=True)
