/**
 * A guess, from syntax alone, of the tensor sites the typing pass will find, so that a cell
 * such as `const y = 2 * torch.dot(x, x)` is checked once instead of twice (each check is a
 * new program and type checker, most of a warm cell's cost). The typing pass checks every
 * guess against the checker and, if any is wrong, drops them all and starts over without them:
 * a guess can only save work, never change the result.
 *
 * An operand looks like a tensor when it is a name an earlier cell left typed as a Tensor, a
 * call into `torch` (`torch.dot(...)`, `torch.nn.functional.relu(...)`), a method call on
 * something that looks like a tensor (other than the few that return plain values), or a
 * site that itself looks like a tensor (`2 * x + 1`, `-x`, `x[0]`, `x > 0`).
 */
import ts from "./ts.cjs";
import { asSite } from "./operator_sites.js";
import { startsListedStatement } from "./typing_pass.js";

/** A guessed site: its span in the user's text, and whether it begins a statement (its wrap then needs a `;` before it). */
export interface GuessedSite {
  start: number;
  end: number;
  startsStatement: boolean;
}

/** Tensor methods that return something other than a tensor. */
const PLAIN_METHODS = new Set([
  "item",
  "tolist",
  "numpy",
  "size",
  "dim",
  "ndimension",
  "numel",
  "nelement",
  "stride",
  "storage_offset",
  "is_contiguous",
  "is_floating_point",
  "is_complex",
  "element_size",
  "data_ptr",
  "equal",
  "allclose",
  "backward",
  "register_hook",
  "retain_grad",
  "toString",
  "valueOf",
  "type",
  "get_device",
  "unbind",
  "split",
  "chunk",
  "tensor_split",
  "sort",
  "topk",
  "max",
  "min",
  "kthvalue",
  "median",
  "mode",
  "std_mean",
  "var_mean",
]);

/** The identifier at the root of a property-access chain (`torch` in `torch.nn.functional.relu`). */
function chainRoot(e: ts.Expression): ts.Identifier | undefined {
  while (ts.isPropertyAccessExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e : undefined;
}

const isStringLiteral = (e: ts.Expression) => ts.isStringLiteralLike(e) || ts.isTemplateExpression(e);

/**
 * Sites in `sf` (the user's cell, parsed on its own) that look like tensor sites.
 * @param tensorNames names that earlier cells left with the Tensor type
 */
export function guessTensorSites(sf: ts.SourceFile, tensorNames: ReadonlySet<string>): GuessedSite[] {
  const out: GuessedSite[] = [];
  const looksTensor = new Set<ts.Node>();
  const looks = (e: ts.Expression): boolean => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    return looksTensor.has(e);
  };
  /** Children first, so an expression sees whether its operands look like tensors. */
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    let result = false;
    if (ts.isIdentifier(node)) result = tensorNames.has(node.text) && !isDeclarationName(node);
    else if (ts.isParenthesizedExpression(node)) result = looks(node.expression);
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const callee = node.expression;
      result =
        chainRoot(callee)?.text === "torch" || (looks(callee.expression) && !PLAIN_METHODS.has(callee.name.text));
    } else {
      const site = asSite(node);
      if (site) {
        switch (site.type) {
          case "arithmetic":
            result =
              (looks(site.node.left) || looks(site.node.right)) &&
              !(site.method === "add" && (isStringLiteral(site.node.left) || isStringLiteral(site.node.right)));
            break;
          case "comparison":
            result = looks(site.node.left) || looks(site.node.right);
            break;
          case "negate":
            result = looks(site.node.operand);
            break;
          case "index":
            result = looks(site.node.expression);
            break;
          default:
            result = false; // compound assignments and x[i] = v are rewritten, never wrapped
        }
        if (result)
          out.push({ start: node.getStart(sf), end: node.end, startsStatement: startsListedStatement(node, sf) });
      }
    }
    if (result) looksTensor.add(node);
  };
  visit(sf);
  return out;
}

/** `x` in `const x = ...`, `function x`, a parameter or a property name: not a use of the name. */
function isDeclarationName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (
    !!p &&
    (((ts.isVariableDeclaration(p) ||
      ts.isParameter(p) ||
      ts.isFunctionDeclaration(p) ||
      ts.isClassDeclaration(p) ||
      ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isBindingElement(p)) &&
      p.name === id) ||
      (ts.isPropertyAccessExpression(p) && p.name === id))
  );
}
