/**
 * The figure JSON each plt call builds, checked against real matplotlib 3.6 where matplotlib
 * decides (format strings, colours, the colour cycle, sizes, autoscale limits, histogram bins,
 * reprs, error messages: pyplot_goldens.json from generate_pyplot_goldens.py) and against
 * plotly.js's figure schema where plotly decides (trace types, axis names, layout keys).
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import * as np from "../../engine/numpy/np.js";
import { colorOrNull } from "../../kernel/display/pyplot/colors.js";
import { findChromium } from "../../kernel/display/pyplot/image_export.js";
import { parseFormat } from "../../kernel/display/pyplot/format_string.js";
import { PT } from "../../kernel/display/pyplot/axes.js";
import { _resetLibraryShown, figureHtml } from "../../kernel/display/pyplot/html.js";
import { plt } from "../../kernel/display/pyplot/index.js";

type Json = Record<string, any>;
const G = JSON.parse(readFileSync(join(import.meta.dirname, "pyplot_goldens.json"), "utf8"));

const json = (): { data: Json[]; layout: Json } => plt.gcf().toPlotly() as { data: Json[]; layout: Json };
const trace = (i = 0): Json => json().data[i];
/** "#rrggbb" or "rgba(r,g,b,a)" as matplotlib's to_rgba numbers. */
function rgba(css: string): number[] {
  if (css === "red") return [1, 0, 0, 1]; // a CSS name, as the browser reads it
  const m = /^#([0-9a-f]+)$/i.exec(css);
  if (m) {
    const h = m[1].length <= 4 ? [...m[1]].map((c) => c + c).join("") : m[1];
    const v = (i: number) => parseInt(h.slice(i, i + 2), 16) / 255;
    return [v(0), v(2), v(4), h.length === 8 ? v(6) : 1];
  }
  const r = /^rgba\(([^)]*)\)$/.exec(css)!;
  const [a, b, c, d] = r[1].split(",").map(Number);
  return [a / 255, b / 255, c / 255, d];
}
const golden = (name: string) => G.errors[name] as { error: string; message: string };
function expectError(fn: () => unknown, name: string): void {
  const g = golden(name);
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, `no error for ${name}`).toBeInstanceOf(Error);
  expect({ name: (err as Error).name, message: (err as Error).message }).toEqual({ name: g.error, message: g.message });
}

beforeEach(() => plt.close("all"));

