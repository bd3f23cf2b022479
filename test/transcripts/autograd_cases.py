"""Autograd transcript cases: a Python program and its TypeScript translation, line by line.

generate.py runs each Python program with real PyTorch and records what it prints;
transcripts.test.ts runs the TypeScript and compares the text (graph node addresses normalised).
An uncaught exception ends a program with a line `<ExceptionName>: <message>` in both languages.
"""

from case import make_case_list

CASES, case = make_case_list()


# ---- seeds: the course documents ---------------------------------------------------------------

case("seed001 2*dot(x,x)", """
x = torch.arange(4.0)
print(x)
print(x.requires_grad_(True))
print(x.grad)
y = 2 * torch.dot(x, x)
print(y)
y.backward()
print(x.grad)
print(x.grad == 4 * x)
""", """
const x = torch.arange(4, {dtype: torch.float32})
print(x)
print(x.requires_grad_(true))
print(x.grad)
const y = torch.mul(2, torch.dot(x, x))
print(y)
y.backward()
print(x.grad)
print(x.grad!.eq(x.mul(4)))
""")

case("seed001 control flow f(a) scalar", """
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c
torch.manual_seed(0)
a = torch.randn(size=(), requires_grad=True)
print(a)
d = f(a)
print(d)
d.backward()
print(a.grad)
print(a.grad == d / a)
""", """
function f(a: torch.Tensor) {
  let b = a.mul(2)
  while (b.norm().lt(1000).__bool__()) b = b.mul(2)
  let c
  if (b.sum().gt(0).__bool__()) c = b
  else c = torch.mul(100, b)
  return c
}
torch.manual_seed(0)
const a = torch.randn([], {requires_grad: true})
print(a)
const d = f(a)
print(d)
d.backward()
print(a.grad)
print(a.grad!.eq(d.div(a)))
""")

case("seed001 control flow f(a) vector: non-scalar backward error, then ones_like", """
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c
torch.manual_seed(3)
a = torch.randn(3, requires_grad=True)
print(a)
d = f(a)
print(d)
try:
    d.backward()
except Exception as e:
    print("Error:", e)
d.backward(torch.ones_like(d))
print(a.grad)
print(a.grad == d / a)
""", """
function f(a: torch.Tensor) {
  let b = a.mul(2)
  while (b.norm().lt(1000).__bool__()) b = b.mul(2)
  let c
  if (b.sum().gt(0).__bool__()) c = b
  else c = torch.mul(100, b)
  return c
}
torch.manual_seed(3)
const a = torch.randn(3, {requires_grad: true})
print(a)
const d = f(a)
print(d)
try { d.backward() } catch (e) { print("Error:", (e as Error).message) }
d.backward(torch.ones_like(d))
print(a.grad)
print(a.grad!.eq(d.div(a)))
""")

case("seed000 x**2 + y**3 graph walk to AccumulateGrad", """
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
z = x ** 2 + y ** 3
print(z)
print(x.is_leaf, y.is_leaf, z.is_leaf)
print(z.grad_fn)
print(z.grad_fn.next_functions)
print(z.grad_fn.next_functions[0][0].next_functions)
print(z.grad_fn.next_functions[0][0].next_functions[0][0].variable is x)
print(z.grad_fn.next_functions[0][0].next_functions[0][0].name())
z.backward()
print(x.grad, y.grad)
""", """
const x = torch.tensor(2, {dtype: torch.float32, requires_grad: true})
const y = torch.tensor(3, {dtype: torch.float32, requires_grad: true})
const z = x.pow(2).add(y.pow(3))
print(z)
print(x.is_leaf, y.is_leaf, z.is_leaf)
print(z.grad_fn)
print(z.grad_fn!.next_functions)
print(z.grad_fn!.next_functions[0][0]!.next_functions)
print((z.grad_fn!.next_functions[0][0]!.next_functions[0][0] as torch.autograd.AccumulateGrad).variable === x)
print(z.grad_fn!.next_functions[0][0]!.next_functions[0][0]!.name())
z.backward()
print(x.grad, y.grad)
""")

