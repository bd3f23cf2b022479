/**
 * Statement boundaries that follow lines, as a Python user writes them. JavaScript's automatic
 * semicolon insertion does not end a statement before a line that starts with `(`, `[` or a
 * template literal, so
 *
 *     const v = torch.randn(3)         ->   const v = torch.randn(3);     (a `;` after the
 *     (v * 2).sum().backward()              (v * 2).sum().backward()       line's last token)
 *
 *     let t = a                        ->   let t = a;
 *     [a, b] = [b, a]                       [a, b] = [b, a]
 *
 * A join is cut when the line before is a complete statement in a statement list (the cell, a
 * block, a function body, a case clause): the cut is tried on the text, and kept only if the
 * parse then has the two statements side by side and no new syntax error. An explicit
 * continuation never forms a join (after `+`, `,`, `(` or `[` the line's `(` opens an operand),
 * and `x\n  .add(1)` starts with `.`: both stay one statement.
 *
 * The `;` goes right after the previous line's last token (before a trailing comment), so every
 * line keeps its number and every user token its column. A join that cannot be cut (inside an
 * argument list or array literal) stays as JavaScript reads it; when the cell then has an error
 * on it, the error says what happened and how to write it (joinHint).
 */
import ts from "./ts.cjs";
import type { Insertion } from "./positions.js";

/** A line-start `(`, `[` or template that JavaScript joins to the expression ending the line before. */
export interface LineJoin {
  /** The end of the joined expression (the previous line's last token): where a `;` would go. */
  cut: number;
  /** The `(`, `[` or backtick that starts the line. */
  opener: number;
  /** The whole joined expression (`a\n(b)`), for matching errors. */
  start: number;
  end: number;
}

/** A `;` that ends the statement at `at` (pure insertion, anchored at the previous token's end). */
const semicolon = (at: number): Insertion => ({ at, text: ";", span: Number.MAX_SAFE_INTEGER, closing: false });

/** The offset of the first token at or after `pos` (past whitespace and comments). */
function tokenAfter(text: string, pos: number): number {
  const trivia = /(?:\s|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/)*/y;
  trivia.lastIndex = pos;
  trivia.exec(text);
  return trivia.lastIndex;
}

const hasLineBreak = (text: string, from: number, to: number) => /[\n\r\u2028\u2029]/.test(text.slice(from, to));

/** Every place in `sf` where a line-start `(`, `[` or template continues the expression before it. */
export function lineJoins(sf: ts.SourceFile): LineJoin[] {
  const text = sf.text;
  const out: LineJoin[] = [];
  const visit = (node: ts.Node): void => {
    let before: ts.Node | undefined;
    if (
      (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
      !node.typeArguments &&
      node.arguments &&
      !(ts.isCallExpression(node) && node.questionDotToken)
    )
      before = node.expression;
    else if (ts.isElementAccessExpression(node) && !node.questionDotToken) before = node.expression;
    else if (ts.isTaggedTemplateExpression(node) && !node.typeArguments) before = node.tag;
    if (before) {
      const opener = tokenAfter(text, before.end);
      if ("([`".includes(text[opener]) && hasLineBreak(text, before.end, opener))
        out.push({ cut: before.end, opener, start: node.getStart(sf), end: node.end });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.sort((a, b) => a.opener - b.opener);
}

const isStatementList = (n: ts.Node) =>
  ts.isSourceFile(n) || ts.isBlock(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n);

const parseErrors = (sf: ts.SourceFile) =>
  ((sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? []).length;

/** Does `sf` have, in one statement list, a statement ending at `end` followed by one starting at `start`? */
function adjacentStatements(sf: ts.SourceFile, end: number, start: number): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.pos > start || node.end < end) return;
    if (isStatementList(node)) {
      const list = (node as ts.Node & { statements: ts.NodeArray<ts.Statement> }).statements;
      for (let i = 1; i < list.length; i++)
        if (list[i - 1].end === end && list[i].getStart(sf) === start) {
          found = true;
          return;
        }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Apply `;` insertions (sorted by position) to `text`. */
function withSemicolons(text: string, at: readonly number[]): string {
  let out = "",
    last = 0;
  for (const p of at) {
    out += text.slice(last, p) + ";";
    last = p;
  }
  return out + text.slice(last);
}

export interface StatementLines {
  /** The `;`s that end statements at line ends (positions in the user's text). */
  semicolons: Insertion[];
  /** Joins left as JavaScript reads them. */
  kept: LineJoin[];
}

/**
 * The statement boundaries of a cell: `;` insertions for the joins that sit between two
 * statements, and the joins that stay.
 * @param sf the user's text, parsed
 */
export function statementLines(sf: ts.SourceFile): StatementLines {
  const joins = lineJoins(sf);
  if (!joins.length) return { semicolons: [], kept: [] };
  const accepted: number[] = [];
  const kept: LineJoin[] = [];
  let errors = parseErrors(sf);
  for (const j of joins) {
    const cuts = [...accepted, j.cut].sort((a, b) => a - b);
    const trial = ts.createSourceFile(
      sf.fileName,
      withSemicolons(sf.text, cuts),
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TS,
    );
    const shift = (p: number) => p + cuts.filter((c) => c < p).length;
    const trialErrors = parseErrors(trial);
    // After the cut, `;` is the previous statement's last character and the opener starts the next one.
    if (trialErrors <= errors && adjacentStatements(trial, shift(j.cut) + 1, shift(j.opener))) {
      accepted.push(j.cut);
      errors = trialErrors;
    } else kept.push(j);
  }
  return { semicolons: accepted.map(semicolon), kept };
}

const READS = { "(": "calling", "[": "indexing", "`": "tagging a template with" } as const;

/**
 * What JavaScript did with a join that was not cut, and how to write the cell: added to the
 * errors that fall on it (`This expression is not callable`, `used before its declaration`).
 */
export function joinHint(code: string, j: LineJoin): string {
  const lineOf = (p: number) => code.slice(0, p).split("\n").length;
  const opener = code[j.opener] as keyof typeof READS;
  const line = lineOf(j.opener),
    prev = lineOf(j.cut);
  const rest = code.slice(j.opener).split("\n")[0].trimEnd();
  const shown = rest.length > 24 ? `${rest.slice(0, 20)}...` : rest;
  return (
    `Line ${line} starts with '${opener}', which JavaScript reads as ${READS[opener]} the end of line ${prev}. ` +
    `If line ${line} is a new statement, begin it with a semicolon: ';${shown}'; if it is the next item of a list, end line ${prev} with a comma.`
  );
}
