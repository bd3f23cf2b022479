#!/usr/bin/python3
"""Write test/safetensors/*.safetensors and safetensors_goldens.json from REAL PyTorch 1.13.

Run: /usr/bin/python3 test/safetensors/generate_safetensors_files.py

Debian has no python3-safetensors, so the files are written here by hand, byte for byte as the
Rust library serializes them (safetensors/src/tensor.rs `prepare`): tensors sorted by descending
dtype (its Dtype enum order) then name; header JSON compact, "__metadata__" first, then tensors
in data order; padded with spaces to a multiple of 8; u64 little-endian header length first.

- small_cnn.safetensors: the state dict of a conv / batch-norm / linear model after one SGD step
  (float32 weights, running stats, int64 num_batches_tracked), with its eval output on a fixed
  input (goldens), so a gradlab model that loads the file must reproduce PyTorch's output.
- dtypes.safetensors: one small tensor per dtype gradlab has (bool, uint8, int8, int16, int32,
  int64, float16, float32, float64), with metadata.
"""
import json
import os
import struct

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
# safetensors' Dtype enum order (the sort key), and the codes of the dtypes gradlab has.
ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]
CODE = {torch.bool: "BOOL", torch.uint8: "U8", torch.int8: "I8", torch.int16: "I16", torch.float16: "F16",
        torch.int32: "I32", torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}


def serialize(tensors, metadata=None):
    items = sorted(tensors.items(), key=lambda kv: (-ORDER.index(CODE[kv[1].dtype]), kv[0]))
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, t in items:
        data = t.detach().contiguous().numpy().tobytes()  # little-endian on this (x86) machine
        header[name] = {"dtype": CODE[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    js = json.dumps(header, separators=(",", ":")).encode()
    js += b" " * ((8 - len(js) % 8) % 8)
    return struct.pack("<Q", len(js)) + js + b"".join(blobs)


def main():
    torch.manual_seed(11)
    model = nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(3 * 2 * 2, 4))
    x = torch.randn(5, 2, 4, 4)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    model(x).pow(2).sum().backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        out = model(x)
    sd = model.state_dict()
    with open(os.path.join(HERE, "small_cnn.safetensors"), "wb") as f:
        f.write(serialize(sd))

    dt = {"b": torch.tensor([True, False, True]), "u8": torch.tensor([0, 7, 255], dtype=torch.uint8),
          "i8": torch.tensor([-128, 5, 127], dtype=torch.int8), "i16": torch.tensor([[-300, 2], [3, 32767]], dtype=torch.int16),
          "i32": torch.tensor([-2 ** 31, 1, 2 ** 31 - 1], dtype=torch.int32), "i64": torch.tensor([-2 ** 53, 3, 2 ** 53], dtype=torch.int64),
          "f16": torch.tensor([0.1, -2.5, 65504.0, 6e-8, float("inf")], dtype=torch.float16),
          "f32": torch.tensor([[0.1, -0.0], [1e-40, float("-inf")]], dtype=torch.float32),
          "f64": torch.tensor([0.1, -1e300, 5e-324], dtype=torch.float64), "scalar": torch.tensor(2.5)}
    with open(os.path.join(HERE, "dtypes.safetensors"), "wb") as f:
        f.write(serialize(dt, {"format": "pt", "note": "written by generate_safetensors_files.py"}))

    def values(t):
        return [float(v) if t.dtype.is_floating_point else int(v) for v in t.reshape(-1).tolist()]

    gold = {"torch": torch.__version__,
            "small_cnn": {"x": values(x), "x_shape": list(x.shape), "eval_out": values(out), "out_shape": list(out.shape),
                          "state_dict": {k: {"shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", ""), "values": values(v)} for k, v in sd.items()},
                          "repr": repr(model)},
            "dtypes": {k: {"shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", ""),
                           "values": [str(x) if x != x or x in (float("inf"), float("-inf")) else x for x in values(v)]} for k, v in dt.items()}}
    with open(os.path.join(HERE, "safetensors_goldens.json"), "w") as f:
        json.dump(gold, f, indent=1)
        f.write("\n")
    print("wrote small_cnn.safetensors, dtypes.safetensors, safetensors_goldens.json")


if __name__ == "__main__":
    main()