case("tutorial (x+2)*(x+2)*3 mean gives 4.5", """
x = torch.ones(2, 2, requires_grad=True)
print(x)
y = x + 2
print(y)
print(y.grad_fn)
z = y * y * 3
out = z.mean()
print(z, out)
out.backward()
print(x.grad)
""", """
const x = torch.ones(2, 2, {requires_grad: true})
print(x)
const y = x.add(2)
print(y)
print(y.grad_fn)
const z = y.mul(y).mul(3)
const out = z.mean()
print(z, out)
out.backward()
print(x.grad)
""")

case("tutorial Q = 3a^3 - b^2 with external gradient", """
a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3*a**3 - b**2
print(Q)
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
print(9*a**2 == a.grad)
print(-2*b == b.grad)
print(a.grad, b.grad)
""", """
const a = torch.tensor([2, 3], {dtype: torch.float32, requires_grad: true})
const b = torch.tensor([6, 4], {dtype: torch.float32, requires_grad: true})
const Q = torch.mul(3, a.pow(3)).sub(b.pow(2))
print(Q)
const external_grad = torch.tensor([1, 1], {dtype: torch.float32})
Q.backward(external_grad)
print(torch.mul(9, a.pow(2)).eq(a.grad!))
print(torch.mul(-2, b).eq(b.grad!))
print(a.grad, b.grad)
""")

# ---- graph structure -----------------------------------------------------------------------------

case("next_functions with constants and scalars", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
c = torch.tensor([4., 5., 6.])
z = (x * c + 1).sum() * 2
print(z)
print(z.grad_fn.next_functions)
print(z.grad_fn.next_functions[0][0].next_functions)
print(z.grad_fn.next_functions[0][0].next_functions[0][0].next_functions)
print(z.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0].next_functions)
print((2 - x).grad_fn, (2 - x).grad_fn.next_functions)
print((2 / x).grad_fn, (2 / x).grad_fn.next_functions)
print((2 ** x).grad_fn, (2 ** x).grad_fn.next_functions)
print((x ** x).grad_fn)
""", """
const x = torch.tensor([1, 2, 3], {dtype: torch.float32, requires_grad: true})
const c = torch.tensor([4, 5, 6], {dtype: torch.float32})
const z = x.mul(c).add(1).sum().mul(2)
print(z)
print(z.grad_fn!.next_functions)
print(z.grad_fn!.next_functions[0][0]!.next_functions)
print(z.grad_fn!.next_functions[0][0]!.next_functions[0][0]!.next_functions)
print(z.grad_fn!.next_functions[0][0]!.next_functions[0][0]!.next_functions[0][0]!.next_functions)
print(torch.sub(2, x).grad_fn, torch.sub(2, x).grad_fn!.next_functions)
print(torch.div(2, x).grad_fn, torch.div(2, x).grad_fn!.next_functions)
print(torch.pow(2, x).grad_fn, torch.pow(2, x).grad_fn!.next_functions)
print(x.pow(x).grad_fn)
""")

case("grad_fn names of common ops", """
x = torch.tensor([1., -2., 3.], requires_grad=True)
A = torch.arange(6.).reshape(2, 3).requires_grad_()
B = torch.arange(12.).reshape(3, 4).requires_grad_()
for t in [x.exp(), x.sigmoid(), x.relu(), x.tanh(), x.abs(), x.sum(), A.sum(0), A.sum(1, True), x.mean(), A.mean(0),
          x.max(), A.max(0).values, x.min(), A.mm(B), A @ B, x @ x, A.t(), A.T, A.transpose(0, 1), A.view(6), A.unsqueeze(0),
          A.unsqueeze(0).squeeze(0), A.unsqueeze(0).squeeze(), x.expand(2, 3), x.clone(), x.double(), x.clamp(min=0), x.prod(), x.cumsum(0),
          A.var(), A.std(), A[0], A[0:1], torch.maximum(x, x * 2)]:
    print(t.grad_fn.name())
