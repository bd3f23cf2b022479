/**
 * interrupt_request (kernelspec interrupt_mode "message", our default): reply at once, then
 * interrupt. The I/O worker raises SIGINT on this process, as a frontend in "signal" mode does
 * (vm's breakOnSigint stops a synchronous cell; the kernel's SIGINT listener ends a pending
 * await), and stops code still running after an await, which the signal cannot reach
 * (kernel/session/stop_cell.ts).
 */
import type { Handler } from "./context.js";

export const interrupt: Handler = (ctx, req) => {
  ctx.reply(req, { status: "ok" });
  ctx.interrupt();
};
