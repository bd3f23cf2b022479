/**
 * savefig to an image (.png, .svg, .jpeg, .webp): plotly.js draws in a browser, so the figure's
 * standalone HTML is opened in the Chromium already installed on the machine (headless, network
 * blocked, a throwaway profile), Plotly.toImage makes the image, and `--dump-dom` hands it back.
 * No browser is ever downloaded: without an installed Chromium the error says to save .html.
 *
 *   exportImage(fig.toPlotly(), "png", "loss.png")     // ~2-5 s: a browser starts and draws
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RuntimeError } from "../../../engine/errors.js";
import { standaloneHtml } from "./html.js";
import type { PlotlyFigure } from "./plotly_json.js";

export const IMAGE_EXPORTS = ["png", "svg", "jpeg", "webp"] as const;
export type ImageFormat = (typeof IMAGE_EXPORTS)[number];

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/** The installed Chromium: $GRADLAB_CHROMIUM when set (even to a missing path: then none), else the usual places. */
export function findChromium(): string | null {
  const chosen = process.env.GRADLAB_CHROMIUM;
  if (chosen !== undefined) return chosen && existsSync(chosen) ? chosen : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The page: the figure, then Plotly.toImage's data URL written into <pre id="gradlab-export">. */
function exportPage(fig: PlotlyFigure, format: ImageFormat, scale: number): string {
  const { width, height } = fig.layout as { width: number; height: number };
  const script = `<script>
(async function () {
  var el = document.querySelector(".gradlab-figure"), out = document.createElement("pre");
  out.id = "gradlab-export";
  try {
    for (var i = 0; i < 400 && !el._fullLayout; i++) await new Promise(function (r) { setTimeout(r, 25); });
    out.textContent = await Plotly.toImage(el, {format: ${JSON.stringify(format)}, width: ${width}, height: ${height}, scale: ${scale}});
  } catch (e) { out.textContent = "error:" + e; }
  document.body.appendChild(out);
})();
</script>`;
  return standaloneHtml(fig, "export").replace("</body>", `${script}\n</body>`);
}

/** Render `fig` to `file` as `format` with the installed Chromium; `scale` multiplies the pixel size (dpi / 100). */
export function exportImage(fig: PlotlyFigure, format: ImageFormat, file: string, scale = 1): void {
  const chromium = findChromium();
  if (!chromium) {
    throw new RuntimeError(
      `savefig: a .${format} needs a browser to draw plotly's figure, and no Chromium is installed (looked for ${CANDIDATES.join(", ")}; set GRADLAB_CHROMIUM to another). Save as .html instead, or install chromium.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "gradlab-savefig-"));
  try {
    const page = join(dir, "figure.html");
    writeFileSync(page, exportPage(fig, format, scale));
    const dom = execFileSync(
      chromium,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        `--user-data-dir=${join(dir, "profile")}`,
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=30000",
        "--dump-dom",
        pathToFileURL(page).href,
      ],
      { encoding: "utf8", timeout: 120_000, maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] },
    );
    const m = /<pre id="gradlab-export">([^<]*)<\/pre>/.exec(dom);
    const url = (m?.[1] ?? "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    if (!url.startsWith("data:"))
      throw new RuntimeError(
        `savefig: Chromium did not render the figure (${url.slice(0, 200) || "no output"}); save as .html instead`,
      );
    const comma = url.indexOf(",");
    const bytes = url.slice(0, comma).endsWith(";base64")
      ? Buffer.from(url.slice(comma + 1), "base64")
      : Buffer.from(decodeURIComponent(url.slice(comma + 1)), "utf8");
    writeFileSync(file, bytes);
  } finally {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      /* a temp dir left behind */
    }
  }
}
