"""Goldens for devices from real PyTorch 1.13 (a CPU-only build, as Debian's): run with
    /usr/bin/python3 test/tensor/generate_device_goldens.py
and commit device_goldens.json: reprs, str() and the errors tutorial code meets without CUDA."""
import json, os
import torch

def run(f):
    try:
        r = f()
        return {"repr": repr(r), "str": str(r)}
    except BaseException as e:
        return {"error": f"{type(e).__name__}: {e}"}

cases = {
    "device_cpu": lambda: torch.device("cpu"),
    "device_cpu0": lambda: torch.device("cpu:0"),
    "device_cpu_index": lambda: torch.device("cpu", 1),
    "device_cuda": lambda: torch.device("cuda"),
    "device_cuda1": lambda: torch.device("cuda:1"),
    "device_of_device": lambda: torch.device(torch.device("cpu")),
    "device_gpu": lambda: torch.device("gpu"),
    "device_bad_index": lambda: torch.device("cuda:x"),
    "zeros_cuda": lambda: torch.zeros(2, device="cuda"),
    "tensor_cuda": lambda: torch.tensor([1.0], device="cuda"),
    "randn_cuda": lambda: torch.randn(2, device="cuda"),
    "to_cuda": lambda: torch.zeros(2).to("cuda"),
    "to_cuda_device": lambda: torch.zeros(2).to(torch.device("cuda:0")),
    "tensor_cuda_method": lambda: torch.zeros(2).cuda(),
    "module_to_cuda": lambda: torch.nn.Linear(2, 2).to("cuda"),
    "module_cuda": lambda: torch.nn.Linear(2, 2).cuda(),
    "to_cpu_dtype": lambda: torch.zeros(2).to("cpu", torch.float64),
    "to_kw": lambda: torch.zeros(2).to(device="cpu", dtype=torch.float64),
    "to_other": lambda: torch.zeros(2).to(torch.zeros(1, dtype=torch.float64)),
    "zeros_cpu_device": lambda: torch.zeros(2, device=torch.device("cpu")),
    "tensor_device": lambda: torch.zeros(2).device,
    "tensor_device_type": lambda: torch.zeros(2).device.type,
    "tensor_is_cuda": lambda: torch.zeros(2).is_cuda,
    "cuda_is_available": lambda: torch.cuda.is_available(),
    "cuda_device_count": lambda: torch.cuda.device_count(),
    "cuda_manual_seed": lambda: torch.cuda.manual_seed(0),
    "cuda_current_device": lambda: torch.cuda.current_device(),
    "tutorial_idiom": lambda: torch.ones(2, device="cuda" if torch.cuda.is_available() else "cpu"),
}
out = {k: run(f) for k, f in cases.items()}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "device_goldens.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote device_goldens.json")
