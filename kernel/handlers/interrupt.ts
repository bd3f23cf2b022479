/**
 * interrupt_request (kernelspec interrupt_mode "message"): reply at once, then raise SIGINT on
 * this process, which is exactly what a frontend does in "signal" mode, so both modes take
 * the same path from here (vm's breakOnSigint stops synchronous code; the kernel's SIGINT
 * listener ends a pending await).
 */
import type { Handler } from "./context.js";

export const interrupt: Handler = (ctx, req) => {
  ctx.reply(req, { status: "ok" });
  ctx.interrupt();
};
