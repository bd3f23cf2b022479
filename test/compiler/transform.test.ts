import { beforeAll, describe, expect, test } from "vitest";
import { compile, js } from "./compile.js";

beforeAll(() => {
  compile("const x = torch.ones(3, {requires_grad: true})\nconst y = torch.ones(3)\nlet n = 2\nconst s = 'text'", {
    commit: true,
  });
});

describe("binary arithmetic with a Tensor operand calls the tensor methods", () => {
  test.each([
    ["x + y", "__s.x.add(__s.y)"],
    ["x - 1", "__s.x.sub(1)"],
    ["x * n", "__s.x.mul(__s.n)"],
    ["x / 2", "__s.x.div(2)"],
    ["x % 3", "__s.x.remainder(3)"],
    ["x ** 2", "__s.x.pow(2)"],
  ])("%s", (code, want) => expect(js(code)).toContain(want));
});

describe("number op Tensor uses Python's reflected operators (the tensor is recorded first)", () => {
  test.each([
    ["2 * x", "__s.x.mul(2)"],
    ["1 + x", "__s.x.add(1)"],
    ["2 - x", "__s.x.__rsub__(2)"],
    ["2 / x", "__s.x.__rtruediv__(2)"],
    ["2 ** x", "__s.x.__rpow__(2)"],
    ["5 % x", "__gl.rmod(5, __s.x)"],
    ["n * x", "__s.x.mul(__s.n)"],
  ])("%s", (code, want) => expect(js(code)).toContain(want));

  test("a left operand with side effects is still evaluated first", () => {
    expect(js("function k() { return 2 }\nk() * x")).toContain('__gl.rcall("mul", __s.k(), __s.x)');
  });
});

test("unary minus on a Tensor is neg()", () => {
  expect(js("-x")).toContain("__s.x.neg()");
});

describe("comparisons are element-wise; identity and null checks stay JavaScript", () => {
  test.each([
    ["x == y", "__s.x.eq(__s.y)"],
    ["x != 1", "__s.x.ne(1)"],
    ["x < 1", "__s.x.lt(1)"],
    ["x <= 1", "__s.x.le(1)"],
    ["x > 1", "__s.x.gt(1)"],
    ["x >= 1", "__s.x.ge(1)"],
    ["1 < x", "__s.x.gt(1)"],
    ["1 >= x", "__s.x.le(1)"],
  ])("%s", (code, want) => expect(js(code)).toContain(want));

  test.each([["x === y"], ["x !== y"], ["x.grad == null"], ["x.grad != undefined"]])("%s is untouched", (code) => {
    expect(js(code)).toContain(code.replace("x", "__s.x").replace(" y", " __s.y"));
  });
});

describe("compound assignment on a Tensor is in place", () => {
  test.each([
    ["x += 1", "__s.x.add_(1)"],
    ["x -= y", "__s.x.sub_(__s.y)"],
    ["x *= 2", "__s.x.mul_(2)"],
    ["x /= 2", "__s.x.div_(2)"],
  ])("%s", (code, want) => expect(js(code)).toContain(want));

  test("also on a const binding (w -= lr * w.grad)", () => {
    const cell = compile(
      "const w = torch.ones(1, {requires_grad: true})\nconst lr = 0.1\ntorch.no_grad(() => { w -= lr * w.grad })",
    );
    expect(cell.diagnostics).toEqual([]);
    expect(cell.js.replace(/\s+/g, " ")).toContain("__s.w.sub_((__s.w.grad.mul(__s.lr)))");
  });

  test("a number on the left stays JavaScript", () => {
    expect(js("n += 1")).toContain("__s.n += 1");
  });
});

