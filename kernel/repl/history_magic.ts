/**
 * IPython's %history over the REPL's history (kernel/session/history_store.ts):
 *   %history          this session's entries, the %history line included
 *   %history -n       with their numbers (`3: x.grad`, a multi-line entry under `4:`)
 *   %history -l 5     the last five entries, any session
 *   %history -g grad  entries of every session that contain "grad" (numbered `session/line:`)
 */
import type { HistoryStore } from "../session/history_store.js";

type Row = [number, number, string];

export function historyMagic(line: string, history: HistoryStore): string {
  const args = line.trim().split(/\s+/).slice(1);
  let numbers = false,
    last: number | null = null,
    pattern: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-n") numbers = true;
    else if (a === "-l") last = Number(args[++i] ?? 10);
    else if (a === "-g") {
      pattern = args.slice(i + 1).join(" ");
      numbers = true;
      break;
    }
  }
  let rows: Row[];
  if (pattern !== null) rows = history.search(`*${pattern}*`, null, false, false) as Row[];
  else if (last !== null) rows = history.tail(last, false) as Row[];
  else rows = history.range(0, 1, null, false) as Row[];
  const width = Math.max(1, ...rows.map(([s, l]) => (s === history.session ? String(l) : `${s}/${l}`).length));
  let out = "";
  for (const [s, l, input] of rows) {
    if (numbers) {
      const label = s === history.session ? String(l) : `${s}/${l}`;
      out += `${label.padStart(width)}:${input.includes("\n") ? "\n" : " "}`;
    }
    out += input + "\n";
  }
  return out;
}
