/**
 * Jupyter's is_complete for TypeScript: `complete` when the code parses, `incomplete` when every
 * syntax error is at the end of the input (an open block, call, template or comment: the user is
 * still typing), `invalid` otherwise. The indent suggestion is two spaces per open bracket.
 */
import ts from "./ts.cjs";

export type Completeness = { status: "complete" | "invalid" } | { status: "incomplete"; indent: string };

/** Magics and help requests are complete lines of their own. */
const SPECIAL = /^\s*(%%?\w+|\?{1,2}\s*[\w$.]+|[\w$.]+\s*\?{1,2})(\s.*)?$/s;

function openBrackets(code: string): number {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, code);
  // NOTE: a `}` that closes a template's `${` must be re-scanned as the template's next part,
  // or the rest of the template is read as code (and the code after it as a template).
  const open: ts.SyntaxKind[] = [];
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
    if (t === ts.SyntaxKind.CloseBraceToken && open.at(-1) === ts.SyntaxKind.TemplateHead)
      t = scanner.reScanTemplateToken(false);
    if (
      t === ts.SyntaxKind.TemplateHead ||
      t === ts.SyntaxKind.OpenBraceToken ||
      t === ts.SyntaxKind.OpenParenToken ||
      t === ts.SyntaxKind.OpenBracketToken
    )
      open.push(t);
    else if (
      t === ts.SyntaxKind.TemplateTail ||
      t === ts.SyntaxKind.CloseBraceToken ||
      t === ts.SyntaxKind.CloseParenToken ||
      t === ts.SyntaxKind.CloseBracketToken
    )
      open.pop();
  }
  return open.filter((t) => t !== ts.SyntaxKind.TemplateHead).length;
}

export function isComplete(code: string): Completeness {
  if (!code.trim()) return { status: "complete" };
  if (SPECIAL.test(code.split("\n")[0]) && /^\s*(%|\?)|\?\s*$/.test(code)) return { status: "complete" };
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (!diags.length) return { status: "complete" };
  const end = code.trimEnd().length;
  const atEnd = diags.every(
    (d) => (d.start ?? 0) >= end || d.code === 1160 /* unterminated template */ || d.code === 1010 /* '*\/' expected */,
  );
  if (!atEnd) return { status: "invalid" };
  const lastLine =
    code
      .split("\n")
      .filter((l) => l.trim())
      .at(-1) ?? "";
  const base = /^\s*/.exec(lastLine)![0];
  const depth = openBrackets(code);
  return { status: "incomplete", indent: depth > 0 ? "  ".repeat(depth) : base };
}
