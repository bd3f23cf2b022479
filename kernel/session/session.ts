/**
 * The evaluation session shared by the Jupyter kernel, the REPL and `gradlab run`
 * (kernel/session/types.ts): compiles cells with kernel/compiler, runs them against one
 * persistent scope, and reports results, output and errors as IPython does.
 *
 *   const session = createSession({ cwd: notebookDir });
 *   await session.ready;                        // optional: the language service is warm
 *   const r = await session.execute("const x = torch.ones(2) * 2\nx", sink);
 */
import { Console } from "node:console";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Writable } from "node:stream";
import { performance } from "node:perf_hooks";
import * as torch from "../../engine/index.js";
import { GradModeGuard, is_grad_enabled, is_inference_mode_enabled } from "../../engine/autograd/grad_mode.js";
import { KeyboardInterrupt } from "../../engine/errors.js";
import { CellCompiler, type CompiledCell } from "../compiler/compiler.js";
import { isComplete } from "../compiler/is_complete.js";
import { LanguageTools } from "../compiler/language_tools.js";
import { codePointToUtf16, utf16ToCodePoint } from "../compiler/positions.js";
import { snapshotState } from "../compiler/snapshot_state.js";
import * as builtins from "./builtins.js";
import { events } from "./events.js";
import { isModuleRow, PRELUDE, PRELUDE_NAMES, SUBPATH_MODULES } from "./prelude.js";
import { mimeBundle } from "../display/mime_bundle.js";
import { Evaluator } from "./evaluator.js";
import { parseSpecial, timeitReport, timeReport, whoReport } from "./magics.js";
import { LoadedModule, ModuleLoader } from "./module_loader.js";
import { captureStdio } from "./stdio_capture.js";
import { createRuntime, type CellRuntime } from "./runtime.js";
import { TraceRegistry, formatDiagnostics, type FormattedError } from "./traceback.js";
import type {
  CompleteResult,
  ExecuteResult,
  InspectResult,
  IsCompleteResult,
  MimeBundle,
  OutputSink,
  Payload,
  Session,
} from "./types.js";

export interface SessionOptions {
  /** The notebook's folder: relative imports, node_modules and tsconfig.json are found from here. Default: process.cwd(). */
  cwd?: string;
}

export interface GradlabSession extends Session {
  /** Resolves when the language service is warm (the first cell then compiles without start-up cost). */
  readonly ready: Promise<void>;
  /** The scope object holding the cells' top-level names (for tests and tools). */
  readonly scope: Record<string, unknown>;
  interrupt(): void;
}

/** The values of the prelude's module rows (kernel/session/prelude.ts), imported once per process. */
let preludeModules: Promise<Record<string, unknown>> | null = null;
function loadPreludeModules(): Promise<Record<string, unknown>> {
  preludeModules ??= (async () => {
    const values: Record<string, unknown> = {};
    for (const row of PRELUDE) {
      if (!isModuleRow(row)) continue;
      const mod = (await import(new URL(`../../${row.from}`, import.meta.url).href)) as Record<string, unknown>;
      values[row.name] = row.export === "*" ? mod : mod[row.export];
    }
    return values;
  })();
  return preludeModules;
}

/**
 * The cells' console: writes through process.stdout/stderr at call time, so the running cell's
 * capture sees it (whatever the host did to the global console).
 */
function cellConsole(): Console {
  const stream = (name: "stdout" | "stderr") =>
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _enc, done) {
        process[name].write(String(chunk));
        done();
      },
    });
  const ConsoleClass = snapshotState()?.Console ?? Console;
  return new ConsoleClass({ stdout: stream("stdout"), stderr: stream("stderr"), colorMode: false });
}

const errorResult = (f: FormattedError): ExecuteResult => ({ status: "error", ...f });
const ok = (result: MimeBundle | null = null, payload: Payload[] = []): ExecuteResult => ({
  status: "ok",
  result,
  payload,
});

class CellSession implements GradlabSession {
  readonly ready: Promise<void>;
  readonly scope: Record<string, unknown> = Object.create(null);
  private compiler: CellCompiler;
  private tools: LanguageTools;
  /** The names every cell has before any cell runs (%who and %reset leave them out). */
  private readonly preludeNames = new Set(PRELUDE_NAMES);
  private readonly traces = new TraceRegistry();
  private readonly loader: ModuleLoader;
  private readonly runtime: CellRuntime;
  private readonly evaluator: Evaluator;
  private count = 0;
  private stopWaiting: ((e: Error) => void) | null = null;

