/**
 * The typing pass: makes the checker's types match what the operator transform will do.
 *
 * TypeScript types `t * 2` as `number` (and `t + 1` as `any`) whatever `t` is, so
 * `let b = a * 2; b.norm()` would not type-check. Before checking, this pass wraps each tensor
 * site in a type assertion in a shadow copy of the cell:
 *
 *     b = a * 2            ->   b = ((a * 2) as unknown as __gl_Tensor)
 *     untyped(a) * 2       ->   ((untyped(a) * 2) as any)          (decided at run time)
 *
 * and re-checks until no new site appears (a site's operands can become tensors only after an
 * earlier site was wrapped). The assertions are pure insertions, so positions map back to the
 * user's text exactly (positions.ts), and the emit transform later reads the same shadow AST.
 */
import ts from "./ts.cjs";
import { NDARRAY_ALIAS, TENSOR_ALIAS } from "./cell_chain.js";
import type { CheckedFile } from "./kept_checker.js";
import { asSite, siteKind } from "./operator_sites.js";
import { ShadowText, type Insertion } from "./positions.js";
import type { GuessedSite } from "./site_guess.js";
import { TensorTypes } from "./tensor_types.js";

export interface Typed {
  shadow: ShadowText;
  program: ts.Program;
  sourceFile: ts.SourceFile;
  /** The last round's file, with its diagnostics. */
  checked: CheckedFile;
  rounds: number;
}

const MAX_ROUNDS = 8;

/** True when `node` is the first token of a statement in a statement list (ASI could join a `(` to the line before). */
export function startsListedStatement(node: ts.Node, sf: ts.SourceFile): boolean {
  const start = node.getStart(sf);
  let n: ts.Node = node;
  while (n.parent && !ts.isExpressionStatement(n) && n.parent.getStart(sf) === start) n = n.parent;
  if (!ts.isExpressionStatement(n) || n.getStart(sf) !== start) return false;
  const p = n.parent;
  return ts.isSourceFile(p) || ts.isBlock(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p);
}

/** A class type through the suffix's `import type { Tensor as __gl_Tensor }` (or NDArray's). */
function aliasedType(sf: ts.SourceFile, checker: ts.TypeChecker, alias: string): ts.Type | undefined {
  for (let i = sf.statements.length - 1; i >= 0; i--) {
    const st = sf.statements[i];
    const nb = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
    const spec = nb && ts.isNamedImports(nb) ? nb.elements.find((e) => e.name.text === alias) : undefined;
    if (!spec) continue;
    const sym = checker.getSymbolAtLocation(spec.name);
    return sym && checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(sym));
  }
  return undefined;
}

/**
 * Check `user` (with `suffix` after it), wrapping tensor sites until the types settle.
 * @param load puts a text in the cell's file and checks it (kept_checker.ts, or the language service's program)
 * @param guesses sites to wrap as tensors from the start (site_guess.ts); each is verified, and
 *   one wrong guess discards them all
 * @param base insertions every round keeps (the `;`s of statement_lines.ts)
 */
export function typeCell(
  load: (text: string) => CheckedFile,
  user: string,
  suffix: string,
  maxRounds = MAX_ROUNDS,
  guesses: readonly GuessedSite[] = [],
  base: readonly Insertion[] = [],
): Typed {
  /** Wrapped sites by user span, with their closing insertion (an `any` wrap can become a Tensor one). */
  const wrapped = new Map<string, { kind: "tensor" | "ndarray" | "dynamic"; close: Insertion }>();
  const semicolons = new Set<number>();
  /** Guessed sites not yet confirmed by the checker, by span. */
  let unconfirmed = new Set<string>();
  let shadow = new ShadowText(user, base);
  if (guesses.length) {
    const found: Insertion[] = [];
    for (const g of guesses) {
      const key = `${g.start}:${g.end}`;
      if (wrapped.has(key)) continue;
      if (g.startsStatement && !semicolons.has(g.start)) {
        semicolons.add(g.start);
        found.push({ at: g.start, text: ";", span: Number.MAX_SAFE_INTEGER, closing: false });
      }
      const close: Insertion = {
        at: g.end,
        text: `) as unknown as ${TENSOR_ALIAS})`,
        span: g.end - g.start,
        closing: true,
      };
      wrapped.set(key, { kind: "tensor", close });
      found.push({ at: g.start, text: "((", span: g.end - g.start, closing: false }, close);
      unconfirmed.add(key);
    }
    shadow = new ShadowText(user, [...base, ...found]);
  }
  for (let round = 1; ; round++) {
    const checked = load(shadow.text + suffix);
    const { program, sourceFile } = checked;
    if (round > maxRounds) return { shadow, program, sourceFile, checked, rounds: round };
    const types = new TensorTypes(program.getTypeChecker());
    types.tensorType = aliasedType(sourceFile, types.checker, TENSOR_ALIAS);
    types.ndarrayType = aliasedType(sourceFile, types.checker, NDARRAY_ALIAS);
    const found: Insertion[] = [];
    const upgraded: Insertion[] = [];
    const limit = shadow.text.length;
    const visit = (node: ts.Node): void => {
      if (node.pos >= limit) return;
      ts.forEachChild(node, visit);
      const site = asSite(node);
      if (!site || site.type === "compound" || site.type === "setitem") return;
      const kind = siteKind(site, types);
      if (!kind) return;
      // Later sites in this round see this one's kind, and a variable it initializes, before the checker does.
      types.nodeKinds.set(node, kind);
      const decl = node.parent;
      if (ts.isVariableDeclaration(decl) && decl.initializer === node && !decl.type && ts.isIdentifier(decl.name)) {
        const sym = types.checker.getSymbolAtLocation(decl.name);
        if (sym) types.symbolKinds.set(sym, kind);
      }
      // An index into an array gives an element or a view: typed any, as untyped sites are.
      if ((kind === "dynamic" || kind === "ndarray") && site.type === "index") return;
      if (kind === "dynamic" && types.checker.getTypeAtLocation(node).flags & ts.TypeFlags.Any) return;
      const s = shadow.toUser(node.getStart(sourceFile)),
        e = shadow.toUser(node.end);
      const key = `${s}:${e}`;
      if (kind === "tensor") unconfirmed.delete(key);
      const closeText =
        kind === "tensor"
          ? `) as unknown as ${TENSOR_ALIAS})`
          : kind === "ndarray"
            ? `) as unknown as ${NDARRAY_ALIAS})`
            : ") as any)";
      const old = wrapped.get(key);
      if (old) {
        if (old.kind === "dynamic" && kind !== "dynamic") {
          upgraded.push(old.close);
          const close = { ...old.close, text: closeText };
          wrapped.set(key, { kind, close });
          found.push(close);
        }
        return;
      }
      if (!semicolons.has(s) && startsListedStatement(node, sourceFile)) {
        semicolons.add(s);
        found.push({ at: s, text: ";", span: Number.MAX_SAFE_INTEGER, closing: false });
      }
      const close: Insertion = { at: e, text: closeText, span: e - s, closing: true };
      wrapped.set(key, { kind, close });
      found.push({ at: s, text: "((", span: e - s, closing: false }, close);
    };
    visit(sourceFile);
    if (unconfirmed.size) {
      // A wrong guess may have misled this round's other types: start again from the user's text.
      unconfirmed = new Set();
      wrapped.clear();
      semicolons.clear();
      shadow = new ShadowText(user, base);
      continue;
    }
    if (!found.length) return { shadow, program, sourceFile, checked, rounds: round };
    shadow = new ShadowText(user, [...shadow.insertions.filter((i) => !upgraded.includes(i)), ...found]);
  }
}
