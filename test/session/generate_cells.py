"""Cell transcripts: IPython sessions in real PyTorch and their TypeScript translations, cell by cell.

Run with Debian's PyTorch:  /usr/bin/python3 test/session/generate_cells.py
Writes test/session/cells.json: for each cell, what IPython shows (stdout, the result's pretty
repr, or `ExceptionName: message`). cells.test.ts runs the TypeScript cells through the
session and compares (graph node addresses normalised). The TypeScript is the line-by-line
translation SPEC describes: operators stay operators, keyword arguments become an options
object, `with torch.no_grad():` becomes `torch.no_grad(() => { ... })`.
"""
import ast
import contextlib
import io
import json
import os
import sys
import warnings

import numpy as np
import torch
from IPython.lib.pretty import pretty

CASES = []


def case(name, py, ts, note=""):
    assert len(py) == len(ts), name
    CASES.append({"name": name, "py": [c.strip("\n") for c in py], "ts": [c.strip("\n") for c in ts], "note": note})


# ---- seeds ------------------------------------------------------------------------------------------

case("seed000 z = x**2 + y**3 and its graph", [
    "x = torch.tensor(2.0, requires_grad=True)\ny = torch.tensor(3.0, requires_grad=True)\nz = x**2 + y**3\nz",
    "x.is_leaf, z.is_leaf",
    "z.grad_fn",
    "z.grad_fn.next_functions",
    "z.grad_fn.next_functions[0][0].next_functions",
    "x_leaf = z.grad_fn.next_functions[0][0].next_functions[0][0]\nx_leaf",
    "x_leaf.variable",
    "x_leaf.variable is x",
    "z.backward()\nprint(x.grad, y.grad)",
], [
    "const x = torch.tensor(2.0, {requires_grad: true})\nconst y = torch.tensor(3.0, {requires_grad: true})\nconst z = x ** 2 + y ** 3\nz",
    "torch.tuple([x.is_leaf, z.is_leaf])",
    "z.grad_fn",
    "z.grad_fn.next_functions",
    "z.grad_fn.next_functions[0][0].next_functions",
    "const x_leaf = z.grad_fn.next_functions[0][0].next_functions[0][0]\nx_leaf",
    "(x_leaf as any).variable",
    "(x_leaf as any).variable === x",
    "z.backward()\nprint(x.grad, y.grad)",
])

case("seed001 ipython: y = 2 * torch.dot(x, x)", [
    "x = torch.arange(4.0)", "x", "x.requires_grad_(True)", "x.grad",
    "y = 2 * torch.dot(x,x)", "y", "y.backward()", "x.grad", "x.grad == 4 * x",
], [
    "const x = torch.arange(4.0)", "x", "x.requires_grad_(true)", "x.grad",
    "const y = 2 * torch.dot(x, x)", "y", "y.backward()", "x.grad", "x.grad == 4 * x",
])

F_PY = """
def f(a):
    b = a*2
    while b.norm() < 1000:
        b = b*2
    if b.sum() > 0:
        c = b
    else:
        c = 100 *b
    return c
"""
F_TS = """
function f(a) {
  let b = a * 2
  while (b.norm() < 1000)
    b = b * 2
  let c
  if (b.sum() > 0)
    c = b
  else
    c = 100 * b
  return c
}
"""

