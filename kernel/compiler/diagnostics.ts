/**
 * Type errors a cell reports: TypeScript's diagnostics on the user's part of the cell, minus the
 * ones the operator transform makes valid (`t * 2` "left-hand side of an arithmetic operation",
 * `b.norm() < 1000` "operator cannot be applied", `w -= g` on a const tensor, `t[0]` index
 * errors under noImplicitAny), with positions in the user's text.
 */
import ts from "./ts.cjs";
import type { CheckedFile } from "./kept_checker.js";
import { asSite, siteKind } from "./operator_sites.js";
import { lineColumn, type ShadowText } from "./positions.js";
import type { TensorTypes } from "./tensor_types.js";

export interface CellDiagnostic {
  /** 1-based, in the user's cell; column in code points. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: number;
  category: "error" | "warning";
  message: string;
}

/** Codes an operator site can cause on itself or its operands. */
const SITE_CODES = new Set([
  2362,
  2363, // The left/right-hand side of an arithmetic operation must be of type 'any', 'number' ...
  2365, // Operator '<' cannot be applied to types 'Tensor' and 'number'.
  2367, // This comparison appears to be unintentional because the types ... have no overlap.
  2322, // Type 'number' is not assignable to type 'Tensor' (compound assignment's result).
  2588, // Cannot assign to 'w' because it is a constant (`w -= ...` is in place).
  2538, // Type 'Tensor' cannot be used as an index type.
  7053,
  7015, // Element implicitly has an 'any' type (noImplicitAny).
  2571,
  18046,
  18048,
  18047, // Object is of type 'unknown' / possibly undefined, for run-time dispatched operands.
  2469, // The '-' operator cannot be applied to type ...
]);

function deepestAt(sf: ts.SourceFile, pos: number): ts.Node {
  let node: ts.Node = sf;
  for (;;) {
    const child = node.getChildren(sf).find((c) => c.getStart(sf) <= pos && pos < c.end);
    if (!child) return node;
    node = child;
  }
}

function operands(n: ts.Node): ts.Node[] {
  if (ts.isBinaryExpression(n))
    return [
      n.left,
      n.right,
      ...(ts.isElementAccessExpression(n.left) ? [n.left.expression, n.left.argumentExpression] : []),
    ];
  if (ts.isPrefixUnaryExpression(n)) return [n.operand];
  if (ts.isElementAccessExpression(n)) return [n.expression, n.argumentExpression];
  return [];
}

/** True when the transform makes this diagnostic's complaint void. */
function madeValid(d: ts.Diagnostic, sf: ts.SourceFile, types: TensorTypes): boolean {
  if (!SITE_CODES.has(d.code) || d.start === undefined) return false;
  const start = d.start,
    end = start + (d.length ?? 0);
  const same = (n: ts.Node) => n.getStart(sf) === start && n.end === end;
  let n: ts.Node | undefined = deepestAt(sf, start);
  for (let depth = 0; n && depth < 8; depth++, n = n.parent) {
    const site = asSite(n);
    if (
      site &&
      siteKind(site, types) &&
      (same(n) || operands(n).some(same) || (site.type === "compound" && n.getStart(sf) === start))
    )
      return true;
  }
  return false;
}

/** The cell's diagnostics: syntax errors, and type errors unless the transform answers them. */
export function cellDiagnostics(checked: CheckedFile, shadow: ShadowText, types: TensorTypes): CellDiagnostic[] {
  const sf = checked.sourceFile;
  const limit = shadow.text.length;
  // The suffix is valid on its own: a syntax error found in it (an unclosed block swallowing it)
  // belongs to the end of the user's code.
  const syntactic = checked
    .syntacticDiagnostics()
    .map((d) => ({ ...d, start: Math.min(d.start ?? 0, limit), length: (d.start ?? 0) >= limit ? 0 : d.length }));
  const all: ts.Diagnostic[] = syntactic.length
    ? syntactic
    : checked.semanticDiagnostics().filter((d) => (d.start ?? 0) < limit && !madeValid(d, sf, types));
  return all
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const s = shadow.toUser(d.start ?? 0),
        e = shadow.toUser((d.start ?? 0) + (d.length ?? 0));
      const a = lineColumn(shadow.user, s),
        b = lineColumn(shadow.user, e);
      return {
        line: a.line,
        column: a.column,
        endLine: b.line,
        endColumn: b.column,
        code: d.code,
        category: "error" as const,
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      };
    });
}
