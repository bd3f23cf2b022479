/** complete_request: completions at the cursor, from the session. */
import type { Handler } from "./context.js";

export const complete: Handler = async (ctx, req) => {
  const c = req.msg.content as { code?: string; cursor_pos?: number };
  const code = String(c.code ?? "");
  const cursor = typeof c.cursor_pos === "number" ? c.cursor_pos : [...code].length;
  const r = await ctx.session.complete(code, cursor);
  ctx.reply(req, {
    status: "ok",
    matches: r.matches,
    cursor_start: r.cursor_start,
    cursor_end: r.cursor_end,
    metadata: r.metadata ?? {},
  });
};