describe("matplotlib's decisions (goldens from matplotlib 3.6)", () => {
  test("format strings split into line style, marker and colour as matplotlib splits them, errors included", () => {
    for (const g of G.formats) {
      if (g.error) {
        expect(() => parseFormat(g.fmt), g.fmt).toThrow(g.error);
        continue;
      }
      const f = parseFormat(g.fmt);
      expect({
        fmt: g.fmt,
        ls: f.linestyle ?? null,
        marker: f.marker ?? null,
        color: f.color ? rgba(f.color) : null,
      }).toEqual({ fmt: g.fmt, ls: g.linestyle, marker: g.marker, color: g.color ? rgba(g.color) : null });
    }
  });

  test("colour specs name matplotlib's colours (base letters, CN, tab:, hex, grey levels, RGB(A) lists)", () => {
    for (const g of G.colors) {
      const label = JSON.stringify(g.color);
      if (g.error) {
        let msg = "";
        try {
          if (colorOrNull(g.color) === null)
            msg = `Invalid RGBA argument: ${typeof g.color === "string" ? `'${g.color}'` : label}`;
        } catch (e) {
          msg = (e as Error).message;
        }
        expect(msg, label).toBe(g.error);
        continue;
      }
      const c = colorOrNull(g.color)!;
      expect(c, label).not.toBeNull();
      if (/^[a-z]+$/.test(c)) continue; // a CSS name, passed to the browser as it is
      rgba(c).forEach((v, i) => expect(v, label).toBeCloseTo(g.rgba[i], 2));
    }
  });

  test("successive lines take the tab10 cycle; bars and fills have their own cycle, as matplotlib's patches", () => {
    for (let i = 0; i < 11; i++) plt.plot([0, i]);
    plt.bar([1], [1]);
    const data = json().data;
    expect(data.slice(0, 11).map((t) => t.line.color)).toEqual([...G.defaults.cycle, G.defaults.cycle[0]]);
    expect(data[11].marker.color).toBe(G.defaults.cycle[0]);
  });

  test("default sizes: 640x480 figure, 1.5 pt lines, 6 pt markers, scatter s=36, bars 0.8 wide", () => {
    const d = G.defaults;
    plt.plot([1, 2, 3], "o-");
    plt.scatter([1], [2]);
    plt.bar([1], [2]);
    const { data, layout } = json();
    expect([layout.width, layout.height]).toEqual([d.figsize[0] * d.dpi, d.figsize[1] * d.dpi]);
    expect(data[0].line.width).toBeCloseTo(d.linewidth * PT);
    expect(data[0].marker.size).toBeCloseTo(d.markersize * PT);
    expect(data[1].marker.size).toBeCloseTo(Math.sqrt(d.scatter_s) * PT);
    expect(data[2].width).toBe(d.bar_width);
    expect([layout.plot_bgcolor, layout.paper_bgcolor]).toEqual([d.facecolor, d.facecolor]);
    expect(layout.xaxis.linecolor).toBe(d.edgecolor);
  });

  test("autoscaled limits: the data range with 5% margins (xlim() reads them)", () => {
    plt.plot([0, 10], [1, 3]);
    expect(plt.xlim()[0]).toBeCloseTo(G.autoscale.xlim[0]);
    expect(plt.xlim()[1]).toBeCloseTo(G.autoscale.xlim[1]);
    expect(plt.ylim()[0]).toBeCloseTo(G.autoscale.ylim[0]);
    expect(plt.ylim()[1]).toBeCloseTo(G.autoscale.ylim[1]);
    const { layout } = json();
    expect(layout.xaxis.range[0]).toBeCloseTo(G.autoscale.xlim[0]);
  });

  test("hist draws numpy.histogram's bins: counts and edges as matplotlib returns them", () => {
    for (const g of G.hist) {
      plt.close("all");
      const [n, edges] = plt.hist(g.data, g.kw);
      expect(n.length, JSON.stringify(g.kw)).toBe(g.n.length);
      n.forEach((v, i) => expect(v).toBeCloseTo(g.n[i], 10));
      edges.forEach((v, i) => expect(v).toBeCloseTo(g.edges[i], 12));
      const t = trace();
      expect(t.type).toBe("bar");
      expect(t.y).toEqual(n);
    }
  });

  test("figures print as matplotlib's repr; subplots squeezes its axes as matplotlib does", () => {
    plt.figure();
    plt.plot([1, 2]);
    expect(String(plt.gcf())).toBe(G.reprs[0].repr);
    expect(String(plt.figure({ figsize: [10, 4] }))).toBe(G.reprs[1].repr);
    const [f23, a23] = plt.subplots(2, 3);
    expect([String(f23), [a23.length, a23[0].length]]).toEqual([G.reprs[2].repr, G.reprs[2].axes_shape]);
    expect(a23.shape).toEqual(G.reprs[2].axes_shape);
    const [f13, a13] = plt.subplots(1, 3);
    expect([String(f13), [a13.length]]).toEqual([G.reprs[3].repr, G.reprs[3].axes_shape]);
  });

  test("bad input fails with matplotlib's errors, never a JavaScript TypeError", () => {
    expectError(() => plt.plot(torch.arange(100), torch.arange(99)), "plot_x_y_mismatch");
    expectError(() => plt.plot(np.zeros([2, 2, 2]), np.zeros([2, 2, 2])), "plot_3d");
    expectError(() => plt.plot([1, 2], { foo: 1 }), "plot_bad_kw");
    expectError(() => plt.plot([1, 2], { color: "bluee" }), "plot_bad_color");
    expectError(() => plt.plot([1, 2], "rz"), "plot_bad_fmt");
    expectError(() => plt.plot([1, 2], { ls: "foo" }), "plot_bad_ls");
    expectError(() => plt.plot([1, 2], { marker: "Q" }), "plot_bad_marker");
    expectError(() => plt.scatter([1, 2, 3], [1, 2]), "scatter_size");
    expectError(() => plt.imshow(np.zeros([2, 3, 5])), "imshow_shape");
    expectError(() => plt.xscale("loglog"), "xscale_bad");
    expectError(() => plt.bar([1, 2, 3], [1, 2]), "bar_mismatch");
    expectError(() => plt.fill_between([1, 2, 3], [1, 2]), "fill_between_mismatch");
    expectError(() => plt.subplot(2, 2, 5), "subplot_index");
  });
});

