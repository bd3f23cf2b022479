import { describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { notebookSession } from "./fixtures.js";
import * as torch from "../../engine/index.js";
import { fails, ok, run } from "./sink.js";
import { LocalInterrupts } from "../../kernel/session/local_interrupts.js";

describe("run-time errors show Python's exception and a traceback at cell lines", () => {
  const s = notebookSession();

  test("an engine error: name, PyTorch's message, the failing cell line", async () => {
    const e = await fails(s, "const x = torch.ones(3, {requires_grad: true})\nconst y = x * 2\ny.backward()");
    expect(e.ename).toBe("RuntimeError");
    expect(e.evalue).toBe("grad can be implicitly created only for scalar outputs");
    expect(e.traceback).toEqual([
      "-".repeat(75),
      "RuntimeError                              Traceback (most recent call last)",
      "Cell In[1], line 3\n      1 const x = torch.ones(3, {requires_grad: true})\n      2 const y = x * 2\n----> 3 y.backward()\n",
      "RuntimeError: grad can be implicitly created only for scalar outputs",
    ]);
  });

  test("frames in a function from an earlier cell point at that cell's lines", async () => {
    await ok(s, "// helpers\nfunction step(t) {\n  const u = t * 2\n  return u.backward()\n}");
    const e = await fails(s, "\nstep(torch.ones(2, {requires_grad: true}))");
    expect(e.traceback.slice(2, 4)).toEqual([
      "Cell In[3], line 2\n      1 \n----> 2 step(torch.ones(2, {requires_grad: true}))\n",
      "Cell In[2], line 4, in step\n      2 function step(t) {\n      3   const u = t * 2\n----> 4   return u.backward()\n      5 }\n",
    ]);
  });

  test("the execution count given by the kernel names the cell", async () => {
    const { recordingSink } = await import("./sink.js");
    const r = await notebookSession().execute("torch.ones(2) + torch.ones(3)", recordingSink(), { executionCount: 42 });
    expect(r.status === "error" && r.traceback[2]).toBe("Cell In[42], line 1\n----> 1 torch.ones(2) + torch.ones(3)\n");
    expect(r.status === "error" && r.evalue).toBe(
      "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
    );
  });

  test("JavaScript errors keep their names", async () => {
    const e = await fails(s, "const o: any = null\no.field");
    expect(e.ename).toBe("TypeError");
    expect(e.evalue).toContain("Cannot read properties of null");
  });

  test("type errors block the cell with line, column and a caret", async () => {
    const e = await fails(s, "const n = 1\nn.foo()");
    expect(e.ename).toBe("TSError");
    expect(e.traceback).toEqual([
      "  Cell In[5], line 2, column 3\n    n.foo()\n      ^^^\nTSError: Property 'foo' does not exist on type '1'. (TS2339)",
    ]);
    expect((await fails(s, "const q = (1")).ename).toBe("SyntaxError");
  });

  test("the session keeps running after any error", async () => {
    expect((await ok(s, "x.sum()")).text).toBe("tensor(3., grad_fn=<SumBackward0>)");
  });
});

describe("SIGINT interrupts a synchronous cell and the session survives", () => {
  test("while (true) {} ends with KeyboardInterrupt; earlier state is intact", async () => {
    const s = notebookSession();
    await ok(s, "let counter = 0");
    const ignore = () => {};
    process.on("SIGINT", ignore); // as the kernel does: SIGINT must not end the process between cells
    try {
      const killer = spawn("sh", ["-c", `sleep 1; kill -INT ${process.pid}`], { stdio: "ignore" });
      const e = await fails(s, "while (true) { counter++ }");
      killer.kill();
      expect(e.ename).toBe("KeyboardInterrupt");
    } finally {
      process.off("SIGINT", ignore);
    }
    expect(Number((await ok(s, "counter > 0")).text === "True")).toBe(1);
  });

  test("a Ctrl-C that lands while the cell is still compiling stops it before it runs", async () => {
    const s = notebookSession();
    await ok(s, "let ran = false");
    const interrupts = new LocalInterrupts(s);
    try {
      // The signal is raised before the compile starts and delivered by the event loop after it:
      // the cell must not run (without the pending interrupt it printed and ended "ok").
      const r = await interrupts.run(() => {
        const cell = run(s, 'ran = true\nprint("ran")');
        process.kill(process.pid, "SIGINT");
        return cell;
      });
      expect(r.reply.status === "error" && r.reply.ename).toBe("KeyboardInterrupt");
      expect(r.out.stdout).toBe("");
    } finally {
      interrupts.close();
    }
    expect((await ok(s, "ran")).text).toBe("False");
    expect((await ok(s, "1 + 1")).text).toBe("2"); // the next cell is not interrupted by a left-over flag
  });

  test("interrupt() ends a pending await with KeyboardInterrupt; the cell's earlier declarations survive", async () => {
    const s = notebookSession();
    const cell = run(s, "const before_wait = 7\nawait new Promise(() => {})");
    while (!("before_wait" in s.scope)) await new Promise((r) => setTimeout(r, 20));
    s.interrupt();
    const r = await cell;
    expect(r.reply.status === "error" && r.reply.ename).toBe("KeyboardInterrupt");
    expect((await ok(s, "before_wait")).text).toBe("7");
  });

  test("an interrupted cell leaves grad mode as it was before the cell (its no_grad never finished)", async () => {
    const s = notebookSession();
    const cell = run(s, "await torch.no_grad(() => new Promise(() => {}))");
    while (torch.is_grad_enabled()) await new Promise((r) => setTimeout(r, 20));
    s.interrupt();
    const r = await cell;
    expect(r.reply.status === "error" && r.reply.ename).toBe("KeyboardInterrupt");
    expect(torch.is_grad_enabled()).toBe(true);
  });
});