""", """
const x = torch.tensor([1, -2, 3], {dtype: torch.float32, requires_grad: true})
const A = torch.arange(6, {dtype: torch.float32}).reshape(2, 3).requires_grad_()
const B = torch.arange(12, {dtype: torch.float32}).reshape(3, 4).requires_grad_()
for (const t of [x.exp(), x.sigmoid(), x.relu(), x.tanh(), x.abs(), x.sum(), A.sum(0), A.sum(1, true), x.mean(), A.mean(0),
    x.max(), A.max(0).values, x.min(), A.mm(B), A.matmul(B), x.matmul(x), A.t(), A.T, A.transpose(0, 1), A.view(6), A.unsqueeze(0),
    A.unsqueeze(0).squeeze(0), A.unsqueeze(0).squeeze(), x.expand(2, 3), x.clone(), x.double(), x.clamp({min: 0}), x.prod(), x.cumsum(0),
    A.var(), A.std(), A.select(0, 0), A.narrow(0, 0, 1), torch.maximum(x, x.mul(2))])
  print(t.grad_fn!.name())
""")

case("matmul decompositions record PyTorch's nodes", """
x = torch.ones(3, requires_grad=True)
A = torch.ones(2, 3, requires_grad=True)
B = torch.ones(3, 4, requires_grad=True)
bA = torch.ones(5, 2, 3, requires_grad=True)
bB = torch.ones(5, 3, 4, requires_grad=True)
for t in [x @ x, A @ x, x @ B, A @ B, bA @ bB, bA @ B, bA @ x]:
    print(t.shape, t.grad_fn.name(), [None if f is None else f.name() for f, _ in t.grad_fn.next_functions])
""", """
const x = torch.ones(3, {requires_grad: true})
const A = torch.ones(2, 3, {requires_grad: true})
const B = torch.ones(3, 4, {requires_grad: true})
const bA = torch.ones(5, 2, 3, {requires_grad: true})
const bB = torch.ones(5, 3, 4, {requires_grad: true})
for (const t of [x.matmul(x), A.matmul(x), x.matmul(B), A.matmul(B), bA.matmul(bB), bA.matmul(B), bA.matmul(x)])
  print(t.shape, t.grad_fn!.name(), t.grad_fn!.next_functions.map(([f]) => f === null ? null : f.name()))
""")

# ---- backward semantics --------------------------------------------------------------------------

case("gradients accumulate across backward calls", """
w = torch.tensor([1., 2.], requires_grad=True)
for i in range(3):
    (w * w).sum().backward()
    print(w.grad)
