/**
 * The session's post_execute event (kernel/session/events.ts), as IPython's: callbacks run after
 * each non-silent cell while its output is still open, and one that throws is reported on stderr
 * without changing the cell's result.
 */
import { afterEach, expect, test } from "vitest";
import { publish } from "../../kernel/display/publisher.js";
import { events } from "../../kernel/session/events.js";
import { notebookSession } from "./fixtures.js";
import { run } from "./sink.js";

const s = notebookSession();
const registered: (() => void)[] = [];
const register = (fn: () => void) => {
  registered.push(fn);
  events.register("post_execute", fn);
};
afterEach(() => {
  for (const fn of registered.splice(0)) events.unregister("post_execute", fn);
});

test("post_execute callbacks run after each cell, into the cell's output; not after silent cells", async () => {
  let calls = 0;
  register(() => {
    calls++;
    publish({ "text/plain": "after" });
  });
  const r = await run(s, "1 + 1");
  expect(r.text).toBe("2");
  expect(r.out.displays.map((d) => d.data["text/plain"])).toEqual(["after"]);
  await run(s, "2 + 2", { silent: true });
  expect(calls).toBe(1);
});

test("a callback that throws is reported on stderr; the cell's result stands and later callbacks still run", async () => {
  let ran = false;
  register(function broken() {
    throw new Error("boom");
  });
  register(() => {
    ran = true;
  });
  const r = await run(s, "3");
  expect(r.reply).toMatchObject({ status: "ok" });
  expect(r.out.stderr).toContain("Error in callback broken (for post_execute):\nError: boom");
  expect(ran).toBe(true);
});
