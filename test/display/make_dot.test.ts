/**
 * make_dot draws what torchviz draws: the statements of its DOT source (nodes with labels and
 * colours, edges, in order) equal those torchviz's make_dot emits for the same graph built by
 * real PyTorch (graph_goldens.json, from generate_graph_goldens.py). Ids are renumbered by first
 * appearance on both sides.
 */
import { readFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import { make_dot } from "../../kernel/display/torchviz/index.js";
import { mimeBundle } from "../../kernel/display/mime_bundle.js";
import { setDisplaySink } from "../../kernel/display/publisher.js";
import { recordingSink } from "../session/sink.js";

type Statement =
  | { node: number; label: string; fillcolor: string | null }
  | { edge: [number, number]; dir?: string; style?: string };
const golden = JSON.parse(readFileSync(new URL("./graph_goldens.json", import.meta.url), "utf8")) as {
  cases: Record<string, Statement[]>;
};

/** A DOT ID or attribute value: bare, or quoted with \" and \n escapes. */
const TOKEN = String.raw`(?:"(?:[^"\\]|\\.)*"|[^\s\[\]=;"]+)`;
const unquote = (s: string) =>
  s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === "n" ? "\n" : c)) : s;

/** Parse the body of the DOT source into torchviz-golden statements, ids renumbered by first sight. */
function statements(source: string): Statement[] {
  const lines = source.split("\n").filter((l) => l.startsWith("\t") && !/^\t(graph|node|edge)\b/.test(l));
  const ids = new Map<string, number>();
  const ref = (s: string) => {
    if (!ids.has(s)) ids.set(s, ids.size + 1);
    return ids.get(s)!;
  };
  return lines.map((line) => {
    const m = new RegExp(String.raw`^\t(${TOKEN})(?: -> (${TOKEN}))?(?: \[(.*)\])?$`).exec(line);
    if (!m) throw new Error(`unparsed DOT line: ${line}`);
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? "").matchAll(new RegExp(`(\\w+)=(${TOKEN})`, "g"))) attrs[a[1]!] = unquote(a[2]!);
    if (m[2]) return { edge: [ref(unquote(m[1]!)), ref(unquote(m[2]))], ...attrs } as Statement;
    return { node: ref(unquote(m[1]!)), label: attrs.label ?? "", fillcolor: attrs.fillcolor ?? null };
  });
}

const f32 = { dtype: torch.float32, requires_grad: true };

describe("make_dot draws the autograd graph as torchviz does", () => {
  test("x ** 2 + y ** 3: one box per grad_fn, blue leaves with their shapes, the green output", () => {
    const x = torch.tensor([1, 2, 3], f32),
      y = torch.tensor([4, 5, 6], f32);
    const z = x.pow(2).add(y.pow(3));
    expect(statements(make_dot(z).source)).toEqual(golden.cases["x**2 + y**3"]);
  });

  test("show_saved adds the saved tensors, orange, joined without arrows", () => {
    const x = torch.tensor([1, 2, 3], f32),
      y = torch.tensor([4, 5, 6], f32);
    const z = x.pow(2).add(y.pow(3));
    expect(statements(make_dot(z, { show_saved: true }).source)).toEqual(golden.cases["x**2 + y**3, show_saved"]);
  });

  test("seed 004: Q = 3 * a ** 3 - b ** 2", () => {
    const a = torch.tensor([2, 3], f32),
      b = torch.tensor([6, 4], f32);
    const Q = a.pow(3).mul(3).sub(b.pow(2));
    expect(statements(make_dot(Q).source)).toEqual(golden.cases["Q = 3*a**3 - b**2"]);
  });

  test("a view as the output: its base darker green, joined by a dotted edge", () => {
    const w = torch.tensor([1, 2, 3, 4], f32);
    expect(statements(make_dot(w.mul(2).view(2, 2)).source)).toEqual(golden.cases["view of (w * 2)"]);
  });

  test("an MLP with params names its weights and biases", () => {
    const model = new torch.nn.Sequential(new torch.nn.Linear(8, 16), new torch.nn.Tanh(), new torch.nn.Linear(16, 1));
    const out = model.forward(torch.randn(1, 8)).mean();
    const g = make_dot(out, { params: Object.fromEntries(model.named_parameters()) });
    expect(statements(g.source)).toEqual(golden.cases["mlp, params"]);
    // named_parameters() pairs and a Map name the leaves the same way
    expect(make_dot(out, { params: model.named_parameters() }).source).toBe(g.source);
    expect(make_dot(out, { params: new Map(model.named_parameters()) }).source).toBe(g.source);
  });

  test("torchviz's box style and a graph size that grows with the graph", () => {
    const x = torch.tensor([1, 2, 3], f32);
    const src = make_dot(x.pow(2)).source;
    expect(src).toContain(
      "\tnode [style=filled shape=box align=left fontsize=10 ranksep=0.1 height=0.2 fontname=monospace]",
    );
    expect(src).toContain('\tgraph [size="12,12"]');
  });

  test("params that are not tensors get a TypeError saying what to pass", () => {
    const x = torch.tensor([1, 2, 3], f32);
    expect(() => make_dot(x.pow(2), { params: { w: 3 as unknown as torch.Tensor } })).toThrow(
      /params must map names to tensors.*"w" is number/,
    );
  });
});