case("seed001 control flow: scalar, then vector", [
    F_PY + "torch.manual_seed(0)\nprint('————————标量————————')",
    "a = torch.randn(size=(),requires_grad=True)\nprint(a)\nd=f(a)\nprint(d)\nd.backward()\nprint(a.grad)\nprint(a.grad == d / a)",
    "print('————————向量————————')\na = torch.randn(3,requires_grad=True)\nprint(a)\nd=f(a)\nprint(d)\ntry:\n    d.backward()\n    print(a.grad)\n    print(a.grad == d/a)\nexcept Exception as e:\n    print('Error:',e)",
    "d.backward()",
    "d.backward(torch.ones_like(d))\nprint(a.grad)\nprint(a.grad == d/a)",
], [
    F_TS + "torch.manual_seed(0)\nprint('————————标量————————')",
    "let a = torch.randn([], {requires_grad: true})\nprint(a)\nlet d = f(a)\nprint(d)\nd.backward()\nprint(a.grad)\nprint(a.grad == d / a)",
    "print('————————向量————————')\na = torch.randn(3, {requires_grad: true})\nprint(a)\nd = f(a)\nprint(d)\ntry {\n  d.backward()\n  print(a.grad)\n  print(a.grad == d / a)\n} catch (e) {\n  print('Error:', e.message)\n}",
    "d.backward()",
    "d.backward(torch.ones_like(d))\nprint(a.grad)\nprint(a.grad == d / a)",
])

case("seed001 b = (torch.norm(a))**2", [
    "torch.manual_seed(1)\na = torch.randn(5,requires_grad=True)\nprint(a)\nb = (torch.norm(a))**2\nprint(b)\nb.backward()\nprint(a.grad)",
], [
    "torch.manual_seed(1)\nconst a = torch.randn(5, {requires_grad: true})\nprint(a)\nconst b = (torch.norm(a)) ** 2\nprint(b)\nb.backward()\nprint(a.grad)",
])

case("seed002 y = x + 2, z = y * y * 3, out = z.mean()", [
    "x = torch.ones(2, 2, requires_grad=True)\ny = x + 2\nz = y * y * 3\nout = z.mean()\nprint(y.grad_fn)\nprint(z.grad_fn)",
    "y", "z", "out", "out.backward()\nprint(x.grad)",
], [
    "const x = torch.ones(2, 2, {requires_grad: true})\nconst y = x + 2\nconst z = y * y * 3\nconst out = z.mean()\nprint(y.grad_fn)\nprint(z.grad_fn)",
    "y", "z", "out", "out.backward()\nprint(x.grad)",
])

case("seed002 linear regression: w -= learning_rate * w.grad under no_grad", [
    "np.random.seed(0)\nX = torch.from_numpy(np.random.rand(100, 1))\nY = 2 + 3 * X + 0.1 * torch.from_numpy(np.random.randn(100, 1))\nX = X.float()\nY = Y.float()",
    "w = torch.tensor([1.], requires_grad=True)\nb = torch.tensor([1.], requires_grad=True)\ndef forward(x):\n    return w * x + b\nloss_fn = lambda y_pred, y: ((y_pred - y) ** 2).mean()",
    "learning_rate = 0.01\nfor epoch in range(1000):\n    y_pred = forward(X)\n    loss = loss_fn(y_pred, Y)\n    loss.backward()\n    with torch.no_grad():\n        w -= learning_rate * w.grad\n        b -= learning_rate * b.grad\n    w.grad.zero_()\n    b.grad.zero_()\n    if (epoch+1) % 100 == 0:\n        print(f'Epoch [{epoch+1}/1000], Loss: {loss.item():.4f}')\nprint('Final weights:', round(w.item(), 4), 'bias:', round(b.item(), 4))",
    "w", "b.is_leaf, b.grad_fn",
], [
    "np.random.seed(0)\nlet X = torch.from_numpy(np.random.rand(100, 1) as np.ndarray)\nlet Y = 2 + 3 * X + 0.1 * torch.from_numpy(np.random.randn(100, 1) as np.ndarray)\nX = X.float()\nY = Y.float()",
    "const w = torch.tensor([1.], {requires_grad: true})\nconst b = torch.tensor([1.], {requires_grad: true})\nfunction forward(x) {\n  return w * x + b\n}\nconst loss_fn = (y_pred, y) => ((y_pred - y) ** 2).mean()",
    "const learning_rate = 0.01\nfor (const epoch of range(1000)) {\n  const y_pred = forward(X)\n  const loss = loss_fn(y_pred, Y)\n  loss.backward()\n  torch.no_grad(() => {\n    w -= learning_rate * w.grad\n    b -= learning_rate * b.grad\n  })\n  w.grad.zero_()\n  b.grad.zero_()\n  if ((epoch + 1) % 100 == 0)\n    print(`Epoch [${epoch + 1}/1000], Loss: ${loss.item().toFixed(4)}`)\n}\nprint('Final weights:', +w.item().toFixed(4), 'bias:', +b.item().toFixed(4))",
    "w", "torch.tuple([b.is_leaf, b.grad_fn])",
], note="numpy's random data as in the seed (arithmetic on it in float64 torch, as numpy would); the loss is MSE written out")

