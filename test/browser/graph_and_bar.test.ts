/**
 * make_dot's graph and tqdm's bar in a real browser (Debian's headless Chromium, network
 * blocked), from a notebook run on this kernel by real Jupyter: executed with nbclient and
 * exported with `jupyter nbconvert --to html` (Debian's nbconvert 6.5, which reduces
 * image/svg+xml outputs to text: the text/html copy is what must draw), and served by classic
 * Notebook 6 and run in the browser. The graph must be Graphviz's SVG with torchviz's boxes, the
 * bar at 100%. Screenshots go to test/browser/artifacts/.
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { externalRequests, hasChromium, type Page } from "./chromium.js";
import {
  ARTIFACTS,
  browserAndJupyter,
  executeAndExport,
  hasPythonModule,
  HERE,
  openInClassicNotebook,
  runAllCells,
} from "./jupyter.js";

const NOTEBOOK = join(HERE, "fixtures", "graph_and_bar.ipynb");
const READY = hasChromium() && hasPythonModule("nbclient") && hasPythonModule("nbconvert");
const HAS_NOTEBOOK = hasPythonModule("notebook.notebookapp");
if (!READY)
  console.warn(
    "SKIPPED test/browser/graph_and_bar.test.ts: needs Debian's chromium, python3-nbclient and python3-nbconvert",
  );

/** What the page shows: the graph's node labels (Graphviz's svg g.node) and the bars' text. */
const SEEN = `(() => {
  const nodes = Array.from(document.querySelectorAll("svg g.node"));
  return {
    nodes: nodes.map((g) => Array.from(g.querySelectorAll("text")).map((t) => t.textContent).join(" ").replace(/\\s+/g, " ").trim()),
    fills: nodes.map((g) => (g.querySelector("polygon") || {}).getAttribute?.("fill")),
    edges: document.querySelectorAll("svg g.edge").length,
    bars: Array.from(document.querySelectorAll(".gradlab-tqdm")).map((d) => d.textContent),
  };
})()`;
interface Seen {
  nodes: string[];
  fills: string[];
  edges: number;
  bars: string[];
}

/** The seed-004 graph Q = 3a³ - b², as torchviz draws it (test/display/graph_goldens.json). */
function expectGraphAndBar(seen: Seen): void {
  const why = JSON.stringify(seen);
  expect([...seen.nodes].sort(), why).toEqual([
    "(2)",
    "AccumulateGrad",
    "AccumulateGrad",
    "MulBackward0",
    "PowBackward0",
    "PowBackward0",
    "SubBackward0",
    "a (2)",
    "b (2)",
  ]);
  expect(seen.edges, why).toBe(8);
  expect(
    seen.fills.filter((f) => f === "lightblue"),
    why,
  ).toHaveLength(2);
  expect(
    seen.fills.filter((f) => f === "#caff70"),
    why,
  ).toHaveLength(1); // darkolivegreen1, as Graphviz writes it
  expect(
    seen.fills.filter((f) => f === "lightgrey"),
    why,
  ).toHaveLength(6);
  expect(seen.bars, why).toHaveLength(1);
  expect(seen.bars[0], why).toMatch(/^steps: 100%200\/200 \[/);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot(join(ARTIFACTS, name));
}

describe.skipIf(!READY)("make_dot and tqdm in Chromium", () => {
  const { jupyter, browser: getBrowser } = browserAndJupyter();

  test("nbconvert's HTML export shows the graph's SVG and the finished bar, offline", async () => {
    const { html, outputs } = executeAndExport(jupyter, NOTEBOOK);
    expect(outputs[0]).toEqual([
      { output_type: "execute_result", mimes: ["image/svg+xml", "text/html", "text/plain"] },
    ]);
    const page = await getBrowser().open(`file://${html}`);
    await page.waitFor("document.querySelectorAll('svg g.node').length > 0", 30_000);
    const seen = await page.evaluate<Seen>(SEEN);
    await shot(page, "graph_and_bar_export.png");
    expectGraphAndBar(seen);
    expect(externalRequests(page.requests)).toEqual([]);
  }, 600_000);

  test.skipIf(!HAS_NOTEBOOK)(
    "classic Notebook 6 runs it in the browser: the graph draws and the bar ends at 100%",
    async () => {
      const { page, server } = await openInClassicNotebook(jupyter, getBrowser(), NOTEBOOK, "served-graph");
      try {
        await runAllCells(page, 180_000);
        await page.waitFor(
          "document.querySelectorAll('svg g.node').length > 0 && /100%/.test((document.querySelector('.gradlab-tqdm') || {}).textContent || '')",
          60_000,
          `${SEEN}`,
        );
        const seen = await page.evaluate<Seen>(SEEN);
        await shot(page, "graph_and_bar_notebook.png");
        expectGraphAndBar(seen);
        expect(externalRequests(page.requests)).toEqual([]);
      } finally {
        await server.stop();
      }
    },
    600_000,
  );
});
