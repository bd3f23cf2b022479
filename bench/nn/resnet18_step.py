#!/usr/bin/python3
"""PyTorch side of bench/nn/resnet18_step.ts: seconds per ResNet-18 training step on
torch.rand(1, 3, 64, 64) (forward, (pred - labels).sum(), backward, SGD momentum step).
Run: /usr/bin/python3 bench/nn/resnet18_step.py [steps] [threads]   -> prints one JSON line."""
import json
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 3)[0] + "/test/nn")
from nn_golden_models import resnet18  # noqa: E402  (torchvision's architecture, defined by hand)

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 5
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
torch.set_num_threads(threads)
torch.manual_seed(0)
model = resnet18()
data = torch.rand(1, 3, 64, 64)
labels = torch.rand(1, 1000)
opt = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)


def step():
    opt.zero_grad(set_to_none=True)
    t0 = time.perf_counter()
    pred = model(data)
    loss = (pred - labels).sum()
    t1 = time.perf_counter()
    loss.backward()
    t2 = time.perf_counter()
    opt.step()
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


step()  # warm-up
times = [step() for _ in range(steps)]
mean = [sum(t[i] for t in times) / steps for i in range(3)]
print(json.dumps({"torch": torch.__version__, "threads": threads, "forward": mean[0], "backward": mean[1], "step": mean[2], "total": sum(mean)}))
