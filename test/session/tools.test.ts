import { beforeAll, describe, expect, test } from "vitest";
import { notebookSession } from "./fixtures.js";
import { ok, recordingSink, run } from "./sink.js";
import type { Payload } from "../../kernel/session/types.js";

/** A pager payload's text (undefined for other payloads). */
const pagerText = (p: Payload): unknown => (p.source === "page" ? p.data["text/plain"] : undefined);

const s = notebookSession();
beforeAll(async () => {
  await ok(
    s,
    "const x = torch.ones(2, {requires_grad: true})\n/** Doubles a tensor. @example twice(x) */\nfunction twice(t: torch.Tensor): torch.Tensor { return t * 2 }",
  );
});

describe("completions are type-aware", () => {
  test("x.requi offers requires_grad and requires_grad_", () => {
    const code = "x.requi";
    const r = s.complete(code, code.length);
    expect(r.matches).toEqual(expect.arrayContaining(["requires_grad", "requires_grad_"]));
    expect(r.matches.every((m) => m.startsWith("requi"))).toBe(true);
    expect([r.cursor_start, r.cursor_end]).toEqual([2, 7]);
    const types = r.metadata._jupyter_types_experimental as { text: string; type: string }[];
    expect(types.find((t) => t.text === "requires_grad_")?.type).toBe("method");
  });

  test("methods made from their functions (engine/tensor/expose.ts) are listed as methods", () => {
    const code = "x.su";
    const types = s.complete(code, code.length).metadata._jupyter_types_experimental as {
      text: string;
      type: string;
    }[];
    expect(types.find((t) => t.text === "sum")?.type).toBe("method");
    expect(types.find((t) => t.text === "sub")?.type).toBe("method");
    const all = s.complete("x.", 2).metadata._jupyter_types_experimental as { text: string; type: string }[];
    expect(all.find((t) => t.text === "gather")?.type).toBe("method");
    expect(all.find((t) => t.text === "shape")?.type).not.toBe("method");
  });

  test("a tensor made by an operator in the same cell completes as a Tensor", () => {
    const code = "const y = x * 2\ny.backw";
    expect(s.complete(code, code.length).matches).toEqual(["backward"]);
  });

  test("torch.nn. offers the layers, np. numpy's functions", () => {
    expect(s.complete("torch.nn.", 9).matches).toEqual(
      expect.arrayContaining(["Linear", "ReLU", "Sequential", "MSELoss", "functional"]),
    );
    expect(s.complete("torch.nn.Lin", 12).matches).toEqual(["Linear"]);
    expect(s.complete("np.random.ra", 12).matches).toEqual(expect.arrayContaining(["rand", "randn", "randint"]));
  });

  test("names from the prelude and earlier cells", () => {
    expect(s.complete("torch.ones_", 11).matches).toEqual(["ones_like"]);
    expect(s.complete("twi", 3).matches).toEqual(["twice"]);
    expect(s.complete("pri", 3).matches).toContain("print");
  });

  test("positions count code points", () => {
    const code = "const s = '😀😀'; x.grad_";
    const r = s.complete(code, [...code].length);
    expect(r.matches).toEqual(["grad_fn"]);
    expect(r.cursor_start).toBe([...code].length - 5);
  });

  test("magics", () => {
    expect(s.complete("%ti", 3).matches).toEqual(["%time", "%timeit"]);
  });
});

