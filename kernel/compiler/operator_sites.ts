/**
 * The tensor-operator rules (SPEC "The cell language"), as data: which syntax becomes which
 * Tensor method, and when an expression is a site the transform must rewrite. Shared by the
 * typing pass (which fixes the checker's types), the emit transform (which rewrites) and the
 * diagnostics filter (which drops the errors the rewrite makes valid).
 */
import ts from "./ts.cjs";
import type { OperandKind, TensorTypes } from "./tensor_types.js";

const K = ts.SyntaxKind;

/** `a op b` with a Tensor on the left: `a.method(b)`. */
export const ARITHMETIC: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [K.PlusToken, "add"],
  [K.MinusToken, "sub"],
  [K.AsteriskToken, "mul"],
  [K.SlashToken, "div"],
  [K.PercentToken, "remainder"],
  [K.AsteriskAsteriskToken, "pow"],
]);

/** `number op tensor`, as Python's reflected operators: `2 - t` is `t.__rsub__(2)`. */
export const REFLECTED: Readonly<Record<string, string>> = {
  add: "add",
  mul: "mul",
  sub: "__rsub__",
  div: "__rtruediv__",
  pow: "__rpow__",
};

export const COMPARISON: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [K.EqualsEqualsToken, "eq"],
  [K.ExclamationEqualsToken, "ne"],
  [K.LessThanToken, "lt"],
  [K.LessThanEqualsToken, "le"],
  [K.GreaterThanToken, "gt"],
  [K.GreaterThanEqualsToken, "ge"],
]);

/** `2 < t` is `t > 2`: Python's reflected comparison. */
export const SWAPPED: Readonly<Record<string, string>> = { eq: "eq", ne: "ne", lt: "gt", le: "ge", gt: "lt", ge: "le" };

/** In-place compound assignment, as Python's `__iadd__` ... on tensors. */
export const COMPOUND: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [K.PlusEqualsToken, "add_"],
  [K.MinusEqualsToken, "sub_"],
  [K.AsteriskEqualsToken, "mul_"],
  [K.SlashEqualsToken, "div_"],
  [K.PercentEqualsToken, "remainder_"],
  [K.AsteriskAsteriskEqualsToken, "pow_"],
]);

export const operatorText = (k: ts.SyntaxKind): string => ts.tokenToString(k)!;

/**
 * What a site becomes: a static tensor call, a run-time dispatch, or nothing. `ndarray` sites
 * (numpy arrays) are dispatched at run time too, but type as NDArray for the checker.
 */
export type SiteKind = "tensor" | "ndarray" | "dynamic" | null;

export type Site =
  | { type: "arithmetic"; node: ts.BinaryExpression; method: string }
  | { type: "comparison"; node: ts.BinaryExpression; method: string }
  | { type: "compound"; node: ts.BinaryExpression; method: string }
  | { type: "negate"; node: ts.PrefixUnaryExpression }
  | { type: "index"; node: ts.ElementAccessExpression }
  | { type: "setitem"; node: ts.BinaryExpression & { left: ts.ElementAccessExpression } };

/** The site `node` is, if it is one of the rewritten syntaxes. */
export function asSite(node: ts.Node): Site | null {
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    const a = ARITHMETIC.get(op);
    if (a) return { type: "arithmetic", node, method: a };
    const c = COMPARISON.get(op);
    if (c) return { type: "comparison", node, method: c };
    const m = COMPOUND.get(op);
    if (m) return { type: "compound", node, method: m };
    if (op === K.EqualsToken && ts.isElementAccessExpression(node.left))
      return { type: "setitem", node: node as Site["node"] & { left: ts.ElementAccessExpression } } as Site;
    return null;
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === K.MinusToken) return { type: "negate", node };
  if (ts.isElementAccessExpression(node) && !isAssignmentTarget(node)) return { type: "index", node };
  return null;
}

/** `x[i]` on the left of `=`, a compound assignment, `++`/`--`, `delete`, or inside a destructuring target. */
export function isAssignmentTarget(node: ts.Expression): boolean {
  let n: ts.Node = node;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (
    ts.isBinaryExpression(p) &&
    p.left === n &&
    p.operatorToken.kind >= K.FirstAssignment &&
    p.operatorToken.kind <= K.LastAssignment
  )
    return true;
  if (
    (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) &&
    (p.operator === K.PlusPlusToken || p.operator === K.MinusMinusToken)
  )
    return true;
  if (ts.isDeleteExpression(p)) return true;
  if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return true;
  return false;
}

const either = (a: OperandKind, b: OperandKind, k: OperandKind) => a === k || b === k;

/** An operand that is an object with operators: a tensor or an array. */
const isArrayLike = (k: OperandKind) => k === "tensor" || k === "ndarray";

/** How a site is rewritten, given its operands' static types. */
export function siteKind(site: Site, types: TensorTypes): SiteKind {
  switch (site.type) {
    case "arithmetic": {
      const l = types.kind(site.node.left),
        r = types.kind(site.node.right);
      if (site.method === "add" && either(l, r, "string")) return null;
      if (either(l, r, "ndarray")) return either(l, r, "dynamic") || either(l, r, "tensor") ? "dynamic" : "ndarray";
      if (l === "tensor") return "tensor";
      if (r === "tensor") return l === "dynamic" ? "dynamic" : "tensor";
      return either(l, r, "dynamic") ? "dynamic" : null;
    }
    case "comparison": {
      const l = types.kind(site.node.left),
        r = types.kind(site.node.right);
      if (either(l, r, "nullish")) return null;
      if (either(l, r, "dynamic") || (either(l, r, "tensor") && either(l, r, "ndarray"))) return "dynamic";
      return either(l, r, "tensor") ? "tensor" : either(l, r, "ndarray") ? "ndarray" : null;
    }
    case "compound": {
      const target = site.node.left;
      if (ts.isElementAccessExpression(target)) {
        const o = types.kind(target.expression);
        return isArrayLike(o) || o === "dynamic" ? (o as SiteKind) : null;
      }
      const l = types.targetKind(target),
        r = types.kind(site.node.right);
      if (isArrayLike(l)) return l as SiteKind;
      if (l === "string" || (site.method === "add_" && r === "string")) return null;
      return l === "dynamic" || isArrayLike(r) || r === "dynamic" ? "dynamic" : null;
    }
    case "negate": {
      const k = types.kind(site.node.operand);
      return isArrayLike(k) || k === "dynamic" ? (k as SiteKind) : null;
    }
    case "index":
    case "setitem": {
      const target = site.type === "index" ? site.node : site.node.left;
      const o = types.kind(target.expression);
      return o === "tensor" ? "tensor" : (o === "dynamic" || o === "ndarray") && !isPlainKey(target) ? o : null;
    }
  }
}

/** `obj["name"]` with an identifier-like string, or a symbol key: a property, never tensor indexing. */
function isPlainKey(node: ts.ElementAccessExpression): boolean {
  const a = node.argumentExpression;
  return ts.isStringLiteralLike(a) && /^[A-Za-z_$][\w$]*$/.test(a.text);
}
