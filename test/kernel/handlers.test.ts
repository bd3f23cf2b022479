/**
 * The dispatch and the handlers against an in-memory KernelContext and the fake session: the
 * protocol side without sockets (the real-socket tests are in jupyter_clients.test.ts).
 */
import { describe, expect, test } from "vitest";
import { asAsync } from "../../kernel/session/async_session.js";
import type { KernelContext, Request } from "../../kernel/handlers/context.js";
import { dispatch } from "../../kernel/handlers/dispatch.js";
import { HistoryStore } from "../../kernel/session/history_store.js";
import { handlers } from "../../kernel/handlers/index.js";
import { MessageFactory, type Header } from "../../kernel/protocol/messages.js";
import { createSigner } from "../../kernel/protocol/signing.js";
import { encode } from "../../kernel/protocol/wire.js";
import type { Session } from "../../kernel/session/types.js";
import { createFakeSession } from "./fixtures/fake_session.js";

interface Sent {
  kind: "reply" | "iopub";
  msg_type: string;
  content: Record<string, unknown>;
  parent: string | undefined;
  channel?: string;
}

function harness(session: Session = createFakeSession()) {
  const signer = createSigner("hmac-sha256", "k");
  const client = new MessageFactory();
  const sent: Sent[] = [];
  const logs: string[] = [];
  const ctx: KernelContext = {
    session: asAsync(session),
    messages: new MessageFactory(),
    state: { executionCount: 1, shellReceived: 0, abortThrough: 0 },
    history: HistoryStore.open(null),
    reply: (req: Request, content: object) =>
      sent.push({
        kind: "reply",
        msg_type: req.msg.header.msg_type.replace(/_request$/, "_reply"),
        content: content as Record<string, unknown>,
        parent: req.msg.header.msg_id,
        channel: req.channel,
      }),
    publish: (msg_type: string, content: object, parent: Header | null) =>
      sent.push({ kind: "iopub", msg_type, content: content as Record<string, unknown>, parent: parent?.msg_id }),
    requestInput: async (_req, prompt) => `typed at ${prompt}`,
    interrupt: () => logs.push("interrupt"),
    shutdown: (restart) => logs.push(`shutdown restart=${restart}`),
    log: (line) => logs.push(line),
  };
  const send = async (msg_type: string, content: object = {}, channel: "shell" | "control" = "shell") => {
    const msg = client.message(msg_type, content, null);
    const seq = channel === "shell" ? ++ctx.state.shellReceived : 1;
    await dispatch(ctx, handlers, signer, channel, seq, encode(msg, signer, [Buffer.from("client")]));
    return msg.header.msg_id;
  };
  const of = (id: string) => sent.filter((s) => s.parent === id);
  return { ctx, sent, logs, send, of, signer, client };
}

describe("dispatch", () => {
  test("busy, then the handler's messages, then idle, all with the request as parent", async () => {
    const h = harness();
    const id = await h.send("execute_request", { code: "print('hi'); 6 * 7" });
    expect(h.of(id).map((s) => `${s.kind}:${s.msg_type}`)).toEqual([
      "iopub:status",
      "iopub:execute_input",
      "iopub:stream",
      "iopub:execute_result",
      "reply:execute_reply",
      "iopub:status",
    ]);
    expect(h.of(id)[0]!.content).toEqual({ execution_state: "busy" });
    expect(h.of(id).at(-1)!.content).toEqual({ execution_state: "idle" });
  });

  test("a message with a bad signature is dropped with a log line: no status, no reply", async () => {
    const h = harness();
    const frames = encode(h.client.message("execute_request", { code: "1" }, null), h.signer);
    frames[1] = Buffer.from("f".repeat(64));
    await dispatch(h.ctx, handlers, h.signer, "shell", 1, frames);
    expect(h.sent).toEqual([]);
    expect(h.logs.join("\n")).toMatch(/dropped a shell message: invalid signature/);
  });

  test("an unknown *_request gets an error reply between busy and idle; other unknown types none", async () => {
    const h = harness();
    const id = await h.send("bogus_request");
    expect(h.of(id).map((s) => s.msg_type)).toEqual(["status", "bogus_reply", "status"]);
    expect(h.of(id)[1]!.content).toMatchObject({ status: "error", ename: "UnknownMessageType" });
    const id2 = await h.send("bogus_notice");
    expect(h.of(id2).map((s) => s.msg_type)).toEqual(["status", "status"]);
  });

  test("a handler that throws is logged, answered with an error reply, and still ends with idle", async () => {
    const broken = {
      ...createFakeSession(),
      complete: () => {
        throw new RangeError("no completions today");
      },
    };
    const h = harness(broken);
    const id = await h.send("complete_request", { code: "x", cursor_pos: 1 });
    expect(h.of(id).map((s) => s.msg_type)).toEqual(["status", "complete_reply", "status"]);
    expect(h.of(id)[1]!.content).toMatchObject({
      status: "error",
      ename: "RangeError",
      evalue: "no completions today",
    });
    expect(h.logs.join("\n")).toMatch(/complete_request failed/);
  });
});

