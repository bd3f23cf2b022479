"""PyTorch's warnings as a user sees them: which ones print, and how often.

Run with Debian's PyTorch:  /usr/bin/python3 test/autograd/generate_warning_goldens.py
Writes test/autograd/warning_goldens.json: for each case, the warnings a fresh Python process
prints on stderr (`Category: message`, under Python's default filter, which prints a warning
once per place that issues it). warnings.test.ts runs the same calls and compares.
PyTorch's C++ warnings end with `(Triggered internally at <PyTorch's source file>)`; gradlab
prints that too (the text is PyTorch's, word for word).
"""
import json
import os
import re
import subprocess
import sys

import torch

CASES = {
    "backward with create_graph, twice": """
x = torch.tensor([1.0, 2.0], requires_grad=True)
for _ in range(2):
    (x * x).sum().backward(create_graph=True)
""",
    "gradcheck of a float32 input, twice": """
a = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
b = torch.tensor([3.0, 4.0], dtype=torch.float32, requires_grad=True)
for _ in range(2):
    try:
        torch.autograd.gradcheck(lambda p, q: p * q, [a, b])
    except Exception:
        pass
""",
}

WARNING = re.compile(r"^\S+:\d+: (\w+Warning): (.*)$")


def warnings_of(code):
    r = subprocess.run([sys.executable, "-c", "import torch\n" + code], capture_output=True, text=True, check=True)
    out = []
    for line in r.stderr.splitlines():
        m = WARNING.match(line)
        if m:
            out.append(f"{m.group(1)}: {m.group(2)}")
    return out


def main():
    cases = [{"name": name, "warnings": warnings_of(code)} for name, code in CASES.items()]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "warning_goldens.json")
    with open(path, "w") as f:
        json.dump({"generator": "test/autograd/generate_warning_goldens.py", "torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
