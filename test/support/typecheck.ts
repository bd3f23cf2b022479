/**
 * Type-checking a file with TypeScript's own checker, as the tests of typed APIs do (defineOp,
 * the backend vocabulary, display(), the session bridge, options objects, graph nodes): a user's
 * project with NodeNext modules, ES2022 and @types/node.
 */
import { join, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(import.meta.dirname, "..", "..");

export interface CheckOptions {
  /** A strict tsconfig (the default), or a cell's (not strict). */
  strict?: boolean;
  /** The file's text, instead of reading it from disk (the file need not exist). */
  code?: string;
  /** Every diagnostic of the program, not only the file's own. */
  all?: boolean;
  /** The lib files a cell sees (es2023 + disposable) instead of the target's default. */
  cellLib?: boolean;
}

/** The diagnostics of `file` (or of the whole program with `all`). */
export function typeDiagnostics(file: string, opts: CheckOptions = {}): ts.Diagnostic[] {
  const options: ts.CompilerOptions = {
    strict: opts.strict ?? true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [join(ROOT, "node_modules/@types")],
    ...(opts.cellLib ? { lib: ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts"] } : {}),
  };
  const host = ts.createCompilerHost(options);
  if (opts.code !== undefined) {
    const { code } = opts;
    const readFile = host.readFile.bind(host),
      fileExists = host.fileExists.bind(host);
    host.readFile = (f) => (f === file ? code : readFile(f));
    host.fileExists = (f) => f === file || fileExists(f);
  }
  const program = ts.createProgram([file], options, host);
  return [...ts.getPreEmitDiagnostics(program, opts.all ? undefined : program.getSourceFile(file))];
}

/** A diagnostic's message, its chain joined by `sep`. */
export const messageText = (d: ts.Diagnostic, sep = "\n"): string =>
  ts.flattenDiagnosticMessageText(d.messageText, sep);

/** The messages of `file`'s type errors. */
export const typeErrors = (file: string, opts: CheckOptions = {}): string[] =>
  typeDiagnostics(file, opts).map((d) => messageText(d));