describe("execute_request", () => {
  test("execution_count counts stored cells only; silent publishes nothing but status", async () => {
    const h = harness();
    const a = await h.send("execute_request", { code: "1" });
    const s = await h.send("execute_request", { code: "print('quiet'); 2", silent: true });
    const n = await h.send("execute_request", { code: "3", store_history: false });
    const b = await h.send("execute_request", { code: "4" });
    const reply = (id: string) => h.of(id).find((m) => m.kind === "reply")!.content;
    expect(reply(a).execution_count).toBe(1);
    expect(h.of(s).map((m) => m.msg_type)).toEqual(["status", "execute_reply", "status"]);
    expect(reply(s).execution_count).toBe(1);
    expect(h.of(n).find((m) => m.msg_type === "execute_result")!.content.execution_count).toBe(2);
    expect(reply(b).execution_count).toBe(2);
    expect(h.ctx.history.tail(10, false).map((r) => r[2])).toEqual(["1", "4"]);
  });

  test("an error publishes `error` and, with stop_on_error, aborts the executes that arrived before it", async () => {
    const h = harness();
    const bad = h.client.message("execute_request", { code: "throw new TypeError('nope')" }, null);
    const queued = h.client.message("execute_request", { code: "var ran = true" }, null);
    const frames = (m: typeof bad) => encode(m, h.signer);
    h.ctx.state.shellReceived = 2; // both have arrived before the first one runs
    await dispatch(h.ctx, handlers, h.signer, "shell", 1, frames(bad));
    await dispatch(h.ctx, handlers, h.signer, "shell", 2, frames(queued));
    const err = h.of(bad.header.msg_id);
    expect(err.map((m) => m.msg_type)).toEqual(["status", "execute_input", "error", "execute_reply", "status"]);
    expect(err[2]!.content).toMatchObject({ ename: "TypeError", evalue: "nope" });
    expect(err[3]!.content).toMatchObject({ status: "error", ename: "TypeError" });
    expect(h.of(queued.header.msg_id).find((m) => m.kind === "reply")!.content.status).toBe("aborted");
    const later = await h.send("execute_request", { code: "typeof ran" });
    expect(h.of(later).find((m) => m.msg_type === "execute_result")!.content.data).toEqual({
      "text/plain": "'undefined'",
    });
  });

  test("user_expressions are evaluated after the cell; payload carries the pager", async () => {
    const h = harness();
    const id = await h.send("execute_request", { code: "var u = 2", user_expressions: { sq: "u * u" } });
    expect(h.of(id).find((m) => m.kind === "reply")!.content.user_expressions).toEqual({
      sq: { status: "ok", data: { "text/plain": "4" }, metadata: {} },
    });
    const p = await h.send("execute_request", { code: "print?" });
    expect(h.of(p).find((m) => m.kind === "reply")!.content.payload).toEqual([
      { source: "page", data: { "text/plain": "print: function" }, start: 0 },
    ]);
  });

  test("streams are coalesced, and flushed before display, result and reply", async () => {
    const h = harness();
    const id = await h.send("execute_request", { code: "print('a'); print('b'); display('d'); print('c'); 1" });
    const msgs = h.of(id).filter((m) => m.msg_type !== "status");
    expect(msgs.map((m) => m.msg_type)).toEqual([
      "execute_input",
      "stream",
      "display_data",
      "stream",
      "execute_result",
      "execute_reply",
    ]);
    expect(msgs[1]!.content).toEqual({ name: "stdout", text: "a\nb\n" });
    expect(msgs[2]!.content.transient).toEqual({ display_id: "d1" });
  });

  test("input() goes to the frontend only when it allows stdin", async () => {
    const h = harness();
    const yes = await h.send("execute_request", { code: "await input('Name? ')", allow_stdin: true });
    expect(h.of(yes).find((m) => m.kind === "reply")!.content.status).toBe("ok");
    const no = await h.send("execute_request", { code: "await input('Name? ')", allow_stdin: false });
    expect(h.of(no).find((m) => m.kind === "reply")!.content).toMatchObject({
      status: "error",
      ename: "StdinNotImplementedError",
    });
  });
});

