/**
 * A course notebook as a learner opens it (issue 15): notebooks/002 served by Debian's classic
 * Notebook 6 on this kernel, executed in headless Chromium with Run All. Its linear regression
 * prints the document's table under a live progress bar, and its figure (the data and the
 * fitted line) is drawn by plotly; nothing is fetched from the network. Screenshot:
 * test/browser/artifacts/course_notebook_002.png.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT } from "../kernel/build_kernel.js";
import { externalRequests, hasChromium } from "./chromium.js";
import { ARTIFACTS, browserAndJupyter, hasPythonModule, startNotebookServer } from "./jupyter.js";
import { checkFigures } from "./page_checks.js";

const NAME = "002_autograd_principles_linear_regression.ipynb";
const READY = hasChromium() && hasPythonModule("notebook.notebookapp");

describe.skipIf(!READY)("a course notebook in classic Notebook, Run All in Chromium", () => {
  const { jupyter, browser: getBrowser } = browserAndJupyter();

  test("notebook 002 runs in the browser: the document's training table, a finished progress bar, the fitted-line figure", async () => {
    const dir = join(jupyter.tmp, "course");
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(ROOT, "notebooks", NAME), join(dir, NAME));
    const server = await startNotebookServer(jupyter, dir);
    try {
      const page = await getBrowser().open(server.url(`/notebooks/${NAME}`));
      await page.waitFor(
        "window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()",
        120_000,
      );
      expect(await page.evaluate("Jupyter.notebook.kernel.name")).toBe("gradlab");
      // The committed outputs are cleared first, so what the page shows is this run's.
      await page.evaluate("Jupyter.notebook.clear_all_output(); Jupyter.notebook.execute_all_cells()");
      await page.waitFor(
        "Jupyter.notebook.get_cells().every((c) => c.cell_type !== 'code' || (c.input_prompt_number !== '*' && c.input_prompt_number != null))",
        300_000,
      );
      const { seen, problems } = await checkFigures(
        page,
        [{ points: 100, lines: 1, titles: ["Linear regression fitted by autograd"] }],
        120_000,
      );
      const text = await page.evaluate<string>("document.getElementById('notebook').innerText");
      const errors = await page.evaluate<unknown[]>(
        "Jupyter.notebook.get_cells().flatMap((c) => c.output_area ? c.output_area.outputs.filter((o) => o.output_type === 'error') : [])",
      );
      await page.setViewport(
        1280,
        await page.evaluate<number>("document.getElementById('notebook').scrollHeight + 200"),
      );
      await new Promise((r) => setTimeout(r, 1000));
      await page.screenshot(join(ARTIFACTS, "course_notebook_002.png"));
      expect(errors).toEqual([]);
      expect(text).toContain("Epoch [1000/1000], Loss: 0.0179");
      expect(text).toContain("Final weights: 2.68684983253479 bias: 2.17771577835083");
      expect(text).toMatch(/epochs: 100%/);
      expect(problems, JSON.stringify(seen, null, 1)).toEqual([]);
      expect(externalRequests(page.requests)).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 900_000);
});
