/**
 * The cell's output sink: what it publishes, in which order, and which held messages it merges
 * (iopub_checks.py's merged_output_shows_the_same checks the same through real clients, against
 * what a frontend shows).
 */
import { describe, expect, test } from "vitest";
import type { KernelContext, Request } from "../../kernel/handlers/context.js";
import { createIopubSink } from "../../kernel/handlers/output_sink.js";

function sinkAndLog() {
  const published: string[] = [];
  const ctx = {
    publish: (msg_type: string, content: Record<string, unknown>) => {
      if (msg_type === "stream") published.push(`${content.name}:${String(content.text)}`);
      else if (msg_type === "clear_output") published.push(content.wait ? "clear(wait)" : "clear");
      else published.push(`${msg_type}:${JSON.stringify((content.data as Record<string, unknown>)["text/plain"])}`);
    },
    log: () => {},
  } as unknown as KernelContext;
  const req = { msg: { header: { msg_id: "m" } } } as unknown as Request;
  const sink = createIopubSink(ctx, req, { silent: false, allowStdin: false });
  const show = (text: string, id?: string, update = false) =>
    sink.display({ "text/plain": text }, {}, id ? { display_id: id } : {}, update);
  return { sink, published, show };
}

describe("the iopub output sink", () => {
  test("held output goes out in the order it was made, text on one stream joined", () => {
    const { sink, published, show } = sinkAndLog();
    sink.stdout("a\n");
    sink.stdout("b\n");
    sink.stderr("warn\n");
    sink.stdout("c\n");
    show("X");
    sink.stdout("d\n");
    expect(published).toEqual([]);
    sink.flush();
    expect(published).toEqual(["stdout:a\nb\n", "stderr:warn\n", "stdout:c\n", 'display_data:"X"', "stdout:d\n"]);
  });

  test("clear_output(wait) + new output, again and again, leaves the first clear and the last output", () => {
    const { sink, published, show } = sinkAndLog();
    for (let i = 0; i < 1000; i++) {
      sink.clearOutput(true);
      show(`frame ${i}`);
      sink.stdout(`step ${i}\n`);
    }
    sink.flush();
    expect(published).toEqual(["clear(wait)", 'display_data:"frame 999"', "stdout:step 999\n"]);
  });

  test("a waiting clear already sent still merges with the next one while nothing followed it", () => {
    const { sink, published } = sinkAndLog();
    sink.clearOutput(true);
    sink.flush();
    sink.stdout("never seen\n");
    sink.clearOutput(true);
    sink.stdout("seen\n");
    sink.flush();
    // The frontend still waits to clear when "seen" arrives: the same as clear, never seen, clear, seen.
    expect(published).toEqual(["clear(wait)", "stdout:seen\n"]);
  });

  test("once output after a waiting clear has been sent, the next clear is sent too", () => {
    const { sink, published } = sinkAndLog();
    sink.clearOutput(true);
    sink.stdout("shown\n");
    sink.flush();
    sink.clearOutput(true);
    sink.stdout("next\n");
    sink.flush();
    expect(published).toEqual(["clear(wait)", "stdout:shown\n", "clear(wait)", "stdout:next\n"]);
  });

  test("updates and immediate clears in between are never merged away (they reach other outputs)", () => {
    const { sink, published, show } = sinkAndLog();
    sink.clearOutput(true);
    sink.stdout("a\n");
    show("u1", "d1", true);
    sink.clearOutput(true);
    sink.stdout("b\n");
    sink.clearOutput(false);
    sink.clearOutput(true);
    sink.stdout("c\n");
    sink.flush();
    expect(published).toEqual([
      "clear(wait)",
      "stdout:a\n",
      'update_display_data:"u1"',
      "clear(wait)",
      "stdout:b\n",
      "clear",
      "clear(wait)",
      "stdout:c\n",
    ]);
  });

  test("consecutive updates of one display_id: the last wins; interleaved ids all stay", () => {
    const { sink, published, show } = sinkAndLog();
    for (let i = 0; i < 100; i++) show(`${i}%`, "bar", true);
    show("a", "x", true);
    show("b", "y", true);
    show("c", "x", true);
    sink.flush();
    expect(published).toEqual([
      'update_display_data:"99%"',
      'update_display_data:"a"',
      'update_display_data:"b"',
      'update_display_data:"c"',
    ]);
  });

  test("held output is published by the flush interval without a flush() call", async () => {
    const { sink, published } = sinkAndLog();
    sink.stdout("later\n");
    expect(published).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(published).toEqual(["stdout:later\n"]);
  });
});
