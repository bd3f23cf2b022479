/**
 * The progress bar's text is tqdm's, character for character (tqdm_goldens.json, written by real
 * tqdm 4.64 through generate_tqdm_goldens.py), and the bar draws where the frontend shows it:
 * a notebook output updated in place, a terminal line redrawn with \r, or log lines.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test, vi } from "vitest";
import * as torch from "../../engine/index.js";
import { format_interval, format_meter, format_num, tqdm, trange } from "../../kernel/display/tqdm/index.js";
import { setDisplaySink } from "../../kernel/display/publisher.js";
import type { Meter } from "../../kernel/display/tqdm/format_meter.js";
import { recordingSink } from "../session/sink.js";

const golden = JSON.parse(readFileSync(new URL("./tqdm_goldens.json", import.meta.url), "utf8")) as {
  format_meter: { args: Meter; out: string }[];
  format_num: [number, string][];
  format_interval: [number, string][];
};

describe("tqdm's text", () => {
  test.each(golden.format_meter.map((c) => [c.out, c.args] as const))("%s", (out, args) => {
    expect(format_meter(args)).toBe(out);
  });
  test("format_num: .3g when shorter, as tqdm shows postfix numbers", () => {
    for (const [x, s] of golden.format_num) expect(format_num(x)).toBe(s);
  });
  test("format_interval: [H:]MM:SS", () => {
    for (const [t, s] of golden.format_interval) expect(format_interval(t)).toBe(s);
  });
});

/** Remaining fields of a bar's text/plain, without the timing-dependent part. */
const counts = (line: string) => line.replace(/ \[.*\]$/, "");

describe("in a notebook", () => {
  afterEach(() => setDisplaySink(null));

  test("one output, shown at 0% and updated in place (same display id) until 100%", () => {
    const sink = recordingSink();
    setDisplaySink(sink);
    let sum = 0;
    for (const i of trange(50, { desc: "train", mininterval: 0 })) sum += i;
    expect(sum).toBe(1225);
    const d = sink.out.displays;
    expect(d.length).toBeGreaterThan(2);
    expect(d[0]!.update).toBe(false);
    expect(d.slice(1).every((x) => x.update && x.transient.display_id === d[0]!.transient.display_id)).toBe(true);
    expect(counts(String(d[0]!.data["text/plain"]))).toBe("train:   0%|          | 0/50");
    const last = d[d.length - 1]!.data;
    expect(counts(String(last["text/plain"]))).toBe("train: 100%|██████████| 50/50");
    expect(String(last["text/html"])).toContain("train: 100%");
    expect(String(last["text/html"])).toContain("width:100.00%");
    expect(sink.out.stdout + sink.out.stderr).toBe("");
  });

  test("redraws are throttled by time: a fast loop of 100000 draws a handful of times", () => {
    const sink = recordingSink();
    setDisplaySink(sink);
    for (const _ of trange(100000)) {
      /* fast */
    }
    expect(sink.out.displays.length).toBeLessThan(100);
    expect(counts(String(sink.out.displays.at(-1)!.data["text/plain"]))).toBe("100%|██████████| 100000/100000");
  });

  test("set_description, set_postfix and manual update, closed by `using`", () => {
    const sink = recordingSink();
    setDisplaySink(sink);
    {
      using bar = tqdm({ total: 4, mininterval: 0 });
      bar.set_description("epoch 1");
      bar.update(3);
      bar.set_postfix({ loss: 0.123456, acc: "0.9 " });
    }
    const last = String(sink.out.displays.at(-1)!.data["text/plain"]);
    expect(last).toMatch(/^epoch 1: {2}75%\|███████▌ {2}\| 3\/4 \[.*, loss=0\.123, acc=0\.9\]$/);
    expect(String(sink.out.displays.at(-1)!.data["text/html"])).toContain("#f44336"); // closed early: red, as tqdm.notebook
  });

  test("set_postfix on every step redraws at the same pace, not once per step", () => {
    const sink = recordingSink();
    setDisplaySink(sink);
    const bar = trange(20000);
    for (const i of bar) bar.set_postfix({ loss: 1 / (i + 1) });
    expect(sink.out.displays.length).toBeLessThan(100);
    expect(String(sink.out.displays.at(-1)!.data["text/plain"])).toMatch(/ 20000\/20000 \[.*, loss=5e-5\]$/);
  });

  test("leave: false removes the bar when done; iterating a tensor counts its first dimension", () => {
    const sink = recordingSink();
    setDisplaySink(sink);
    const rows = [];
    for (const row of tqdm(torch.ones(3, 2), { leave: false })) rows.push(row);
    expect(rows).toHaveLength(3);
    expect(counts(String(sink.out.displays[0]!.data["text/plain"]))).toBe("  0%|          | 0/3");
    expect(sink.out.displays.at(-1)!.data).toEqual({ "text/html": "", "text/plain": "" });
  });

  test("bad arguments get Python's errors", () => {
    setDisplaySink(recordingSink());
    expect(() => trange(2.5)).toThrow("'float' object cannot be interpreted as an integer");
    expect(() => trange(0, 5, 0)).toThrow("trange() arg 3 must not be zero");
    expect(() => tqdm(5 as unknown as number[])).toThrow(/tqdm\(\) takes an iterable/);
    expect(() => [...tqdm({ total: 3 })]).toThrow(/has no iterable/);
  });

  test("break leaves the bar where the loop stopped", () => {
    const sink = recordingSink();
    setDisplaySink(sink);
    for (const i of tqdm([1, 2, 3, 4, 5])) if (i === 3) break;
    expect(counts(String(sink.out.displays.at(-1)!.data["text/plain"]))).toBe(" 40%|████      | 2/5");
  });
});

