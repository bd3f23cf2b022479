/**
 * The session-scope transform: turns a cell module into the body of a function run against the
 * session's scope object `__s`, so declarations persist across cells without polluting the
 * process's globals:
 *
 *   const x = 1, [a, b] = f()   ->   __s.x = 1; [__s.a, __s.b] = f();
 *   function f() {}             ->   function f() {}  (hoisted, plus __s.f = f at the top)
 *   class C {}                  ->   __s.C = class C {}
 *   import ts from "typescript" ->   __s.ts = __gl.importDefault(0)   (modules are loaded before the cell runs)
 *   x + y   (x, y top-level)    ->   __s.x + __s.y
 *   last expression statement   ->   return <expr>   (the cell's result)
 *
 * Names from earlier cells come in through the hidden suffix (cell_chain.ts), which is dropped
 * here; references to them resolve to the same `__s` properties.
 */
import ts from "./ts.cjs";
import { isTopLevelDeclaration, persistentList } from "./top_level.js";
import { HELPERS } from "./transform_tensor.js";

export const SCOPE = "__s";

export interface ScopeInfo {
  /** Module specifiers the cell imports, by index (`__gl.importDefault(k)`); the session loads them first. */
  imports: string[];
  /** The cell ends with an expression whose value is its result. */
  hasResult: boolean;
}

const K = ts.SyntaxKind;

/** An identifier that names something (a declaration, a property, a label), not a reference to a binding. */
function isDeclarationName(id: ts.Identifier): boolean {
  const p = id.parent as ts.Node & { name?: ts.Node; propertyName?: ts.Node; label?: ts.Node };
  if (!p) return false;
  if (ts.isQualifiedName(p)) return p.right === id;
  if (ts.isShorthandPropertyAssignment(p)) return false;
  return p.name === id || p.propertyName === id || p.label === id || ts.isMetaProperty(p);
}

