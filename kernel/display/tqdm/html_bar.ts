/**
 * The notebook's progress bar: `desc: 45%` [bar] `45/100 [00:01<00:01, 40.12it/s, loss=0.1]` as
 * one line of HTML, the look of tqdm.notebook (blue while running, green when done, red when
 * closed early), styled inline so it renders the same in Notebook, JupyterLab, VS Code and
 * exported HTML.
 */
import type { MeterParts } from "./format_meter.js";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const COLOURS = { running: "#2196f3", success: "#4caf50", danger: "#f44336" };

export function htmlBar(p: MeterParts, state: keyof typeof COLOURS): string {
  const text = "font-family:monospace;white-space:pre;font-size:12px";
  const left = p.frac === null ? p.l_bar.replace(/: $/, ":") : p.l_bar.slice(0, -1);
  const right = p.frac === null ? p.noTotal.slice(p.l_bar.length) : p.r_bar.slice(2);
  // Without a total, a full bar that says "running" (as tqdm.notebook's info bar).
  const width = p.frac === null ? 100 : Math.max(0, Math.min(100, p.frac * 100));
  const colour = p.frac === null && state === "running" ? "#90caf9" : COLOURS[state];
  return (
    `<div class="gradlab-tqdm" style="display:flex;align-items:center;gap:6px;margin:2px 0">` +
    (left ? `<span style="${text}">${escapeHtml(left)}</span>` : "") +
    `<div style="flex:0 0 auto;width:300px;height:14px;background:#eee;border:1px solid #ccc;border-radius:2px;overflow:hidden">` +
    `<div style="width:${width.toFixed(2)}%;height:100%;background:${colour}"></div></div>` +
    `<span style="${text}">${escapeHtml(right)}</span></div>`
  );
}