case("seed002 data as the seed writes it: numpy arithmetic, then torch.from_numpy", [
    "np.random.seed(0)\nX = np.random.rand(100, 1)\nY = 2 + 3 * X + 0.1 * np.random.randn(100, 1)\nX.shape, Y.dtype == np.float64",
    "Y[0], Y[99]",
    "X = torch.from_numpy(X).float()\nY = torch.from_numpy(Y).float()\nY[:3]",
], [
    "np.random.seed(0)\nlet X = np.random.rand(100, 1)\nlet Y = 2 + 3 * X + 0.1 * np.random.randn(100, 1)\ntorch.tuple([torch.tuple(X.shape), Y.dtype === np.float64])",
    "torch.tuple([Y[0], Y[99]])",
    "let Xt = torch.from_numpy(X).float()\nlet Yt = torch.from_numpy(Y).float()\nYt[':3']",
], note="TypeScript cannot re-type X from array to tensor, so the tensors get new names")

case("numpy arrays with operators, as numpy", [
    "a = np.array([1., 2., 4.])", "a * 2", "2 - a", "1 / a", "a ** 2 + a", "-a", "a < 2", "a == np.array([1., 0., 4.])",
    "a += 1\na", "b = np.zeros((2, 2))\nb[0] += 5\nb", "bool(np.array([3.]) > 2)",
    "bool(a > 1)",
    "np.array([5, -5, 0]) % 3", "7. % np.array([2., -3.])", "c = np.array([7, 8])\nc %= 5\nc",
], [
    "const a = np.array([1., 2., 4.])", "a * 2", "2 - a", "1 / a", "a ** 2 + a", "-a", "a < 2", "a == np.array([1., 0., 4.])",
    "a += 1\na", "const b = np.zeros([2, 2])\nb[0] += 5\nb", "np.array([3.]) > 2 ? true : false",
    "a > 1 ? true : false",
    "np.array([5, -5, 0]) % 3", "7. % np.array([2., -3.])", "const c = np.array([7, 8])\nc %= 5\nc",
], note="float literals make float64 arrays, as numpy's np.array infers")

case("seed004 Q = 3*a**3 - b**2", [
    "a = torch.tensor([2., 3.], requires_grad=True)\nb = torch.tensor([6., 4.], requires_grad=True)\nQ = 3*a**3 - b**2\nQ",
    "external_grad = torch.tensor([1., 1.])\nQ.backward(gradient=external_grad)\nprint(9*a**2 == a.grad)\nprint(-2*b == b.grad)",
], [
    "const a = torch.tensor([2., 3.], {requires_grad: true})\nconst b = torch.tensor([6., 4.], {requires_grad: true})\nconst Q = 3 * a ** 3 - b ** 2\nQ",
    "const external_grad = torch.tensor([1., 1.])\nQ.backward(external_grad)\nprint(9 * a ** 2 == a.grad)\nprint(-2 * b == b.grad)",
])

# ---- operator rules ----------------------------------------------------------------------------------

