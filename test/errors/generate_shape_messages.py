"""PyTorch's messages that print a shape, one per form a shape takes in them.

Run with Debian's PyTorch:  /usr/bin/python3 test/errors/generate_shape_messages.py
Writes test/errors/shape_messages.json: for each case, `ExceptionName: message` as Python
shows it. shape_messages.test.ts runs the TypeScript translations (engine/format/shape_text.ts
writes every shape in them) and compares. The other forms are checked elsewhere: numpy's in
test/numpy, torchviz's in test/display, tensor reprs in test/format.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

CASES = {
    # "x": ATen's pooling checks
    "max_pool2d output too small": lambda: F.max_pool2d(torch.ones(1, 3, 2, 2), 3),
    "avg_pool2d output too small": lambda: F.avg_pool2d(torch.ones(1, 3, 2, 2), 3),
    # "list": c10's IntArrayRef
    "max_pool2d empty non-batch dimension": lambda: F.max_pool2d(torch.ones(1, 0, 2, 2), 1),
    "nll_loss target size": lambda: F.nll_loss(torch.zeros(2, 3, 4), torch.zeros(2, 5, dtype=torch.long)),
    "nll_loss weight size": lambda: F.nll_loss(torch.zeros(2, 3), torch.zeros(2, dtype=torch.long), weight=torch.ones(2)),
    "conv_transpose2d output_size out of range": lambda: torch.nn.ConvTranspose2d(1, 1, 3)(torch.ones(1, 1, 4, 4), output_size=[10, 10]),
    "view of an impossible shape": lambda: torch.ones(6).view(4, 2),
    "layer_norm with a mismatched normalized_shape": lambda: F.layer_norm(torch.ones(2, 3), [4]),
    # "Size": repr(torch.Size), Python-side messages
    "binary_cross_entropy target size": lambda: F.binary_cross_entropy(torch.full((2, 3), 0.5), torch.zeros(3, 2)),
    "batch_norm of one value per channel": lambda: F.batch_norm(torch.ones(1, 3), None, None, training=True),
}


def main():
    cases = []
    for name, call in CASES.items():
        try:
            call()
            raise AssertionError(f"{name}: PyTorch raised nothing")
        except AssertionError:
            raise
        except Exception as e:  # noqa: BLE001 - recorded as Python shows it
            cases.append({"name": name, "error": f"{type(e).__name__}: {e}"})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shape_messages.json")
    with open(path, "w") as f:
        json.dump({"generator": "test/errors/generate_shape_messages.py", "torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
