/**
 * A top-level assignment to a name nothing declares declares it, as Python's assignment does
 * (kernel/compiler/bare_assignments.ts): seed 001's IPython session types `x = torch.arange(4.0)`.
 */
import { describe, expect, test } from "vitest";
import { notebookSession } from "./fixtures.js";
import { fails, run } from "./sink.js";

describe("x = value declares x when nothing else does", () => {
  const s = notebookSession();

  test("seed 001's session, line by line, as typed in IPython", async () => {
    expect((await run(s, "x = torch.arange(4.0)\nx")).text).toBe("tensor([0., 1., 2., 3.])");
    expect((await run(s, "x.requires_grad_(true)")).text).toBe("tensor([0., 1., 2., 3.], requires_grad=True)");
    expect((await run(s, "y = 2 * torch.dot(x, x)\ny")).text).toBe("tensor(28., grad_fn=<MulBackward0>)");
    expect((await run(s, "y.backward()\nx.grad")).text).toBe("tensor([ 0.,  4.,  8., 12.])");
  });

  test("a later assignment to the name assigns, in the same cell and in later cells", async () => {
    expect((await run(s, "z = 5\nz = z + 1\nz")).text).toBe("6");
    expect((await run(s, "z = z * 10\nz")).text).toBe("60");
    expect((await run(s, "x = x * 2\nx")).text).toBe("tensor([0., 2., 4., 6.], grad_fn=<MulBackward0>)");
  });

  test("a list of new names is declared by destructuring; a swap of existing ones stays a swap", async () => {
    expect((await run(s, "[p, q] = [1, 2]\n[p, q] = [q, p]\nprint(p, q)")).out.stdout).toBe("2 1\n");
  });

  test("inside a function an undeclared name is still an error, at the user's column", async () => {
    const e = await fails(s, "function f() { undeclared_name = 3 }");
    expect(e.evalue).toMatch(/Cannot find name 'undeclared_name'/);
    expect(e.traceback.join("\n")).toMatch(/line 1, column 16/);
  });

  test("errors after an inserted declaration keep their columns", async () => {
    const e = await fails(s, "w = torch.ones(3)\nw.nosuch()");
    expect(e.traceback.join("\n")).toMatch(/line 2, column 3/);
  });

  test("globals and prelude names are not redeclared", async () => {
    const e = await fails(s, "print = 3");
    expect(e.ename).toBe("TSError");
  });
});
