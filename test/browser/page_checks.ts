/**
 * What a notebook page shows, read from its DOM: each plt figure (div.gradlab-figure) with the
 * marks plotly drew inside its svg.main-svg, matched against the `gradlab_browser_expect` metadata
 * of the notebook's code cells (minimum counts, texts that must appear).
 *
 * To check another kind of output (the graph drawings of make_dot), add a collector like
 * FIGURES below and a key to the cell metadata.
 */
import { readFileSync } from "node:fs";
import type { Page } from "./chromium.js";

export interface FigureExpect {
  lines?: number;
  points?: number;
  bars?: number;
  images?: number;
  fills?: number;
  legend?: string[];
  titles?: string[];
  ticks?: string[];
}

export interface FigureSeen {
  svgs: number;
  lines: number;
  points: number;
  bars: number;
  images: number;
  fills: number;
  texts: string[];
  fallback: string;
}

/** Runs in the page: one summary per plt figure, in document order. */
export const FIGURES = `Array.from(document.querySelectorAll("div.gradlab-figure")).map((d) => {
  const inSvg = (sel) => Array.from(d.querySelectorAll("svg.main-svg " + sel));
  const drawn = (el) => (el.getAttribute("d") || "").length > 4;
  return {
    svgs: d.querySelectorAll("svg.main-svg").length,
    lines: inSvg(".scatterlayer .trace path.js-line").filter(drawn).length,
    points: inSvg(".scatterlayer .trace path.point").length,
    bars: inSvg(".barlayer .trace .point path").filter(drawn).length,
    images: inSvg(".heatmaplayer image, .imagelayer image").filter((i) => (i.getAttribute("href") || i.getAttribute("xlink:href") || "").startsWith("data:image")).length,
    fills: inSvg(".scatterlayer .trace path.js-fill").filter(drawn).length,
    texts: inSvg("text").map((t) => t.textContent),
    fallback: d.firstChild && d.firstChild.nodeType === 3 ? d.textContent : "",
  };
})`;

/** The expectations of a notebook's code cells that draw a figure, in order. */
export function figureExpectations(notebookPath: string): FigureExpect[] {
  const nb = JSON.parse(readFileSync(notebookPath, "utf8")) as {
    cells: { cell_type: string; metadata: { gradlab_browser_expect?: FigureExpect } }[];
  };
  return nb.cells
    .filter((c) => c.cell_type === "code" && c.metadata.gradlab_browser_expect)
    .map((c) => c.metadata.gradlab_browser_expect!);
}

/** Differences between what the page shows and what the cells expect ([] when all is there). */
export function compareFigures(seen: FigureSeen[], expected: FigureExpect[]): string[] {
  const problems: string[] = [];
  if (seen.length !== expected.length) problems.push(`${seen.length} figures on the page, ${expected.length} expected`);
  expected.forEach((want, i) => {
    const got = seen[i];
    if (!got) return;
    const where = `figure ${i + 1}`;
    if (got.svgs < 1) problems.push(`${where}: no svg.main-svg (${got.fallback || "nothing drawn"})`);
    for (const k of ["lines", "points", "bars", "images", "fills"] as const) {
      if (want[k] !== undefined && got[k] < want[k]!)
        problems.push(`${where}: ${got[k]} ${k} drawn, at least ${want[k]} expected`);
    }
    for (const t of [...(want.legend ?? []), ...(want.titles ?? []), ...(want.ticks ?? [])]) {
      if (!got.texts.includes(t))
        problems.push(`${where}: no text "${t}" (has ${JSON.stringify(got.texts.slice(0, 30))})`);
    }
  });
  return problems;
}

/** Wait until every expected figure has an svg, then compare. */
export async function checkFigures(
  page: Page,
  expected: FigureExpect[],
  timeoutMs = 120_000,
): Promise<{ seen: FigureSeen[]; problems: string[] }> {
  await page.waitFor(
    `(${FIGURES}).filter((f) => f.svgs > 0).length >= ${expected.length}`,
    timeoutMs,
    `JSON.stringify(${FIGURES}.map((f) => ({svgs: f.svgs, fallback: f.fallback})))`,
  );
  // plotly draws a frame after newPlot resolves: let it finish.
  await new Promise((r) => setTimeout(r, 1000));
  const seen = await page.evaluate<FigureSeen[]>(FIGURES);
  return { seen, problems: compareFigures(seen, expected) };
}
