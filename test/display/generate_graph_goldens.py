"""Goldens for make_dot (test/display/make_dot.test.ts): the statements torchviz's make_dot
emits for graphs built by real PyTorch (Debian's python3-torch; torchviz itself need not be
installed). The walk below is torchviz's algorithm (torchviz/dot.py, make_dot) applied to the
real grad_fn graph; each statement is recorded instead of being added to a graphviz.Digraph.
Object ids are renumbered in order of first appearance, so the test can compare with gradlab's
DOT source the same way.

Run: /usr/bin/python3 test/display/generate_graph_goldens.py
"""
import json
import os

import torch

SAVED_PREFIX = "_saved_"


def torchviz_statements(var, params=None, show_saved=False):
    param_map = {id(v): k for k, v in params.items()} if params else {}
    body = []
    seen = set()
    ids = {}

    def ref(obj):
        key = id(obj)
        if key not in ids:
            ids[key] = len(ids) + 1
        return ids[key]

    def node(obj, label, fillcolor=None):
        body.append({"node": ref(obj), "label": label, "fillcolor": fillcolor})

    def edge(a, b, **attrs):
        body.append({"edge": [ref(a), ref(b)], **attrs})

    def size_to_str(size):
        return "(" + (", ").join(["%d" % v for v in size]) + ")"

    def get_var_name(var, name=None):
        if not name:
            name = param_map[id(var)] if id(var) in param_map else ""
        return "%s\n %s" % (name, size_to_str(var.size()))

    def add_nodes(fn):
        if fn in seen:
            return
        seen.add(fn)
        if show_saved:
            for attr in dir(fn):
                if not attr.startswith(SAVED_PREFIX):
                    continue
                val = getattr(fn, attr)
                seen.add(val)
                attr = attr[len(SAVED_PREFIX):]
                if torch.is_tensor(val):
                    edge(fn, val, dir="none")
                    node(val, get_var_name(val, attr), "orange")
                if isinstance(val, tuple):
                    for i, t in enumerate(val):
                        if torch.is_tensor(t):
                            edge(fn, t, dir="none")
                            node(t, get_var_name(t, attr + "[%s]" % str(i)), "orange")
        if hasattr(fn, "variable"):
            v = fn.variable
            seen.add(v)
            node(v, get_var_name(v), "lightblue")
            edge(v, fn)
        node(fn, str(type(fn).__name__))
        if hasattr(fn, "next_functions"):
            for u in fn.next_functions:
                if u[0] is not None:
                    edge(u[0], fn)
                    add_nodes(u[0])
        if hasattr(fn, "saved_tensors"):
            for t in fn.saved_tensors:
                seen.add(t)
                edge(t, fn, dir="none")
                node(t, get_var_name(t), "orange")

    def add_base_tensor(var, color="darkolivegreen1"):
        if var in seen:
            return
        seen.add(var)
        node(var, get_var_name(var), color)
        if var.grad_fn:
            add_nodes(var.grad_fn)
            edge(var.grad_fn, var)
        if var._is_view():
            add_base_tensor(var._base, color="darkolivegreen3")
            edge(var._base, var, style="dotted")

    add_base_tensor(var)
    return body


def main():
    cases = {}
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
    z = x ** 2 + y ** 3
    cases["x**2 + y**3"] = torchviz_statements(z)
    cases["x**2 + y**3, show_saved"] = torchviz_statements(z, show_saved=True)

    # Seed 004 (PyTorch's autograd tutorial): Q = 3a^3 - b^2.
    a = torch.tensor([2.0, 3.0], requires_grad=True)
    b = torch.tensor([6.0, 4.0], requires_grad=True)
    Q = 3 * a ** 3 - b ** 2
    cases["Q = 3*a**3 - b**2"] = torchviz_statements(Q)

    # A view as the output: its base drawn darker green, joined by a dotted edge.
    w = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    cases["view of (w * 2)"] = torchviz_statements((w * 2).view(2, 2))

    # torchviz's README example, with nn.Sequential's numbered names.
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1))
    inp = torch.randn(1, 8)
    out = model(inp).mean()
    cases["mlp, params"] = torchviz_statements(out, params=dict(model.named_parameters()))

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graph_goldens.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
