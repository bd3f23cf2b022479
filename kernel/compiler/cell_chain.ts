/**
 * How a cell sees earlier cells. Every executed cell stays in the program as a module that
 * exports its top-level names; a new cell gets a hidden suffix that brings in, for each name it
 * does not declare itself, the latest cell that declared it:
 *
 *     declare let x: typeof __gl_m3.x;          // a variable: assignable, typed as cell 3 left it
 *     import { f, Net } from "./__gradlab_cell_2";  // functions, classes, types, imports: every meaning
 *
 * Each stored cell keeps the suffix it was checked with, so a cell only ever refers to earlier
 * cells: re-declaring `x` in a later cell cannot make types circular. The suffix goes after
 * the user's text, so positions in the user's code are the same as in the file.
 */
import ts from "typescript";
import type { TensorTypes } from "./tensor_types.js";
import type { DeclKind, TopLevelName } from "./top_level.js";

/** A committed name; `type` is a snapshot of a variable's simple type (see snapshotType). */
interface Entry { module: string; kind: DeclKind; type?: string }

/** The alias of the engine's Tensor type used by the typing pass's assertions. */
export const TENSOR_ALIAS = "__gl_Tensor";

/** Import specifier for an absolute module path ("/a/b/cell.ts" -> "/a/b/cell"). */
const specifier = (path: string) => path.replace(/\.(d\.)?[cm]?[tj]s$/, "");

export class CellChain {
  private readonly names = new Map<string, Entry>();
  private readonly moduleIds = new Map<string, number>();

  constructor(private readonly enginePath: string, prelude: { module: string; names: string[] }) {
    for (const n of prelude.names) this.names.set(n, { module: prelude.module, kind: "alias" });
  }

  /** The module that declares `name` now, if any. */
  lookup(name: string): Entry | undefined {
    return this.names.get(name);
  }

  /** Every name in scope for the next cell. */
  allNames(): string[] {
    return [...this.names.keys()];
  }

  /** The hidden text after a cell that declares `own` itself. */
  suffix(own: ReadonlySet<string>): string {
    const aliases = new Map<string, string[]>();
    const lines: string[] = [];
    const namespaces = new Set<string>();
    for (const [name, e] of this.names) {
      if (own.has(name)) continue;
      if (e.kind === "alias") {
        const list = aliases.get(e.module) ?? [];
        list.push(name);
        aliases.set(e.module, list);
      } else {
        const ns = this.namespace(e.module);
        namespaces.add(e.module);
        lines.push(`declare ${e.kind} ${name}: ${e.type ?? `typeof ${ns}.${name}`};`);
      }
    }
    for (const m of namespaces) lines.push(`import type * as ${this.namespace(m)} from ${JSON.stringify(specifier(m))};`);
    for (const [m, list] of aliases) lines.push(`import { ${list.join(", ")} } from ${JSON.stringify(specifier(m))};`);
    lines.push(`import type { Tensor as ${TENSOR_ALIAS} } from ${JSON.stringify(specifier(this.enginePath))};`);
    return "\n;" + lines.join("\n") + "\n";
  }

  /** The text a cell is stored with: what was checked, plus exports of its names. */
  static stored(checkedText: string, names: readonly TopLevelName[]): string {
    return names.length ? `${checkedText}\nexport { ${names.map((n) => n.name).join(", ")} };\n` : checkedText;
  }

  /** Record that `module` (now executed) declares `names` (with type snapshots by name). */
  commit(module: string, names: readonly TopLevelName[], snapshots: ReadonlyMap<string, string> = new Map()): void {
    for (const n of names) this.names.set(n.name, { module, kind: n.kind, type: snapshots.get(n.name) });
  }

  private namespace(module: string): string {
    let id = this.moduleIds.get(module);
    if (id === undefined) this.moduleIds.set(module, (id = this.moduleIds.size + 1));
    return `__gl_m${id}`;
  }
}

/**
 * A variable's type as self-contained text when it is simple (number, string, boolean, any,
 * Tensor, arrays of these), else undefined (later cells then use `typeof` the cell's export).
 * Most notebook variables are tensors and numbers: the snapshot spares the checker from
 * re-inferring the chain of cells each variable came from, for every new cell.
 */
export function snapshotType(type: ts.Type, types: TensorTypes, depth = 0): string | undefined {
  const f = type.flags;
  if (f & ts.TypeFlags.Any) return "any";
  if (f & ts.TypeFlags.NumberLike && !(f & ts.TypeFlags.EnumLike)) return "number";
  if (f & ts.TypeFlags.StringLike) return "string";
  if (f & ts.TypeFlags.BooleanLike) return "boolean";
  if (f & ts.TypeFlags.BigIntLike) return "bigint";
  if (type.getSymbol()?.getName() === "Tensor" && types.isTensorType(type) && !type.isUnion()) return TENSOR_ALIAS;
  if (depth < 2 && types.checker.isArrayType(type)) {
    const el = types.checker.getTypeArguments(type as ts.TypeReference)[0];
    const t = el && snapshotType(el, types, depth + 1);
    return t && `${t}[]`;
  }
  return undefined;
}
