/**
 * The prelude: every name a cell, a REPL line or a `gradlab run` script has without importing
 * it, in one table. The cell compiler declares each name from its row (the type a cell sees)
 * and the session puts the value in the scope from the same row, so a name cannot be typed in
 * one place and missing in the other. Adding a prelude name is one row here.
 *
 * Rows come in two kinds:
 *   - `from`: the value and its type are an export of a gradlab module (a path from the
 *     package root, as built: `engine/index.js`). `export: "*"` is the module namespace.
 *   - `session`: the value belongs to one session (its console, its folder's `require`); the
 *     row gives the declaration, and the session supplies the value (session.ts).
 *
 * This file is data only (no imports): the compiler, the session and the snapshot builder all
 * read it.
 */

export interface ModuleRow {
  readonly name: string;
  /** A gradlab module, relative to the package root, with its built extension. */
  readonly from: string;
  /** The export that is the value; "*" for the module namespace (`torch`). */
  readonly export: string;
}

export interface SessionRow {
  readonly name: string;
  readonly session: true;
  /** The declaration the compiler adds; `nodeTypes` tells whether @types/node is loaded. */
  declaration(nodeTypes: boolean): string;
}

export type PreludeRow = ModuleRow | SessionRow;

const BUILTINS = "kernel/session/builtins.js";

export const PRELUDE: readonly PreludeRow[] = [
  { name: "torch", from: "engine/index.js", export: "*" },
  { name: "np", from: "engine/numpy/np.js", export: "*" },
  { name: "print", from: BUILTINS, export: "print" },
  { name: "display", from: BUILTINS, export: "display" },
  { name: "clear_output", from: BUILTINS, export: "clear_output" },
  { name: "input", from: BUILTINS, export: "input" },
  { name: "range", from: BUILTINS, export: "range" },
  { name: "len", from: BUILTINS, export: "len" },
  { name: "zip", from: BUILTINS, export: "zip" },
  { name: "enumerate", from: BUILTINS, export: "enumerate" },
  { name: "dir", from: BUILTINS, export: "dir" },
  { name: "plt", from: "kernel/display/pyplot/pyplot.js", export: "*" },
  { name: "tqdm", from: "kernel/display/tqdm/index.js", export: "tqdm" },
  { name: "trange", from: "kernel/display/tqdm/index.js", export: "trange" },
  { name: "make_dot", from: "kernel/display/torchviz/index.js", export: "make_dot" },
  {
    name: "console",
    session: true,
    declaration: () =>
      "/** The console, writing to the cell's output. */\nexport declare const console: typeof globalThis.console;",
  },
  {
    name: "require",
    session: true,
    declaration: (nodeTypes) =>
      nodeTypes
        ? "export declare const require: NodeJS.Require;"
        : "export declare const require: (id: string) => any;",
  },
  { name: "__dirname", session: true, declaration: () => "export declare const __dirname: string;" },
  { name: "__filename", session: true, declaration: () => "export declare const __filename: string;" },
];

/**
 * gradlab's subpath modules a cell can import (package.json "exports"), by specifier: the
 * compiler types them from these modules and the session loads the same ones.
 */
export const SUBPATH_MODULES: Readonly<Record<string, string>> = {
  "gradlab/pyplot": "kernel/display/pyplot/index.js",
  "gradlab/torchviz": "kernel/display/torchviz/index.js",
  "gradlab/tqdm": "kernel/display/tqdm/index.js",
};

export const PRELUDE_NAMES: readonly string[] = PRELUDE.map((r) => r.name);

export function isModuleRow(row: PreludeRow): row is ModuleRow {
  return "from" in row;
}
