/**
 * Python's assignment creates a name: a learner types `x = torch.arange(4.0)` (seed 001's IPython
 * session) and expects `x` to exist from then on. In the cell language a top-level assignment to
 * a name that nothing declares (not this cell, not an earlier one, not the prelude, not a global)
 * declares it, as if written `let x = ...`:
 *
 *     x = torch.arange(4.0)          ->   let x = torch.arange(4.0)
 *     [a, b] = [1, 2]                ->   let [a, b] = [1, 2]      (when neither is declared)
 *     x = x + 1                      ->   unchanged: x exists now
 *
 * Only statements directly in the cell count (Python's module scope); inside a function or block
 * an undeclared name stays an error, as JavaScript has it. The `let ` is a pure insertion before
 * the statement, so every user token keeps its line and column.
 */
import ts from "./ts.cjs";
import type { Insertion } from "./positions.js";

/** The names an assignment target binds, or null when it is not a plain name or list of names. */
function targetNames(target: ts.Expression): string[] | null {
  if (ts.isIdentifier(target)) return [target.text];
  if (ts.isArrayLiteralExpression(target) && target.elements.length) {
    const names = target.elements.map((e) => (ts.isIdentifier(e) ? e.text : null));
    return names.every((n): n is string => n !== null) ? names : null;
  }
  return null;
}

/**
 * `let ` insertions (at statement starts, in `sf`'s offsets) for the top-level assignments that
 * declare a name. `known(name)` tells whether a name is declared elsewhere (earlier cells, the
 * prelude, globals); the cell's own declarations are found here.
 */
export function bareAssignments(
  sf: ts.SourceFile,
  known: (name: string) => boolean,
  ownNames: ReadonlySet<string>,
): Insertion[] {
  const declared = new Set(ownNames);
  const out: Insertion[] = [];
  for (const stmt of sf.statements) {
    if (!ts.isExpressionStatement(stmt)) continue;
    const e = stmt.expression;
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const names = targetNames(e.left);
    if (!names || new Set(names).size !== names.length) continue;
    if (names.some((n) => declared.has(n) || known(n))) continue;
    out.push({ at: stmt.getStart(sf), text: "let ", span: 0, closing: false });
    for (const n of names) declared.add(n);
  }
  return out;
}
