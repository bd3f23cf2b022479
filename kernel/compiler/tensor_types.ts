/**
 * What the operator transform needs to know about an operand's static type:
 *   tensor   the engine's Tensor (or a subclass such as nn.Parameter), possibly `| null`
 *   ndarray  np's NDArray: its operators go through the run-time helpers (numpy is not hot code)
 *   dynamic  any / unknown / an unconstrained type parameter / a union mixing tensors and others:
 *            decided at run time by a small helper
 *   string   string-like (`"loss: " + t` stays string concatenation)
 *   nullish  null / undefined (comparisons with them stay JavaScript)
 *   plain    everything else: emitted untouched
 */
import ts from "./ts.cjs";

export type OperandKind = "tensor" | "ndarray" | "dynamic" | "string" | "nullish" | "plain";

const TENSOR_FILE = /[\\/]engine[\\/]tensor[\\/]tensor(\.d)?\.ts$/;
const NDARRAY_FILE = /[\\/]engine[\\/]numpy[\\/]ndarray(\.d)?\.ts$/;

export class TensorTypes {
  private readonly cache = new Map<ts.Type, boolean>();
  /** The typing pass's decisions within a round, before the checker has seen them: sites it wraps... */
  readonly nodeKinds = new Map<ts.Node, OperandKind>();
  /** ...and variables initialized by such a site (`const y = x + 2`). */
  readonly symbolKinds = new Map<ts.Symbol, OperandKind>();
  /** The Tensor and NDArray class types, for speculation (set by the typing pass). */
  tensorType: ts.Type | undefined;
  ndarrayType: ts.Type | undefined;
  constructor(readonly checker: ts.TypeChecker) {}

  /**
   * The type an expression will have once this round's wraps are in: through wrapped sites,
   * variables they initialize, and member calls on those (`y.sum()` after `const y = x + 2`).
   */
  private speculate(n: ts.Node, depth = 0): ts.Type | undefined {
    if (depth > 6) return undefined;
    while (ts.isParenthesizedExpression(n)) n = n.expression;
    const k =
      this.nodeKinds.get(n) ??
      (ts.isIdentifier(n) ? this.symbolKinds.get(this.checker.getSymbolAtLocation(n)!) : undefined);
    if (k) return k === "tensor" ? this.tensorType : k === "ndarray" ? this.ndarrayType : undefined;
    if (ts.isElementAccessExpression(n))
      return this.speculate(n.expression, depth + 1) === this.tensorType && this.tensorType
        ? this.tensorType
        : undefined;
    const access = ts.isCallExpression(n) ? n.expression : n;
    if (!ts.isPropertyAccessExpression(access)) return undefined;
    const recv = this.speculate(access.expression, depth + 1);
    const prop = recv && this.checker.getPropertyOfType(recv, access.name.text);
    if (!prop) return undefined;
    const t = this.checker.getTypeOfSymbol(prop);
    if (n === access) return t;
    const sigs = t.getCallSignatures();
    return sigs.length ? this.checker.getReturnTypeOfSignature(sigs[0]) : undefined;
  }

  /** Is `type` the engine's Tensor class or derived from it? */
  isTensorType(type: ts.Type): boolean {
    const hit = this.cache.get(type);
    if (hit !== undefined) return hit;
    this.cache.set(type, false); // cycles
    let result = false;
    const sym = type.getSymbol();
    if (sym?.getName() === "Tensor" && sym.declarations?.some((d) => TENSOR_FILE.test(d.getSourceFile().fileName)))
      result = true;
    else if (type.isIntersection()) result = type.types.some((t) => this.isTensorType(t));
    else if (
      type.isClassOrInterface() ||
      (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference)
    ) {
      const target = (type as ts.TypeReference).target ?? type;
      if (target.isClassOrInterface())
        result = (this.checker.getBaseTypes(target) ?? []).some((b) => this.isTensorType(b));
    }
    this.cache.set(type, result);
    return result;
  }

  /** Is `type` numpy's NDArray? */
  isNDArrayType(type: ts.Type): boolean {
    const sym = type.getSymbol();
    return (
      sym?.getName() === "NDArray" && !!sym.declarations?.some((d) => NDARRAY_FILE.test(d.getSourceFile().fileName))
    );
  }

  kindOfType(type: ts.Type): OperandKind {
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return "dynamic";
    if (f & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return "nullish";
    if (f & ts.TypeFlags.StringLike) return "string";
    if (f & ts.TypeFlags.TypeParameter) {
      const c = this.checker.getBaseConstraintOfType(type);
      return !c || c === type || c.flags & ts.TypeFlags.Unknown ? "dynamic" : this.kindOfType(c);
    }
    if (type.isUnion()) {
      const kinds = new Set(type.types.map((t) => this.kindOfType(t)).filter((k) => k !== "nullish"));
      if (kinds.size === 0) return "nullish";
      if (kinds.size === 1) return [...kinds][0];
      return kinds.has("tensor") || kinds.has("ndarray") || kinds.has("dynamic")
        ? "dynamic"
        : kinds.has("string")
          ? "string"
          : "plain";
    }
    return this.isTensorType(type) ? "tensor" : this.isNDArrayType(type) ? "ndarray" : "plain";
  }

  /**
   * The kind of an assignment target (`w` in `w -= g`): its declared type, since the checker
   * gives an invalid target (a const) an error type.
   */
  targetKind(node: ts.Expression): OperandKind {
    const original = ts.getOriginalNode(node) as ts.Expression;
    const name = ts.isPropertyAccessExpression(original) ? original.name : original;
    const sym = ts.isIdentifier(name) && name.parent ? this.checker.getSymbolAtLocation(name) : undefined;
    return sym ? this.kindOfType(this.checker.getTypeOfSymbol(sym)) : this.kind(node);
  }

  kind(node: ts.Expression): OperandKind {
    const original = ts.getOriginalNode(node) as ts.Expression;
    if (original.kind === ts.SyntaxKind.NullKeyword) return "nullish";
    if (ts.isIdentifier(original) && original.text === "undefined") return "nullish";
    if (ts.isVoidExpression(original)) return "nullish";
    if (!original.parent && !ts.isSourceFile(original)) return "plain"; // synthesized
    if (this.nodeKinds.size) {
      let n: ts.Node = original;
      while (ts.isParenthesizedExpression(n)) n = n.expression;
      const k =
        this.nodeKinds.get(n) ??
        (ts.isIdentifier(n) && this.symbolKinds.size
          ? this.symbolKinds.get(this.checker.getSymbolAtLocation(n)!)
          : undefined);
      if (k) return k;
      const t = this.speculate(n);
      if (t) return this.kindOfType(t);
    }
    return this.kindOfType(this.checker.getTypeAtLocation(original));
  }
}