w.grad.zero_()
print(w.grad)
w.grad = None
(w * 3).sum().backward()
print(w.grad)
""", """
const w = torch.tensor([1, 2], {dtype: torch.float32, requires_grad: true})
for (let i = 0; i < 3; i++) {
  w.mul(w).sum().backward()
  print(w.grad)
}
w.grad!.zero_()
print(w.grad)
w.grad = null
w.mul(3).sum().backward()
print(w.grad)
""")

case("second backward raises unless retain_graph", """
x = torch.tensor(3., requires_grad=True)
y = (x + 1).sum()
y.backward()
y.backward()
print(x.grad)
z = x * x
z.backward(retain_graph=True)
z.backward()
print(x.grad)
z.backward()
""", """
const x = torch.tensor(3, {dtype: torch.float32, requires_grad: true})
const y = x.add(1).sum()
y.backward()
y.backward()
print(x.grad)
const z = x.mul(x)
z.backward(null, {retain_graph: true})
z.backward()
print(x.grad)
z.backward()
""")

case("backward on tensors without grad", """
torch.ones(3).sum().backward()
""", """
torch.ones(3).sum().backward()
""")

case("gradient shape mismatch", """
x = torch.ones(3, requires_grad=True)
(x * 2).backward(torch.ones(2))
""", """
const x = torch.ones(3, {requires_grad: true})
x.mul(2).backward(torch.ones(2))
""")

case("non-leaf grad is None; retain_grad keeps it", """
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
z = (y * y).sum()
y.retain_grad()
print(y.retains_grad, x.retains_grad)
z.backward()
print(y.grad, x.grad)
w = x * 3
print(w.grad)
""", """
const x = torch.tensor([1, 2], {dtype: torch.float32, requires_grad: true})
const y = x.mul(2)
const z = y.mul(y).sum()
y.retain_grad()
print(y.retains_grad, x.retains_grad)
z.backward()
print(y.grad, x.grad)
const w = x.mul(3)
print(w.grad)
""")

case("autograd.grad with create_graph and allow_unused", """
x = torch.tensor(2., requires_grad=True)
y = torch.tensor(1., requires_grad=True)
g, = torch.autograd.grad(x ** 3, x, create_graph=True)
print(g)
print(torch.autograd.grad(g, x))
print(x.grad)
print(torch.autograd.grad([x * 2, x * 3], [x]))
print(torch.autograd.grad(x * 2, [x, y], allow_unused=True))
torch.autograd.grad(x * 2, [x, y])
""", """
const x = torch.tensor(2, {dtype: torch.float32, requires_grad: true})
const y = torch.tensor(1, {dtype: torch.float32, requires_grad: true})
const [g] = torch.autograd.grad(x.pow(3), x, {create_graph: true})
print(g)
print(torch.tuple(torch.autograd.grad(g!, x)))
print(x.grad)
print(torch.tuple(torch.autograd.grad([x.mul(2), x.mul(3)], [x])))
print(torch.tuple(torch.autograd.grad(x.mul(2), [x, y], {allow_unused: true})))
torch.autograd.grad(x.mul(2), [x, y])
""")

case("in-place on a leaf that requires grad", """
x = torch.ones(3, requires_grad=True)
x.add_(1)
""", """
const x = torch.ones(3, {requires_grad: true})
x.add_(1)
""")

case("in-place through a view of a leaf", """
x = torch.ones(3, requires_grad=True)
x[:2].mul_(2)
""", """
const x = torch.ones(3, {requires_grad: true})
x.narrow(0, 0, 2).mul_(2)
""")

case("saved tensor modified in place", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x.exp()
z = y.sum()
y.add_(1)
z2 = (y * 1).sum()
print(y.grad_fn, y._version)
x2 = torch.tensor([1., 2., 3.], requires_grad=True)
e = (x2 * 1).exp()
e.mul_(2)
e.sum().backward()
""", """
const x = torch.tensor([1, 2, 3], {dtype: torch.float32, requires_grad: true})
const y = x.exp()
const z = y.sum()
y.add_(1)
const z2 = y.mul(1).sum()
print(y.grad_fn, y._version)
const x2 = torch.tensor([1, 2, 3], {dtype: torch.float32, requires_grad: true})
const e = x2.mul(1).exp()
e.mul_(2)
e.sum().backward()
""")

case("in-place through a view of a non-leaf: CopySlices", """
x = torch.ones(3, requires_grad=True)
a = x.clone()
v = a[0:2]
v.mul_(2)
print(a, v)
print(a._version, v._version)
a.sum().backward()
print(x.grad)
""", """
const x = torch.ones(3, {requires_grad: true})
const a = x.clone()
const v = a.narrow(0, 0, 2)
v.mul_(2)
print(a, v)
print(a._version, v._version)
a.sum().backward()
print(x.grad)
""")

