/** inspect_request: signature, type and docs at the cursor (Shift-Tab), from the session. */
import type { Handler } from "./context.js";

export const inspect: Handler = async (ctx, req) => {
  const c = req.msg.content as { code?: string; cursor_pos?: number; detail_level?: number };
  const code = String(c.code ?? "");
  const cursor = typeof c.cursor_pos === "number" ? c.cursor_pos : [...code].length;
  const r = await ctx.session.inspect(code, cursor, c.detail_level === 1 ? 1 : 0);
  ctx.reply(req, { status: "ok", found: r.found, data: r.found ? r.data : {}, metadata: r.metadata ?? {} });
};
