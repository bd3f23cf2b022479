/**
 * How a cell sees earlier cells. Every executed cell stays in the program as a module that
 * exports its top-level names; a new cell gets a hidden suffix that brings in, for each name it
 * does not declare itself, the latest cell that declared it:
 *
 *     declare let x: typeof __gl_m3.x;              // a variable: assignable, typed as cell 3 left it
 *     import { f, Net } from "./__gradlab_slot_2";   // functions, classes, types, imports: every meaning
 *
 * Each stored cell keeps the suffix it was checked with, so a cell only ever refers to earlier
 * cells: re-declaring `x` in a later cell cannot make types circular. The suffix goes after
 * the user's text, so positions in the user's code are the same as in the file.
 *
 * Cells are stored in pre-allocated slot files, and every suffix imports every slot (two import
 * declarations each, whatever names they carry), so running a cell changes files' text but not
 * the program's import graph: TypeScript then reuses the program's structure completely instead
 * of re-walking all files (about 3x cheaper per cell). Slots come in batches; a new batch costs
 * one full rebuild.
 */
import ts from "typescript";
import type { TensorTypes } from "./tensor_types.js";
import type { DeclKind, TopLevelName } from "./top_level.js";

/** A committed name; `type` is a snapshot of a variable's simple type (see snapshotType). */
interface Entry { module: string; kind: DeclKind; type?: string }

/** The alias of the engine's Tensor type used by the typing pass's assertions. */
export const TENSOR_ALIAS = "__gl_Tensor";

const SLOT_BATCH = 32;

/** Import specifier for an absolute module path ("/a/b/cell.ts" -> "/a/b/cell"). */
const specifier = (path: string) => JSON.stringify(path.replace(/\.(d\.)?[cm]?[tj]s$/, ""));

export class CellChain {
  private readonly names = new Map<string, Entry>();
  private readonly slots: string[] = [];
  private used = 0;

  constructor(private readonly enginePath: string, private readonly prelude: { module: string; names: string[] },
    private readonly slotPath: (i: number) => string) {
    for (const n of prelude.names) this.names.set(n, { module: prelude.module, kind: "alias" });
  }

  /** Every name in scope for the next cell. */
  allNames(): string[] {
    return [...this.names.keys()];
  }

  /**
   * Make sure a free slot exists. When a batch is added, returns the placeholder text every
   * free slot must hold (the same imports a stored cell will have), by path.
   */
  reserve(): Map<string, string> {
    const out = new Map<string, string>();
    if (this.used < this.slots.length) return out;
    for (let i = 0; i < SLOT_BATCH; i++) this.slots.push(this.slotPath(this.slots.length + 1));
    const placeholder = this.suffix(new Set(this.names.keys()));
    for (const p of this.slots.slice(this.used)) out.set(p, placeholder);
    return out;
  }

  /** The hidden text after a cell that declares `own` itself. */
  suffix(own: ReadonlySet<string>): string {
    const named = new Map<string, string[]>(this.slots.map((p) => [p, []]));
    named.set(this.prelude.module, []);
    const declares: string[] = [];
    for (const [name, e] of this.names) {
      if (own.has(name)) continue;
      if (e.kind === "alias") named.get(e.module)!.push(name);
      else declares.push(`declare ${e.kind} ${name}: ${e.type ?? `typeof __gl_m${this.slots.indexOf(e.module) + 1}.${name}`};`);
    }
    const lines = this.slots.flatMap((p, i) => [`import type * as __gl_m${i + 1} from ${specifier(p)};`, `import { ${named.get(p)!.join(", ")} } from ${specifier(p)};`]);
    lines.push(`import { ${named.get(this.prelude.module)!.join(", ")} } from ${specifier(this.prelude.module)};`);
    lines.push(`import type { Tensor as ${TENSOR_ALIAS} } from ${specifier(this.enginePath)};`);
    return "\n;" + [...declares, ...lines].join("\n") + "\n";
  }

  /** The text a cell is stored with: what was checked, plus exports of its names. */
  static stored(checkedText: string, names: readonly TopLevelName[]): string {
    return `${checkedText}\nexport { ${names.map((n) => n.name).join(", ")} };\n`;
  }

  /** Record that the next slot now holds a cell declaring `names` (with type snapshots by name); returns the slot. */
  commit(names: readonly TopLevelName[], snapshots: ReadonlyMap<string, string> = new Map()): string {
    const module = this.slots[this.used++];
    for (const n of names) this.names.set(n.name, { module, kind: n.kind, type: snapshots.get(n.name) });
    return module;
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