describe("the drawing", () => {
  afterEach(() => setDisplaySink(null));

  test('lays out with Graphviz into an SVG with one <g class="node"> per node and no XML declaration', () => {
    const x = torch.tensor([1, 2, 3], f32),
      y = torch.tensor([4, 5, 6], f32);
    const svg = make_dot(x.pow(2).add(y.pow(3))).pipe();
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toContain("<?xml");
    expect(svg.match(/<g id="node\d+" class="node">/g)).toHaveLength(8);
    expect(svg.match(/<g id="edge\d+" class="edge">/g)).toHaveLength(7);
    expect(svg).toContain(">AddBackward0</text>");
    expect(svg).toContain('fill="lightblue"');
  });

  test("in a notebook it shows as image/svg+xml and as text/html holding the same SVG", () => {
    setDisplaySink(recordingSink());
    const x = torch.tensor([1, 2, 3], f32);
    const bundle = mimeBundle(make_dot(x.pow(2)))!;
    expect(String(bundle["image/svg+xml"]).startsWith("<svg")).toBe(true);
    expect(bundle["text/html"]).toBe(bundle["image/svg+xml"]);
    expect(bundle["text/plain"]).toBe("<graphviz.graphs.Digraph object>");
  });

  test("in a terminal, showing it writes an SVG file into the output folder and names it", () => {
    const dir = mkdtempSync(join(tmpdir(), "make-dot-"));
    setDisplaySink({ ...recordingSink(), frontend: { kind: "terminal", tty: false, outputDir: dir } });
    const x = torch.tensor([1, 2, 3], f32);
    const bundle = mimeBundle(make_dot(x.pow(2)))!;
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(bundle).toEqual({ "text/plain": join(dir, files[0]!) });
    expect(readFileSync(join(dir, files[0]!), "utf8")).toMatch(/^<svg[\s\S]*PowBackward0/);
  });

  test("render(path) writes the SVG; render(name) also writes the DOT source, as the graphviz package", () => {
    const dir = mkdtempSync(join(tmpdir(), "make-dot-"));
    const g = make_dot(torch.tensor([1, 2, 3], f32).pow(2));
    expect(g.render(join(dir, "g.svg"))).toBe(join(dir, "g.svg"));
    expect(readFileSync(join(dir, "g.svg"), "utf8")).toContain("PowBackward0");
    expect(g.render(join(dir, "attached"))).toBe(join(dir, "attached.svg"));
    expect(readFileSync(join(dir, "attached"), "utf8")).toBe(g.source);
    expect(() => g.render(join(dir, "g"), { format: "png" })).toThrow(/only format "svg"/);
  });
});
