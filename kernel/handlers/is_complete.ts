/** is_complete_request: should the console run this, or wait for more lines? */
import type { Handler } from "./context.js";

export const isComplete: Handler = async (ctx, req) => {
  const c = req.msg.content as { code?: string };
  const r = await ctx.session.isComplete(String(c.code ?? ""));
  ctx.reply(req, r.status === "incomplete" ? { status: "incomplete", indent: r.indent ?? "" } : { status: r.status });
};
