/**
 * Figures as HTML that draws offline, with plotly.js from the `plotly.js-dist-min` package:
 *
 *   notebook output  <div id=...>  + a script that draws it with window.Plotly; the first figure
 *                    a kernel shows also carries plotly.js itself, so a page (and every saved
 *                    notebook) holds the library once, and later figures wait for it.
 *   standalone file  a whole HTML document with plotly.js inline (savefig, the terminal's show()).
 *
 * NOTE: classic Notebook and nbconvert's templates put RequireJS on the page; a UMD bundle loaded
 * by a plain <script> then registers as an anonymous AMD module and never sets window.Plotly. The
 * library runs inside a function whose `define`, `module`, `exports` and `require` parameters are
 * undefined, so it always takes its browser-global branch, with or without RequireJS.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { PlotlyFigure } from "./plotly_json.js";

let library: { source: string; version: string } | null = null;

/** plotly.min.js and its version, read once. */
export function plotlyLibrary(): { source: string; version: string } {
  if (!library) {
    const require = createRequire(import.meta.url);
    const main = require.resolve("plotly.js-dist-min");
    const pkg = JSON.parse(readFileSync(require.resolve("plotly.js-dist-min/package.json"), "utf8")) as {
      version: string;
    };
    // `</script` would end the inline script early; the bundle has none, but stay safe.
    library = { source: readFileSync(main, "utf8").replace(/<\/script/gi, "<\\/script"), version: pkg.version };
  }
  return library;
}

/** JSON inside a <script>: no `</script>` or `<!--` can end or bend it. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

/** The library as a script that sets window.Plotly once per page and draws the figures waiting for it. */
function libraryScript(): string {
  const { source, version } = plotlyLibrary();
  return `<script type="text/javascript">/* plotly.js ${version}, embedded once per page by gradlab */
if (!window.Plotly) {
(function (define, module, exports, require) {
${source}
}).call(window);
}
(function () {
  var waiting = window.__gradlab_plotly_waiting || [];
  window.__gradlab_plotly_waiting = { push: function (draw) { draw(); } };
  for (var i = 0; i < waiting.length; i++) waiting[i]();
})();
</script>`;
}

let figureCount = 0;
let libraryShown = false;

/** @internal Tests: forget that this process has already sent the library. */
export function _resetLibraryShown(): void {
  libraryShown = false;
}

/**
 * The text/html of a figure in a notebook: the library with the first figure of this kernel,
 * then a div and a script that draws into it as soon as window.Plotly exists.
 */
export function figureHtml(fig: PlotlyFigure, opts: { includeLibrary?: boolean } = {}): string {
  const include = opts.includeLibrary ?? !libraryShown;
  if (opts.includeLibrary === undefined) libraryShown = true;
  const id = `gradlab-figure-${process.pid}-${Date.now().toString(36)}-${++figureCount}`;
  const { width, height } = fig.layout as { width: number; height: number };
  return `${include ? libraryScript() + "\n" : ""}<div id="${id}" class="gradlab-figure" style="width:${width}px;height:${height}px;"></div>
<script type="text/javascript">
(function () {
  var fig = ${scriptJson(fig)};
  var id = ${JSON.stringify(id)};
  var me = document.currentScript;
  var tries = 0;
  function find() { return document.getElementById(id) || (me && me.parentNode && me.parentNode.querySelector && me.parentNode.querySelector("#" + id)); }
  function draw() {
    var el = find();
    // JupyterLab may run the script before the output is in the page: wait until it is.
    if (!el || !el.isConnected) { if (++tries < 600) setTimeout(draw, 50); return; }
    if (el.firstChild && el.firstChild.nodeType === 3) el.textContent = ""; // the note below, if plotly.js came late
    window.Plotly.newPlot(el, fig.data, fig.layout, {responsive: false, displaylogo: false});
  }
  if (window.Plotly) draw();
  else (window.__gradlab_plotly_waiting = window.__gradlab_plotly_waiting || []).push(draw);
  setTimeout(function () {
    var el = find();
    if (!window.Plotly && el && !el.firstChild) el.textContent = "plotly.js is not on this page: it comes with the first figure a gradlab kernel shows. Re-run the first plotting cell (or Restart & Run All).";
  }, 10000);
})();
</script>`;
}

/** A self-contained HTML document (plotly.js inline): what savefig("x.html") and the terminal's show() write. */
export function standaloneHtml(fig: PlotlyFigure, title: string): string {
  const esc = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${esc}</title>
</head>
<body style="margin:0;background:white;">
${libraryScript()}
${figureHtml(fig, { includeLibrary: false })}
</body>
</html>
`;
}
