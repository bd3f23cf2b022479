import { describe, expect, test } from "vitest";
import { notebookSession } from "./fixtures.js";
import { fails, ok } from "./sink.js";

describe("declarations persist across cells", () => {
  const s = notebookSession();

  test("every kind of top-level declaration", async () => {
    await ok(
      s,
      [
        "const c = 1",
        "let l = 'a'",
        "var v = [1, 2]",
        "function f(n: number) { return n + c }",
        "class K { static k = 3; m() { return K.k } }",
        "interface I { a: number }",
        "type T = { b: string }",
        "enum E { A, B }",
        "namespace N { export const z = 26 }",
        "const [p, q] = [10, 20], {r, s: t} = {r: 1, s: 2}",
      ].join("\n"),
    );
    const out = await ok(
      s,
      "const i: I = {a: f(1)}\nconst tt: T = {b: l}\n;[c, l, v, f(2), new K().m(), i.a, tt.b, E.B, N.z, p, q, r, t]",
    );
    expect(out.text).toBe("[1, 'a', [1, 2], 3, 3, 2, 'a', 1, 26, 10, 20, 1, 2]");
  });

  test("a let can be reassigned in a later cell, a const cannot", async () => {
    expect((await ok(s, "l = 'b'\nl")).text).toBe("'b'");
    const e = await fails(s, "c = 2");
    expect(e.evalue).toContain("Cannot assign to 'c' because it is a constant.");
  });

  test("re-declaring a const in a new cell works, and later cells see the new type", async () => {
    await ok(s, "const c = 'now a string'");
    expect((await ok(s, "c.toUpperCase()")).text).toBe("'NOW A STRING'");
    // Re-running the same cell is a re-declaration too.
    await ok(s, "const c = 'now a string'");
    expect((await fails(s, "c.toFixed(2)")).evalue).toContain("Property 'toFixed' does not exist on type 'string'");
  });

  test("functions see later re-declarations of the names they use, as Python's globals", async () => {
    await ok(s, "let scale = 2\nfunction times(v: number) { return v * scale }");
    await ok(s, "scale = 10");
    expect((await ok(s, "times(3)")).text).toBe("30");
  });

  test("a tensor variable keeps its type across cells (and chains of cells)", async () => {
    await ok(s, "const x0 = torch.ones(2, {requires_grad: true})");
    await ok(s, "const x1 = x0 * 2");
    await ok(s, "const x2 = x1 + x0");
    expect((await ok(s, "x2.sum().grad_fn")).text).toMatch(/^<SumBackward0 at 0x[0-9a-f]+>$/);
  });

  test("Python's loop variables persist (for with var)", async () => {
    await ok(s, "for (var k = 0; k < 3; k++) {}");
    expect((await ok(s, "k")).text).toBe("3");
  });

  test("names assigned before an error persist; the cell's later names exist but are unset", async () => {
    await fails(s, "const before = 1\nthrow new Error('boom')\nconst after = 2");
    expect((await ok(s, "before")).text).toBe("1");
    expect((await ok(s, "after")).text).toBe(null);
  });

  test("a cell with a type error does not run and declares nothing", async () => {
    await fails(s, "const blocked = 1\nconst z: string = 5");
    expect((await fails(s, "blocked")).evalue).toContain("Cannot find name 'blocked'");
  });

  test("top-level await", async () => {
    const out = await ok(s, "const late = await new Promise<number>((r) => setTimeout(() => r(42), 5))\nlate + 1");
    expect(out.text).toBe("43");
    expect((await ok(s, "late")).text).toBe("42");
    expect((await ok(s, "for await (const v of [Promise.resolve(7)]) print(v)")).stdout).toBe("7\n");
  });

  test("using declarations end with their cell", async () => {
    expect(
      (
        await ok(
          s,
          "using _g = torch.no_grad()\nconst inside = torch.ones(1, {requires_grad: true}) * 2\ninside.requires_grad",
        )
      ).text,
    ).toBe("False");
    expect((await ok(s, "torch.is_grad_enabled()")).text).toBe("True");
  });

  test("cells' names do not leak into the process's globals", async () => {
    await ok(s, "const leakCheck = 1");
    expect("leakCheck" in globalThis).toBe(false);
  });

  test("two sessions are independent", async () => {
    const other = notebookSession();
    expect((await fails(other, "p")).evalue).toContain("Cannot find name 'p'");
  });

  test("two fresh sessions in one folder compile their own cells, not each other's", async () => {
    // Their in-memory files have the same paths; the shared parse cache must not mix them up.
    const a = notebookSession(),
      b = notebookSession();
    expect((await ok(a, "const twinA = 1\ntwinA")).text).toBe("1");
    expect((await ok(b, "const twinB = 22\ntwinB * 2")).text).toBe("44");
    const c = notebookSession();
    expect((await ok(c, "import ts from 'typescript'\nts.version.length > 0")).text).toBe("True");
    const d = notebookSession();
    expect((await ok(d, "3 + 4")).text).toBe("7");
    expect((await ok(a, "twinA + 1")).text).toBe("2");
  });
});