case("no_grad, enable_grad, set_grad_enabled", """
x = torch.ones(2, requires_grad=True)
with torch.no_grad():
    y = x * 2
    print(torch.is_grad_enabled(), y.requires_grad, y.grad_fn, y.is_leaf)
    with torch.enable_grad():
        z = x * 2
    print(z.grad_fn)
torch.set_grad_enabled(False)
print((x * 2).requires_grad)
torch.set_grad_enabled(True)
print((x * 2).requires_grad)
w = torch.tensor([1., 2.], requires_grad=True)
w.grad = torch.tensor([0.5, 0.5])
with torch.no_grad():
    w -= 0.1 * w.grad
print(w, w.is_leaf, w.grad_fn, w._version)
""", """
const x = torch.ones(2, {requires_grad: true})
let z: torch.Tensor | undefined
torch.no_grad(() => {
  const y = x.mul(2)
  print(torch.is_grad_enabled(), y.requires_grad, y.grad_fn, y.is_leaf)
  torch.enable_grad(() => { z = x.mul(2) })
  print(z!.grad_fn)
})
torch.set_grad_enabled(false)
print(x.mul(2).requires_grad)
torch.set_grad_enabled(true)
print(x.mul(2).requires_grad)
const w = torch.tensor([1, 2], {dtype: torch.float32, requires_grad: true})
w.grad = torch.tensor([0.5, 0.5], {dtype: torch.float32})
{
  using _ = torch.no_grad()
  w.sub_(torch.mul(0.1, w.grad!))
}
print(w, w.is_leaf, w.grad_fn, w._version)
""")

case("tensor hooks: order and replacement", """
x = torch.tensor(2., requires_grad=True)
y = x * 3
y.register_hook(lambda g: print("y-hook1", g))
y.register_hook(lambda g: g * 2)
y.register_hook(lambda g: print("y-hook3", g))
x.register_hook(lambda g: print("x-hook", g))
(y * y).backward()
print(x.grad)
""", """
const x = torch.tensor(2, {dtype: torch.float32, requires_grad: true})
const y = x.mul(3)
y.register_hook((g) => { print("y-hook1", g) })
y.register_hook((g) => g.mul(2))
y.register_hook((g) => { print("y-hook3", g) })
x.register_hook((g) => { print("x-hook", g) })
y.mul(y).backward()
print(x.grad)
""")

case("custom Function MyExp", """
class MyExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result
    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result
x = torch.tensor([0., 1.], requires_grad=True)
y = MyExp.apply(x)
print(y)
print(y.grad_fn.next_functions)
y.sum().backward()
print(x.grad)
print(MyExp.apply(torch.tensor([1.])))
""", """
class MyExp extends torch.autograd.Function {
  static forward(ctx: torch.autograd.FunctionCtx, i: torch.Tensor) {
    const result = i.exp()
    ctx.save_for_backward(result)
    return result
  }
  static backward(ctx: torch.autograd.FunctionCtx, grad_output: torch.Tensor) {
    const [result] = ctx.saved_tensors
    return grad_output.mul(result!)
  }
}
const x = torch.tensor([0, 1], {dtype: torch.float32, requires_grad: true})
const y = MyExp.apply(x)
print(y)
print(y.grad_fn.next_functions)
y.sum().backward()
print(x.grad)
print(MyExp.apply(torch.tensor([1], {dtype: torch.float32})))
""")

case("custom Function needs_input_grad and wrong gradient count", """
class Mul2(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, k):
        print(ctx.needs_input_grad)
        return a * b * k
    @staticmethod
    def backward(ctx, g):
        return g, g
a = torch.ones(2, requires_grad=True)
b = torch.ones(2)
y = Mul2.apply(a, b, 5.)
print(y)
y.sum().backward()
""", """
class Mul2 extends torch.autograd.Function {
  static forward(ctx: torch.autograd.FunctionCtx, a: torch.Tensor, b: torch.Tensor, k: number) {
    print(torch.tuple(ctx.needs_input_grad))
    return a.mul(b).mul(k)
  }
  static backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor) {
    return [g, g]
  }
}
const a = torch.ones(2, {requires_grad: true})
const b = torch.ones(2)
const y = Mul2.apply(a, b, 5)
print(y)
y.sum().backward()
""")

