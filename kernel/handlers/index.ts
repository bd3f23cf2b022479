/**
 * The one table from msg_type to handler. The I/O worker dispatches both shell and control
 * through it (control carries interrupt, shutdown, and kernel_info/debug in newer frontends).
 */
import { commIgnore, commInfo, commOpen } from "./comm.js";
import { complete } from "./complete.js";
import type { Handler } from "./context.js";
import { execute } from "./execute.js";
import { history } from "./history.js";
import { inspect } from "./inspect.js";
import { interrupt } from "./interrupt.js";
import { isComplete } from "./is_complete.js";
import { kernelInfo } from "./kernel_info.js";
import { shutdown } from "./shutdown.js";

export const handlers: Readonly<Record<string, Handler>> = Object.freeze({
  execute_request: execute,
  kernel_info_request: kernelInfo,
  complete_request: complete,
  inspect_request: inspect,
  is_complete_request: isComplete,
  history_request: history,
  comm_info_request: commInfo,
  comm_open: commOpen,
  comm_msg: commIgnore,
  comm_close: commIgnore,
  interrupt_request: interrupt,
  shutdown_request: shutdown,
});
