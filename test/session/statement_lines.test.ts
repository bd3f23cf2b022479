import { describe, expect, test } from "vitest";
import { notebookSession } from "./fixtures.js";
import { fails } from "./sink.js";

describe("errors after a line the cell compiler ended keep the user's lines and columns", () => {
  const s = notebookSession();

  test("a run-time error in the new statement points at its own line", async () => {
    const e = await fails(s, "const v = torch.ones(3)\n(v * 2).reshape(5)");
    expect(e.evalue).toBe("shape '[5]' is invalid for input of size 3");
    expect(e.traceback[2]).toBe("Cell In[1], line 2\n      1 const v = torch.ones(3)\n----> 2 (v * 2).reshape(5)\n");
  });

  test("a type error in the new statement has its line, column and caret", async () => {
    const e = await fails(s, "const w = torch.ones(3)\n(w * 2).nosuch()");
    expect(e.traceback).toEqual([
      "  Cell In[2], line 2, column 9\n    (w * 2).nosuch()\n            ^^^^^^\nTSError: Property 'nosuch' does not exist on type 'Tensor'. (TS2339)",
    ]);
  });
});