case("requires_grad errors", """
try:
    torch.tensor([1, 2], requires_grad=True)
except RuntimeError as e:
    print(e)
try:
    torch.ones(3, dtype=torch.int64).requires_grad_()
except RuntimeError as e:
    print(e)
x = torch.ones(2, requires_grad=True)
y = x * 2
try:
    y.requires_grad_(False)
except RuntimeError as e:
    print(e)
try:
    x.numpy()
except RuntimeError as e:
    print(e)
try:
    torch.ones(3).retain_grad()
except RuntimeError as e:
    print(e)
bool(torch.ones(3))
""", """
try { torch.tensor([1, 2], {requires_grad: true}) } catch (e) { print((e as Error).message) }
try { torch.ones(3, {dtype: torch.int64}).requires_grad_() } catch (e) { print((e as Error).message) }
const x = torch.ones(2, {requires_grad: true})
const y = x.mul(2)
try { y.requires_grad_(false) } catch (e) { print((e as Error).message) }
try { x.numpy() } catch (e) { print((e as Error).message) }
try { torch.ones(3).retain_grad() } catch (e) { print((e as Error).message) }
torch.ones(3).__bool__()
""")

case("higher order: create_graph through elementwise, matmul and reductions", """
x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True, dtype=torch.float64)
W = torch.tensor([[1., 2., 3.], [0.5, -1., 0.25]], requires_grad=True, dtype=torch.float64)
y = (W @ x.sin()).tanh().sum() + (x ** 3).mean()
g, = torch.autograd.grad(y, x, create_graph=True)
print(g)
h, = torch.autograd.grad(g.sum(), x)
print(h)
""", """
const x = torch.tensor([0.5, -1.5, 2.0], {requires_grad: true, dtype: torch.float64})
const W = torch.tensor([[1, 2, 3], [0.5, -1, 0.25]], {requires_grad: true, dtype: torch.float64})
const y = W.matmul(x.sin()).tanh().sum().add(x.pow(3).mean())
const [g] = torch.autograd.grad(y, x, {create_graph: true})
print(g)
const [h] = torch.autograd.grad(g!.sum(), x)
print(h)
""")

case("functional jacobian and hessian", """
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp
def f(x):
    return x ** 2 * torch.tensor([1., 2., 3.], dtype=torch.float64)
x = torch.tensor([1., 2., 3.], dtype=torch.float64)
print(jacobian(f, x))
print(hessian(lambda x: (x ** 3).sum(), x))
print(vjp(f, x, torch.ones(3, dtype=torch.float64)))
print(jvp(f, x, torch.ones(3, dtype=torch.float64)))
print(hvp(lambda x: (x ** 3).sum(), x, torch.ones(3, dtype=torch.float64)))
""", """
const { jacobian, hessian, vjp, jvp, hvp } = torch.autograd.functional
function f(x: torch.Tensor) { return x.pow(2).mul(torch.tensor([1, 2, 3], {dtype: torch.float64})) }
const x = torch.tensor([1, 2, 3], {dtype: torch.float64})
print(jacobian(f, x))
print(hessian((x: torch.Tensor) => x.pow(3).sum(), x))
print(torch.tuple(vjp(f, x, torch.ones(3, {dtype: torch.float64}))))
print(torch.tuple(jvp(f, x, torch.ones(3, {dtype: torch.float64}))))
print(torch.tuple(hvp((x: torch.Tensor) => x.pow(3).sum(), x, torch.ones(3, {dtype: torch.float64}))))
""")

