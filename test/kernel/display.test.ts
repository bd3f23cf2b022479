import { afterEach, describe, expect, test } from "vitest";
import { clear_output, display } from "../../kernel/display/display.js";
import { setDisplaySink } from "../../kernel/display/publisher.js";
import * as torch from "../../engine/index.js";
import { recordingSink } from "../session/sink.js";

afterEach(() => setDisplaySink(null));

describe("the display API publishes MIME bundles to the running cell", () => {
  test("display(x) gives PyTorch's repr as text/plain and returns nothing, so the cell shows no Out[n]", () => {
    const sink = recordingSink();
    setDisplaySink(sink);
    expect(display(torch.ones(2))).toBeUndefined();
    expect(sink.out.displays).toEqual([{ data: { "text/plain": "tensor([1., 1.])" }, transient: {}, update: false }]);
  });

  test("a handle from {display_id: true} updates that output, formatted as it first was", () => {
    const sink = recordingSink();
    setDisplaySink(sink);
    const h = display.html("<b>0%</b>", { display_id: true })!;
    h.update("<b>50%</b>");
    const [first, update] = sink.out.displays;
    expect(first!.transient.display_id).toBe(h.display_id);
    expect(update).toEqual({
      data: { "text/html": "<b>50%</b>", "text/plain": "<HTML object>" },
      transient: { display_id: h.display_id },
      update: true,
    });
  });

  test("several values in one call are several outputs; a trailing options object is not a value", () => {
    const sink = recordingSink();
    setDisplaySink(sink);
    display(1, "two", { display_id: "mine" });
    expect(sink.out.displays.map((d) => [d.data["text/plain"], d.transient.display_id])).toEqual([
      ["1", "mine"],
      ["'two'", "mine"],
    ]);
  });

  test("images are checked, so a wrong file fails with a message instead of a broken picture", () => {
    setDisplaySink(recordingSink());
    expect(() => display.png(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG image/);
    expect(() => display.html(42 as unknown as string)).toThrow(/takes a string/);
  });

  test("with no frontend (a script) a display prints its text/plain; updates and clear_output print nothing", () => {
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => (written.push(s), true)) as typeof process.stdout.write;
    try {
      const h = display.markdown("# Title", { display_id: true })!;
      h.update("# Changed");
      clear_output();
    } finally {
      process.stdout.write = write;
    }
    expect(written).toEqual(["# Title\n"]);
  });
});
