/**
 * The Session across the thread boundary, for every capability at once: the I/O worker (sockets,
 * protocol) calls the session that lives on the main thread (user code) by method name.
 *   worker -> main: calls (method name and arguments) and replies to the sink's questions
 *   (input()), by postMessage (main reads them when it is idle);
 *   main -> worker: results and every call a cell makes on its sink, through the ring
 *   (synchronous, so it works while a cell blocks the main thread, and in order: a cell's output
 *   always precedes its result).
 * Arguments and results cross as JSON; an OutputSink argument crosses as a stand-in that sends
 * each call back to the worker's sink. A call that carries a sink is a cell: it is the one an
 * interrupt stops, and its output comes back on the ring.
 *
 * A new capability is a method on Session (session/types.ts) and a handler: nothing here.
 */
import type { AsyncOf, ExecuteResult, Frontend, OutputSink, Session } from "../session/types.js";
import type { RingWriter } from "./ring.js";

/** The sink's methods (every one, optional ones included). */
type SinkMethod = {
  [K in keyof OutputSink]-?: NonNullable<OutputSink[K]> extends (...args: never[]) => unknown ? K : never;
}[keyof OutputSink];

/**
 * How each sink call crosses back: "tell" delivers it; `ask` also waits for the worker's answer
 * (input()), failing with that error name when the frontend has no such method. The type keeps
 * this table complete and matching the methods' results.
 */
const SINK_CALLS: {
  [K in SinkMethod]: ReturnType<NonNullable<OutputSink[K]>> extends Promise<unknown> ? { ask: string } : "tell";
} = {
  stdout: "tell",
  stderr: "tell",
  display: "tell",
  clearOutput: "tell",
  input: { ask: "StdinNotImplementedError" },
};

/** A sink argument as it crosses: which of its methods it has, and what frontend it feeds. */
interface SinkRef {
  readonly $sink: { methods: SinkMethod[]; frontend?: Frontend };
}

export type ToMain =
  | { type: "call"; rid: number; method: string; args: unknown[] }
  | { type: "answer"; aid: number; value?: unknown; error?: { name: string; message: string } }
  | { type: "exit"; code: number }
  | { type: "ready" };

export type ToWorker =
  | { t: "result"; rid: number; value?: unknown; error?: string }
  | {
      t: "sink";
      rid: number;
      method: SinkMethod;
      args: unknown[] /** set when the main thread waits for the answer */;
      aid?: number;
    };

const isSink = (v: unknown): v is OutputSink =>
  typeof v === "object" && v !== null && typeof (v as OutputSink).stdout === "function";
const isSinkRef = (v: unknown): v is SinkRef => typeof v === "object" && v !== null && "$sink" in v;

// ---------------------------------------------------------------- worker side

/** Worker-side proxy: `session` sends calls to the main thread; ring records come back to `onRecord`. */
export class RemoteSession<S extends object = Session> {
  /** The main thread's session: any method of S, by name. */
  readonly session: AsyncOf<S>;
  private nextRid = 1;
  private readonly calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Recent cells' sinks, so output from a timer after its cell ended keeps that cell as parent. */
  private readonly sinks = new Map<number, OutputSink>();
  /** rids of cells still running on the main thread. */
  private readonly cells = new Set<number>();

  constructor(private readonly post: (m: ToMain) => void) {
    const methods = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
    this.session = new Proxy({} as AsyncOf<S>, {
      get: (_target, method) => {
        if (typeof method !== "string" || method === "then") return undefined; // not a thenable
        let f = methods.get(method);
        if (!f) methods.set(method, (f = (...args: unknown[]) => this.call(method, args)));
        return f;
      },
      has: (_target, method) => typeof method === "string" && method !== "then",
    });
  }

  private call(method: string, args: unknown[]): Promise<unknown> {
    const rid = this.nextRid++;
    const sink = args.find(isSink);
    if (sink) {
      this.sinks.set(rid, sink);
      if (this.sinks.size > 16) this.sinks.delete(this.sinks.keys().next().value!);
      this.cells.add(rid);
    }
    const wire = args.map((a) => (isSink(a) ? sinkRef(a) : a));
    return new Promise((resolve, reject) => {
      this.calls.set(rid, { resolve, reject });
      this.post({ type: "call", rid, method, args: wire });
    });
  }

  /** A cell is running: a call with a sink has been sent to the main thread and has not answered. */
  get executing(): boolean {
    return this.cells.size > 0;
  }

  /** Fail every outstanding call (the main thread is going away). */
  failAll(reason: string): void {
    for (const c of this.calls.values()) c.reject(new Error(reason));
    this.calls.clear();
    this.cells.clear();
  }

  /** Route one record from the ring. */
  onRecord(rec: ToWorker): void {
    if (rec.t === "result") {
      const c = this.calls.get(rec.rid);
      this.calls.delete(rec.rid);
      this.cells.delete(rec.rid);
      if (rec.error !== undefined) c?.reject(new Error(rec.error));
      else c?.resolve(rec.value);
      return;
    }
    // Late output of an old cell goes to the newest sink, as ipykernel does.
    const sink = this.sinks.get(rec.rid) ?? [...this.sinks.values()].at(-1);
    const f = sink?.[rec.method] as ((...args: unknown[]) => unknown) | undefined;
    if (rec.aid === undefined) return void f?.apply(sink, rec.args);
    const answer = (m: { value?: unknown; error?: { name: string; message: string } }) =>
      this.post({ type: "answer", aid: rec.aid!, ...m });
    const ask = SINK_CALLS[rec.method];
    if (!f)
      return answer({
        error: {
          name: typeof ask === "object" ? ask.ask : "Error",
          message: `${rec.method}() is not supported by this frontend`,
        },
      });
    Promise.resolve()
      .then(() => f.apply(sink, rec.args))
      .then(
        (value) => answer({ value }),
        (e: Error) => answer({ error: { name: e?.name ?? "Error", message: e?.message ?? String(e) } }),
      );
  }
}

