/**
 * A cell's top-level declarations: the names that persist into later cells. `let`/`const`/`var`
 * bindings (also destructured, and `var` in top-level loops as Python's loop variables persist),
 * functions, classes, enums, namespaces, interfaces, type aliases and import bindings.
 * `using` declarations end with their cell and do not persist.
 */
import ts from "./ts.cjs";

/** How later cells see a name: a mutable or constant variable, or an alias (functions, classes, types, imports). */
export type DeclKind = "let" | "const" | "alias";
export interface TopLevelName {
  name: string;
  kind: DeclKind /** has a run-time value */;
  value: boolean;
}

const isUsing = (list: ts.VariableDeclarationList) => (list.flags & ts.NodeFlags.Using) !== 0;
const isBlockScoped = (list: ts.VariableDeclarationList) => (list.flags & ts.NodeFlags.BlockScoped) !== 0;

/** Binding names of a declaration name, destructuring included. */
export function bindingNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  const out: ts.Identifier[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

/** True when no function, class body or namespace lies between `node` and the source file. */
function atModuleScope(node: ts.Node): boolean {
  for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isFunctionLike(p) || ts.isClassLike(p) || ts.isModuleBlock(p) || ts.isClassStaticBlockDeclaration(p))
      return false;
  }
  return true;
}

function declarationList(node: ts.Node): ts.VariableDeclarationList | undefined {
  let p: ts.Node | undefined = node;
  while (
    p &&
    (ts.isBindingElement(p) ||
      ts.isObjectBindingPattern(p) ||
      ts.isArrayBindingPattern(p) ||
      ts.isVariableDeclaration(p))
  )
    p = p.parent;
  return p && ts.isVariableDeclarationList(p) ? p : undefined;
}

/** Is this variable declaration list one whose bindings persist (top-level let/const, or a `var` outside functions)? */
export function persistentList(list: ts.VariableDeclarationList): boolean {
  if (isUsing(list)) return false;
  if (isBlockScoped(list)) return ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
  return atModuleScope(list);
}

/** Is `decl` a declaration whose name persists across cells? */
export function isTopLevelDeclaration(decl: ts.Node): boolean {
  if (ts.isVariableDeclaration(decl) || ts.isBindingElement(decl)) {
    const list = declarationList(decl);
    return !!list && persistentList(list);
  }
  if (
    ts.isFunctionDeclaration(decl) ||
    ts.isClassDeclaration(decl) ||
    ts.isEnumDeclaration(decl) ||
    ts.isInterfaceDeclaration(decl) ||
    ts.isTypeAliasDeclaration(decl) ||
    ts.isImportEqualsDeclaration(decl)
  )
    return ts.isSourceFile(decl.parent);
  if (ts.isModuleDeclaration(decl)) return ts.isSourceFile(decl.parent) && ts.isIdentifier(decl.name);
  if (ts.isImportClause(decl)) return ts.isSourceFile(decl.parent.parent);
  if (ts.isNamespaceImport(decl)) return ts.isSourceFile(decl.parent.parent.parent);
  if (ts.isImportSpecifier(decl)) return ts.isSourceFile(decl.parent.parent.parent.parent);
  return false;
}

/** The persistent names a cell declares, in order (statements that start before `end` only). */
export function topLevelNames(sf: ts.SourceFile, end = sf.text.length): TopLevelName[] {
  const out = new Map<string, TopLevelName>();
  const add = (name: string, kind: DeclKind, value: boolean) => {
    const old = out.get(name);
    // A class and an interface (or a function and a namespace) can merge: keep the value meaning.
    if (!old || (!old.value && value)) out.set(name, { name, kind, value });
  };
  const visitVars = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && persistentList(node)) {
      const kind: DeclKind = node.flags & ts.NodeFlags.Const ? "const" : "let";
      for (const d of node.declarations) for (const id of bindingNames(d.name)) add(id.text, kind, true);
    }
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isModuleDeclaration(node)) return;
    ts.forEachChild(node, visitVars);
  };
  for (const st of sf.statements) {
    if (st.getStart(sf) >= end) break;
    const declared =
      ts.canHaveModifiers(st) && !!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
    if (ts.isFunctionDeclaration(st) && st.name) add(st.name.text, "alias", !declared);
    else if (ts.isClassDeclaration(st) && st.name) add(st.name.text, "alias", !declared);
    else if (ts.isEnumDeclaration(st)) add(st.name.text, "alias", !declared);
    else if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) add(st.name.text, "alias", !declared);
    else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) add(st.name.text, "alias", false);
    else if (ts.isImportEqualsDeclaration(st)) add(st.name.text, "alias", !st.isTypeOnly);
    else if (ts.isImportDeclaration(st) && st.importClause) {
      const c = st.importClause;
      const typeOnly = c.isTypeOnly;
      if (c.name) add(c.name.text, "alias", !typeOnly);
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, "alias", !typeOnly);
      if (nb && ts.isNamedImports(nb))
        for (const s of nb.elements) add(s.name.text, "alias", !typeOnly && !s.isTypeOnly);
    } else visitVars(st);
  }
  return [...out.values()];
}