case("leaf and requires_grad propagation table", """
x = torch.ones(2, requires_grad=True)
c = torch.ones(2)
for t in [c * 2, x * 2, x.detach(), (c * 3).requires_grad_(), x.long(), x > 0, x.argmax(), x.view(2)]:
    print(t.is_leaf, t.requires_grad, t.grad_fn is None)
print(x.float() is x, x.contiguous() is x, x.detach() is x)
d = x.detach()
d.add_(1)
print(x, x._version)
""", """
const x = torch.ones(2, {requires_grad: true})
const c = torch.ones(2)
for (const t of [c.mul(2), x.mul(2), x.detach(), c.mul(3).requires_grad_(), x.long(), x.gt(0), x.argmax(), x.view(2)])
  print(t.is_leaf, t.requires_grad, t.grad_fn === null)
print(x.float() === x, x.contiguous() === x, x.detach() === x)
const d = x.detach()
d.add_(1)
print(x, x._version)
""")

case("broadcast gradients reduce to input shapes", """
a = torch.ones(2, 3, requires_grad=True)
b = torch.ones(3, requires_grad=True)
c = torch.ones(2, 1, requires_grad=True)
s = torch.tensor(2., requires_grad=True)
((a * b + c) * s).sum().backward()
print(a.grad, b.grad, c.grad, s.grad)
""", """
const a = torch.ones(2, 3, {requires_grad: true})
const b = torch.ones(3, {requires_grad: true})
const c = torch.ones(2, 1, {requires_grad: true})
const s = torch.tensor(2, {dtype: torch.float32, requires_grad: true})
a.mul(b).add(c).mul(s).sum().backward()
print(a.grad, b.grad, c.grad, s.grad)
""")

case("max/min/var/norm gradients", """
x = torch.tensor([[1., 5., 5.], [2., -3., 0.5]], requires_grad=True)
for f in [lambda t: t.max(), lambda t: t.max(1).values.sum(), lambda t: t.var(), lambda t: t.std(1).sum(), lambda t: t.norm(),
          lambda t: t.prod(), lambda t: t.logsumexp(1).sum(), lambda t: t.amax(0).sum(), lambda t: t.cumprod(1).sum()]:
    x.grad = None
    f(x).backward()
    print(x.grad)
""", """
const x = torch.tensor([[1, 5, 5], [2, -3, 0.5]], {requires_grad: true})
for (const f of [(t: torch.Tensor) => t.max(), (t: torch.Tensor) => t.max(1).values.sum(), (t: torch.Tensor) => t.var(),
    (t: torch.Tensor) => t.std(1).sum(), (t: torch.Tensor) => t.norm(), (t: torch.Tensor) => t.prod(),
    (t: torch.Tensor) => t.logsumexp(1).sum(), (t: torch.Tensor) => t.amax(0).sum(), (t: torch.Tensor) => t.cumprod(1).sum()]) {
  x.grad = null
  f(x).backward()
  print(x.grad)
}
""")

case("inference_mode tensors", """
with torch.inference_mode():
    t = torch.ones(2) * 2
    print(torch.is_grad_enabled(), torch.is_inference_mode_enabled(), t.is_inference())
x = torch.ones(2, requires_grad=True)
print((t + 1).is_inference())
t.add_(1)
""", """
let t: torch.Tensor
torch.inference_mode(() => {
  t = torch.ones(2).mul(2)
  print(torch.is_grad_enabled(), torch.is_inference_mode_enabled(), t.is_inference())
})
const x = torch.ones(2, {requires_grad: true})
print(t!.add(1).is_inference())
t!.add_(1)
""")