describe("the other requests", () => {
  test("kernel_info describes TypeScript and the protocol version", async () => {
    const h = harness();
    const id = await h.send("kernel_info_request", {}, "control");
    const c = h.of(id).find((m) => m.kind === "reply")!;
    expect(c.channel).toBe("control");
    expect(c.content).toMatchObject({
      status: "ok",
      protocol_version: "5.3",
      implementation: "gradlab",
      language_info: { name: "typescript", file_extension: ".ts", pygments_lexer: "typescript" },
    });
  });

  test("complete, inspect and is_complete pass the session's answers through", async () => {
    const h = harness();
    const c = await h.send("complete_request", { code: "clear_o", cursor_pos: 7 });
    expect(h.of(c)[1]!.content).toEqual({
      status: "ok",
      matches: ["clear_output"],
      cursor_start: 0,
      cursor_end: 7,
      metadata: {},
    });
    const i = await h.send("inspect_request", { code: "print", cursor_pos: 2, detail_level: 0 });
    expect(h.of(i)[1]!.content).toMatchObject({ status: "ok", found: true });
    const inc = await h.send("is_complete_request", { code: "function f() {" });
    expect(h.of(inc)[1]!.content).toEqual({ status: "incomplete", indent: "  " });
  });

  test("history answers tail, range and search", async () => {
    const h = harness();
    for (const code of ["1", "2", "1"]) await h.send("execute_request", { code });
    const t = await h.send("history_request", { hist_access_type: "tail", n: 2, output: false, raw: true });
    expect(h.of(t)[1]!.content.history).toEqual([
      [h.ctx.history.session, 2, "2"],
      [h.ctx.history.session, 3, "1"],
    ]);
    const s = await h.send("history_request", {
      hist_access_type: "search",
      pattern: "1",
      unique: true,
      output: false,
      raw: true,
    });
    expect(h.of(s)[1]!.content.history).toEqual([[h.ctx.history.session, 3, "1"]]);
  });

  test("comm_info lists no comms and comm_open for an unknown target is closed on iopub", async () => {
    const h = harness();
    const i = await h.send("comm_info_request", {});
    expect(h.of(i)[1]!.content).toEqual({ status: "ok", comms: {} });
    const o = await h.send("comm_open", { comm_id: "abc", target_name: "jupyter.widget", data: {} });
    expect(h.of(o).map((m) => m.msg_type)).toEqual(["status", "comm_close", "status"]);
    expect(h.of(o)[1]!.content).toEqual({ comm_id: "abc", data: {} });
  });

  test("interrupt replies and then interrupts; shutdown replies on its channel and on iopub, then stops", async () => {
    const h = harness();
    const i = await h.send("interrupt_request", {}, "control");
    expect(h.of(i)[1]!.content).toEqual({ status: "ok" });
    const s = await h.send("shutdown_request", { restart: true }, "control");
    expect(h.of(s).map((m) => `${m.kind}:${m.msg_type}`)).toEqual([
      "iopub:status",
      "reply:shutdown_reply",
      "iopub:shutdown_reply",
      "iopub:status",
    ]);
    expect(h.logs).toEqual(["interrupt", "shutdown restart=true"]);
  });
});
