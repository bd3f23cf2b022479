/**
 * IPython's cell syntax that is not TypeScript: `obj?` / `obj??` help, `exit` / `quit`, the
 * `%time` / `%timeit` magics (line form on a cell's first line, cell form `%%time` / `%%timeit`),
 * `%who` and `%reset`, with IPython's output formats. (`%history` belongs to the frontend's
 * history: the REPL answers it, kernel/repl/repl.ts.)
 */

export type Special =
  | { kind: "help"; expr: string; detail: 0 | 1 }
  | { kind: "time"; body: string; rest: string }
  | { kind: "timeit"; body: string; rest: string; loops?: number; repeat: number }
  | { kind: "who" }
  | { kind: "reset"; force: boolean }
  | { kind: "unknown-magic"; name: string; cell: boolean }
  | { kind: "exit" }
  | null;

const NAME = String.raw`[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*|\[[^\]\n]*\])*`;
const HELP_AFTER = new RegExp(String.raw`^\s*(${NAME})\s*(\?\??)\s*$`);
const HELP_BEFORE = new RegExp(String.raw`^\s*(\?\??)\s*(${NAME})\s*$`);

function timeitOptions(args: string): { loops?: number; repeat: number; rest: string } {
  let loops: number | undefined,
    repeat = 7;
  const rest = args.replace(/-([nr])\s*(\d+)\s*/g, (_, flag: string, n: string) => {
    if (flag === "n") loops = Number(n);
    else repeat = Number(n);
    return "";
  });
  return { loops, repeat, rest: rest.trim() };
}

export function parseSpecial(code: string): Special {
  // IPython's exit/quit: a cell of just that asks the frontend to quit (jupyter console does).
  if (/^\s*(exit|quit)(\(\))?\s*$/.test(code)) return { kind: "exit" };
  const h = HELP_AFTER.exec(code);
  if (h) return { kind: "help", expr: h[1], detail: h[2].length === 2 ? 1 : 0 };
  const b = HELP_BEFORE.exec(code);
  if (b) return { kind: "help", expr: b[2], detail: b[1].length === 2 ? 1 : 0 };
  const trimmed = code.replace(/^\s*\n/, "");
  const nl = trimmed.indexOf("\n");
  const first = nl < 0 ? trimmed : trimmed.slice(0, nl);
  const after = nl < 0 ? "" : trimmed.slice(nl + 1);
  const m = /^%(%?)(\w+)\s*(.*)$/.exec(first.trim());
  if (!m) return null;
  const [, cellForm, name, args] = m;
  if (!cellForm && name === "who") return { kind: "who" };
  if (!cellForm && name === "reset") return { kind: "reset", force: /(^|\s)-f\b/.test(args) };
  if (name !== "time" && name !== "timeit") return { kind: "unknown-magic", name, cell: cellForm === "%" };
  if (name === "time")
    return cellForm ? { kind: "time", body: after, rest: "" } : { kind: "time", body: args, rest: after };
  const o = timeitOptions(args);
  return cellForm
    ? { kind: "timeit", body: after, rest: "", loops: o.loops, repeat: o.repeat }
    : { kind: "timeit", body: o.rest, rest: after, loops: o.loops, repeat: o.repeat };
}

/** IPython's _format_time: three significant digits in s, ms, µs or ns. */
export function formatTime(seconds: number, precision = 3): string {
  const units = ["s", "ms", "\u00b5s", "ns"],
    scale = [1, 1e3, 1e6, 1e9];
  const order = seconds > 0 ? Math.min(-Math.floor(Math.floor(Math.log10(seconds)) / 3), 3) : 3;
  const o = Math.max(0, order);
  return `${toG(seconds * scale[o], precision)} ${units[o]}`;
}

/** C's %.*g. */
function toG(v: number, p: number): string {
  if (v === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= p)
    return v
      .toExponential(p - 1)
      .replace(/\.?0+e/, "e")
      .replace(/e([+-])(\d)$/, "e$10$2");
  return v.toFixed(Math.max(0, p - 1 - exp)).replace(/\.0+$|(\.\d*?)0+$/, "$1");
}

/** `%time`'s report. */
export function timeReport(cpu: { user: number; system: number }, wallSeconds: number): string {
  const user = cpu.user / 1e6,
    sys = cpu.system / 1e6;
  return `CPU times: user ${formatTime(user)}, sys: ${formatTime(sys)}, total: ${formatTime(user + sys)}\nWall time: ${formatTime(wallSeconds)}\n`;
}

/** `%timeit`'s report from per-loop times of each repeat. */
export function timeitReport(perLoop: number[], loops: number): string {
  const mean = perLoop.reduce((a, b) => a + b, 0) / perLoop.length;
  const std = Math.sqrt(perLoop.reduce((a, b) => a + (b - mean) ** 2, 0) / perLoop.length);
  const r = perLoop.length;
  return `${formatTime(mean)} \u00b1 ${formatTime(std)} per loop (mean \u00b1 std. dev. of ${r} run${r === 1 ? "" : "s"}, ${loops.toLocaleString("en-US")} loop${loops === 1 ? "" : "s"} each)\n`;
}

/** IPython's %who: the names, each followed by a tab, nine to a line. */
export function whoReport(names: readonly string[]): string {
  if (names.length === 0) return "Interactive namespace is empty.\n";
  let out = "";
  names.forEach((n, i) => {
    out += `${n}\t `;
    if (i % 9 === 8) out += "\n";
  });
  return out + "\n";
}