  constructor(readonly cwd: string) {
    this.compiler = new CellCompiler(cwd);
    this.tools = new LanguageTools(this.compiler);
    const gradlab = new LoadedModule("esm", torch);
    this.loader = new ModuleLoader(cwd, (this.gradlabModules = { gradlab }), (file, source, map) =>
      this.traces.addModule(file, source, map),
    );
    this.runtime = createRuntime(this.loader);
    this.evaluator = new Evaluator(this.scope, this.runtime, this.traces);
    // The prelude's session rows; its module rows come in warm(), before the first cell runs.
    const own: Record<string, unknown> = {
      console: cellConsole(),
      require: createRequire(join(cwd, "__gradlab__.js")),
      __dirname: cwd,
      __filename: join(cwd, "notebook.ts"),
    };
    for (const row of PRELUDE) if (!isModuleRow(row)) this.scope[row.name] = own[row.name];
    builtins._setScopeNames(() => Object.keys(this.scope));
    this.ready = this.warm();
  }

  /** A cell has been asked for: the warm-up leaves the first program to it. */
  private executing = 0;
  private interruptPending = false;

  /** Modules cells import by gradlab's name: "gradlab" (the engine) and its subpaths, loaded in warm(). */
  private readonly gradlabModules: Record<string, LoadedModule>;

  private async warm(): Promise<void> {
    // The prelude's values load (torchviz compiles Graphviz's WebAssembly off the main thread)
    // while the warm-up compile below runs; cells wait for both through `ready`.
    const values = loadPreludeModules();
    const subpaths = Promise.all(
      Object.entries(SUBPATH_MODULES).map(
        async ([spec, rel]) =>
          [spec, new LoadedModule("esm", await import(new URL(`../../${rel}`, import.meta.url).href))] as const,
      ),
    );
    values.catch(() => undefined);
    subpaths.catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    // Type-check and emit a representative cell once: lib, engine and transforms get loaded and
    // jitted. Not when a cell is already waiting (a fresh `gradlab run`, or a kernel whose first
    // execute came at once): its own compile builds the first program, and a warm-up cell first
    // would only delay it. A failure here is not fatal: the first cell would report it.
    if (!this.executing) {
      try {
        this.compiler.compile("const __gl_warm = torch.ones(2) * 2; __gl_warm.sum() < 1");
      } catch {
        /* reported by the first cell */
      }
    }
    Object.assign(this.scope, await values);
    for (const [spec, mod] of await subpaths) this.gradlabModules[spec] = mod;
    // Completions, when no cell is running.
    const idle = setTimeout(() => {
      if (this.executing) {
        idle.refresh();
        return;
      }
      try {
        this.tools.complete("torch.ones(1).", 14);
      } catch {
        /* reported by the first completion */
      }
    }, 50);
    idle.unref();
  }

  async execute(
    code: string,
    sink: OutputSink,
    opts: { silent?: boolean; executionCount?: number; label?: string } = {},
  ): Promise<ExecuteResult> {
    const silent = opts.silent ?? false;
    const count = opts.executionCount ?? (silent ? this.count : ++this.count);
    if (opts.executionCount !== undefined) this.count = opts.executionCount;
    this.executing++;
    this.interruptPending = false;
    try {
      await this.ready;
    } catch {
      /* warm() does not throw */
    }
    const restore = captureStdio((stream, text) => (sink[stream](text), true));
    const previous = builtins._setSink(sink);
    const gradMode = { enabled: is_grad_enabled(), inference: is_inference_mode_enabled() };
    let result: ExecuteResult;
    try {
      result = await this.executeSpecial(code, opts.label ?? `Cell In[${count}]`, sink, silent);
    } catch (e) {
      result = errorResult(this.traces.format(e));
    } finally {
      // After the cell, while its output is still open (plt shows the figures the cell drew).
      if (!silent) events.trigger("post_execute");
      builtins._setSink(previous);
      restore();
      this.executing--;
    }
    // NOTE: an interrupt unwinds the cell without running its finally blocks (V8 terminates
    // execution), so a `torch.no_grad(() => ...)` it stopped would leave grad mode off.
    if (result.status === "error" && result.ename === "KeyboardInterrupt")
      new GradModeGuard(gradMode.enabled, gradMode.inference);
    return result;
  }

