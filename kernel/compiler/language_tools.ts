/**
 * Completions and inspection at a cursor, type-aware: the cell is typed the way it would be
 * compiled (earlier cells' names, the typing pass's tensor types), so after `const y = x * 2`,
 * `y.` offers Tensor's methods. Cursor positions are UTF-16 offsets here; the session converts
 * Jupyter's code points.
 */
import ts from "./ts.cjs";
import type { CellCompiler } from "./compiler.js";

export interface Completions {
  matches: string[];
  /** Replaced span in the user's code (UTF-16 offsets). */
  start: number;
  end: number;
  /** Jupyter's `_jupyter_types_experimental` entries. */
  types: { text: string; type: string; start: number; end: number }[];
}

export interface Inspection {
  found: boolean;
  signature: string;
  documentation: string;
  kind: string;
  source?: string;
  file?: string;
}

const HIDDEN = /^__gl_|^__gradlab/;

function identifierBefore(code: string, pos: number): number {
  let start = pos;
  while (start > 0 && /[\w$]/.test(code[start - 1])) start--;
  return start;
}

export class LanguageTools {
  private readonly file: string;
  constructor(private readonly compiler: CellCompiler) {
    this.file = compiler.toolsFile;
  }

  private typed(code: string) {
    return this.compiler.typed(this.file, code, 3, true);
  }