case("Node hooks and prehooks", """
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 3
z = y.sum()
h = y.grad_fn.register_hook(lambda gi, go: print("hook", gi, go))
y.grad_fn.register_prehook(lambda go: print("prehook", go))
z.backward()
h.remove()
print(x.grad)
print(x.grad_fn, y.grad_fn.next_functions[0][0].name(), y.grad_fn.next_functions[0][0].next_functions)
print(y.grad_fn.metadata)
""", """
const x = torch.tensor([1, 2], {dtype: torch.float32, requires_grad: true})
const y = x.mul(3)
const z = y.sum()
const h = y.grad_fn!.register_hook((gi, go) => { print("hook", torch.tuple(gi), torch.tuple(go)) })
y.grad_fn!.register_prehook((go) => { print("prehook", torch.tuple(go)) })
z.backward()
h.remove()
print(x.grad)
print(x.grad_fn, y.grad_fn!.next_functions[0][0]!.name(), y.grad_fn!.next_functions[0][0]!.next_functions)
print(y.grad_fn!.metadata)
""")

case("custom Function mark_dirty and mark_non_differentiable", """
class Dirty(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        a.mul_(2)
        ctx.mark_dirty(a)
        return a
    @staticmethod
    def backward(ctx, g):
        return g * 2
class ArgMax(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        idx = a.argmax()
        v = a.max()
        ctx.mark_non_differentiable(idx)
        return v, idx
    @staticmethod
    def backward(ctx, gv, gi):
        return gv * torch.ones(3)
x = torch.ones(2, requires_grad=True)
a = x.clone()
b = Dirty.apply(a)
print(b is a, b)
b.sum().backward()
print(x.grad)
w = torch.tensor([1., 5., 2.], requires_grad=True)
v, i = ArgMax.apply(w)
print(v, i, i.requires_grad)
""", """
class Dirty extends torch.autograd.Function {
  static forward(ctx: torch.autograd.FunctionCtx, a: torch.Tensor) {
    a.mul_(2)
    ctx.mark_dirty(a)
    return a
  }
  static backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor) { return g.mul(2) }
}
class ArgMax extends torch.autograd.Function {
  static forward(ctx: torch.autograd.FunctionCtx, a: torch.Tensor) {
    const idx = a.argmax()
    const v = a.max()
    ctx.mark_non_differentiable(idx)
    return [v, idx]
  }
  static backward(ctx: torch.autograd.FunctionCtx, gv: torch.Tensor, gi: torch.Tensor) { return gv.mul(torch.ones(3)) }
}
const x = torch.ones(2, {requires_grad: true})
const a = x.clone()
const b = Dirty.apply(a)
print(b === a, b)
b.sum().backward()
print(x.grad)
const w = torch.tensor([1, 5, 2], {dtype: torch.float32, requires_grad: true})
const [v, i] = ArgMax.apply(w)
print(v, i, i.requires_grad)
""")

case("saved tensors freed after backward", """
x = torch.tensor([1., 2.], requires_grad=True)
y = x.exp()
print(y.grad_fn._saved_result)
y.sum().backward()
y.grad_fn._saved_result
""", """
const x = torch.tensor([1, 2], {dtype: torch.float32, requires_grad: true})
const y = x.exp()
print(y.grad_fn!._saved_result)
y.sum().backward()
y.grad_fn!._saved_result
""")

case("backward(create_graph=True) makes .grad differentiable", """
x = torch.tensor(2., requires_grad=True)
y = x ** 3
y.backward(create_graph=True)
print(x.grad)
g = x.grad
x.grad = None
g.backward()
print(x.grad)
""", """
const x = torch.tensor(2, {dtype: torch.float32, requires_grad: true})
const y = x.pow(3)
y.backward(null, {create_graph: true})
print(x.grad)
const g = x.grad!
x.grad = null
g.backward()
print(x.grad)
""")

case("backward(inputs=...) accumulates only into the given leaves", """
a = torch.tensor(2., requires_grad=True)
b = torch.tensor(3., requires_grad=True)
(a * b).backward(inputs=[a])
print(a.grad, b.grad)
""", """
const a = torch.tensor(2, {dtype: torch.float32, requires_grad: true})
const b = torch.tensor(3, {dtype: torch.float32, requires_grad: true})
a.mul(b).backward(null, {inputs: [a]})
print(a.grad, b.grad)
""")
