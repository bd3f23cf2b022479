"""Describe what torch.load (real PyTorch 1.13) reads from a .pt file, as JSON on stdout:
    /usr/bin/python3 test/serialization/describe_pt.py FILE [--weights-only] [--load-into SPEC]
Tensors become {"tensor": values, "dtype", "shape", "stride", "offset", "requires_grad", "param", "storage": group};
tensors sharing a storage get the same group number. With --load-into mlp, the file is loaded into
a fresh model with model.load_state_dict and the model's output for a fixed input is reported too."""
import json, math, sys
import torch

def num(v):
    if isinstance(v, float):
        if math.isnan(v): return "nan"
        if math.isinf(v): return "inf" if v > 0 else "-inf"
        if v == 0 and math.copysign(1, v) < 0: return "-0"
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53: return str(v)
    return v

def deep(v):
    if isinstance(v, list): return [deep(x) for x in v]
    return num(v)

def describe(v, storages):
    if isinstance(v, torch.Tensor):
        ptr = v.storage().data_ptr()
        group = storages.setdefault(ptr, len(storages))
        vals = v.float().tolist() if v.dtype == torch.bfloat16 else v.tolist()
        return {"tensor": deep(vals), "dtype": str(v.dtype), "shape": list(v.shape), "stride": list(v.stride()),
                "offset": v.storage_offset(), "requires_grad": v.requires_grad,
                "param": isinstance(v, torch.nn.Parameter), "storage": group}
    if isinstance(v, dict):
        kind = "OrderedDict" if type(v).__name__ == "OrderedDict" else "dict"
        return {kind: [[describe(k, storages), describe(x, storages)] for k, x in v.items()]}
    if isinstance(v, tuple): return {"tuple": [describe(x, storages) for x in v]}
    if isinstance(v, list): return {"list": [describe(x, storages) for x in v]}
    if isinstance(v, bool) or v is None: return {"value": v}
    if isinstance(v, int): return {"int": str(v)}
    if isinstance(v, float): return {"float": num(v)}
    if isinstance(v, str): return {"str": v}
    if isinstance(v, torch.dtype): return {"dtype": str(v)}
    return {"object": type(v).__module__ + "." + type(v).__name__}

def mlp():
    return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.BatchNorm1d(8), torch.nn.Linear(8, 3))

if __name__ == "__main__":
    path = sys.argv[1]
    weights_only = "--weights-only" in sys.argv
    out = {}
    try:
        obj = torch.load(path, weights_only=weights_only)
        out["value"] = describe(obj, {})
        if "--load-into" in sys.argv:
            model = mlp()
            sd = obj["model"] if isinstance(obj, dict) and "model" in obj else obj
            out["load_result"] = str(model.load_state_dict(sd))
            model.eval()
            torch.manual_seed(123)
            out["output"] = model(torch.randn(5, 4)).tolist()
            if isinstance(obj, dict) and "optimizer" in obj:
                # the optimizer state dict restores an Adam that then takes a step
                opt = torch.optim.Adam(model.parameters(), lr=0.5)
                opt.load_state_dict(obj["optimizer"])
                st = opt.state[model[0].weight]
                out["optimizer"] = {"lr": opt.param_groups[0]["lr"], "state_keys": sorted(st.keys()), "step": float(st["step"])}
                model.train()
                opt.zero_grad()
                model(torch.ones(4, 4)).pow(2).mean().backward()
                opt.step()
    except Exception as e:
        out["error"] = f"{type(e).__name__}: {e}"
    print(json.dumps(out))
