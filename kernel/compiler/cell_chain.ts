/**
 * How a cell sees earlier cells. Every executed cell stays in the program as a module that
 * exports its top-level names; a new cell gets a hidden suffix that brings in, for each name it
 * does not declare itself, the latest cell that declared it:
 *
 *     declare let x: typeof __gl_m3.x;              // a variable: assignable, typed as cell 3 left it
 *     import f = __gl_m2.f;                         // functions, classes, types, imports: every meaning
 *
 * Each stored cell keeps the suffix it was checked with, so a cell only ever refers to earlier
 * cells: re-declaring `x` in a later cell cannot make types circular. The suffix goes after
 * the user's text, so positions in the user's code are the same as in the file.
 *
 * Cells are stored in pre-allocated slot files, and every suffix imports every slot (one
 * namespace import each, whatever names it carries), so running a cell changes files' text but not
 * the program's import graph: TypeScript then reuses the program's structure completely instead
 * of re-walking all files (about 3x cheaper per cell). Slots come in batches; a new batch costs
 * one full rebuild.
 */
import ts from "./ts.cjs";
import type { TensorTypes } from "./tensor_types.js";
import type { DeclKind, TopLevelName } from "./top_level.js";

/** A committed name; `type` is a snapshot of a variable's simple type (see snapshotType). */
interface Entry { module: string; kind: DeclKind; type?: string }

/** The aliases of the engine's Tensor and numpy's NDArray types used by the typing pass's assertions. */
export const TENSOR_ALIAS = "__gl_Tensor";
export const NDARRAY_ALIAS = "__gl_NDArray";

const SLOT_BATCH = 16;

/** Import specifier for an absolute module path ("/a/b/cell.ts" -> "/a/b/cell"). */
const specifier = (path: string) => JSON.stringify(path.replace(/\.(d\.)?[cm]?[tj]s$/, ""));

/** The hidden suffix of a cell, and the slots it refers to (they must stay while the cell does). */
export interface Suffix { text: string; refs: Set<string> }

export class CellChain {
  private readonly names = new Map<string, Entry>();
  private readonly slots: string[] = [];
  private readonly free: string[] = [];
  /** For each occupied slot, the slots its text refers to. */
  private readonly refs = new Map<string, Set<string>>();

  /** @param ndarrayPath numpy's NDArray module (np arrays are typed like tensors) */
  constructor(private readonly enginePath: string, private readonly prelude: { module: string; names: readonly string[] },
    private readonly slotPath: (i: number) => string, private readonly ndarrayPath: string) {
    for (const n of prelude.names) this.names.set(n, { module: prelude.module, kind: "alias" });
  }

  /** Slot files allocated so far (occupied and free). */
  get slotCount(): number {
    return this.slots.length;
  }

  /** The current names whose snapshot type is `type` (e.g. TENSOR_ALIAS: the tensors). */
  namesTyped(type: string): Set<string> {
    const out = new Set<string>();
    for (const [name, e] of this.names) if (e.type === type) out.add(name);
    return out;
  }

  /** What a free slot holds: the imports a stored cell will have, and nothing else. */
  private placeholder(): string {
    return this.suffix(new Set(this.names.keys())).text;
  }

  /**
   * Make sure a free slot exists. When a batch is added, returns the text every free slot must
   * now hold (the new import list), by path.
   */
  reserve(): Map<string, string> {
    const out = new Map<string, string>();
    if (this.free.length) return out;
    for (let i = 0; i < SLOT_BATCH; i++) {
      const p = this.slotPath(this.slots.length + 1);
      this.slots.push(p);
      this.free.push(p);
    }
    const text = this.placeholder();
    for (const p of this.free) out.set(p, text);
    return out;
  }

  /**
   * The hidden text after a cell that declares `own` itself. With `used` (the identifiers the
   * cell mentions), only those names come in: the checker's work then stays the same however
   * many names the notebook has. Completions pass no `used`: every name is offered.
   */
  suffix(own: ReadonlySet<string>, used?: ReadonlySet<string>): Suffix {
    const named = new Map<string, string[]>(this.slots.map((p) => [p, []]));
    named.set(this.prelude.module, []);
    const declares: string[] = [];
    const refs = new Set<string>();
    for (const [name, e] of this.names) {
      if (own.has(name) || (used && !used.has(name))) continue;
      if (e.kind === "alias") named.get(e.module)!.push(name);
      else declares.push(`declare ${e.kind} ${name}: ${e.type ?? `typeof __gl_m${this.slots.indexOf(e.module) + 1}.${name}`};`);
      if (e.kind === "alias" || !e.type) refs.add(e.module);
    }
    // One import per slot (the import graph stays fixed); names come through it as aliases.
    const lines = this.slots.flatMap((p, i) => [`import * as __gl_m${i + 1} from ${specifier(p)};`, ...named.get(p)!.map((n) => `import ${n} = __gl_m${i + 1}.${n};`)]);
    lines.push(`import { ${named.get(this.prelude.module)!.join(", ")} } from ${specifier(this.prelude.module)};`);
    lines.push(`import type { Tensor as ${TENSOR_ALIAS} } from ${specifier(this.enginePath)};`);
    lines.push(`import type { NDArray as ${NDARRAY_ALIAS} } from ${specifier(this.ndarrayPath)};`);
    return { text: "\n;" + [...declares, ...lines].join("\n") + "\n", refs };
  }

  /** The text a cell is stored with: what was checked, plus exports of its names. */
  static stored(checkedText: string, names: readonly TopLevelName[]): string {
    return `${checkedText}\nexport { ${names.map((n) => n.name).join(", ")} };\n`;
  }

  /**
   * Record that a cell declaring `names` ran (`refs`: the slots its suffix refers to). A cell
   * that declares nothing is not kept. Slots no current name leads to (every name they declared
   * was declared again later) are freed for reuse, so a notebook re-running its cells, or a
   * loop of executes, keeps a bounded program.
   * @returns the slot the cell now occupies (if any) and freed slots with their new text
   */
  commit(names: readonly TopLevelName[], snapshots: ReadonlyMap<string, string>, refs: ReadonlySet<string>): { slot: string | null; freed: Map<string, string> } {
    if (!names.length) return { slot: null, freed: new Map() };
    const slot = this.free.pop()!;
    this.refs.set(slot, new Set(refs));
    for (const n of names) this.names.set(n.name, { module: slot, kind: n.kind, type: snapshots.get(n.name) });
    const live = new Set<string>();
    const visit = (m: string) => {
      if (live.has(m) || !this.refs.has(m)) return;
      live.add(m);
      for (const r of this.refs.get(m)!) visit(r);
    };
    for (const e of this.names.values()) visit(e.module);
    const dead = [...this.refs.keys()].filter((m) => !live.has(m));
    for (const m of dead) {
      this.refs.delete(m);
      this.free.push(m);
    }
    const text = dead.length ? this.placeholder() : "";
    return { slot, freed: new Map(dead.map((m) => [m, text])) };
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
  if (types.isNDArrayType(type)) return NDARRAY_ALIAS;
  if (depth < 2 && types.checker.isArrayType(type)) {
    const el = types.checker.getTypeArguments(type as ts.TypeReference)[0];
    const t = el && snapshotType(el, types, depth + 1);
    return t && `${t}[]`;
  }
  return undefined;
}
