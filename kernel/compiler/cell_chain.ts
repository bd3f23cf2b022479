/**
 * How a cell sees earlier cells. Every executed cell stays in the program as a module that
 * exports its top-level names; a new cell gets a hidden suffix that brings in, for each name it
 * does not declare itself, the latest cell that declared it:
 *
 *     declare let x: typeof __gl_h.m3.x;           // a variable: assignable, typed as cell 3 left it
 *     import f = __gl_h.m2.f;                      // functions, classes, types, imports: every meaning
 *
 * Each stored cell keeps the suffix it was checked with, so a cell only ever refers to earlier
 * cells: re-declaring `x` in a later cell cannot make types circular. The suffix goes after
 * the user's text, so positions in the user's code are the same as in the file.
 *
 * Cells are stored in pre-allocated slot files, reached through one hub module that re-exports
 * every slot as a namespace (`export * as m3 from "slot_3"`). A suffix imports the hub, whatever
 * names it carries, so running a cell changes files' text but not the program's import graph:
 * TypeScript then reuses the program's structure completely instead of re-walking all files
 * (about 3x cheaper per cell). And a suffix has one import however many cells the notebook has
 * run: checking a cell's imports, and parsing a stored cell or a free slot, does not grow with
 * the notebook. Slots come in batches; a new batch changes the hub and costs one full rebuild.
 */
import ts from "./ts.cjs";
import type { TensorTypes } from "./tensor_types.js";
import type { DeclKind, TopLevelName } from "./top_level.js";

/** A committed name; `type` is a snapshot of a variable's simple type (see snapshotType). */
interface Entry {
  module: string;
  kind: DeclKind;
  type?: string;
}

/** The aliases of the engine's Tensor and numpy's NDArray types used by the typing pass's assertions. */
export const TENSOR_ALIAS = "__gl_Tensor";
export const NDARRAY_ALIAS = "__gl_NDArray";

const SLOT_BATCH = 16;

/** Import specifier for an absolute module path ("/a/b/cell.ts" -> "/a/b/cell"). */
const specifier = (path: string) => JSON.stringify(path.replace(/\.(d\.)?[cm]?[tj]s$/, ""));

/** The hidden suffix of a cell, and the slots it refers to (they must stay while the cell does). */
export interface Suffix {
  text: string;
  refs: Set<string>;
}

export class CellChain {
  private readonly names = new Map<string, Entry>();
  private readonly slots: string[] = [];
  private readonly free: string[] = [];
  /** For each occupied slot, the slots its text refers to. */
  private readonly refs = new Map<string, Set<string>>();

  /** The module that re-exports every slot (slot path 0). */
  private readonly hub: string;

  /** @param ndarrayPath numpy's NDArray module (np arrays are typed like tensors) */
  constructor(
    private readonly enginePath: string,
    private readonly prelude: { module: string; names: readonly string[] },
    private readonly slotPath: (i: number) => string,
    private readonly ndarrayPath: string,
  ) {
    this.hub = slotPath(0);
    for (const n of prelude.names) this.names.set(n, { module: prelude.module, kind: "alias" });
  }

  /** Slot files allocated so far (occupied and free). */
  /** An earlier cell or the prelude declares `name`. */
  has(name: string): boolean {
    return this.names.has(name);
  }

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
    return this.suffix(new Set(), new Set()).text;
  }

  /** The namespace through which a suffix reaches a slot's exports. */
  private via(slot: string): string {
    return `__gl_h.m${this.slots.indexOf(slot) + 1}`;
  }

  /**
   * Make sure a free slot exists. When a batch is added, returns the texts of the hub and of
   * the new slots, by path.
   */
  reserve(): Map<string, string> {
    const out = new Map<string, string>();
    if (this.free.length) return out;
    const text = this.placeholder();
    for (let i = 0; i < SLOT_BATCH; i++) {
      const p = this.slotPath(this.slots.length + 1);
      this.slots.push(p);
      this.free.push(p);
      out.set(p, text);
    }
    out.set(this.hub, this.slots.map((p, i) => `export * as m${i + 1} from ${specifier(p)};`).join("\n") + "\n");
    return out;
  }

  /**
   * The hidden text after a cell that declares `own` itself. With `used` (the identifiers the
   * cell mentions), only those names come in: the checker's work then stays the same however
   * many names the notebook has. Completions pass no `used`: every name is offered.
   */
  suffix(own: ReadonlySet<string>, used?: ReadonlySet<string>): Suffix {
    const fromPrelude: string[] = [];
    const lines: string[] = [];
    const refs = new Set<string>();
    for (const [name, e] of this.names) {
      if (own.has(name) || (used && !used.has(name))) continue;
      if (e.module === this.prelude.module) fromPrelude.push(name);
      else if (e.kind === "alias") lines.push(`import ${name} = ${this.via(e.module)}.${name};`);
      else lines.push(`declare ${e.kind} ${name}: ${e.type ?? `typeof ${this.via(e.module)}.${name}`};`);
      if (e.kind === "alias" || !e.type) refs.add(e.module);
    }
    refs.delete(this.prelude.module);
    // One import of the hub (the import graph stays fixed); earlier cells' names come through it.
    lines.push(`import * as __gl_h from ${specifier(this.hub)};`);
    lines.push(`import { ${fromPrelude.join(", ")} } from ${specifier(this.prelude.module)};`);
    lines.push(`import type { Tensor as ${TENSOR_ALIAS} } from ${specifier(this.enginePath)};`);
    lines.push(`import type { NDArray as ${NDARRAY_ALIAS} } from ${specifier(this.ndarrayPath)};`);
    return { text: "\n;" + lines.join("\n") + "\n", refs };
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
  commit(
    names: readonly TopLevelName[],
    snapshots: ReadonlyMap<string, string>,
    refs: ReadonlySet<string>,
  ): { slot: string | null; freed: Map<string, string> } {
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