export function scopeTransform(
  checker: ts.TypeChecker,
  original: ts.SourceFile,
  userEnd: number,
  info: ScopeInfo,
): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const f = context.factory;
    const ref = (name: string, range?: ts.Node) => {
      const e = f.createPropertyAccessExpression(f.createIdentifier(SCOPE), name);
      return range ? ts.setTextRange(e, range) : e;
    };
    const helper = (name: string, args: ts.Expression[]) =>
      f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(HELPERS), name), undefined, args);
    const stmt = (e: ts.Expression, range: ts.Node) => ts.setTextRange(f.createExpressionStatement(e), range);
    const ex = (n: ts.Node) => ts.visitNode(n, visit) as ts.Expression;

    function persistentRef(id: ts.Identifier): boolean {
      const o = ts.getOriginalNode(id) as ts.Identifier;
      if (!o.parent || isDeclarationName(o)) return false;
      const sym = checker.getSymbolAtLocation(o);
      return !!sym?.declarations?.some(
        (d) =>
          d.getSourceFile() === original &&
          isTopLevelDeclaration(d) &&
          !(ts.isClassDeclaration(d) && o.pos >= d.pos && o.end <= d.end) &&
          (sym.flags & ts.SymbolFlags.Value || sym.flags & ts.SymbolFlags.Alias),
      );
    }

    /** A binding name as an assignment target on the scope: `[a, {b}]` -> `[__s.a, {b: __s.b}]`. */
    function target(name: ts.BindingName): ts.Expression {
      if (ts.isIdentifier(name)) return ref(name.text, name);
      if (ts.isArrayBindingPattern(name))
        return f.createArrayLiteralExpression(
          name.elements.map((el) => {
            if (ts.isOmittedExpression(el)) return f.createOmittedExpression();
            const t = target(el.name);
            if (el.dotDotDotToken) return f.createSpreadElement(t);
            return el.initializer ? f.createAssignment(t, ex(el.initializer)) : t;
          }),
        );
      return f.createObjectLiteralExpression(
        name.elements.map((el) => {
          const t = target(el.name);
          if (el.dotDotDotToken) return f.createSpreadAssignment(t);
          const key = el.propertyName
            ? ts.isComputedPropertyName(el.propertyName)
              ? f.createComputedPropertyName(ex(el.propertyName.expression))
              : el.propertyName
            : (el.name as ts.Identifier).text;
          return f.createPropertyAssignment(key, el.initializer ? f.createAssignment(t, ex(el.initializer)) : t);
        }),
      );
    }

    /** Assignments for a persistent declaration list (null when nothing runs). */
    function assignments(list: ts.VariableDeclarationList): ts.Expression | null {
      const block = (list.flags & ts.NodeFlags.BlockScoped) !== 0;
      const parts: ts.Expression[] = [];
      for (const d of list.declarations) {
        if (d.initializer) parts.push(ts.setTextRange(f.createAssignment(target(d.name), ex(d.initializer)), d));
        else if (block && ts.isIdentifier(d.name))
          parts.push(f.createAssignment(ref(d.name.text, d.name), f.createVoidZero()));
      }
      return parts.length ? parts.reduce((a, b) => f.createComma(a, b)) : null;
    }

    function visit(node: ts.Node): ts.Node | ts.Node[] | undefined {
      if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return node;
      if (ts.isIdentifier(node)) return persistentRef(node) ? ref(node.text, node) : node;
      if (ts.isShorthandPropertyAssignment(node)) {
        const sym = checker.getShorthandAssignmentValueSymbol(ts.getOriginalNode(node));
        if (sym?.declarations?.some((d) => d.getSourceFile() === original && isTopLevelDeclaration(d))) {
          const value = node.objectAssignmentInitializer
            ? f.createAssignment(ref(node.name.text), ex(node.objectAssignmentInitializer))
            : ref(node.name.text);
          return ts.setTextRange(f.createPropertyAssignment(node.name.text, value), node);
        }
      }
      const o = ts.getOriginalNode(node);
      if (ts.isVariableStatement(node) && ts.isVariableStatement(o) && o.parent && persistentList(o.declarationList)) {
        if (node.modifiers?.some((m) => m.kind === K.DeclareKeyword)) return undefined;
        const e = assignments(node.declarationList);
        return e ? stmt(e, node) : undefined;
      }
      if (
        (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) &&
        node.initializer &&
        ts.isVariableDeclarationList(node.initializer) &&
        node.initializer.parent &&
        persistentList(node.initializer)
      ) {
        const init = node.initializer;
        if (ts.isForStatement(node))
          return f.updateForStatement(
            node,
            assignments(init) ?? undefined,
            node.condition && ex(node.condition),
            node.incrementor && ex(node.incrementor),
            ts.visitNode(node.statement, visit) as ts.Statement,
          );
        const t = target(init.declarations[0].name);
        return ts.isForOfStatement(node)
          ? f.updateForOfStatement(
              node,
              node.awaitModifier,
              t,
              ex(node.expression),
              ts.visitNode(node.statement, visit) as ts.Statement,
            )
          : f.updateForInStatement(node, t, ex(node.expression), ts.visitNode(node.statement, visit) as ts.Statement);
      }
      if (ts.isCallExpression(node) && node.expression.kind === K.ImportKeyword)
        return helper("dynamicImport", node.arguments.map(ex));
      return ts.visitEachChild(node, visit, context);
    }

    const withoutExport = <T extends ts.Node>(n: T): ts.ModifierLike[] | undefined =>
      (ts.canHaveModifiers(n) ? ts.getModifiers(n) : undefined)?.filter(
        (m) => m.kind !== K.ExportKeyword && m.kind !== K.DefaultKeyword,
      );
    const isDeclare = (n: ts.Node) =>
      (ts.canHaveModifiers(n) ? ts.getModifiers(n) : undefined)?.some((m) => m.kind === K.DeclareKeyword) ?? false;

    function importModule(spec: ts.Expression): ts.Expression {
      info.imports.push((spec as ts.StringLiteral).text);
      return f.createNumericLiteral(info.imports.length - 1);
    }

    /** One top-level statement: what goes in the imports, the hoisted part, and the body. */
    function topLevel(
      st: ts.Statement,
      out: { imports: ts.Statement[]; hoisted: ts.Statement[]; body: ts.Statement[] },
      isLast: boolean,
    ): void {
      const o = ts.getOriginalNode(st) as ts.Statement;
      if (ts.isImportDeclaration(st)) {
        const c = st.importClause;
        if (c?.isTypeOnly) return;
        const k = importModule(st.moduleSpecifier);
        if (!c) return;
        if (c.name) out.imports.push(stmt(f.createAssignment(ref(c.name.text), helper("importDefault", [k])), st));
        const nb = c.namedBindings;
        if (nb && ts.isNamespaceImport(nb))
          out.imports.push(stmt(f.createAssignment(ref(nb.name.text), helper("importStar", [k])), st));
        if (nb && ts.isNamedImports(nb))
          for (const s of nb.elements)
            if (!s.isTypeOnly)
              out.imports.push(
                stmt(
                  f.createAssignment(
                    ref(s.name.text),
                    helper("importNamed", [k, f.createStringLiteral((s.propertyName ?? s.name).text)]),
                  ),
                  st,
                ),
              );
        return;
      }
      if (ts.isImportEqualsDeclaration(st)) {
        if (st.isTypeOnly) return;
        const r = st.moduleReference;
        const value = ts.isExternalModuleReference(r)
          ? helper("importRequire", [importModule(r.expression)])
          : ex(entityExpression(r));
        out.imports.push(stmt(f.createAssignment(ref(st.name.text), value), st));
        return;
      }
      if (ts.isExportDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) return;
      if (ts.isExportAssignment(st)) {
        out.body.push(stmt(ex(st.expression), st));
        return;
      }
      if (isDeclare(st)) return;
      if (ts.isFunctionDeclaration(st)) {
        if (!st.body || !st.name) return;
        const fn = ts.visitEachChild(st, visit, context);
        out.body.push(
          f.updateFunctionDeclaration(
            fn,
            withoutExport(fn),
            fn.asteriskToken,
            fn.name,
            fn.typeParameters,
            fn.parameters,
            fn.type,
            fn.body,
          ),
        );
        out.hoisted.push(stmt(f.createAssignment(ref(st.name.text), f.createIdentifier(st.name.text)), st));
        return;
      }
      if (ts.isClassDeclaration(st) && st.name) {
        const c = ts.visitEachChild(st, visit, context);
        const expr = f.createClassExpression(withoutExport(c), c.name, c.typeParameters, c.heritageClauses, c.members);
        out.body.push(stmt(f.createAssignment(ref(st.name.text), ts.setTextRange(expr, st)), st));
        return;
      }
      if (ts.isEnumDeclaration(st) || (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name))) {
        const d = ts.visitEachChild(st, visit, context) as ts.EnumDeclaration | ts.ModuleDeclaration;
        out.body.push(
          ts.isEnumDeclaration(d)
            ? f.updateEnumDeclaration(d, withoutExport(d), d.name, d.members)
            : f.updateModuleDeclaration(d, withoutExport(d), d.name, d.body),
        );
        const sym = checker.getSymbolAtLocation((o as ts.EnumDeclaration).name);
        if (ts.isEnumDeclaration(st) || (sym && sym.flags & ts.SymbolFlags.ValueModule))
          out.body.push(stmt(f.createAssignment(ref(st.name.text), f.createIdentifier(st.name.text)), st));
        return;
      }
      if (isLast && ts.isExpressionStatement(o) && !isAssignment(o.expression)) {
        info.hasResult = true;
        out.body.push(ts.setTextRange(f.createReturnStatement(ex((st as ts.ExpressionStatement).expression)), st));
        return;
      }
      const v = ts.visitNode(st, visit);
      if (v) out.body.push(...((Array.isArray(v) ? v : [v]) as ts.Statement[]));
    }

    return (sf) => {
      const out = { imports: [] as ts.Statement[], hoisted: [] as ts.Statement[], body: [] as ts.Statement[] };
      const user = sf.statements.filter((st) => {
        const o = ts.getOriginalNode(st);
        return o.pos < 0 || o.pos < userEnd;
      });
      const lastOriginal = [...original.statements].reverse().find((st) => st.getStart(original) < userEnd);
      for (const st of user) topLevel(st, out, ts.getOriginalNode(st) === lastOriginal);
      return f.updateSourceFile(sf, [...out.imports, ...out.hoisted, ...out.body]);
    };
  };
}

function isAssignment(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return (
    (ts.isBinaryExpression(e) &&
      e.operatorToken.kind >= K.FirstAssignment &&
      e.operatorToken.kind <= K.LastAssignment) ||
    ts.isVoidExpression(e)
  );
}

function entityExpression(e: ts.EntityName): ts.Expression {
  return ts.isIdentifier(e) ? e : ts.factory.createPropertyAccessExpression(entityExpression(e.left), e.right);
}
