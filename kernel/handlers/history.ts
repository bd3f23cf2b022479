/** history_request: tail, range and search (with `unique` and `n`), as ipykernel answers them. */
import type { Handler } from "./context.js";
import type { HistoryRow } from "../session/history_store.js";

interface HistoryContent {
  output?: boolean;
  raw?: boolean;
  hist_access_type?: "range" | "tail" | "search";
  session?: number;
  start?: number;
  stop?: number | null;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

export const history: Handler = (ctx, req) => {
  const c = req.msg.content as HistoryContent;
  const output = Boolean(c.output);
  let rows: HistoryRow[];
  switch (c.hist_access_type) {
    case "tail":
      rows = ctx.history.tail(Number(c.n ?? 10), output);
      break;
    case "range":
      rows = ctx.history.range(
        Number(c.session ?? 0),
        Number(c.start ?? 1),
        c.stop === undefined || c.stop === null ? null : Number(c.stop),
        output,
      );
      break;
    case "search":
      rows = ctx.history.search(
        String(c.pattern ?? "*"),
        c.n === undefined || c.n === null ? null : Number(c.n),
        Boolean(c.unique),
        output,
      );
      break;
    default:
      rows = [];
  }
  ctx.reply(req, { status: "ok", history: rows });
};
