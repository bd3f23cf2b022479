/**
 * A course notebook as a learner opens it (issue 15): notebooks/002 served by Debian's classic
 * Notebook 6 on this kernel, executed in headless Chromium with Run All. Its linear regression
 * prints the document's table under a live progress bar, and its figure (the data and the
 * fitted line) is drawn by plotly; nothing is fetched from the network. Screenshot:
 * test/browser/artifacts/course_notebook_002.png.
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT } from "../kernel/build_kernel.js";
import { externalRequests, hasChromium } from "./chromium.js";
import {
  browserAndJupyter,
  hasPythonModule,
  notebookErrors,
  openInClassicNotebook,
  runAllCells,
  screenshotNotebook,
} from "./jupyter.js";
import { checkFigures } from "./page_checks.js";

const NAME = "002_autograd_principles_linear_regression.ipynb";
const READY = hasChromium() && hasPythonModule("notebook.notebookapp");

describe.skipIf(!READY)("a course notebook in classic Notebook, Run All in Chromium", () => {
  const { jupyter, browser: getBrowser } = browserAndJupyter();

  test("notebook 002 runs in the browser: the document's training table, a finished progress bar, the fitted-line figure", async () => {
    const { page, server } = await openInClassicNotebook(
      jupyter,
      getBrowser(),
      join(ROOT, "notebooks", NAME),
      "course",
    );
    try {
      expect(await page.evaluate("Jupyter.notebook.kernel.name")).toBe("gradlab");
      await runAllCells(page, 300_000);
      const { seen, problems } = await checkFigures(
        page,
        [{ points: 100, lines: 1, titles: ["Linear regression fitted by autograd"] }],
        120_000,
      );
      const text = await page.evaluate<string>("document.getElementById('notebook').innerText");
      const errors = await notebookErrors(page);
      await screenshotNotebook(page, "course_notebook_002.png");
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
