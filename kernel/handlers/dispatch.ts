/**
 * The one dispatch, as ipykernel's kernelbase.py has it: verify the signature, publish `busy`,
 * run the handler for the msg_type, publish `idle` in finally. A message that is unsigned,
 * wrongly signed or malformed is dropped and logged: no status, no reply, never executed.
 */
import type { Signer } from "../protocol/signing.js";
import { decode } from "../protocol/wire.js";
import type { Handler, KernelContext, Request, ShellOrControl } from "./context.js";

export async function dispatch(
  ctx: KernelContext,
  handlers: Readonly<Record<string, Handler>>,
  signer: Signer,
  channel: ShellOrControl,
  seq: number,
  frames: readonly Uint8Array[],
): Promise<void> {
  const decoded = decode(frames, signer);
  if (!decoded.ok) {
    ctx.log(`dropped a ${channel} message: ${decoded.reason}`);
    return;
  }
  const req: Request = { msg: decoded.msg, channel, seq };
  const { header } = req.msg;
  ctx.publish("status", { execution_state: "busy" }, header);
  try {
    const handler = Object.hasOwn(handlers, header.msg_type) ? handlers[header.msg_type] : undefined;
    if (!handler) {
      ctx.log(`unknown ${channel} message type '${header.msg_type}'`);
      if (header.msg_type.endsWith("_request")) {
        ctx.reply(req, errorContent("UnknownMessageType", `gradlab does not handle '${header.msg_type}'`));
      }
      return;
    }
    await handler(ctx, req);
  } catch (e) {
    const err = e as Error;
    ctx.log(`${header.msg_type} failed: ${err?.stack ?? String(e)}`);
    if (header.msg_type.endsWith("_request"))
      ctx.reply(req, errorContent(err?.name ?? "Error", err?.message ?? String(e), err?.stack));
  } finally {
    ctx.publish("status", { execution_state: "idle" }, header);
  }
}

function errorContent(ename: string, evalue: string, stack?: string): object {
  return { status: "error", ename, evalue, traceback: stack ? stack.split("\n") : [`${ename}: ${evalue}`] };
}
