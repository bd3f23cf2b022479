/**
 * execute_request: the protocol side of running a cell (counting, execute_input, results,
 * errors, the reply, history, stop_on_error); the session does the language side.
 */
import type { Handler, KernelContext, Request } from "./context.js";
import { createIopubSink } from "./output_sink.js";

const STOP_ON_ERROR_GRACE_MS = 10;

interface ExecuteContent {
  code?: string;
  silent?: boolean;
  store_history?: boolean;
  user_expressions?: Record<string, string>;
  allow_stdin?: boolean;
  stop_on_error?: boolean;
}

function abortReply(ctx: KernelContext, req: Request): void {
  ctx.reply(req, { status: "aborted", execution_count: ctx.state.executionCount - 1 }, { status: "aborted" });
}

export const execute: Handler = async (ctx, req) => {
  const c = req.msg.content as ExecuteContent;
  const code = String(c.code ?? "");
  const silent = Boolean(c.silent);
  const storeHistory = silent ? false : c.store_history !== false;
  const stopOnError = c.stop_on_error !== false;
  const started = new Date().toISOString();

  if (req.seq <= ctx.state.abortThrough) return abortReply(ctx, req);

  const count = ctx.state.executionCount;
  const parent = req.msg.header;
  if (!silent) ctx.publish("execute_input", { code, execution_count: count }, parent);

  // Without allow_stdin the sink has no input(), and the session's input() fails as IPython's does.
  const sink = createIopubSink(ctx, req, { silent, allowStdin: Boolean(c.allow_stdin) });
  const result = await ctx.session.execute(code, sink, { silent });
  sink.flush();
  if (storeHistory) ctx.state.executionCount++;
  const replyCount = storeHistory ? count : ctx.state.executionCount - 1;

  if (result.status === "abort") {
    if (storeHistory) ctx.history.add(count, code, null);
    return abortReply(ctx, req);
  }
  if (result.status === "error") {
    const { ename, evalue, traceback } = result;
    if (!silent) ctx.publish("error", { ename, evalue, traceback }, parent);
    if (storeHistory) ctx.history.add(count, code, null);
    if (stopOnError) {
      // Let requests already in the socket's queue (a "Run all" sends every cell at once) be
      // received first, then abort them all, as ipykernel's _abort_queues does.
      await new Promise((r) => setTimeout(r, STOP_ON_ERROR_GRACE_MS));
      ctx.state.abortThrough = ctx.state.shellReceived;
    }
    ctx.reply(
      req,
      { status: "error", execution_count: replyCount, ename, evalue, traceback },
      { started, status: "error", dependencies_met: true, engine: ctx.messages.session },
    );
    return;
  }

  if (result.result && !silent) {
    ctx.publish("execute_result", { execution_count: count, data: result.result, metadata: {} }, parent);
  }
  if (storeHistory) {
    const text = result.result?.["text/plain"];
    ctx.history.add(count, code, typeof text === "string" ? text : null);
  }
  const exprs = c.user_expressions ?? {};
  const user_expressions = Object.keys(exprs).length > 0 ? await ctx.session.evaluateExpressions(exprs) : {};
  ctx.reply(
    req,
    { status: "ok", execution_count: replyCount, payload: result.payload ?? [], user_expressions },
    { started, status: "ok", dependencies_met: true, engine: ctx.messages.session },
  );
};