describe("inspection (Shift-Tab, obj?)", () => {
  test("a name's signature and documentation", () => {
    const r = s.inspect("torch.ones", 10, 0);
    expect(r.found).toBe(true);
    const text = String(r.data["text/plain"]);
    // torch functions are bound consts (engine/api/torch_functions.ts: keyword arguments), shown with their docs
    expect(text).toMatch(/^Signature: (function ones\(|const ones: \()/);
    expect(text).toContain("torch.ones(2, 3, {requires_grad: true})");
  });

  test("a method made from its function (engine/tensor/expose.ts) shows as a method, with the function's documentation", () => {
    const sum = String(s.inspect("x.sum", 5, 0).data["text/plain"]);
    expect(sum).toMatch(/^Signature: \(method\) Tensor\.sum\(dim\?: .*\): torch\.Tensor \(\+\d+ overloads\)$/m);
    expect(sum).toContain("Sum of all elements, or over `dim` (keepdim keeps it as size 1).");
    expect(sum).toContain("@example x.sum(), x.sum(0)");
    expect(sum).toMatch(/^Type: +method$/m);
    const code = "x.gather(1, ";
    const gather = String(s.inspect(code, code.length, 0).data["text/plain"]);
    expect(gather).toContain("(method) Tensor.gather(dim: number, index: torch.Tensor): torch.Tensor");
    expect(gather).toContain("torch.gather(x, dim, index)");
    expect(String(s.inspect("x.matmul", 8, 0).data["text/plain"])).toContain("Matrix product with broadcasting");
    // An overloaded method stays declared on Tensor, with all its overloads.
    const max = String(s.inspect("x.max", 5, 0).data["text/plain"]);
    expect(max).toContain("(method) Tensor.max(): torch.Tensor (+");
    expect(max).toContain("max() of all elements");
  });

  test("inside a call's parentheses, the function called", () => {
    const code = "twice(x, ";
    const text = String(s.inspect(code, code.length, 0).data["text/plain"]);
    expect(text).toContain("function twice(t: torch.Tensor): torch.Tensor");
    expect(text).toContain("Doubles a tensor.");
    expect(text).toContain("@example twice(x)");
  });

  test("detail level 1 adds the source of a cell's function", () => {
    const text = String(s.inspect("twice", 5, 1).data["text/plain"]);
    expect(text).toContain("Source:\nfunction twice(t: torch.Tensor): torch.Tensor { return t * 2 }");
  });

  test("obj? and obj?? in a cell give the pager payload", async () => {
    const r = await run(s, "x.requires_grad_?");
    expect(r.reply.status === "ok" && r.reply.payload[0].source).toBe("page");
    expect(r.reply.status === "ok" && String(pagerText(r.reply.payload[0]))).toContain(
      "requires_grad_(requires_grad?: boolean)",
    );
    const rr = await run(s, "twice??");
    expect(rr.reply.status === "ok" && String(pagerText(rr.reply.payload[0]))).toContain("return t * 2");
    expect((await run(s, "nothingHere?")).out.stdout).toBe("Object `nothingHere` not found.\n");
  });

  test("nothing at the cursor", () => {
    expect(s.inspect("   ", 1, 0).found).toBe(false);
  });
});

describe("is_complete", () => {
  test("complete, incomplete with an indent, invalid", () => {
    expect(s.isComplete("x * 2")).toEqual({ status: "complete" });
    expect(s.isComplete("while (x.norm() < 1000) {")).toEqual({ status: "incomplete", indent: "  " });
    expect(s.isComplete("x * * )")).toEqual({ status: "invalid" });
  });
});

describe("output goes to the cell's sink", () => {
  test("print, console.log, console.error, process.stdout.write, engine warnings", async () => {
    const r = await run(
      s,
      "print('a', 1.5, true, null)\nconsole.log('b', {k: 1})\nconsole.error('c')\nprocess.stdout.write('d\\n')\nprocess.stderr.write('e\\n')",
    );
    expect(r.out.stdout).toBe("a 1.5 True None\nb { k: 1 }\nd\n");
    expect(r.out.stderr).toBe("c\ne\n");
  });

  test("display and clear_output", async () => {
    const r = await run(s, "display(x)\nconst h = display(1, {display_id: true})\nh.update(2)\nclear_output(true)");
    expect(r.out.displays.map((d) => [d.data["text/plain"], d.update])).toEqual([
      ["tensor([1., 1.], requires_grad=True)", false],
      ["1", false],
      ["2", true],
    ]);
    expect(r.out.displays[1].transient.display_id).toBeTruthy();
    expect(r.out.clears).toEqual([true]);
  });

  test("input() asks the frontend", async () => {
    const sink = recordingSink((p) => `reply to ${p}`);
    const r = await s.execute("const answer = await input('name? ')\nanswer", sink);
    expect(r.status === "ok" && r.result?.["text/plain"]).toBe("'reply to name? '");
    expect((await run(s, "await input()")).reply).toMatchObject({ status: "error", ename: "StdinNotImplementedError" });
  });

  test("a silent cell runs but shows no result", async () => {
    const r = await run(s, "x", { silent: true });
    expect(r.reply).toEqual({ status: "ok", result: null, payload: [] });
  });
});

describe("results as IPython shows them", () => {
  test.each([
    ["x", "tensor([1., 1.], requires_grad=True)"],
    ["(x * 2).grad_fn", /^<MulBackward0 at 0x[0-9a-f]+>$/],
    ["x.shape", "torch.Size([2])"],
    ["x.dtype", "torch.float32"],
    ["[x.is_leaf, 1, 2.5, 'text', null]", "[True, 1, 2.5, 'text', None]"],
    ["({a: 1})", "{ a: 1 }"],
    ["range(3)", "range(0, 3)"],
    ["x.grad", null],
    ["const assigned = 1", null],
    ["let z2 = 0\nz2 = 5", null],
    [
      "({[Symbol.for('Jupyter.display')]() { return {'text/html': '<b>hi</b>'} }})",
      "{ [Symbol(Jupyter.display)]: [Function: [Jupyter.display]] }",
    ],
  ])("%s", async (code, want) => {
    const r = await ok(s, code);
    if (want instanceof RegExp) expect(r.text).toMatch(want);
    else expect(r.text).toBe(want);
  });

  test("objects with [Symbol.for('Jupyter.display')] give their own bundle", async () => {
    const r = await run(s, "({[Symbol.for('Jupyter.display')]() { return {'text/html': '<b>hi</b>'} }})");
    expect(r.reply.status === "ok" && r.reply.result?.["text/html"]).toBe("<b>hi</b>");
  });
});

describe("magics", () => {
  test("%time runs the cell and reports CPU and wall time", async () => {
    const r = await ok(s, "%time const big = torch.ones(100).sum()\nbig");
    expect(r.stdout).toMatch(
      /^CPU times: user [\d.]+ (s|ms|µs|ns), sys: [\d.]+ (s|ms|µs|ns), total: [\d.]+ (s|ms|µs|ns)\nWall time: [\d.]+ (s|ms|µs|ns)\n$/,
    );
    expect(r.text).toBe("tensor(100.)");
    expect((await ok(s, "%%time\nconst t2 = 1\nt2")).text).toBe("1");
  });

  test("%timeit reports IPython's summary", async () => {
    const r = await ok(s, "%timeit -n 10 -r 3 x.sum()");
    expect(r.stdout).toMatch(
      /^[\d.]+ (s|ms|µs|ns) ± [\d.]+ (s|ms|µs|ns) per loop \(mean ± std\. dev\. of 3 runs, 10 loops each\)\n$/,
    );
  });

  test("an unknown magic", async () => {
    expect((await run(s, "%nope")).reply).toMatchObject({ status: "error", ename: "UsageError" });
  });
});

test("user expressions are evaluated after a cell", () => {
  const r = s.evaluateExpressions({ a: "x.sum()", b: "1 + 1", c: "x.nope", d: "x.backward()" });
  expect(r.a).toEqual({ status: "ok", data: { "text/plain": "tensor(2., grad_fn=<SumBackward0>)" }, metadata: {} });
  expect(r.b).toMatchObject({ status: "ok", data: { "text/plain": "2" } });
  expect(r.c).toMatchObject({ status: "error", ename: "TSError" });
  expect(r.d).toMatchObject({
    status: "error",
    ename: "RuntimeError",
    evalue: "grad can be implicitly created only for scalar outputs",
  });
});
