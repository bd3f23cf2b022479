/**
 * The evaluation session shared by the Jupyter kernel, the REPL and `gradlab run`: it compiles
 * cells (kernel/compiler), evaluates them in one persistent context, and reports output through
 * callbacks. Protocol code (kernel/protocol, kernel/handlers) talks only to this interface.
 */

/** A MIME bundle as Jupyter sends it: `{"text/plain": "...", "text/html": "..."}`. */
export type MimeBundle = Record<string, unknown>;

/**
 * What the frontend behind a sink can show, so rich output picks its form in one place: a
 * Jupyter frontend renders MIME bundles (plotly JSON, HTML, SVG); a terminal (the REPL,
 * `gradlab run`) shows text, so figures and graph drawings go to files under `outputDir` and
 * progress bars redraw a line on stderr when `tty` is true.
 */
export type Frontend =
  | { readonly kind: "jupyter" }
  | {
      readonly kind: "terminal" /** stderr is a TTY: redraw in place with \r, colour allowed */;
      readonly tty: boolean /** where show()/render() write files */;
      readonly outputDir: string;
    };

/** Where a running cell's output goes. Calls may come while user code runs synchronously. */
export interface OutputSink {
  /** The frontend this sink feeds; a sink without one is a Jupyter frontend. */
  readonly frontend?: Frontend;
  stdout(text: string): void;
  stderr(text: string): void;
  /** display(obj) / display_data; `displayId` for updatable displays, `update` for update_display_data. */
  display(
    data: MimeBundle,
    metadata: Record<string, unknown>,
    transient: { display_id?: string },
    update: boolean,
  ): void;
  clearOutput(wait: boolean): void;
  /** input() when the frontend allows stdin; resolves with the user's reply. */
  input?(prompt: string, password: boolean): Promise<string>;
}

/** execute_reply payloads: the pager (`obj?`), and `exit` asking the frontend to quit (as IPython's). */
export type Payload = { source: "page"; data: MimeBundle; start: number } | { source: "ask_exit"; keepkernel: boolean };

export type ExecuteResult =
  | {
      status: "ok" /** the last expression's value as a MIME bundle, if any (execute_result) */;
      result: MimeBundle | null;
      payload: Payload[];
    }
  | { status: "error"; ename: string; evalue: string; traceback: string[] }
  | { status: "abort" };

export interface CompleteResult {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: Record<string, unknown>;
}
export interface InspectResult {
  found: boolean;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}
export type IsCompleteResult =
  | { status: "complete" | "invalid" | "unknown" }
  | { status: "incomplete"; indent: string };

export interface Session {
  /**
   * Compile and run one cell. `silent` suppresses the result; errors never reject the promise.
   * `executionCount` is the kernel's counter for tracebacks (`Cell In[3]`); without it the session counts non-silent cells.
   * `label` names the code in tracebacks instead (`File "train.ts"` for `gradlab run train.ts`).
   */
  execute(
    code: string,
    sink: OutputSink,
    opts?: { silent?: boolean; executionCount?: number; label?: string },
  ): Promise<ExecuteResult>;
  /** Completions at a cursor (offset in Unicode code points, as Jupyter counts). */
  complete(code: string, cursorPos: number): CompleteResult;
  /** Signature, type and docs of the symbol at a cursor (Shift-Tab, `obj?`). */
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): InspectResult;
  isComplete(code: string): IsCompleteResult;
  /**
   * The frontend asked to stop the running cell, and any synchronous code of it has stopped: end
   * its pending `await` with KeyboardInterrupt (the kernel answers for sessions without this).
   */
  interrupt?(): void;
  /** Evaluate user_expressions after a cell: name -> expression. */
  evaluateExpressions(
    exprs: Record<string, string>,
  ): Record<
    string,
    | { status: "ok"; data: MimeBundle; metadata: Record<string, unknown> }
    | { status: "error"; ename: string; evalue: string; traceback: string[] }
  >;
}

/** `F` with its result promised (a promise it already returns stays one promise); not a function: as it is. */
export type Promisified<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : F;

/** Every method of `S` asynchronous, optional ones still optional: what `S` looks like across a thread boundary. */
export type AsyncOf<S> = { [K in keyof S]: Promisified<S[K]> };

/**
 * The session as the protocol handlers see it: the kernel's session lives on the main thread and
 * the handlers on the I/O worker (kernel/channels/session_bridge.ts), so every call is a promise.
 * A capability added to Session is here, and through the bridge, without another line.
 */
export type AsyncSession = AsyncOf<Session>;
