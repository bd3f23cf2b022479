/**
 * shutdown_request: reply (on the request's channel and, as ipykernel does, on iopub), then stop.
 * `restart` is echoed: the frontend restarts by starting a new process.
 */
import type { Handler } from "./context.js";

export const shutdown: Handler = (ctx, req) => {
  const restart = Boolean((req.msg.content as { restart?: boolean }).restart);
  ctx.reply(req, { status: "ok", restart });
  ctx.publish("shutdown_reply", { status: "ok", restart }, req.msg.header);
  ctx.shutdown(restart);
};
