/**
 * plt in cells, through the evaluation session: figures a cell draws show at its end as one
 * display_data (plotly JSON, offline HTML, matplotlib's repr), as matplotlib's inline backend;
 * show() shows and closes; plotly.js travels with the first figure only; in a terminal, show()
 * writes an HTML file, prints its path and charts the lines.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { _resetLibraryShown } from "../../kernel/display/pyplot/html.js";
import { createSession, type GradlabSession } from "../../kernel/session/session.js";
import type { OutputSink } from "../../kernel/session/types.js";
import { recordingSink, run } from "../session/sink.js";

const PLOTLY = "application/vnd.plotly.v1+json";
let s: GradlabSession;
beforeAll(async () => {
  s = createSession();
  await s.ready;
}, 120_000);

test("the course's sin(x) and its autograd derivative: one figure at the end of the cell, no Out", async () => {
  _resetLibraryShown();
  const r = await run(
    s,
    [
      "const x = torch.linspace(-Math.PI, Math.PI, 100, {requires_grad: true})",
      "const y = torch.sin(x)",
      "y.backward(torch.ones_like(x))",
      'plt.plot(x, y, {label: "sin(x)"})',
      'plt.plot(x, x.grad, "r--", {label: "dy/dx"})',
      "plt.legend()",
    ].join("\n"),
  );
  expect(r.reply).toMatchObject({ status: "ok", result: null });
  expect(r.out.displays).toHaveLength(1);
  const data = r.out.displays[0].data;
  expect(Object.keys(data).sort()).toEqual([PLOTLY, "text/html", "text/plain"].sort());
  expect(data["text/plain"]).toBe("<Figure size 640x480 with 1 Axes>");
  const fig = data[PLOTLY] as { data: { y: number[]; name: string }[] };
  expect(fig.data.map((t) => t.name)).toEqual(["sin(x)", "dy/dx"]);
  expect(fig.data[1].y[50]).toBeCloseTo(Math.cos(-Math.PI + (50 * 2 * Math.PI) / 99), 5);
  // The first figure carries plotly.js; the next one waits for it.
  expect(String(data["text/html"])).toMatch(/plotly\.js v\d/);
  const again = await run(s, "plt.plot([1, 2, 3])");
  expect(again.out.displays).toHaveLength(1);
  expect(String(again.out.displays[0].data["text/html"])).not.toMatch(/plotly\.js v\d/);
  expect(String(again.out.displays[0].data["text/html"]).length).toBeLessThan(10_000);
});

test("a cell that plots nothing shows nothing: figures close at the end of the cell that drew them", async () => {
  await run(s, "plt.plot([1, 2])");
  const r = await run(s, "1 + 1");
  expect(r.out.displays).toHaveLength(0);
});

test("show() shows every open figure once and closes them; the end of the cell adds nothing", async () => {
  const r = await run(s, "plt.figure(); plt.plot([1]); plt.figure(); plt.bar([1, 2], [3, 4]); plt.show()");
  expect(r.out.displays.map((d) => d.data["text/plain"])).toEqual([
    "<Figure size 640x480 with 1 Axes>",
    "<Figure size 640x480 with 1 Axes>",
  ]);
});

test("a figure as the cell's value is its Out, shown once; subplots' axes type-check in cells", async () => {
  const r = await run(
    s,
    [
      "const [fig, [a1, a2]] = plt.subplots(1, 2, {figsize: [10, 4]})",
      'a1.plot([1, 2, 3]); a1.set_title("left"); a2.hist(torch.randn(100), {bins: 10}); a2.set_xlabel("v")',
      "fig",
    ].join("\n"),
  );
  expect(r.reply.status).toBe("ok");
  expect(r.text).toBe("<Figure size 1000x400 with 2 Axes>");
  expect(r.reply.status === "ok" && r.reply.result?.[PLOTLY]).toBeTruthy();
  expect(r.out.displays).toHaveLength(0);
});

test("bad input is a matplotlib error in the cell, not a JavaScript TypeError", async () => {
  const r = await run(s, "plt.plot(torch.arange(100), torch.arange(99))");
  expect(r.reply).toMatchObject({
    status: "error",
    ename: "ValueError",
    evalue: "x and y must have same first dimension, but have shapes (100,) and (99,)",
  });
});

test("in a terminal, show() writes Figure_1.html under the output folder, prints its path and charts the lines", async () => {
  const outputDir = mkdtempSync(join(tmpdir(), "gradlab-show-"));
  const sink: OutputSink & { out: ReturnType<typeof recordingSink>["out"] } = {
    ...recordingSink(),
    frontend: { kind: "terminal", tty: false, outputDir },
  };
  const r1 = await s.execute(
    'plt.plot(torch.sin(torch.linspace(0, 6.28, 50)), {label: "sin"}); plt.title("wave")',
    sink,
  );
  expect(r1).toMatchObject({ status: "ok" });
  // No end-of-cell flush in a terminal: the figure stays open for the next line.
  expect(existsSync(join(outputDir, "Figure_1.html"))).toBe(false);
  const r2 = await s.execute("plt.show()", sink);
  expect(r2).toMatchObject({ status: "ok" });
  const file = join(outputDir, "Figure_1.html");
  expect(readFileSync(file, "utf8")).toContain("<!DOCTYPE html>");
  expect(sink.out.displays).toHaveLength(0);
  expect(sink.out.stdout).toContain(`<Figure size 640x480 with 1 Axes> saved to ${file}`);
  expect(sink.out.stdout).toContain("Figure 1: wave");
  expect(sink.out.stdout).toMatch(/[╭╮╯╰]/);
  expect(sink.out.stdout).not.toContain("\x1b["); // not a TTY: no colour codes
});
