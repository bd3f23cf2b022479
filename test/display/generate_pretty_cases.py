#!/usr/bin/python3
"""Write test/display/pretty_cases.json: IPython's pretty() (the text of Out[n]) of Python
values that test/display/pretty.test.ts builds the same way in TypeScript.

    /usr/bin/python3 test/display/generate_pretty_cases.py
"""
import json
import os

import torch
from IPython.lib.pretty import pretty

cases = {}


def add(name, value):
    cases[name] = pretty(value)


add("short_list", [1, 2, 3])
add("dir_members", ['backward', 'data', 'detach', 'grad', 'grad_fn', 'is_leaf', 'register_hook', 'requires_grad',
                    'requires_grad_', 'retain_grad', 'retains_grad'])
add("range_40", list(range(40)))
add("floats", [i / 8 + 0.0625 for i in range(30)])  # non-integral: a JS number 1 prints as 1, not 1.0
add("nested_rows", [[j * 10 + i for i in range(12)] for j in range(4)])
add("tuple_1", (5,))
add("tuple_long", tuple(f"name_{i}" for i in range(12)))
add("truncated_1200", list(range(1200)))
add("quotes", ["it's", 'say "hi"', "back\\slash", "a\nb\t\x01", "both ' \"", "中文"])
add("none_bool", [None, True, False, 2.5, -0.0])
add("tensor_in_dict", {"a": torch.ones(2, 2)})
add("tensors_in_list", [torch.arange(3.0), torch.zeros(2, 2), torch.tensor(1.5)])
add("sizes", [torch.Size([2, 3]), torch.Size([10, 512])])
torch.manual_seed(0)
lin = torch.nn.Linear(3, 1)
add("parameters", list(lin.parameters()))
opt = torch.optim.SGD(lin.parameters(), lr=0.1, momentum=0.9)
lin(torch.tensor([[1.0, 2.0, 3.0]])).sum().backward()
opt.step()
add("sgd_state", opt.state_dict()["state"])
add("dict_nested", {"state": opt.state_dict()["state"], "lr": 0.1, "names": ["weight", "bias"], "flag": True})
add("dict_of_lists", {**{f"k{i}": list(range(i, i + 6)) for i in range(5)}, "t": torch.ones(3)})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pretty_cases.json")
with open(path, "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {path}")
