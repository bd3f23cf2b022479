/**
 * The tensor-operator transform: a type-directed `ts.TransformerFactory` run at emit time on the
 * typed shadow AST. SPEC "The cell language":
 *
 *   a * b, a + 1        a.mul(b), a.add(1)               (a Tensor on the left)
 *   2 * t, 2 - t        t.mul(2), t.__rsub__(2)          (Python's reflected ops: the tensor is recorded first)
 *   -t                  t.neg()
 *   t < 1000, t == u    t.lt(1000), t.eq(u)              (=== and !==, and comparisons with null, stay JS)
 *   w -= lr * g         w.sub_(lr.mul(g)) ...             (in place, also on a const binding)
 *   x[0], x["1:3"]      x.index(0), x.index("1:3")
 *   x[0] = 5            x.__setitem__(0, 5)
 *   if (t), !t, c ? :   t.__bool__()                     (Python's bool(t); && || keep their value semantics)
 *   untyped a * 2       __gl.binop("*", a, 2)            (any/unknown operands: decided at run time)
 *   arr * 2, arr += 1   __gl.binop("*", arr, 2), __gl.iop("+=", arr, 1)   (numpy arrays: the run-time helpers, in place for +=)
 *
 * Plain number and string code is emitted untouched. Float literals in creation calls are the
 * float_hints.ts rule; `import(...)` goes through the session's module loader.
 */
import ts from "./ts.cjs";
import { REFLECTED, SWAPPED, asSite, operatorText, siteKind, type Site } from "./operator_sites.js";
import type { TensorTypes } from "./tensor_types.js";
import { floatHint } from "./float_hints.js";

/** The run-time helper object's name in emitted code (kernel/session/runtime.ts). */
export const HELPERS = "__gl";

function isSimple(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return isSimple(e.expression);
  if (ts.isNumericLiteral(e) || ts.isStringLiteralLike(e) || ts.isIdentifier(e)) return true;
  const k = e.kind;
  if (
    k === ts.SyntaxKind.TrueKeyword ||
    k === ts.SyntaxKind.FalseKeyword ||
    k === ts.SyntaxKind.NullKeyword ||
    k === ts.SyntaxKind.ThisKeyword
  )
    return true;
  if (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand)) return true;
  return ts.isPropertyAccessExpression(e) && isSimple(e.expression);
}

