/**
 * Comms: gradlab registers no comm targets yet, so comm_info lists none and a comm_open for any
 * target is refused the way ipykernel refuses an unknown target: a comm_close on iopub.
 */
import type { Handler } from "./context.js";

export const commInfo: Handler = (ctx, req) => {
  ctx.reply(req, { status: "ok", comms: {} });
};

export const commOpen: Handler = (ctx, req) => {
  const c = req.msg.content as { comm_id?: string; target_name?: string };
  ctx.log(`no comm target registered: '${String(c.target_name)}'; closing comm ${String(c.comm_id)}`);
  ctx.publish("comm_close", { comm_id: String(c.comm_id ?? ""), data: {} }, req.msg.header);
};

/** comm_msg / comm_close for comms we never opened: nothing to do (no reply exists for these). */
export const commIgnore: Handler = (ctx, req) => {
  const c = req.msg.content as { comm_id?: string };
  ctx.log(`${req.msg.header.msg_type} for unknown comm ${String(c.comm_id)}: ignored`);
};