  complete(code: string, pos: number): Completions {
    const start = identifierBefore(code, pos);
    const prefix = code.slice(start, pos);
    const { shadow } = this.typed(code);
    const service = this.compiler.host.service;
    const info = service.getCompletionsAtPosition(this.file, shadow.toShadow(pos), {
      includeCompletionsWithInsertText: true,
      includeCompletionsForModuleExports: false,
      includeAutomaticOptionalChainCompletions: false,
    });
    const entries = (info?.entries ?? [])
      .filter(
        (e) =>
          e.name.startsWith(prefix) &&
          !HIDDEN.test(e.name) &&
          (e.kind !== ts.ScriptElementKind.keyword || prefix.length > 0),
      )
      .sort((a, b) =>
        a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
    const seen = new Set<string>();
    const unique = entries.filter((e) => !seen.has(e.name) && seen.add(e.name));
    const methods = info?.isMemberCompletion ? exposedMethodsAt(service, this.file, shadow.toShadow(pos)) : null;
    const kind = (e: ts.CompletionEntry) =>
      e.kind === ts.ScriptElementKind.memberVariableElement && methods?.has(e.name)
        ? ts.ScriptElementKind.memberFunctionElement
        : e.kind;
    return {
      matches: unique.map((e) => e.name),
      start,
      end: pos,
      types: unique.map((e) => ({ text: e.name, type: kind(e), start, end: pos })),
    };
  }

  /** The symbol at (or just before) the cursor; inside a call's parentheses, the function called. */
  inspect(code: string, pos: number, withSource = false): Inspection {
    const { shadow, program } = this.typed(code);
    const service = this.compiler.host.service;
    let at = shadow.toShadow(pos);
    const text = shadow.text;
    const isName = (i: number) => i >= 0 && i < text.length && /[\w$]/.test(text[i]);
    if (!isName(at) && isName(at - 1)) at -= 1;
    else if (!isName(at)) {
      const help = service.getSignatureHelpItems(this.file, at, undefined);
      if (help) at = Math.max(0, help.applicableSpan.start - 2);
      while (at > 0 && !isName(at)) at--;
    }
    let quick = service.getQuickInfoAtPosition(this.file, at);
    if (quick?.kind === ts.ScriptElementKind.alias) {
      // An imported name (the prelude's, an earlier cell's): describe what it stands for.
      const def = service.getDefinitionAtPosition(this.file, at)?.[0];
      const there = def && service.getQuickInfoAtPosition(def.fileName, def.textSpan.start);
      if (there)
        quick = {
          ...there,
          documentation: there.documentation?.length ? there.documentation : quick.documentation,
          tags: there.tags?.length ? there.tags : quick.tags,
        };
    }
    if (quick?.kind && !quick.documentation?.length) {
      const def = service.getDefinitionAtPosition(this.file, at)?.[0];
      const docs = def && boundFunctionDocs(service, def.fileName, def.textSpan.start);
      if (docs?.length) quick = { ...quick, documentation: docs };
    }
    if (!quick || !quick.kind) return { found: false, signature: "", documentation: "", kind: "" };
    let signature = ts.displayPartsToString(quick.displayParts);
    if (quick.kind === ts.ScriptElementKind.memberVariableElement) {
      const method = exposedMethodSignature(service, this.file, at);
      if (method) {
        signature = method;
        quick = { ...quick, kind: ts.ScriptElementKind.memberFunctionElement };
      }
    }
    const tags = (quick.tags ?? []).map((t) => `@${t.name}${t.text ? " " + ts.displayPartsToString(t.text) : ""}`);
    const documentation = [ts.displayPartsToString(quick.documentation), ...tags].filter(Boolean).join("\n");
    const result: Inspection = { found: true, signature, documentation, kind: quick.kind };
    if (withSource) {
      const def = service.getDefinitionAtPosition(this.file, at)?.[0];
      const sf = def && program.getSourceFile(def.fileName);
      if (def && sf) {
        const node = findDeclaration(sf, def.textSpan.start);
        const cell = this.compiler.cellSources.get(def.fileName);
        if (node && cell) result.source = cell.user.slice(cell.toUser(node.getStart(sf)), cell.toUser(node.end));
        else if (node) {
          result.source = node.getText(sf);
          result.file = def.fileName;
        }
      }
    }
    return result;
  }
}

function findDeclaration(sf: ts.SourceFile, pos: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node) => {
    if (pos < n.getStart(sf) || pos >= n.end) return;
    if (
      ts.isFunctionDeclaration(n) ||
      ts.isClassDeclaration(n) ||
      ts.isMethodDeclaration(n) ||
      ts.isVariableStatement(n) ||
      ts.isInterfaceDeclaration(n) ||
      ts.isTypeAliasDeclaration(n) ||
      ts.isEnumDeclaration(n) ||
      ts.isPropertyDeclaration(n) ||
      ts.isGetAccessor(n)
    )
      found = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/**
 * The documentation of the function a bound const stands for: `torch.ones` is typed
 * `typeof creationNs.ones & Keywords_torch_ones` (api/keywords.ts binds keyword arguments), and
 * its documentation is on the function its type comes from.
 */
function boundFunctionDocs(
  service: ts.LanguageService,
  fileName: string,
  start: number,
): ts.SymbolDisplayPart[] | null {
  const program = service.getProgram();
  const name = program && identifierAt(program, fileName, start, (id, file) => id.getStart(file) === start);
  if (!program || !name) return null;
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(name);
  if (!symbol) return null;
  const type = checker.getTypeOfSymbolAtLocation(symbol, name);
  for (const part of type.isIntersection() ? type.types : [type]) {
    const docs = part.getSymbol()?.getDocumentationComment(checker);
    if (docs?.length) return docs;
  }
  return null;
}

/** The identifier around position `pos` of a file that `match` picks (only nodes spanning `pos` are visited). */
function identifierAt(
  program: ts.Program,
  fileName: string,
  pos: number,
  match: (id: ts.Identifier, file: ts.SourceFile) => boolean,
): ts.Identifier | null {
  const file = program.getSourceFile(fileName);
  if (!file) return null;
  let found: ts.Identifier | null = null;
  const visit = (n: ts.Node): void => {
    if (found || pos < n.pos || pos > n.end) return;
    if (ts.isIdentifier(n) && match(n, file)) found = n;
    else ts.forEachChild(n, visit);
  };
  visit(file);
  return found;
}

/** Whether a property is a method made from its function (engine/tensor/expose.ts): declared by the function. */
function isExposedMethod(symbol: ts.Symbol): boolean {
  const declarations = symbol.declarations ?? [];
  return (
    !!(symbol.flags & ts.SymbolFlags.Property) &&
    declarations.length > 0 &&
    declarations.every(ts.isFunctionDeclaration)
  );
}

/** The names of the exposed methods of the object completed at `pos` (`x.` or `x.su`), to list them as methods. */
function exposedMethodsAt(service: ts.LanguageService, fileName: string, pos: number): Set<string> | null {
  const program = service.getProgram();
  const name =
    program &&
    identifierAt(
      program,
      fileName,
      pos,
      (id) => id.end === pos && ts.isPropertyAccessExpression(id.parent) && id.parent.name === id,
    );
  if (!program || !name) return null;
  const checker = program.getTypeChecker();
  const object = checker.getTypeAtLocation((name.parent as ts.PropertyAccessExpression).expression);
  return new Set(
    checker
      .getPropertiesOfType(object)
      .filter(isExposedMethod)
      .map((p) => p.name),
  );
}

/**
 * A Tensor method made from its function (engine/tensor/expose.ts) is a property of a mapped type
 * to TypeScript, shown as `(property) sum: ((dim?: ...) => Tensor) & {...}`; described here as the
 * method it is: `(method) Tensor.sum(dim?: ...): Tensor (+4 overloads)`. Null for anything else.
 */
function exposedMethodSignature(service: ts.LanguageService, fileName: string, at: number): string | null {
  const program = service.getProgram();
  const name = program && identifierAt(program, fileName, at, (id, file) => id.getStart(file) <= at && at < id.end);
  if (!program || !name || !ts.isPropertyAccessExpression(name.parent) || name.parent.name !== name) return null;
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(name);
  if (!symbol || !isExposedMethod(symbol)) return null;
  const signatures = checker.getTypeOfSymbolAtLocation(symbol, name).getCallSignatures();
  if (!signatures.length) return null;
  const owner = checker.getTypeAtLocation(name.parent.expression).getSymbol()?.name ?? "";
  const more = signatures.length - 1;
  return (
    `(method) ${owner ? owner + "." : ""}${symbol.name}${checker.signatureToString(signatures[0], name)}` +
    (more ? ` (+${more} overload${more > 1 ? "s" : ""})` : "")
  );
}