case("arithmetic with Python's reflected operators", [
    "x = torch.tensor([1., 2., 4.], requires_grad=True)",
    "x + 1", "1 + x", "x - 1", "2 - x", "x * 3", "3 * x", "x / 2", "2 / x", "x ** 2", "2 ** x", "x % 3", "-x",
    "x + x", "x * x - x / x",
], [
    "const x = torch.tensor([1., 2., 4.], {requires_grad: true})",
    "x + 1", "1 + x", "x - 1", "2 - x", "x * 3", "3 * x", "x / 2", "2 / x", "x ** 2", "2 ** x", "x % 3", "-x",
    "x + x", "x * x - x / x",
])

case("comparisons are element-wise, identity stays identity", [
    "x = torch.tensor([1., 2., 3.])\ny = torch.tensor([3., 2., 1.])",
    "x == 2", "x != y", "x < y", "x <= 2", "x > 1", "x >= y", "2 < x", "2 == x",
    "x is x, x is y", "x.grad is None",
], [
    "const x = torch.tensor([1., 2., 3.])\nconst y = torch.tensor([3., 2., 1.])",
    "x == 2", "x != y", "x < y", "x <= 2", "x > 1", "x >= y", "2 < x", "2 == x",
    "torch.tuple([x === x, x === y])", "x.grad == null",
])

case("compound assignment is in place, also on a const leaf under no_grad", [
    "w = torch.ones(3, requires_grad=True)\nh = w * 2\nh += 1\nh",
    "h *= h\nh",
    "w += 1",
    "with torch.no_grad():\n    w -= 0.5\n    w *= 2\nw",
    "n = 3\nn += 1\nn",
], [
    "const w = torch.ones(3, {requires_grad: true})\nconst h = w * 2\nh += 1\nh",
    "h *= h\nh",
    "w += 1",
    "torch.no_grad(() => {\n  w -= 0.5\n  w *= 2\n})\nw",
    "let n = 3\nn += 1\nn",
])

case("indexing reads and writes through the tensor", [
    "x = torch.arange(12.).reshape(3, 4)",
    "x[0]", "x[0][1]", "x[1:3, ::2]", "x[..., 0]", "x[:, None].shape", "x[-1]",
    "x[0] = 5\nx", "x[:, 1] = 0\nx", "x[1, 2] += 100\nx",
    "y = torch.ones(3, requires_grad=True)\ny[1]",
], [
    "const x = torch.arange(12.).reshape(3, 4)",
    "x[0]", "x[0][1]", "x['1:3, ::2']", "x['..., 0']", "x[':, None'].shape", "x[-1]",
    "x[0] = 5\nx", "x[':, 1'] = 0\nx", "x['1, 2'] += 100\nx",
    "const y = torch.ones(3, {requires_grad: true})\ny[1]",
])

case("tensors in conditions are Python's bool()", [
    "t = torch.tensor(2.)\nz = torch.tensor(0.)",
    "'yes' if t > 1 else 'no'",
    "not z",
    "t and z",
    "z or t",
    "i = 0\nwhile t > 0.5:\n    t = t / 2\n    i += 1\ni, t",
    "if torch.ones(3) > 0:\n    pass",
], [
    "let t = torch.tensor(2.)\nconst z = torch.tensor(0.)",
    "t > 1 ? 'yes' : 'no'",
    "!z",
    "t && z",
    "z || t",
    "let i = 0\nwhile (t > 0.5) {\n  t = t / 2\n  i += 1\n}\ntorch.tuple([i, t])",
    "if (torch.ones(3) > 0) {}",
])

case("untyped operands are decided at run time", [
    "def scale(v, k):\n    return v * k\ndef neg(v):\n    return -v",
    "scale(torch.tensor([1., 2.]), 3)", "scale(2, 3)", "scale(2, torch.tensor([1., 2.]))", "neg(torch.tensor([1.]))", "neg(4)",
    "def gt(a, b):\n    return a > b\ngt(torch.tensor([1., 5.]), 2), gt(1, 2)",
    "def first(v):\n    return v[0]\nfirst(torch.tensor([7., 8.])), first([1, 2])",
], [
    "function scale(v, k) {\n  return v * k\n}\nfunction neg(v) {\n  return -v\n}",
    "scale(torch.tensor([1., 2.]), 3)", "scale(2, 3)", "scale(2, torch.tensor([1., 2.]))", "neg(torch.tensor([1.]))", "neg(4)",
    "function gt(a, b) {\n  return a > b\n}\ntorch.tuple([gt(torch.tensor([1., 5.]), 2), gt(1, 2)])",
    "function first(v) {\n  return v[0]\n}\ntorch.tuple([first(torch.tensor([7., 8.])), first([1, 2])])",
])