function sinkRef(sink: OutputSink): SinkRef {
  const methods = (Object.keys(SINK_CALLS) as SinkMethod[]).filter((m) => typeof sink[m] === "function");
  return { $sink: sink.frontend ? { methods, frontend: sink.frontend } : { methods } };
}

// ---------------------------------------------------------------- main side

const INTERRUPT_GRACE_MS = 50;

export const keyboardInterrupt = (): ExecuteResult => ({
  status: "error",
  ename: "KeyboardInterrupt",
  evalue: "",
  traceback: ["\u001b[0;31mKeyboardInterrupt\u001b[0m: execution interrupted by the frontend"],
});

/** Main-side server: runs calls on the real session by name, writes output and results to the ring. */
export class SessionServer<S extends object = Session> {
  private nextAid = 1;
  private readonly answers = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private running: { rid: number; sink: OutputSink; cancel(): void } | null = null;
  /** rid of the latest cell: where output from timers and uncaught errors goes. */
  lastRid = 0;

  constructor(
    private readonly session: S & { interrupt?(): void },
    private readonly ring: RingWriter,
  ) {}

  /** The sink of the cell now running, if any (process.stdout capture writes here). */
  get currentSink(): OutputSink | null {
    return this.running?.sink ?? null;
  }

  /** Output that belongs to no running cell (a timer, an unhandled rejection). */
  stray(stream: "stdout" | "stderr", text: string): void {
    this.ring.send({ t: "sink", rid: this.lastRid, method: stream, args: [text] } satisfies ToWorker);
  }

  handle(m: ToMain): void {
    if (m.type === "answer") {
      const p = this.answers.get(m.aid);
      this.answers.delete(m.aid);
      if (m.error !== undefined) p?.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else p?.resolve(m.value);
      return;
    }
    if (m.type !== "call") return;
    const send = (value: unknown) => this.ring.send({ t: "result", rid: m.rid, value } satisfies ToWorker);
    const fail = (e: unknown) =>
      this.ring.send({ t: "result", rid: m.rid, error: (e as Error)?.stack ?? String(e) } satisfies ToWorker);
    try {
      const f: unknown = m.method in Object.prototype ? undefined : Reflect.get(this.session, m.method);
      if (typeof f !== "function") throw new Error(`the session has no method ${m.method}()`);
      let sink: OutputSink | null = null;
      const args = m.args.map((a) => (isSinkRef(a) ? (sink = this.sinkFor(m.rid, a)) : a));
      const run = () => (f as (...a: unknown[]) => unknown).apply(this.session, args);
      if (sink) return void this.cell(m.rid, sink, run as () => Promise<ExecuteResult>).then(send, fail);
      // Synchronous methods answer at once, in the order they came.
      const value = run();
      if (typeof (value as PromiseLike<unknown> | null)?.then === "function")
        (value as PromiseLike<unknown>).then(send, fail);
      else send(value);
    } catch (e) {
      fail(e);
    }
  }

  /** The stand-in for the worker's sink: each call becomes a ring record for that cell. */
  private sinkFor(rid: number, ref: SinkRef): OutputSink {
    const ring = this.ring;
    const sink: Partial<Record<SinkMethod, (...args: unknown[]) => unknown>> & { frontend?: Frontend } = {};
    if (ref.$sink.frontend) sink.frontend = ref.$sink.frontend;
    for (const method of ref.$sink.methods) {
      sink[method] =
        SINK_CALLS[method] === "tell"
          ? (...args) => void ring.send({ t: "sink", rid, method, args } satisfies ToWorker)
          : (...args) =>
              new Promise((resolve, reject) => {
                const aid = this.nextAid++;
                this.answers.set(aid, { resolve, reject });
                ring.send({ t: "sink", rid, method, args, aid } satisfies ToWorker);
              });
    }
    return sink as OutputSink;
  }

  /** Run a cell: the running one until it answers, so an interrupt can end its wait. */
  private async cell(rid: number, sink: OutputSink, run: () => Promise<ExecuteResult>): Promise<ExecuteResult> {
    this.lastRid = rid;
    let cancel = () => {};
    const interrupted = new Promise<ExecuteResult>((resolve) => (cancel = () => resolve(keyboardInterrupt())));
    const running = { rid, sink, cancel };
    this.running = running;
    try {
      return asKeyboardInterrupt(await Promise.race([run(), interrupted]));
    } catch (e) {
      const err = e as Error;
      return {
        status: "error",
        ename: err?.name ?? "Error",
        evalue: err?.message ?? String(e),
        traceback: [err?.stack ?? String(e)],
      };
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
    for (const p of this.answers.values())
      p.reject(Object.assign(new Error("interrupted"), { name: "KeyboardInterrupt" }));
    this.answers.clear();
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
