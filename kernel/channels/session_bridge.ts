/**
 * The Session across the thread boundary. The I/O worker (sockets, protocol) calls the session
 * that lives on the main thread (user code):
 *   worker -> main: calls and input replies, by postMessage (main reads them when it is idle);
 *   main -> worker: results and every piece of output, through the ring (synchronous, so it
 *   works while a cell blocks the main thread, and in order: a cell's output always precedes
 *   its result).
 */
import type { CompleteResult, ExecuteResult, InspectResult, IsCompleteResult, MimeBundle, OutputSink, Session } from "../session/types.js";
import type { RingWriter } from "./ring.js";

export type ExpressionResults = ReturnType<Session["evaluateExpressions"]>;

/** The session as the protocol handlers see it: every call asynchronous. */
export interface AsyncSession {
  execute(code: string, sink: OutputSink, opts: { silent: boolean; allowStdin: boolean }): Promise<ExecuteResult>;
  complete(code: string, cursorPos: number): Promise<CompleteResult>;
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Promise<InspectResult>;
  isComplete(code: string): Promise<IsCompleteResult>;
  evaluateExpressions(exprs: Record<string, string>): Promise<ExpressionResults>;
}

type Call =
  | { method: "execute"; code: string; silent: boolean; allowStdin: boolean }
  | { method: "complete"; code: string; cursorPos: number }
  | { method: "inspect"; code: string; cursorPos: number; detailLevel: 0 | 1 }
  | { method: "isComplete"; code: string }
  | { method: "evaluateExpressions"; exprs: Record<string, string> };

export type ToMain =
  | ({ type: "call"; rid: number } & Call)
  | { type: "input_reply"; iid: number; value?: string; error?: string }
  | { type: "exit"; code: number }
  | { type: "ready" };

export type ToWorker =
  | { t: "result"; rid: number; value?: unknown; error?: string }
  | { t: "stdout" | "stderr"; rid: number; text: string }
  | { t: "display"; rid: number; data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string }; update: boolean }
  | { t: "clear"; rid: number; wait: boolean }
  | { t: "input"; rid: number; iid: number; prompt: string; password: boolean };

/** Wrap an in-process Session (tests, or a future single-threaded host). */
export function asAsync(session: Session): AsyncSession {
  return {
    execute: (code, sink, opts) => session.execute(code, opts.allowStdin ? sink : withoutInput(sink), { silent: opts.silent }),
    complete: async (code, pos) => session.complete(code, pos),
    inspect: async (code, pos, level) => session.inspect(code, pos, level),
    isComplete: async (code) => session.isComplete(code),
    evaluateExpressions: async (exprs) => session.evaluateExpressions(exprs),
  };
}

function withoutInput(sink: OutputSink): OutputSink {
  const { input: _ignored, ...rest } = sink;
  return rest;
}

// ---------------------------------------------------------------- worker side

/** Worker-side proxy: calls go to the main thread, ring records come back here. */
export class RemoteSession implements AsyncSession {
  private nextRid = 1;
  private readonly calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Recent executes' sinks, so output from a timer after its cell ended keeps that cell as parent. */
  private readonly sinks = new Map<number, OutputSink>();
  /** rids of executes still running on the main thread. */
  private readonly executes = new Set<number>();

  constructor(private readonly post: (m: ToMain) => void) {}

  private call<T>(call: Call, sink?: OutputSink): Promise<T> {
    const rid = this.nextRid++;
    if (sink) {
      this.sinks.set(rid, sink);
      if (this.sinks.size > 16) this.sinks.delete(this.sinks.keys().next().value!);
    }
    if (call.method === "execute") this.executes.add(rid);
    return new Promise<T>((resolve, reject) => {
      this.calls.set(rid, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ type: "call", rid, ...call });
    });
  }

  execute(code: string, sink: OutputSink, opts: { silent: boolean; allowStdin: boolean }): Promise<ExecuteResult> {
    return this.call({ method: "execute", code, ...opts }, sink);
  }
  complete(code: string, cursorPos: number): Promise<CompleteResult> {
    return this.call({ method: "complete", code, cursorPos });
  }
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Promise<InspectResult> {
    return this.call({ method: "inspect", code, cursorPos, detailLevel });
  }
  isComplete(code: string): Promise<IsCompleteResult> {
    return this.call({ method: "isComplete", code });
  }
  evaluateExpressions(exprs: Record<string, string>): Promise<ExpressionResults> {
    return this.call({ method: "evaluateExpressions", exprs });
  }

  /** A cell is running: an execute has been sent to the main thread and has not answered. */
  get executing(): boolean {
    return this.executes.size > 0;
  }

  /** Fail every outstanding call (the main thread is going away). */
  failAll(reason: string): void {
    for (const c of this.calls.values()) c.reject(new Error(reason));
    this.calls.clear();
    this.executes.clear();
  }

  /** Route one record from the ring. */
  onRecord(rec: ToWorker): void {
    if (rec.t === "result") {
      const c = this.calls.get(rec.rid);
      this.calls.delete(rec.rid);
      this.executes.delete(rec.rid);
      if (rec.error !== undefined) c?.reject(new Error(rec.error));
      else c?.resolve(rec.value);
      return;
    }
    // Late output of an old cell goes to the newest sink, as ipykernel does.
    const sink = this.sinks.get(rec.rid) ?? [...this.sinks.values()].at(-1);
    if (!sink) return;
    switch (rec.t) {
      case "stdout": return sink.stdout(rec.text);
      case "stderr": return sink.stderr(rec.text);
      case "display": return sink.display(rec.data, rec.metadata, rec.transient, rec.update);
      case "clear": return sink.clearOutput(rec.wait);
      case "input": {
        const reply = (m: { value?: string; error?: string }) => this.post({ type: "input_reply", iid: rec.iid, ...m });
        if (!sink.input) return reply({ error: "StdinNotImplementedError: input() is not supported by this frontend" });
        sink.input(rec.prompt, rec.password).then((value) => reply({ value }), (e: Error) => reply({ error: e.message }));
        return;
      }
    }
  }
}