case("float literals make float tensors, as in Python", [
    "torch.tensor([1.0, 2.0], requires_grad=True)", "torch.tensor([1, 2])", "torch.arange(4.0)", "torch.arange(4)",
    "torch.full((2,), 7.)", "torch.tensor([[1., 2], [3, 4]]).dtype", "torch.tensor(2.).dtype", "torch.arange(0., 1., 0.25)",
    "torch.tensor([1.0, 2.0], dtype=torch.float64)",
], [
    "torch.tensor([1.0, 2.0], {requires_grad: true})", "torch.tensor([1, 2])", "torch.arange(4.0)", "torch.arange(4)",
    "torch.full([2], 7.)", "torch.tensor([[1., 2], [3, 4]]).dtype", "torch.tensor(2.).dtype", "torch.arange(0., 1., 0.25)",
    "torch.tensor([1.0, 2.0], {dtype: torch.float64})",
])

case("errors carry PyTorch's name and message", [
    "x = torch.ones(3, requires_grad=True)\n(x * 2).backward()",
    "x + torch.ones(2)",
    "x.add_(1)",
], [
    "const x = torch.ones(3, {requires_grad: true})\nconst y = x * 2\ny.backward()",
    "x + torch.ones(2)",
    "x.add_(1)",
])

case("KeyError shows the missing key's repr, as Python's does", [
    "net = torch.nn.Linear(2, 1)\nsd = net.state_dict()\nsd['bias2']",
    "md = torch.nn.ModuleDict({'a': torch.nn.Linear(1, 1)})\nmd['b']",
    "net.register_buffer('a.b', None)",
    "net.add_module('', None)",
], [
    "const net = new torch.nn.Linear(2, 1)\nconst sd = net.state_dict()\nsd.at('bias2')",
    "const md = new torch.nn.ModuleDict({a: new torch.nn.Linear(1, 1)})\nmd.get('b')",
    "net.register_buffer('a.b', null)",
    "net.add_module('', null)",
])


# ---- statement boundaries and names in a cell ----------------------------------------------------------

case("statement boundaries follow lines: a line starting with ( [ or ` is a new statement", [
    "v = torch.ones(3, requires_grad=True)\n(v * 2).sum().backward()\nv.grad",
    "h = torch.ones(2, requires_grad=True)\nh.register_hook(lambda g: print(g))\n(h * 3).sum().backward()",
    "a, b = 1, 2\na, b = b, a\na, b",
    "n = 3\nf\"n = {n}\"",
    "y = (v\n  .add(1)\n  .mul(2))\ny",
    "s = (1 +\n  (2))\nprint(s,\n  (3))",
    "def f(t):\n    u = t * 2\n    (u + 1).sum()\n    k = 2\n    (k, u) = (u, k)\n    return k\nf(torch.ones(2))",
    "w = torch.ones(2)\n(w * 2).sum()",
], [
    "const v = torch.ones(3, {requires_grad: true})\n(v * 2).sum().backward()\nv.grad",
    "const h = torch.ones(2, {requires_grad: true})\nh.register_hook((g) => print(g))\n(h * 3).sum().backward()",
    "let a = 1, b = 2\n[a, b] = [b, a]\ntorch.tuple([a, b])",
    "const n = 3\n`n = ${n}`",
    "const y = v\n  .add(1)\n  .mul(2)\ny",
    "const s = 1 +\n  (2)\nprint(s,\n  (3))",
    "function f(t) {\n  let u = t * 2\n  (u + 1).sum()\n  let k: any = 2\n  [k, u] = [u, k]\n  return k\n}\nf(torch.ones(2))",
    "const w = torch.ones(2);\n(w * 2).sum()",
])