describe("in a terminal", () => {
  afterEach(() => {
    setDisplaySink(null);
    vi.restoreAllMocks();
  });

  const stderrOf = (tty: boolean, body: () => void): string => {
    let out = "";
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
    setDisplaySink({ ...recordingSink(), frontend: { kind: "terminal", tty, outputDir: "." } });
    body();
    vi.restoreAllMocks();
    return out;
  };

  test("a TTY gets one line redrawn with \\r, ending in a newline", () => {
    const out = stderrOf(true, () => {
      for (const _ of trange(3, { mininterval: 0, ncols: 50 })) {
        /* work */
      }
    });
    const frames = out.split("\r").filter(Boolean);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(out.endsWith("\n")).toBe(true);
    expect(out).not.toMatch(/\n(?!$)/);
    expect(frames.at(-1)!.trimEnd()).toMatch(/^100%\|█+\| 3\/3 \[/);
    expect([...frames.at(-1)!.trimEnd()]).toHaveLength(50);
  });

  test("tqdm.write prints above the bar: the line is blanked, the text written, the bar drawn again", () => {
    let err = "",
      out = "";
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
      err += String(s);
      return true;
    });
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
    setDisplaySink({ ...recordingSink(), frontend: { kind: "terminal", tty: true, outputDir: "." } });
    const bar = tqdm({ total: 10, ncols: 40 });
    bar.update(5);
    const before = err.length;
    tqdm.write("epoch 1 done");
    bar.close();
    vi.restoreAllMocks();
    expect(out).toBe("epoch 1 done\n");
    const after = err.slice(before);
    expect(after).toMatch(/^\r {40}\r\r 50%\|/);
  });

  test("not a TTY: plain lines, the first and the last", () => {
    const out = stderrOf(false, () => {
      for (const _ of trange(3, { desc: "d" })) {
        /* work */
      }
    });
    const lines = out.trimEnd().split("\n");
    expect(out).not.toContain("\r");
    expect(counts(lines[0]!)).toBe("d:   0%|          | 0/3");
    expect(counts(lines.at(-1)!)).toBe("d: 100%|██████████| 3/3");
  });
});
