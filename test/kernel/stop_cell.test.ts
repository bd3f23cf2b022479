import { describe, expect, test } from "vitest";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { classify } from "../../kernel/session/stop_cell.js";

const kernel = (file: string) => pathToFileURL(resolve(import.meta.dirname, "../../kernel", file)).href;

describe("where the I/O worker may stop the main thread (stacks innermost first)", () => {
  test("a cell's code after an await, called from the microtask queue, is stopped", () => {
    expect(classify(["gradlab-cell-1-4.js", "node:internal/process/task_queues"])).toBe("user");
  });

  test("user code inside kernel helpers (print writing to the output ring) is stopped too", () => {
    expect(
      classify([
        kernel("channels/ring.js"),
        kernel("session/builtins.js"),
        "gradlab-cell-1-4.js",
        "node:internal/timers",
      ]),
    ).toBe("user");
  });

  test("code the kernel drives (a cell's synchronous part, which SIGINT stops) is left alone", () => {
    expect(
      classify([
        "gradlab-cell-1-4.js",
        kernel("session/evaluator.js"),
        kernel("session/session.js"),
        kernel("channels/session_bridge.js"),
      ]),
    ).toBe("kernel");
  });

  test("inside Node's own JavaScript the stopper waits for a better place; no JavaScript at all is idle", () => {
    expect(classify(["node:internal/streams/writable", "gradlab-cell-1-4.js"])).toBe("node-internals");
    expect(classify(["node:internal/timers"])).toBe("idle");
    expect(classify([])).toBe("idle");
  });
});