  /**
   * Stop waiting for the running cell: its pending `await` ends with KeyboardInterrupt. Code
   * busy running is stopped first by SIGINT (evaluator.ts) or by the kernel's I/O worker
   * (kernel/session/stop_cell.ts); either way the kernel then calls this.
   */
  interrupt(): void {
    if (this.stopWaiting) this.stopWaiting(new KeyboardInterrupt(""));
    // Between the cell's stages (compiling, loading its imports) nothing waits or runs yet to be
    // stopped: remember it, so the cell stops before it starts instead of the Ctrl-C being lost.
    else if (this.executing) this.interruptPending = true;
  }

  /** An interrupt that came while the cell compiled, including a SIGINT the event loop has not delivered yet. */
  private async interruptedBeforeRunning(): Promise<boolean> {
    // A signal is handed to its listener in the loop's poll phase; two turns of the check phase
    // bracket one poll, so a Ctrl-C typed during the (synchronous) compile has been seen.
    for (let i = 0; i < 2; i++) await new Promise<void>((r) => setImmediate(r));
    const pending = this.interruptPending;
    this.interruptPending = false;
    return pending;
  }

  /** `p`, unless interrupt() comes first. */
  private interruptible<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.stopWaiting = reject;
      p.then(resolve, reject);
    }).finally(() => (this.stopWaiting = null));
  }

  private async executeSpecial(code: string, label: string, sink: OutputSink, silent: boolean): Promise<ExecuteResult> {
    const special = parseSpecial(code);
    if (!special) return this.run(code, label, silent);
    switch (special.kind) {
      case "help": {
        const r = this.inspect(special.expr, [...special.expr].length, special.detail);
        if (!r.found) {
          sink.stdout(`Object \`${special.expr}\` not found.\n`);
          return ok();
        }
        return ok(null, [{ source: "page", data: r.data, start: 0 }]);
      }
      case "exit":
        return ok(null, [{ source: "ask_exit", keepkernel: false }]);
      case "who":
        sink.stdout(whoReport(this.userNames()));
        return ok();
      case "reset": {
        if (!special.force && sink.input) {
          const answer = await sink.input("Once deleted, variables cannot be recovered. Proceed (y/[n])? ", false);
          if (!/^y(es)?$/i.test(answer.trim())) {
            sink.stdout("Nothing done.\n");
            return ok();
          }
        }
        this.reset();
        return ok();
      }
      case "unknown-magic":
        return errorResult({
          ename: "UsageError",
          evalue: `${special.cell ? "Cell" : "Line"} magic function \`${special.cell ? "%%" : "%"}${special.name}\` not found.`,
          traceback: [],
        });
      case "time": {
        const cpu0 = process.cpuUsage(),
          t0 = performance.now();
        const r = await this.run(special.body, label, silent);
        const report = timeReport(process.cpuUsage(cpu0), (performance.now() - t0) / 1000);
        process.stdout.write(report);
        return r.status === "ok" && special.rest.trim() ? this.run(special.rest, label, silent) : r;
      }
      case "timeit": {
        const r = this.timeit(special.body, label, special.loops, special.repeat);
        if (r) return r;
        return special.rest.trim() ? this.run(special.rest, label, silent) : ok();
      }
    }
  }

  /** Compile, load imports, run; the cell's declarations persist even when it then throws. */
  private async run(code: string, label: string, silent: boolean): Promise<ExecuteResult> {
    const cell = this.compiler.compile(code);
    if (cell.diagnostics.length) {
      return errorResult(formatDiagnostics(cell.diagnostics, label, code));
    }
    let modules: LoadedModule[];
    try {
      modules = await this.interruptible(Promise.all(cell.imports.map((s) => this.loader.load(s, this.cwd))));
      if (await this.interruptedBeforeRunning()) throw new KeyboardInterrupt("");
    } catch (e) {
      return errorResult(this.traces.format(e));
    }
    this.runtime._setModules(modules);
    let value: unknown;
    // Deep enough that the cell frames under an engine error's frames are kept.
    const stackLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = Math.max(stackLimit, 200);
    try {
      value = this.evaluator.run(cell, label);
      if (cell.isAsync) value = await this.interruptible(value as Promise<unknown>);
    } catch (e) {
      this.compiler.commit(cell);
      return errorResult(this.traces.format(e));
    } finally {
      Error.stackTraceLimit = stackLimit;
    }
    this.compiler.commit(cell);
    return ok(silent || !cell.hasResult ? null : mimeBundle(value));
  }

  /** %timeit: IPython's auto-range (1, 2, 5, 10, ... loops until 0.2 s), then `repeat` runs. */
  private timeit(code: string, label: string, loops: number | undefined, repeat: number): ExecuteResult | null {
    const cell = this.compiler.compile(code);
    if (cell.diagnostics.length) return errorResult(formatDiagnostics(cell.diagnostics, label, code));
    if (cell.isAsync || cell.imports.length)
      return errorResult({ ename: "UsageError", evalue: "%timeit does not support await or import", traceback: [] });
    let n = loops ?? 1;
    if (!loops) {
      search: for (let base = 1; base <= 1e7; base *= 10) {
        for (const k of [1, 2, 5]) {
          n = base * k;
          if (this.evaluator.time(cell, label, n) >= 0.2) break search;
        }
      }
    }
    const perLoop = Array.from({ length: repeat }, () => this.evaluator.time(cell, label, n) / n);
    process.stdout.write(timeitReport(perLoop, n));
    return null;
  }

  /** The names the cells declared, sorted (%who). */
  userNames(): string[] {
    return Object.keys(this.scope)
      .filter((n) => !this.preludeNames.has(n) && !n.startsWith("__gl"))
      .sort();
  }

  /** %reset: forget every name the cells declared, in the scope and in the compiler's view of earlier cells. */
  private reset(): void {
    for (const n of this.userNames()) delete this.scope[n];
    this.compiler = new CellCompiler(this.cwd);
    this.tools = new LanguageTools(this.compiler);
  }

  complete(code: string, cursorPos: number): CompleteResult {
    const pos = codePointToUtf16(code, cursorPos);
    const line = code.slice(code.lastIndexOf("\n", pos - 1) + 1, pos);
    const magic = /^%%?(\w*)$/.exec(line);
    if (magic) {
      const matches = ["reset", "time", "timeit", "who"]
        .filter((m) => m.startsWith(magic[1]))
        .map((m) => line.replace(/\w*$/, m));
      return { matches, cursor_start: cursorPos - [...line].length, cursor_end: cursorPos, metadata: {} };
    }
    const c = this.tools.complete(code, pos);
    const cp = (o: number) => utf16ToCodePoint(code, o);
    return {
      matches: c.matches,
      cursor_start: cp(c.start),
      cursor_end: cp(c.end),
      metadata: { _jupyter_types_experimental: c.types.map((t) => ({ ...t, start: cp(t.start), end: cp(t.end) })) },
    };
  }

  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): InspectResult {
    const r = this.tools.inspect(code, codePointToUtf16(code, cursorPos), detailLevel === 1);
    if (!r.found) return { found: false, data: {}, metadata: {} };
    const parts = [`Signature: ${r.signature}`];
    if (r.documentation) parts.push(`Docstring:\n${r.documentation}`);
    if (r.source) parts.push(`Source:\n${r.source}`);
    if (r.file) parts.push(`File:      ${r.file}`);
    parts.push(`Type:      ${r.kind}`);
    return { found: true, data: { "text/plain": parts.join("\n") }, metadata: {} };
  }

  isComplete(code: string): IsCompleteResult {
    return isComplete(code);
  }

  evaluateExpressions(exprs: Record<string, string>): ReturnType<Session["evaluateExpressions"]> {
    const out: ReturnType<Session["evaluateExpressions"]> = {};
    for (const [name, expr] of Object.entries(exprs)) {
      const cell: CompiledCell = this.compiler.compile(`(${expr})`);
      if (cell.diagnostics.length) {
        out[name] = { status: "error", ...formatDiagnostics(cell.diagnostics, "<user_expression>", expr) };
        continue;
      }
      if (cell.isAsync || cell.imports.length) {
        out[name] = {
          status: "error",
          ename: "SyntaxError",
          evalue: "await and import are not allowed in user_expressions",
          traceback: [],
        };
        continue;
      }
      try {
        const value = this.evaluator.run(cell, "<user_expression>");
        out[name] = {
          status: "ok",
          data: mimeBundle(value) ?? { "text/plain": String(value) === "undefined" ? "undefined" : "None" },
          metadata: {},
        };
      } catch (e) {
        out[name] = { status: "error", ...this.traces.format(e) };
      }
    }
    return out;
  }
}

/** A new session; its language service starts warming at once (see `ready`). */
export function createSession(opts: SessionOptions = {}): GradlabSession {
  return new CellSession(opts.cwd ?? process.cwd());
}
