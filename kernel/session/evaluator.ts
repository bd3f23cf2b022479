/**
 * Runs compiled cells. Each cell is a function `(__s, __gl) => { ... }` over the session's scope
 * object, evaluated with `vm.Script#runInThisContext({ breakOnSigint: true })`: one realm shared
 * with the engine and npm packages (so `instanceof`, prototypes and plain objects behave as in
 * any Node program), no user names on the process's globals, and SIGINT stops a synchronous
 * cell (`while (true) {}`) with a KeyboardInterrupt while the session's state survives.
 * NOTE: after a top-level `await`, the rest of an async cell runs outside runInThisContext, so
 * only its synchronous first part is interruptible this way.
 */
import vm from "node:vm";
import type { CompiledCell } from "../compiler/compiler.js";
import type { TraceRegistry } from "./traceback.js";

const ARGS = Symbol.for("gradlab.cell.args");
type G = typeof globalThis & { [ARGS]?: unknown[] };

let nextSession = 1;

export class Evaluator {
  private readonly sessionId = nextSession++;
  private nextScript = 1;

  constructor(
    private readonly scope: object,
    private readonly runtime: object,
    private readonly traces: TraceRegistry,
  ) {}

  private script(cell: CompiledCell, label: string, body: (fn: string) => string): vm.Script {
    const name = `gradlab-cell-${this.sessionId}-${this.nextScript++}.js`;
    this.traces.addCell(name, label, cell.user, cell.map, cell.names.length > 0);
    const fn = `(${cell.isAsync ? "async " : ""}function (__s, __gl) {"use strict";\n${cell.js}\n})`;
    return new vm.Script(body(fn), { filename: name, lineOffset: -1 });
  }

  private runScript(script: vm.Script): unknown {
    const g = globalThis as G;
    const saved = g[ARGS];
    g[ARGS] = [this.scope, this.runtime];
    try {
      return script.runInThisContext({ breakOnSigint: true });
    } finally {
      g[ARGS] = saved;
    }
  }

  /** Run a cell: its result (a Promise for async cells). Throws what the cell throws. */
  run(cell: CompiledCell, label: string): unknown {
    return this.runScript(
      this.script(cell, label, (fn) => `${fn}.apply(undefined, globalThis[Symbol.for("gradlab.cell.args")])`),
    );
  }

  /** Run a synchronous cell `loops` times in one interruptible script; returns the elapsed seconds. */
  time(cell: CompiledCell, label: string, loops: number): number {
    const s = this.script(
      cell,
      label,
      (fn) =>
        `(() => { const f = ${fn}, a = globalThis[Symbol.for("gradlab.cell.args")]; const t0 = performance.now();` +
        ` for (let i = 0; i < ${loops}; i++) f(a[0], a[1]); return (performance.now() - t0) / 1000; })()`,
    );
    return this.runScript(s) as number;
  }
}