// ---------------------------------------------------------------- main side

const INTERRUPT_GRACE_MS = 50;

export const keyboardInterrupt = (): ExecuteResult => ({
  status: "error",
  ename: "KeyboardInterrupt",
  evalue: "",
  traceback: ["\u001b[0;31mKeyboardInterrupt\u001b[0m: execution interrupted by the frontend"],
});

/** Main-side server: runs calls on the real session, writes output and results to the ring. */
export class SessionServer {
  private nextIid = 1;
  private readonly inputs = new Map<number, { resolve(v: string): void; reject(e: Error): void }>();
  private running: { rid: number; sink: OutputSink; cancel(): void } | null = null;
  /** rid of the latest execute: where output from timers and uncaught errors goes. */
  lastRid = 0;

  constructor(private readonly session: Session, private readonly ring: RingWriter) {}

  /** The sink of the cell now running, if any (process.stdout capture writes here). */
  get currentSink(): OutputSink | null {
    return this.running?.sink ?? null;
  }

  /** Output that belongs to no running cell (a timer, an unhandled rejection). */
  stray(stream: "stdout" | "stderr", text: string): void {
    this.ring.send({ t: stream, rid: this.lastRid, text } satisfies ToWorker);
  }

  handle(m: ToMain): void {
    if (m.type === "input_reply") {
      const p = this.inputs.get(m.iid);
      this.inputs.delete(m.iid);
      if (m.error !== undefined) p?.reject(Object.assign(new Error(m.error), { name: "StdinNotImplementedError" }));
      else p?.resolve(m.value ?? "");
      return;
    }
    if (m.type !== "call") return;
    const send = (value: unknown) => this.ring.send({ t: "result", rid: m.rid, value } satisfies ToWorker);
    const fail = (e: unknown) => this.ring.send({ t: "result", rid: m.rid, error: (e as Error)?.stack ?? String(e) } satisfies ToWorker);
    try {
      switch (m.method) {
        case "execute":
          this.execute(m.rid, m.code, m.silent, m.allowStdin).then(send, fail);
          return;
        case "complete": return void send(this.session.complete(m.code, m.cursorPos));
        case "inspect": return void send(this.session.inspect(m.code, m.cursorPos, m.detailLevel));
        case "isComplete": return void send(this.session.isComplete(m.code));
        case "evaluateExpressions": return void send(this.session.evaluateExpressions(m.exprs));
      }
    } catch (e) {
      fail(e);
    }
  }

  private sinkFor(rid: number, allowStdin: boolean): OutputSink {
    const ring = this.ring;
    const sink: OutputSink = {
      stdout: (text) => void ring.send({ t: "stdout", rid, text } satisfies ToWorker),
      stderr: (text) => void ring.send({ t: "stderr", rid, text } satisfies ToWorker),
      display: (data, metadata, transient, update) => void ring.send({ t: "display", rid, data, metadata, transient, update } satisfies ToWorker),
      clearOutput: (wait) => void ring.send({ t: "clear", rid, wait } satisfies ToWorker),
    };
    if (allowStdin) {
      sink.input = (prompt, password) =>
        new Promise<string>((resolve, reject) => {
          const iid = this.nextIid++;
          this.inputs.set(iid, { resolve, reject });
          ring.send({ t: "input", rid, iid, prompt, password } satisfies ToWorker);
        });
    }
    return sink;
  }

  private async execute(rid: number, code: string, silent: boolean, allowStdin: boolean): Promise<ExecuteResult> {
    this.lastRid = rid;
    const sink = this.sinkFor(rid, allowStdin);
    let cancel = () => {};
    const interrupted = new Promise<ExecuteResult>((resolve) => (cancel = () => resolve(keyboardInterrupt())));
    const running = { rid, sink, cancel };
    this.running = running;
    try {
      const result = await Promise.race([this.session.execute(code, sink, { silent }), interrupted]);
      return asKeyboardInterrupt(result);
    } catch (e) {
      const err = e as Error;
      return { status: "error", ename: err?.name ?? "Error", evalue: err?.message ?? String(e), traceback: [err?.stack ?? String(e)] };
    } finally {
      if (this.running === running) this.running = null;
    }
  }

  /**
   * SIGINT reached the main thread's listener, so no synchronous code is running (vm's
   * breakOnSigint takes the signal during that, and the I/O worker stops code after an await
   * before this listener can run): the cell is waiting on a promise. The session ends that wait
   * itself; one without interrupt() is answered for after a moment.
   */
  interrupt(): void {
    const running = this.running;
    if (!running) return;
    for (const p of this.inputs.values()) p.reject(Object.assign(new Error("interrupted"), { name: "KeyboardInterrupt" }));
    this.inputs.clear();
    this.session.interrupt?.();
    setTimeout(() => running.cancel(), INTERRUPT_GRACE_MS).unref();
  }
}

/** vm's breakOnSigint throws "Script execution interrupted."; show it as Python does. */
export function asKeyboardInterrupt(result: ExecuteResult): ExecuteResult {
  if (result.status !== "error" || result.ename === "KeyboardInterrupt") return result;
  // Node 20: "Script execution was interrupted by `SIGINT`"; older: "Script execution interrupted."
  if (/^Script execution (was )?interrupted/.test(result.evalue)) return keyboardInterrupt();
  return result;
}
