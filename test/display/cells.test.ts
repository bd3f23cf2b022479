/** make_dot, tqdm and trange in cells: in scope without imports, and importable by their subpaths. */
import { expect, test } from "vitest";
import { createSession } from "../../kernel/session/session.js";
import { recordingSink } from "../session/sink.js";

const s = createSession();

test("a cell ending in make_dot(...) shows the graph as SVG (no await needed)", async () => {
  const sink = recordingSink();
  const r = await s.execute(
    "const x = torch.tensor([1.0, 2.0, 3.0], {requires_grad: true})\nconst y = torch.tensor([4.0, 5.0, 6.0], {requires_grad: true})\nmake_dot(x ** 2 + y ** 3)",
    sink,
  );
  expect(r.status).toBe("ok");
  const result = (r as { result: Record<string, string> }).result;
  expect(result["image/svg+xml"]).toMatch(/^<svg[\s\S]*AddBackward0[\s\S]*<\/svg>\s*$/);
  expect(result["text/html"]).toBe(result["image/svg+xml"]);
});

test('import { make_dot } from "gradlab/torchviz" and { tqdm } from "gradlab/tqdm" in a cell', async () => {
  const sink = recordingSink();
  const r = await s.execute(
    'import { make_dot as md } from "gradlab/torchviz"\nimport { tqdm as bar } from "gradlab/tqdm"\nlet total = 0\nfor (const v of bar([1, 2, 3])) total += v\nmd(torch.ones(2, {requires_grad: true}).sum()).source.includes("SumBackward0") && total',
    sink,
  );
  expect(r).toMatchObject({ status: "ok", result: { "text/plain": "6" } });
});

test("a trange loop in a cell publishes one display updated in place, ending at 100%", async () => {
  const sink = recordingSink();
  const r = await s.execute('let acc = 0\nfor (const i of trange(2000, {desc: "loop"})) acc += i\nacc', sink);
  expect(r).toMatchObject({ status: "ok", result: { "text/plain": "1999000" } });
  const d = sink.out.displays;
  expect(d[0]!.update).toBe(false);
  expect(String(d.at(-1)!.data["text/plain"])).toMatch(/^loop: 100%\|██████████\| 2000\/2000 \[/);
  expect(sink.out.stdout + sink.out.stderr).toBe("");
});

test("in a terminal frontend (REPL, gradlab run): the bar is a \\r-redrawn line on stderr, the graph an SVG file", async () => {
  const { mkdtempSync, readFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "gradlab-term-"));
  const sink = { ...recordingSink(), frontend: { kind: "terminal" as const, tty: true, outputDir: dir } };
  const r = await s.execute(
    "for (const i of trange(5, {desc: 'fit', mininterval: 0})) {}\nmake_dot(torch.ones(3, {requires_grad: true}).exp())",
    sink,
  );
  expect(r.status).toBe("ok");
  const err = sink.out.stderr;
  expect(err.startsWith("\rfit:   0%|")).toBe(true);
  expect(err.endsWith("\n")).toBe(true);
  expect(err.trimEnd().split("\r").at(-1)).toMatch(/^fit: 100%\|█+\| 5\/5 \[/);
  expect(sink.out.displays).toEqual([]);
  const path = String((r as { result: Record<string, string> }).result["text/plain"]);
  expect(path.startsWith(dir)).toBe(true);
  expect(readFileSync(path, "utf8")).toMatch(/^<svg[\s\S]*ExpBackward0/);
});