describe("data in every form", () => {
  test("tensors of any dtype, tensors that require grad, numpy arrays, typed arrays, nested arrays and ranges", () => {
    const w = torch.tensor([1.5, 2.5, 3.5], { dtype: torch.float32, requires_grad: true });
    plt.plot(w.mul(2));
    plt.plot(torch.tensor([1, 2, 3]));
    plt.plot(torch.tensor([true, false, true]));
    plt.plot(np.array([1, 4, 9]));
    plt.plot(new Float32Array([0.5, 1, 2]));
    plt.plot([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const ys = json().data.map((t) => t.y);
    expect(ys).toEqual([
      [3, 5, 7],
      [1, 2, 3],
      [1, 0, 1],
      [1, 4, 9],
      [0.5, 1, 2],
      [1, 3, 5],
      [2, 4, 6],
    ]);
    expect(trace(0).x).toEqual([0, 1, 2]);
  });

  test("float32 values are written in 9 digits (they round-trip), NaN as a gap (null)", () => {
    plt.plot(torch.tensor([0.1, NaN], { dtype: torch.float32 }));
    expect(trace().y).toEqual([0.100000001, null]);
    expect(Math.fround(trace().y[0])).toBe(Math.fround(0.1));
  });

  test("ragged nested arrays and objects fail as numpy and matplotlib fail", () => {
    expect(() => plt.plot([[1, 2], [3]])).toThrow(
      "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.",
    );
    expect(() => plt.plot({ a: 1 } as never, [1])).toThrow(/unsupported data/);
    expect(() => plt.hist(["a", "b"])).toThrow(/expected numbers/);
  });
});

describe("the plotly JSON of each call", () => {
  test("plot: format strings and options become line colour, dash, markers, width, label and opacity", () => {
    plt.plot([1, 2], [3, 4], "r--", [1, 2], [5, 6], "bo");
    plt.plot([1, 2], { color: "green", linestyle: ":", marker: "s", linewidth: 3, alpha: 0.5, label: "fit" });
    plt.plot([1, 2], "g-.", { c: "k" });
    const [a, b, c, d] = json().data;
    expect(a).toMatchObject({
      type: "scatter",
      mode: "lines",
      x: [1, 2],
      y: [3, 4],
      line: { color: "#ff0000", dash: "dash" },
    });
    expect(b).toMatchObject({ mode: "markers", marker: { symbol: "circle", color: "#0000ff" } });
    expect(c).toMatchObject({
      mode: "lines+markers",
      name: "fit",
      opacity: 0.5,
      line: { color: "green", dash: "dot" },
      marker: { symbol: "square" },
    });
    expect(c.line.width).toBeCloseTo(3 * PT);
    expect(d.line).toMatchObject({ color: "#000000", dash: "dashdot" });
  });

  test("plot of 2-D y draws one line per column", () => {
    plt.plot(
      [0, 1, 2],
      [
        [1, 10],
        [2, 20],
        [3, 30],
      ],
    );
    expect(json().data.map((t) => t.y)).toEqual([
      [1, 2, 3],
      [10, 20, 30],
    ]);
  });

  test("scatter: one colour, or values through a colormap; sizes from s", () => {
    plt.scatter([1, 2, 3], [4, 5, 6], { c: [0.1, 0.5, 0.9], cmap: "plasma", s: [4, 16, 64] });
    plt.scatter([1], [2], { color: "C3", marker: "^" });
    const [a, b] = json().data;
    expect(a).toMatchObject({
      type: "scatter",
      mode: "markers",
      marker: { color: [0.1, 0.5, 0.9], colorscale: "Plasma", cmin: 0.1, cmax: 0.9 },
    });
    expect(a.marker.size.map((s: number) => s / PT)).toEqual([2, 4, 8]);
    expect(b.marker).toMatchObject({ color: "#d62728", symbol: "triangle-up" });
  });

  test("bar: categories or numbers, width, bottom, colour", () => {
    plt.bar(["a", "b", "c"], [3, 1, 2], { color: "orange", label: "n" });
    plt.bar([1, 2], [1, 1], { width: 0.5, bottom: [3, 1] });
    const { data, layout } = json();
    // Categories sit at 0, 1, 2 with their names as tick labels, as matplotlib's category units.
    expect(data[0]).toMatchObject({
      type: "bar",
      x: [0, 1, 2],
      y: [3, 1, 2],
      width: 0.8,
      marker: { color: "orange" },
      name: "n",
    });
    expect(layout.xaxis).toMatchObject({
      type: "linear",
      tickmode: "array",
      tickvals: [0, 1, 2],
      ticktext: ["a", "b", "c"],
    });
    expect(data[1]).toMatchObject({ width: 0.5, base: [3, 1] });
    expect(layout.barmode).toBe("overlay");
  });

  test("imshow: H×W through a colormap, H×W×3 as colours, 3×H×W and 1×H×W tensors in PyTorch's layout", () => {
    plt.imshow(
      [
        [0, 1],
        [2, 3],
      ],
      { cmap: "gray" },
    );
    const t = trace();
    expect(t).toMatchObject({
      type: "heatmap",
      z: [
        [0, 1],
        [2, 3],
      ],
      zmin: 0,
      zmax: 3,
      reversescale: false,
    });
    expect(t.colorscale[0][1]).toBe("#000000");
    const { layout } = json();
    expect(layout.yaxis.range).toEqual([1.5, -0.5]); // origin "upper": row 0 at the top
    expect(layout.yaxis.scaleanchor).toBe("x");

    plt.close("all");
    const hwc = torch.tensor(
      [
        [
          [1, 0, 0],
          [0, 1, 0],
        ],
        [
          [0, 0, 1],
          [1, 1, 1],
        ],
      ],
      { dtype: torch.float32 },
    );
    plt.imshow(hwc);
    const rgb = trace().z;
    expect(trace()).toMatchObject({ type: "image", colormodel: "rgb" });
    expect(rgb).toEqual([
      [
        [255, 0, 0],
        [0, 255, 0],
      ],
      [
        [0, 0, 255],
        [255, 255, 255],
      ],
    ]);
    plt.close("all");
    plt.imshow(hwc.permute(2, 0, 1));
    expect(trace().z).toEqual(rgb);
    plt.close("all");
    plt.imshow(
      torch.tensor([
        [
          [1, 2],
          [3, 4],
        ],
      ]),
    );
    expect(trace()).toMatchObject({
      type: "heatmap",
      z: [
        [1, 2],
        [3, 4],
      ],
    });
    plt.close("all");
    plt.imshow(torch.tensor([[[255, 0, 0]]], { dtype: torch.uint8 }));
    expect(trace().z).toEqual([[[255, 0, 0]]]);
  });

  test("fill_between fills between two lines; axhline/axvline span the axes; text sits at data coordinates", () => {
    plt.fill_between([0, 1, 2], [1, 2, 1], 0, { alpha: 0.3, label: "band" });
    plt.axhline(0.5, { color: "k", linestyle: "--" });
    plt.axvline(1);
    plt.text(1, 2, "peak <here>", { fontsize: 12 });
    const { data, layout } = json();
    expect(data[0]).toMatchObject({ y: [0, 0, 0], showlegend: false });
    expect(data[1]).toMatchObject({ y: [1, 2, 1], fill: "tonexty", fillcolor: "rgba(31,119,180,0.3)", name: "band" });
    expect(layout.shapes[0]).toMatchObject({
      type: "line",
      xref: "x domain",
      x0: 0,
      x1: 1,
      yref: "y",
      y0: 0.5,
      y1: 0.5,
      line: { color: "#000000", dash: "dash" },
    });
    expect(layout.shapes[1]).toMatchObject({
      xref: "x",
      x0: 1,
      yref: "y domain",
      y0: 0,
      y1: 1,
      line: { color: "#1f77b4" },
    });
    expect(layout.annotations[0]).toMatchObject({
      x: 1,
      y: 2,
      xref: "x",
      yref: "y",
      text: "peak &lt;here&gt;",
      showarrow: false,
      xanchor: "left",
    });
  });

  test("labels, title, legend, grid, limits and log scales", () => {
    plt.plot([1, 10, 100], { label: "a" });
    plt.plot([2, 20, 200]);
    plt.xlabel("epoch");
    plt.ylabel("loss");
    plt.title("training");
    plt.legend({ loc: "upper left" });
    plt.grid(true);
    plt.xlim(0, 2);
    plt.yscale("log");
    const { data, layout } = json();
    expect(layout.xaxis.title.text).toBe("epoch");
    expect(layout.yaxis.title.text).toBe("loss");
    expect(layout.annotations[0]).toMatchObject({ text: "training", xref: "paper", yref: "paper", yanchor: "bottom" });
    expect(layout.showlegend).toBe(true);
    expect([data[0].showlegend, data[1].showlegend]).toEqual([true, false]);
    expect(layout.legend).toMatchObject({ xanchor: "left", yanchor: "top" });
    expect([layout.xaxis.showgrid, layout.yaxis.showgrid]).toEqual([true, true]);
    expect(layout.xaxis.range).toEqual([0, 2]);
    expect(layout.yaxis.type).toBe("log");
    expect(layout.yaxis.range[0]).toBeCloseTo(Math.log10(1) - 0.05 * (Math.log10(200) - Math.log10(1)));
  });

  test("no legend unless legend() is called, as matplotlib; legend(labels) names the lines in order", () => {
    plt.plot([1, 2], { label: "a" });
    expect(json().layout.showlegend).toBe(false);
    plt.legend(["first"]);
    expect(trace().name).toBe("first");
  });

  test("figure size, subplot grids, subplots' axes methods, suptitle", () => {
    plt.figure({ figsize: [8, 3] });
    plt.subplot(1, 2, 1);
    plt.plot([1, 2]);
    plt.subplot(122);
    plt.plot([3, 4]);
    plt.title("right");
    let { data, layout } = json();
    expect([layout.width, layout.height]).toEqual([800, 300]);
    expect([data[0].xaxis, data[1].xaxis, data[1].yaxis]).toEqual(["x", "x2", "y2"]);
    expect(layout.xaxis.domain[1]).toBeLessThan(layout.xaxis2.domain[0]);
    expect(layout.xaxis2.anchor).toBe("y2");

    const [fig, axes] = plt.subplots(2, 2, { sharex: true });
    axes[1][0].plot([5, 6]);
    axes[1][0].set_title("bottom left");
    axes[1][0].set_xlabel("x");
    axes[1][0].set_ylabel("y");
    fig.suptitle("four");
    plt.tight_layout();
    ({ data, layout } = json());
    expect(data[0].xaxis).toBe("x3");
    expect(layout.xaxis3.title.text).toBe("x");
    expect(layout.yaxis3.title.text).toBe("y");
    expect(layout.xaxis3.matches).toBe("x");
    expect(layout.title.text).toBe("four");
    expect(layout.yaxis3.domain[1]).toBeLessThan(layout.yaxis.domain[0]);
    expect(String(fig)).toBe("<Figure size 640x480 with 4 Axes>");
  });

  test("clf empties the figure; close removes it; a new plot then starts figure 1 again", () => {
    plt.plot([1]);
    plt.clf();
    expect(String(plt.gcf())).toBe("<Figure size 640x480 with 0 Axes>");
    plt.figure();
    plt.plot([1]);
    expect(plt.get_fignums()).toEqual([1, 2]);
    plt.close();
    expect(plt.get_fignums()).toEqual([1]);
    plt.close("all");
    plt.plot([1]);
    expect(plt.gcf().number).toBe(1);
  });

  test("savefig writes a self-contained HTML file; formats plotly cannot write fail naming those it can", () => {
    const dir = mkdtempSync(join(tmpdir(), "gradlab-savefig-"));
    plt.plot([1, 2, 3]);
    const file = plt.savefig(join(dir, "fig.html"));
    const html = readFileSync(file, "utf8");
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toMatch(/plotly\.js v\d/);
    expect(html).toContain('"type":"scatter"');
    expect(() => plt.savefig(join(dir, "fig.pdf"))).toThrow(/cannot write \.pdf; save as \.html, \.png, \.svg/);
    expect(() => plt.savefig(join(dir, "fig.xyz"))).toThrow(
      "Format 'xyz' is not supported (supported formats: html, jpeg, jpg, png, svg, webp)",
    );
    expect(existsSync(join(dir, "fig.pdf"))).toBe(false);
  });

  test("savefig to .png without an installed Chromium says so and names .html", () => {
    const before = process.env.GRADLAB_CHROMIUM;
    process.env.GRADLAB_CHROMIUM = "/nonexistent/chromium";
    try {
      plt.plot([1, 2]);
      expect(() => plt.savefig(join(tmpdir(), "never.png"))).toThrow(
        /no Chromium is installed .* Save as \.html instead/,
      );
    } finally {
      if (before === undefined) delete process.env.GRADLAB_CHROMIUM;
      else process.env.GRADLAB_CHROMIUM = before;
    }
  });

  test.skipIf(!findChromium())(
    "savefig to .png and .svg draws the figure with the installed Chromium",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "gradlab-savefig-"));
      plt.plot([1, 3, 2], { label: "line" });
      plt.title("exported");
      const png = readFileSync(plt.savefig(join(dir, "fig.png"), { dpi: 200 }));
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 960]); // IHDR: 640x480 at dpi 200
      const svg = readFileSync(plt.savefig(join(dir, "fig.svg")), "utf8");
      expect(svg).toMatch(/^<svg[^>]*width="640" height="480"/);
      expect(svg).toContain("exported");
      expect(svg).toMatch(/class="js-line"[^>]* d="M[\d.,LM]+"/);
    },
    120_000,
  );
});

describe("the HTML a notebook shows", () => {
  test("plotly.js runs with define/module/exports/require shadowed, so RequireJS pages still get window.Plotly", () => {
    _resetLibraryShown();
    plt.plot([1, 2]);
    const html = figureHtml(plt.gcf().toPlotly());
    expect(html).toMatch(/\(function \(define, module, exports, require\) \{\n/);
    expect(html).toMatch(/\}\)\.call\(window\);/);
    expect(figureHtml(plt.gcf().toPlotly())).not.toContain("function (define, module, exports, require)");
  });

  test("figure JSON inside the script cannot close it: labels with </script> are escaped", () => {
    plt.plot([1, 2]);
    plt.title("</script><script>alert(1)</script>");
    plt.plot([3, 4], { label: "<b>bold</b>" });
    const html = figureHtml(plt.gcf().toPlotly(), { includeLibrary: false });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    // plotly reads text as HTML: labels are shown as written, not interpreted
    expect(html).toContain('"name":"&lt;b&gt;bold&lt;/b&gt;"');
  });
});
