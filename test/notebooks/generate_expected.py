#!/usr/bin/python3
"""Write test/notebooks/expected.json: what real PyTorch 1.13 (Debian) shows for the course
notebooks' cells, run as the Python the notebooks translate.

    /usr/bin/python3 test/notebooks/generate_expected.py

Each notebook's cells are listed by id (c01 is the first code cell, c02 the second, ...) with
the Python code the TypeScript cell translates. Cells run in one namespace per notebook, as in
IPython: `stdout` is what print() wrote, `text/plain` IPython's pretty form of the last
expression (absent when it is None), `error` the exception's type name and message. Cells that PyTorch cannot
express the same way (plots, graph drawings, gradlab-only checks) are left out; the notebook
test checks those by kind (a plotly figure, an SVG).
"""
import ast
import contextlib
import io
import json
import os

import sys
import types

import numpy as np
import torch
from IPython.lib.pretty import pretty

# torchvision 0.14's ResNet-18, as the nn goldens build it (python3-torchvision is not needed).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn"))
from nn_golden_models import resnet18  # noqa: E402

torchvision = types.SimpleNamespace(models=types.SimpleNamespace(resnet18=resnet18))

NOTEBOOKS = {
    "000_autograd_mechanics.ipynb": [
        ("c01", "x = torch.tensor([1., 2.], requires_grad=True)\ny = torch.tensor([3., 4.], requires_grad=True)\nx"),
        ("c02", "print(x.grad_fn, y.grad_fn)\nprint(x.is_leaf, y.is_leaf)"),
        ("c03", "z = x ** 2 + y ** 3\nz"),
        ("c04", "z.is_leaf"),
        ("c05", "autograd_members = ['backward', 'data', 'detach', 'grad', 'grad_fn', 'is_leaf', 'register_hook', 'requires_grad', 'requires_grad_', 'retain_grad', 'retains_grad']\n[n for n in dir(z) if n in autograd_members]"),
        ("c06", "z.grad_fn"),
        ("c07", "z.grad_fn.next_functions"),
        ("c08", "x_leaf = z.grad_fn.next_functions[0][0].next_functions[0][0]\nx_leaf"),
        ("c09", "x_leaf.variable"),
        ("c10", "x_leaf.variable is x"),
        ("c11", "z.backward(torch.ones_like(z))\nprint(x.grad)\nprint(y.grad)"),
    ],
    "001_autograd_ipython_homework.ipynb": [
        ("c01", "x = torch.arange(4.0)\nx"),
        ("c02", "x.requires_grad_(True)"),
        ("c03", "x.grad"),
        ("c04", "y = 2 * torch.dot(x, x)\ny"),
        ("c05", "y.backward()\nx.grad"),
        ("c06", "x.grad == 4 * x"),
        ("c07", "y.backward()"),
        ("c08", "x.grad.zero_()\ny2 = 2 * torch.dot(x, x)\ny2.backward(retain_graph=True)\ny2.backward()\nx.grad"),
        ("c09", "def f(a):\n    b = a * 2\n    while b.norm() < 1000:\n        b = b * 2\n    if b.sum() > 0:\n        c = b\n    else:\n        c = 100 * b\n    return c"),
        ("c10", "print('————————标量 (scalar)————————')\ntorch.manual_seed(0)\na = torch.randn(size=(), requires_grad=True)\nprint(a)\nd = f(a)\nprint(d)\nd.backward()\nprint(a.grad)\nprint(a.grad == d / a)"),
        ("c11", "print('————————向量 (vector)————————')\na = torch.randn(3, requires_grad=True)\nprint(a)\nd = f(a)\nprint(d)\nd.backward()"),
        ("c12", "d.backward(torch.ones_like(d))\nprint(a.grad)\nprint(a.grad == d / a)"),
        ("c13", "torch.manual_seed(0)\na = torch.randn(5, requires_grad=True)\nprint(a)\nb = torch.norm(a) ** 2\nprint(b)\nb.backward()\nprint(a.grad)\nprint(torch.allclose(a.grad, 2 * a))"),
        ("c14", "xs = np.linspace(0, 2 * np.pi, 200)\nx2 = torch.tensor(xs)\nx2.requires_grad_(True)\ns = torch.sin(x2)\ns.backward(torch.ones_like(s))"),
        ("c15", "x2.numpy()"),
        ("c17", "torch.allclose(x2.grad, torch.cos(x2.detach()))"),
    ],
    "002_autograd_principles_linear_regression.ipynb": [
        ("c01", "x = torch.ones(2, 2, requires_grad=True)\ny = x + 2\nz = y * y * 3\nout = z.mean()\nprint(y.grad_fn)\nprint(z.grad_fn)"),
        ("c02", "out.backward()\nprint(x.grad)"),
        ("c03", "print(y)\nprint(z)\nprint(out)"),
        ("c04", "dout_dz = torch.full([2, 2], 1 / 4)\ndz_dy = 6 * y.detach()\ndy_dx = torch.ones(2, 2)\ndout_dz * dz_dy * dy_dx"),
        ("c05", "w0 = torch.tensor([1., 2.], requires_grad=True)\nfor step in range(3):\n    l = (w0 * w0).sum()\n    l.backward()\n    print('step', step, w0.grad)"),
        ("c06", "w0.grad.zero_()"),
        ("c07", "class Exp(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, i):\n        result = i.exp()\n        ctx.save_for_backward(result)\n        return result\n    @staticmethod\n    def backward(ctx, grad_output):\n        result, = ctx.saved_tensors\n        return grad_output * result\ninp = torch.tensor([0., 1., 2.], requires_grad=True)\ne = Exp.apply(inp)\nprint(e)\ne.sum().backward()\nprint(inp.grad)"),
        ("c08", "np.random.seed(0)\nX_np = np.random.rand(100, 1)\nY_np = 2 + 3 * X_np + 0.1 * np.random.randn(100, 1)\nX = torch.from_numpy(X_np).float()\nY = torch.from_numpy(Y_np).float()\nw = torch.tensor([1.], requires_grad=True)\nb = torch.tensor([1.], requires_grad=True)\ndef forward(x):\n    return w * x + b\nloss_fn = torch.nn.MSELoss()"),
        ("c09", "learning_rate = 0.01\nfor epoch in range(1000):\n    y_pred = forward(X)\n    loss = loss_fn(y_pred, Y)\n    loss.backward()\n    with torch.no_grad():\n        w -= learning_rate * w.grad\n        b -= learning_rate * b.grad\n    w.grad.zero_()\n    b.grad.zero_()\n    if (epoch + 1) % 100 == 0:\n        print(f'Epoch [{epoch+1}/1000], Loss: {loss.item():.4f}')\nprint('Final weights:', w.item(), 'bias:', b.item())"),
    ],
    "003_zero_grad_backward_step.ipynb": [
        ("c01", "torch.manual_seed(0)\nmodel = torch.nn.Linear(3, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\nlen(optimizer.param_groups)"),
        ("c04", "x = torch.tensor([[1., 2., 3.]])\ntarget = torch.tensor([[1.]])\nloss_fn = torch.nn.MSELoss()\nloss_fn(model(x), target).backward()\nprint(model.weight.grad)\nloss_fn(model(x), target).backward()\nprint(model.weight.grad)"),
        ("c05", "optimizer.zero_grad(set_to_none=True)\nprint(model.weight.grad)"),
        ("c06", "loss_fn(model(x), target).backward()\noptimizer.zero_grad(set_to_none=False)\nprint(model.weight.grad)"),
        ("c07", "model(torch.ones(2, 3)).backward()"),
        ("c08", "optimizer.zero_grad(set_to_none=True)\noutv = model(torch.ones(2, 3))\noutv.backward(torch.ones_like(outv))\nmodel.bias.grad"),
        ("c09", "optimizer.zero_grad(set_to_none=True)\np0 = model.weight.detach().clone()\nloss_fn(model(x), target).backward()\ng1 = model.weight.grad.clone()\noptimizer.step()\nbuf1 = g1\np1 = p0 - 0.1 * buf1\nprint(torch.allclose(model.weight, p1))\noptimizer.zero_grad(set_to_none=True)\nloss_fn(model(x), target).backward()\ng2 = model.weight.grad.clone()\noptimizer.step()\nbuf2 = 0.9 * buf1 + g2\np2 = p1 - 0.1 * buf2\nprint(torch.allclose(model.weight, p2))\nmodel.weight"),
        ("c11", "torch.manual_seed(0)\nnet = torch.nn.Linear(1, 1)\nopt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)\nxs = torch.linspace(0, 1, 20).unsqueeze(1)\nys = 3 * xs + 2\nfor epoch in range(200):\n    opt.zero_grad()\n    loss = loss_fn(net(xs), ys)\n    loss.backward()\n    opt.step()\n    if (epoch + 1) % 50 == 0:\n        print(f'epoch {epoch + 1}: loss {loss.item():.6f}')\nprint(net.weight, net.bias)"),
    ],
    "004_pytorch_autograd_tutorial.ipynb": [
        ("c01", "torch.manual_seed(0)\nmodel = torchvision.models.resnet18()\ndata = torch.rand(1, 3, 64, 64)\nlabels = torch.rand(1, 1000)"),
        ("c02", "prediction = model(data)\nprediction.shape"),
        ("c03", "loss = (prediction - labels).sum()\nloss.backward()\nmodel.conv1.weight.grad.shape"),
        ("c04", "optim = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)\noptim.step()"),
        ("c05", "a = torch.tensor([2., 3.], requires_grad=True)\nb = torch.tensor([6., 4.], requires_grad=True)\nQ = 3 * a ** 3 - b ** 2\nQ"),
        ("c06", "external_grad = torch.tensor([1., 1.])\nQ.backward(gradient=external_grad)"),
        ("c07", "print(9 * a ** 2 == a.grad)\nprint(-2 * b == b.grad)"),
        ("c08", "J = torch.autograd.functional.jacobian(lambda a: 3 * a ** 3 - b.detach() ** 2, a.detach())\nJ"),
        ("c09", "J.T.matmul(external_grad)"),
        ("c11", "x = torch.rand(5, 5)\ny = torch.rand(5, 5)\nz = torch.rand((5, 5), requires_grad=True)\ns = x + y\nprint('Does `s` require gradients?:', s.requires_grad)\ns2 = x + z\nprint('Does `s2` require gradients?:', s2.requires_grad)"),
        ("c12", "for param in model.parameters():\n    param.requires_grad = False\nfc = torch.nn.Linear(512, 10)\nmodel.fc = fc\nmodel.fc"),
        ("c13", "[name for name, p in model.named_parameters() if p.requires_grad]"),
        ("c14", "optimizer = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)\nout = model(data)\nout.sum().backward()\nprint(fc.weight.grad.shape)"),
    ],
}


def run_cell(code, ns):
    """Run one cell as IPython does: the last expression's repr is the result."""
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    out = io.StringIO()
    rec = {}
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(tree, "<cell>", "exec"), ns)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns)
                if value is not None:
                    rec["text/plain"] = pretty(value)  # what IPython shows as Out[n]
    except Exception as e:  # noqa: BLE001 - the error is the expected output
        rec["error"] = [type(e).__name__, str(e)]
    if out.getvalue():
        rec["stdout"] = out.getvalue()
    return rec


def main():
    result = {}
    for name, cells in NOTEBOOKS.items():
        ns = {"torch": torch, "np": np, "torchvision": torchvision}
        result[name] = {cid: run_cell(code, ns) for cid, code in cells}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")
    with open(path, "w") as f:
        json.dump({"header": {"torch": torch.__version__, "numpy": np.__version__}, "notebooks": result}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {sum(len(c) for c in result.values())} cells to {path}")


if __name__ == "__main__":
    main()
