/**
 * Float literals in creation calls. JavaScript has one number type, so `torch.arange(4.0)` would
 * reach the engine as `arange(4)` and give int64. The rule, as Python infers dtypes:
 *
 *   In a call to torch.tensor / torch.as_tensor (the data argument, through nested array
 *   literals), torch.arange (its numeric arguments) or torch.full (the fill value), a numeric
 *   literal written with a decimal point or an exponent (`2.0`, `1.`, `.5`, `1e-3`) makes the
 *   call produce the default float dtype: the options argument becomes
 *   `__gl.floatOpts(options)`, which adds `dtype: torch.get_default_dtype()` unless the options
 *   already name a dtype.
 *
 * So `torch.tensor([1.0, 2.0], {requires_grad: true})` and `torch.arange(4.0)` are float32, as in
 * PyTorch, while `torch.tensor([1, 2])` stays int64. Only literals count: a variable holding 2.0
 * is just the number 2 at run time (pass `{dtype: torch.float32}` there).
 *
 * numpy's np.array / np.asarray (data), np.arange (numeric arguments) and np.full (fill value)
 * follow the same rule with numpy's default: without a dtype argument, a float literal adds
 * `"float64"` (`np.array([1., 2.])` is float64, as in numpy).
 */
import ts from "./ts.cjs";

const CREATION_FILE = /[\\/]engine[\\/]tensor[\\/]creation(\.d)?\.ts$/;
const NUMPY_FILE = /[\\/]engine[\\/]numpy[\\/]np(\.d)?\.ts$/;

/** `2.0`, `1.`, `.5`, `1e-3` (not `2`, `0x1e`). */
export function isFloatLiteral(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return isFloatLiteral(e.expression);
  if (
    ts.isPrefixUnaryExpression(e) &&
    (e.operator === ts.SyntaxKind.MinusToken || e.operator === ts.SyntaxKind.PlusToken)
  )
    return isFloatLiteral(e.operand);
  if (!ts.isNumericLiteral(e)) return false;
  const text = e.getText();
  return !/^0[xXoObB]/.test(text) && /[.eE]/.test(text);
}

function hasFloatElement(e: ts.Expression): boolean {
  if (ts.isArrayLiteralExpression(e)) return e.elements.some((el) => !ts.isSpreadElement(el) && hasFloatElement(el));
  return isFloatLiteral(e);
}

/** Which creation function a call resolves to (through aliases such as `const {tensor} = torch`): `tensor`, `np.array` ... */
function creationName(call: ts.CallExpression, checker: ts.TypeChecker): string | null {
  const decl = checker.getResolvedSignature(call)?.getDeclaration();
  const file = decl?.getSourceFile().fileName ?? "";
  const np = NUMPY_FILE.test(file);
  if (!decl || !(np || CREATION_FILE.test(file))) return null;
  const name = (decl as ts.FunctionDeclaration).name;
  return name && ts.isIdentifier(name) ? (np ? "np." : "") + name.text : null;
}

/** numpy's rule: a float literal and no dtype argument adds `"float64"` at `dtypeIndex`. */
function numpyHint(
  call: ts.CallExpression,
  f: ts.NodeFactory,
  visit: (n: ts.Expression) => ts.Expression,
  hasFloat: boolean,
  dtypeIndex: number,
): ts.CallExpression | null {
  if (call.arguments.length !== dtypeIndex || !hasFloat) return null;
  const out = [...call.arguments.map((a) => visit(a)), f.createStringLiteral("float64")];
  return ts.setTextRange(f.updateCallExpression(call, visit(call.expression), call.typeArguments, out), call);
}

/** The rewritten call, or null when the rule does not apply. */
export function floatHint(
  call: ts.CallExpression,
  checker: ts.TypeChecker,
  f: ts.NodeFactory,
  visit: (n: ts.Expression) => ts.Expression,
  floatOpts: (arg?: ts.Expression) => ts.Expression,
): ts.CallExpression | null {
  const args = call.arguments;
  if (!args.length || args.some(ts.isSpreadElement)) return null;
  let optIndex: number;
  switch (creationName(call, checker)) {
    case "np.array":
    case "np.asarray":
      return numpyHint(call, f, visit, hasFloatElement(args[0]), 1);
    case "np.full":
      return args.length >= 2 ? numpyHint(call, f, visit, isFloatLiteral(args[1]), 2) : null;
    case "np.arange":
      // Only numbers: an options or dtype argument means the dtype is chosen.
      return args.every((a) => checker.getTypeAtLocation(a).flags & ts.TypeFlags.NumberLike)
        ? numpyHint(call, f, visit, args.some(isFloatLiteral), args.length)
        : null;
    case "tensor":
    case "as_tensor":
      if (!hasFloatElement(args[0])) return null;
      optIndex = 1;
      break;
    case "full":
      if (args.length < 2 || !isFloatLiteral(args[1])) return null;
      optIndex = 2;
      break;
    case "arange": {
      const last = args[args.length - 1];
      const lastIsOptions =
        ts.isObjectLiteralExpression(last) || !(checker.getTypeAtLocation(last).flags & ts.TypeFlags.NumberLike);
      const nums = lastIsOptions ? args.slice(0, -1) : args;
      if (!nums.some(isFloatLiteral)) return null;
      optIndex = nums.length;
      break;
    }
    default:
      return null;
  }
  const out = args.map((a) => visit(a));
  if (optIndex < out.length) out[optIndex] = floatOpts(out[optIndex]);
  else if (optIndex === out.length) out.push(floatOpts());
  else return null;
  return ts.setTextRange(f.updateCallExpression(call, visit(call.expression), call.typeArguments, out), call);
}
