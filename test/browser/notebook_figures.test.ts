/**
 * plt figures in a real browser (Debian's headless Chromium, network blocked), from a notebook run
 * on this kernel by real Jupyter:
 *   (a) executed with nbclient and exported with `jupyter nbconvert --to html`, opened from disk
 *       (Debian's export puts RequireJS on the page: plotly.js must draw regardless);
 *   (b) served by Debian's classic Notebook 6 and executed in the browser (Run All).
 * Each figure must be drawn by plotly (svg.main-svg holding its lines, points, bars, images),
 * nothing may be fetched from the network, and screenshots are kept in test/browser/artifacts/.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { externalRequests, hasChromium, launchChromium, type Browser } from "./chromium.js";
import { executeAndExport, hasPythonModule, HERE, JupyterEnv, startNotebookServer } from "./jupyter.js";
import { checkFigures, figureExpectations } from "./page_checks.js";

const NOTEBOOK = join(HERE, "fixtures", "plots.ipynb");
const ARTIFACTS = join(HERE, "artifacts");
const HAS_JUPYTER = hasPythonModule("nbclient") && hasPythonModule("nbconvert");
const HAS_NOTEBOOK = hasPythonModule("notebook.notebookapp");
const READY = hasChromium() && HAS_JUPYTER;
if (!READY) {
  console.warn("SKIPPED test/browser: needs Debian's chromium, python3-nbclient and python3-nbconvert (apt-get install chromium jupyter-notebook python3-nbclient python3-nbconvert)");
}

let browser: Browser;
const jupyter = new JupyterEnv();

describe.skipIf(!READY)("plt figures in Chromium", () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    jupyter.setUp();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    jupyter.tearDown();
  });

  test("(a) nbconvert's HTML export of a notebook executed with nbclient draws every figure offline, under RequireJS", async () => {
    const { html, outputs } = executeAndExport(jupyter, NOTEBOOK);
    // One display_data per figure cell: plotly JSON, offline HTML and matplotlib's text repr.
    for (const cell of outputs) {
      expect(cell).toEqual([{ output_type: "display_data", mimes: ["application/vnd.plotly.v1+json", "text/html", "text/plain"] }]);
    }
    const page = await browser.open(`file://${html}`);
    const { seen, problems } = await checkFigures(page, figureExpectations(NOTEBOOK));
    await page.screenshot(join(ARTIFACTS, "nbconvert_export.png"));
    expect(problems, JSON.stringify(seen, null, 1)).toEqual([]);
    // Debian's nbconvert loads RequireJS from /usr/share/javascript: the AMD trap is on this page.
    expect(await page.evaluate("typeof define === 'function' && Boolean(define.amd)")).toBe(true);
    expect(externalRequests(page.requests)).toEqual([]);
    expect(page.problems.filter((p) => p.startsWith("exception"))).toEqual([]);
  }, 600_000);

  test.skipIf(!HAS_NOTEBOOK)("(b) classic Notebook 6 runs the notebook in the browser (Run All) and every figure draws", async () => {
    const dir = join(jupyter.tmp, "served");
    mkdirSync(dir, { recursive: true });
    copyFileSync(NOTEBOOK, join(dir, "plots.ipynb"));
    const server = await startNotebookServer(jupyter, dir);
    try {
      const page = await browser.open(server.url("/notebooks/plots.ipynb"));
      await page.waitFor("window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()", 120_000,
        "String(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.name)");
      expect(await page.evaluate("Jupyter.notebook.kernel.name")).toBe("gradlab");
      await page.evaluate("Jupyter.notebook.execute_all_cells()");
      const { seen, problems } = await checkFigures(page, figureExpectations(NOTEBOOK), 240_000);
      await page.waitFor("Jupyter.notebook.get_cells().every((c) => c.cell_type !== 'code' || (c.input_prompt_number !== '*' && c.input_prompt_number != null))", 120_000);
      const errors = await page.evaluate<unknown[]>("Jupyter.notebook.get_cells().flatMap((c) => c.output_area ? c.output_area.outputs.filter((o) => o.output_type === 'error') : [])");
      // The whole notebook in one screenshot: the page scrolls inside #site, so make the viewport as tall as the notebook.
      await page.setViewport(1280, await page.evaluate<number>("document.getElementById('notebook').scrollHeight + 200"));
      await new Promise((r) => setTimeout(r, 1000));
      await page.screenshot(join(ARTIFACTS, "classic_notebook.png"));
      expect(errors).toEqual([]);
      expect(problems, JSON.stringify(seen, null, 1)).toEqual([]);
      expect(await page.evaluate("typeof define === 'function' && Boolean(define.amd)")).toBe(true);
      expect(externalRequests(page.requests)).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 600_000);
});