export function tensorTransform(types: TensorTypes, userEnd: number): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const f = context.factory;
    const helper = (name: string, args: ts.Expression[]) =>
      f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(HELPERS), name), undefined, args);
    const method = (target: ts.Expression, name: string, args: ts.Expression[]) =>
      f.createCallExpression(f.createPropertyAccessExpression(target, name), undefined, args);
    const str = (s: string) => f.createStringLiteral(s);
    const ex = (n: ts.Node) => ts.visitNode(n, visit) as ts.Expression;

    function truth(expr: ts.Expression): ts.Expression {
      if (ts.isParenthesizedExpression(expr)) return f.updateParenthesizedExpression(expr, truth(expr.expression));
      if (
        ts.isBinaryExpression(expr) &&
        (expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
          expr.operatorToken.kind === ts.SyntaxKind.BarBarToken)
      )
        return f.updateBinaryExpression(expr, truth(expr.left), expr.operatorToken, truth(expr.right));
      if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken)
        return f.updatePrefixUnaryExpression(expr, truth(expr.operand));
      const kind = types.kind(expr);
      const v = ex(expr);
      if (kind === "tensor") return method(v, "__bool__", []);
      if (kind === "dynamic" || kind === "ndarray") return helper("truth", [v]);
      return v;
    }

    /** `a && b` / `a || b` as values: Python's `and`/`or` return an operand, tested with bool(). */
    function logical(node: ts.BinaryExpression): ts.Expression {
      const kind = types.kind(node.left);
      if (kind !== "tensor" && kind !== "dynamic" && kind !== "ndarray") return ts.visitEachChild(node, visit, context);
      const tmp = f.createTempVariable(context.hoistVariableDeclaration);
      const test = kind === "tensor" ? method(tmp, "__bool__", []) : helper("truth", [tmp]);
      const right = ex(node.right);
      const and = node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken;
      return f.createParenthesizedExpression(
        f.createComma(
          f.createAssignment(tmp, ex(node.left)),
          f.createConditionalExpression(test, undefined, and ? right : tmp, undefined, and ? tmp : right),
        ),
      );
    }

    function rewrite(site: Site, kind: "tensor" | "ndarray" | "dynamic"): ts.Expression {
      switch (site.type) {
        case "arithmetic":
        case "comparison": {
          const { left, right, operatorToken } = site.node;
          const L = ex(left),
            R = ex(right);
          if (kind !== "tensor")
            return helper(site.type === "arithmetic" ? "binop" : "cmp", [str(operatorText(operatorToken.kind)), L, R]);
          if (types.kind(left) === "tensor") return method(L, site.method, [R]);
          const reflected = site.type === "arithmetic" ? REFLECTED[site.method] : SWAPPED[site.method];
          if (!reflected) return helper("rmod", [L, R]);
          return isSimple(left) ? method(R, reflected, [L]) : helper("rcall", [str(reflected), L, R]);
        }
        case "negate":
          return kind === "tensor" ? method(ex(site.node.operand), "neg", []) : helper("neg", [ex(site.node.operand)]);
        case "index": {
          const o = ex(site.node.expression),
            k = ex(site.node.argumentExpression);
          return kind === "tensor" ? method(o, "index", [k]) : helper("getitem", [o, k]);
        }
        case "setitem": {
          const o = ex(site.node.left.expression),
            k = ex(site.node.left.argumentExpression),
            v = ex(site.node.right);
          return kind === "tensor" ? method(o, "__setitem__", [k, v]) : helper("setitem", [o, k, v]);
        }
        case "compound": {
          const target = site.node.left,
            R = ex(site.node.right);
          const op = operatorText(site.node.operatorToken.kind);
          if (ts.isElementAccessExpression(target))
            return helper("isetitem", [
              ex(target.expression),
              ex(target.argumentExpression),
              str(kind === "tensor" ? site.method : op),
              R,
            ]);
          if (kind === "tensor") return method(ex(target), site.method, [R]);
          // In place, as numpy's `a += b` (also on a const binding); the helper returns the array.
          if (kind === "ndarray") return helper("iop", [str(op), ex(target), R]);
          if (!ts.isIdentifier(target) && !ts.isPropertyAccessExpression(target))
            return ts.visitEachChild(site.node, visit, context);
          return f.createAssignment(ex(target), helper("iop", [str(op), ex(target), R]));
        }
      }
    }

    function visit(node: ts.Node): ts.Node {
      if (node.pos >= userEnd || (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node))) return node;
      const site = asSite(node);
      if (site) {
        const kind = siteKind(site, types);
        if (kind) return ts.setTextRange(rewrite(site, kind), node);
      }
      if (ts.isIfStatement(node))
        return f.updateIfStatement(
          node,
          truth(node.expression),
          ts.visitNode(node.thenStatement, visit) as ts.Statement,
          node.elseStatement && (ts.visitNode(node.elseStatement, visit) as ts.Statement),
        );
      if (ts.isWhileStatement(node))
        return f.updateWhileStatement(
          node,
          truth(node.expression),
          ts.visitNode(node.statement, visit) as ts.Statement,
        );
      if (ts.isDoStatement(node))
        return f.updateDoStatement(node, ts.visitNode(node.statement, visit) as ts.Statement, truth(node.expression));
      if (ts.isForStatement(node) && node.condition)
        return f.updateForStatement(
          node,
          node.initializer && (ts.visitNode(node.initializer, visit) as ts.ForInitializer),
          truth(node.condition),
          node.incrementor && ex(node.incrementor),
          ts.visitNode(node.statement, visit) as ts.Statement,
        );
      if (ts.isConditionalExpression(node))
        return f.updateConditionalExpression(
          node,
          truth(node.condition),
          node.questionToken,
          ex(node.whenTrue),
          node.colonToken,
          ex(node.whenFalse),
        );
      if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken)
        return f.updatePrefixUnaryExpression(node, truth(node.operand));
      if (
        ts.isBinaryExpression(node) &&
        (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
          node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
      )
        return logical(node);
      if (ts.isCallExpression(node)) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword)
          return ts.setTextRange(helper("dynamicImport", node.arguments.map(ex)), node);
        const hinted = floatHint(node, types.checker, f, ex, (arg) => helper("floatOpts", arg ? [arg] : []));
        if (hinted) return hinted;
      }
      return ts.visitEachChild(node, visit, context);
    }

    return (sf) => f.updateSourceFile(sf, ts.visitLexicalEnvironment(sf.statements, visit, context));
  };
}