case("a declaration initialised by a template literal or a regex still sees the prelude", [
    "t = f\"a{1}b\"; print(t)",
    "import re\nr = re.compile(\"'\"); print(bool(r.search(\"it's\")))",
    "q = [f\"{i}\" for i in range(2)]; print(q)",
], [
    "const t = `a${1}b`; print(t)",
    "const r = /'/; print(r.test(\"it's\"))",
    "const q = [...range(2)].map((i) => `${i}`); print(q)",
])

case("a tensor iterates over its first dimension, as in Python", [
    "X = torch.arange(6.0).reshape(3, 2).requires_grad_()\nfor row in X:\n    print(row)",
    "a, b = torch.tensor([1.0, 2.0])\nprint(a, b)",
    "for x, y in zip(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])):\n    print(x * y)",
    "[r.sum() for r in torch.ones(2, 3)]",
    "for i, r in enumerate(torch.ones(2, 3), 1):\n    print(i, len(r), r.shape)",
    "len(torch.zeros(4, 2)), len([1, 2]), len('abc')",
    "len(torch.tensor(1.0))",
    "for v in torch.tensor(1.0):\n    pass",
], [
    "const X = torch.arange(6.0).reshape(3, 2).requires_grad_()\nfor (const row of X)\n    print(row)",
    "const [a, b] = torch.tensor([1.0, 2.0])\nprint(a, b)",
    "for (const [x, y] of zip(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])))\n    print(x * y)",
    "[...torch.ones(2, 3)].map((r) => r.sum())",
    "for (const [i, r] of enumerate(torch.ones(2, 3), 1))\n    print(i, len(r), r.shape)",
    "torch.tuple([len(torch.zeros(4, 2)), len([1, 2]), len('abc')])",
    "len(torch.tensor(1.0))",
    "for (const v of torch.tensor(1.0)) {}",
])

case("isclose and allclose take rtol, atol and equal_nan by position too", [
    "a = torch.tensor([1.0, float('nan')])\nb = a + 1e-6\ntorch.isclose(a, b, 1e-9, 0.0)",
    "torch.isclose(a, b, 1e-5, 1e-8, True)",
    "torch.allclose(a, a, 1e-5, 1e-8, True), a.allclose(b, 1e-9, 0.0, True)",
], [
    "const a = torch.tensor([1.0, NaN])\nconst b = a + 1e-6\ntorch.isclose(a, b, 1e-9, 0.0)",
    "torch.isclose(a, b, 1e-5, 1e-8, true)",
    "torch.tuple([torch.allclose(a, a, 1e-5, 1e-8, true), a.allclose(b, 1e-9, 0.0, true)])",
])

# ---- runner -------------------------------------------------------------------------------------------

def run_cells(cells):
    ns = {"torch": torch, "np": np}
    out = []
    for src in cells:
        buf = io.StringIO()
        result = error = None
        try:
            tree = ast.parse(src)
            last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            body = tree.body[:-1] if last else tree.body
            with contextlib.redirect_stdout(buf), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(ast.Module(body=body, type_ignores=[]), "<cell>", "exec"), ns)
                if last is not None:
                    v = eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns)
                    if v is not None:
                        result = pretty(v)
        except Exception as e:  # noqa: BLE001 - recorded as IPython shows it
            error = f"{type(e).__name__}: {e}"
        out.append({"stdout": buf.getvalue(), "result": result, "error": error})
    return out


def main():
    for c in CASES:
        c["expected"] = run_cells(c["py"])
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cells.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"generator": "test/session/generate_cells.py", "torch": torch.__version__, "numpy": np.__version__,
                   "note": "IPython's output of each Python cell; node addresses are normalised by the test",
                   "cases": CASES}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(CASES)} cases to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
