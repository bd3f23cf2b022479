/**
 * plt figures in a real browser (Debian's headless Chromium, network blocked), from a notebook run
 * on this kernel by real Jupyter:
 *   (a) executed with nbclient and exported with `jupyter nbconvert --to html`, opened from disk
 *       (Debian's export puts RequireJS on the page: plotly.js must draw regardless);
 *   (b) served by Debian's classic Notebook 6 and executed in the browser (Run All).
 * Each figure must be drawn by plotly (svg.main-svg holding its lines, points, bars, images),
 * nothing may be fetched from the network, and screenshots are kept in test/browser/artifacts/.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { externalRequests, hasChromium } from "./chromium.js";
import {
  ARTIFACTS,
  browserAndJupyter,
  executeAndExport,
  hasPythonModule,
  HERE,
  notebookErrors,
  openInClassicNotebook,
  runAllCells,
  screenshotNotebook,
} from "./jupyter.js";
import { checkFigures, figureExpectations } from "./page_checks.js";
import { _resetLibraryShown } from "../../kernel/display/pyplot/html.js";
import { plt } from "../../kernel/display/pyplot/index.js";

const NOTEBOOK = join(HERE, "fixtures", "plots.ipynb");
const HAS_JUPYTER = hasPythonModule("nbclient") && hasPythonModule("nbconvert");
const HAS_NOTEBOOK = hasPythonModule("notebook.notebookapp");
const READY = hasChromium() && HAS_JUPYTER;
if (!READY) {
  console.warn(
    "SKIPPED test/browser: needs Debian's chromium, python3-nbclient and python3-nbconvert (apt-get install chromium jupyter-notebook python3-nbclient python3-nbconvert)",
  );
}

describe.skipIf(!READY)("plt figures in Chromium", () => {
  const { jupyter, browser: getBrowser } = browserAndJupyter();

  test("(a) nbconvert's HTML export of a notebook executed with nbclient draws every figure offline, under RequireJS", async () => {
    const { html, outputs } = executeAndExport(jupyter, NOTEBOOK);
    // One display_data per figure cell: plotly JSON, offline HTML and matplotlib's text repr.
    for (const cell of outputs) {
      expect(cell).toEqual([
        { output_type: "display_data", mimes: ["application/vnd.plotly.v1+json", "text/html", "text/plain"] },
      ]);
    }
    const page = await getBrowser().open(`file://${html}`);
    const { seen, problems } = await checkFigures(page, figureExpectations(NOTEBOOK));
    await page.screenshot(join(ARTIFACTS, "nbconvert_export.png"));
    expect(problems, JSON.stringify(seen, null, 1)).toEqual([]);
    // Debian's nbconvert loads RequireJS from /usr/share/javascript: the AMD trap is on this page.
    expect(await page.evaluate("typeof define === 'function' && Boolean(define.amd)")).toBe(true);
    expect(externalRequests(page.requests)).toEqual([]);
    expect(page.problems.filter((p) => p.startsWith("exception"))).toEqual([]);
  }, 600_000);

  test.skipIf(!HAS_NOTEBOOK)(
    "(b) classic Notebook 6 runs the notebook in the browser (Run All) and every figure draws",
    async () => {
      const { page, server } = await openInClassicNotebook(jupyter, getBrowser(), NOTEBOOK, "served");
      try {
        expect(await page.evaluate("Jupyter.notebook.kernel.name")).toBe("gradlab");
        await runAllCells(page, 240_000);
        const { seen, problems } = await checkFigures(page, figureExpectations(NOTEBOOK), 240_000);
        const errors = await notebookErrors(page);
        await screenshotNotebook(page, "classic_notebook.png");
        expect(errors).toEqual([]);
        expect(problems, JSON.stringify(seen, null, 1)).toEqual([]);
        expect(await page.evaluate("typeof define === 'function' && Boolean(define.amd)")).toBe(true);
        expect(externalRequests(page.requests)).toEqual([]);
      } finally {
        await server.stop();
      }
    },
    600_000,
  );

  test("(c) without RequireJS, as JupyterLab and VS Code: a savefig file, and outputs inserted the way JupyterLab's HTML renderer does", async () => {
    plt.close("all");
    plt.plot([1, 3, 2], { label: "line" });
    plt.legend();
    const file = plt.savefig(join(ARTIFACTS, "savefig.html"));
    const saved = await getBrowser().open(`file://${file}`);
    const one = await checkFigures(saved, [{ lines: 1, legend: ["line"] }]);
    expect(one.problems).toEqual([]);
    expect(await saved.evaluate("typeof define")).toBe("undefined");

    // JupyterLab sets an output's innerHTML on a node that may not be in the page yet, then re-creates
    // its scripts so they run; the first output carries plotly.js, the second waits for it.
    _resetLibraryShown();
    plt.close("all");
    plt.bar(["a", "b"], [1, 2]);
    const first = plt.gcf()._repr_bundle()["text/html"] as string;
    plt.close("all");
    plt.scatter([1, 2, 3], [3, 1, 2]);
    const second = plt.gcf()._repr_bundle()["text/html"] as string;
    const page = join(ARTIFACTS, "lab_like.html");
    writeFileSync(
      page,
      `<!DOCTYPE html><html><body><div id="outputs"></div><script>
      function render(html) {
        const node = document.createElement("div");
        node.innerHTML = html;
        for (const old of Array.from(node.querySelectorAll("script"))) {
          const s = document.createElement("script");
          s.textContent = old.textContent;
          old.parentNode.replaceChild(s, old);
        }
        return node;
      }
      // The figure without plotly.js arrives first (it queues its drawing); the one carrying the
      // library is attached half a second later, as a lazily rendered earlier cell would be.
      document.getElementById("outputs").appendChild(render(${JSON.stringify(second).replace(/</g, "\\u003c")}));
      setTimeout(() => document.getElementById("outputs").appendChild(render(${JSON.stringify(first).replace(/</g, "\\u003c")})), 500);
    </script></body></html>`,
    );
    const lab = await getBrowser().open(`file://${page}`);
    const two = await checkFigures(lab, [{ points: 3 }, { bars: 2, ticks: ["a", "b"] }]);
    await lab.screenshot(join(ARTIFACTS, "lab_like.png"));
    expect(two.problems, JSON.stringify(two.seen)).toEqual([]);
    expect(externalRequests([...saved.requests, ...lab.requests])).toEqual([]);
  }, 120_000);
});