describe("indexing goes through the tensor", () => {
  test.each([
    ["x[0]", "__s.x.index(0)"],
    ["x['1:3, ::2']", '__s.x.index("1:3, ::2")'],
    ["x[0] = 5", "__s.x.__setitem__(0, 5)"],
    ["x[':, None']", '__s.x.index(":, None")'],
    ["x[1] += 2", '__gl.isetitem(__s.x, 1, "add_", 2)'],
  ])("%s", (code, want) => expect(js(code).replace(/'/g, '"')).toContain(want));

  test("x[0][1] reads twice", () => {
    expect(js("x[0][1]")).toContain("__s.x.index(0)).index(1)");
  });
});

describe("a Tensor in a condition is Python's bool()", () => {
  test.each([
    ["if (x.sum() > 0) n = 1", "if ((__s.x.sum().gt(0)).__bool__())"],
    ["while (x.norm() < 1000) x.mul_(2)", "while ((__s.x.norm().lt(1000)).__bool__())"],
    ["do { n++ } while (x.sum() > 0)", "while ((__s.x.sum().gt(0)).__bool__())"],
    ["for (; x.sum() > 0;) break", "for (; (__s.x.sum().gt(0)).__bool__();)"],
    ["const v = x.sum() > 0 ? 1 : 2", "(__s.x.sum().gt(0)).__bool__() ? 1 : 2"],
    ["!x.sum()", "!__s.x.sum().__bool__()"],
    ["if (x.sum() && n) n = 0", "if (__s.x.sum().__bool__() && __s.n)"],
  ])("%s", (code, want) => expect(js(code).replace(/[()]/g, "")).toContain(want.replace(/[()]/g, "")));

  test("&& and || keep their value semantics: they return an operand", () => {
    const out = js("const v = x.sum() && y");
    expect(out).toMatch(/\(_a = __s\.x\.sum\(\), _a\.__bool__\(\) \? __s\.y : _a\)/);
    expect(js("const u = x.sum() || y")).toMatch(/_a\.__bool__\(\) \? _a : __s\.y/);
  });
});

describe("operands typed any or unknown are decided at run time", () => {
  test.each([
    ["function f(a) { return a * 2 }", '__gl.binop("*", a, 2)'],
    ["function f(a) { return -a }", "__gl.neg(a)"],
    ["function f(a, b) { return a < b }", '__gl.cmp("<", a, b)'],
    ["function f(a) { if (a) return 1 }", "__gl.truth(a)"],
    ["function f(a) { return a[0] }", "__gl.getitem(a, 0)"],
    ["function f(a) { a[0] = 1 }", "__gl.setitem(a, 0, 1)"],
    ["function f(a) { a += 1; return a }", 'a = __gl.iop("+=", a, 1)'],
    ["function f(a: unknown) { return a * 2 }", '__gl.binop("*", a, 2)'],
  ])("%s", (code, want) => expect(js(code)).toContain(want));

  test("an untyped result keeps later code type-checking (let b = a * 2; b.norm())", () => {
    const cell = compile("function f(a) {\n  let b = a * 2\n  while (b.norm() < 1000) b = b * 2\n  return b\n}");
    expect(cell.diagnostics).toEqual([]);
  });
});

describe("plain number and string code is emitted untouched", () => {
  test.each([
    ["const k = 1 + 2 * 3 - 4 / 5 % 6 ** 2", "1 + 2 * 3 - 4 / 5 % 6 ** 2"],
    ["n < 4 && n > 1 ? -n : n", "__s.n < 4 && __s.n > 1 ? -__s.n : __s.n"],
    ["s + '!'", "__s.s + '!'"],
    ["'loss: ' + x", "'loss: ' + __s.x"],
    ["function g(m: number) { return m * m }", "return m * m"],
    ["[1, 2][0]", "[1, 2][0]"],
  ])("%s", (code, want) => expect(js(code)).toContain(want));
});

describe("a Tensor result types later code as a Tensor (the typing pass)", () => {
  test("let b = a * 2 is a Tensor, so b.norm() and b * 2 type-check", () => {
    const cell = compile(
      "function f(a: torch.Tensor) {\n  let b = a * 2\n  while (b.norm() < 1000) b = b * 2\n  return b.sum() > 0 ? b : 100 * b\n}\nconst r = f(x)\nr.grad_fn",
    );
    expect(cell.diagnostics).toEqual([]);
    expect(cell.js.replace(/\s+/g, " ")).toContain("let b = (a.mul(2));");
  });

  test("chains settle in two checks", () => {
    const cell = compile("const a1 = x * 2 + 1\nconst a2 = a1.sum() < 3\na2.any()");
    expect(cell.diagnostics).toEqual([]);
    expect(cell.rounds).toBe(2);
  });

  test("a cell without operators on tensors is checked once", () => {
    expect(compile("const plain = [1, 2, 3].map((v) => v * 2)").rounds).toBe(1);
  });
});

describe("float literals in creation calls make float tensors (float_hints.ts)", () => {
  test.each([
    ["torch.tensor([1.0, 2.0], {requires_grad: true})", "__gl.floatOpts({ requires_grad: true })"],
    ["torch.tensor([[1, 2.], [3, 4]])", "__gl.floatOpts()"],
    ["torch.arange(4.0)", "arange(4.0, __gl.floatOpts())"],
    ["torch.arange(0, 1e1, 2)", "__gl.floatOpts()"],
    ["torch.full([2], 7.)", "full([2], 7., __gl.floatOpts())"],
  ])("%s", (code, want) => expect(js(code)).toContain(want));

  test.each([
    ["torch.tensor([1, 2])"],
    ["torch.arange(4)"],
    ["torch.full([2], 7)"],
    ["torch.tensor([f(1.5)])".replace("f(1.5)", "Math.floor(1.5)")],
  ])("%s gets no hint", (code) => {
    expect(js(code)).not.toContain("floatOpts");
  });
});

describe("float literals in numpy creation calls make float64 arrays, as numpy infers", () => {
  test.each([
    ["np.array([1., 2.])", 'np.array([1., 2.], "float64")'],
    ["np.asarray([[1, 2.5]])", 'np.asarray([[1, 2.5]], "float64")'],
    ["np.arange(4.0)", 'np.arange(4.0, "float64")'],
    ["np.full([2], 7.)", 'np.full([2], 7., "float64")'],
  ])("%s", (code, want) => expect(js(code)).toContain(want));

  test.each([
    ["np.array([1, 2])"],
    ["np.array([1.5], np.float32)"],
    ["np.arange(4)"],
    ["np.arange(4.0, {dtype: np.int32})"],
  ])("%s gets no hint", (code) => {
    expect(js(code)).not.toContain('"float64"');
  });
});

test("dynamic import() goes through the session's loader", () => {
  expect(js("const m = import('node:path')")).toContain("__gl.dynamicImport('node:path')");
});

describe("numpy arrays: operators go through the run-time helpers and type as arrays", () => {
  beforeAll(() => {
    compile("const A = np.ones([2, 2])\nconst B = np.zeros([2])", { commit: true });
  });

  test.each([
    ["A + B", '__gl.binop("+", __s.A, __s.B)'],
    ["A * 2", '__gl.binop("*", __s.A, 2)'],
    ["2 - A", '__gl.binop("-", 2, __s.A)'],
    ["A ** 2", '__gl.binop("**", __s.A, 2)'],
    ["A % 2", '__gl.binop("%", __s.A, 2)'],
    ["A < 1", '__gl.cmp("<", __s.A, 1)'],
    ["-A", "__gl.neg(__s.A)"],
    ["A[0]", "__gl.getitem(__s.A, 0)"],
  ])("%s", (code, want) => expect(js(code)).toContain(want));

  test("an array result is an NDArray for the checker (later code sees its methods)", () => {
    const cell = compile("const C = 2 + 3 * A\nC.reshape(4).tolist()");
    expect(cell.diagnostics).toEqual([]);
    expect(cell.shadow.text).toContain("as unknown as __gl_NDArray");
    expect(compile("const C = 2 + 3 * A\nC.no_such_method()").diagnostics[0]?.message).toContain(
      "no_such_method' does not exist on type 'NDArray'",
    );
  });

  test("later cells see an array variable's type without re-checking the cell that made it", () => {
    expect(compile("A * 2").checkedText).toContain("declare const A: __gl_NDArray;");
  });

  test("A += 1 is in place, also on a const binding", () => {
    const out = js("A += 1");
    expect(out).toContain('__gl.iop("+=", __s.A, 1)');
    expect(out).not.toMatch(/__s\.A = /);
  });

  test("an array in a condition is Python's bool()", () => {
    expect(js("if (A.sum() > 1) { print(1) }")).toContain("__gl.truth(");
    const out = js("if (B[0] < 1) { print(1) }");
    expect(out).toContain("__gl.truth(");
    expect(out).toContain('__gl.cmp("<", __gl.getitem(__s.B, 0), 1)');
  });
});
