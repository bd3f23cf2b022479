/**
 * The op table: every entry of every op family, collected from the families' exports into one
 * frozen map, complete whichever module was imported first. Table-wide tests (goldens, gradcheck)
 * read it; `OpDef.internal` says why an entry is exempt from them.
 */
import type { OpDef } from "../autograd/op_def.js";
import * as activation from "./activation.js";
import * as binary from "./binary.js";
import * as conv from "./conv.js";
import * as embedding from "./embedding.js";
import * as fill from "./fill.js";
import * as gatherScatter from "./gather_scatter.js";
import * as indexing from "./indexing.js";
import * as join from "./join.js";
import * as linalg from "./linalg.js";
import * as loss from "./loss.js";
import * as movement from "./movement.js";
import * as normalization from "./normalization.js";
import * as padding from "./padding.js";
import * as pooling from "./pooling.js";
import * as reduce from "./reduce.js";
import * as shapeOps from "./shape_ops.js";
import * as softmax from "./softmax.js";
import * as sort from "./sort.js";
import * as unary from "./unary.js";

const FAMILIES = [
  activation,
  binary,
  conv,
  embedding,
  fill,
  gatherScatter,
  indexing,
  join,
  linalg,
  loss,
  movement,
  normalization,
  padding,
  pooling,
  reduce,
  shapeOps,
  softmax,
  sort,
  unary,
];

const isOpDef = (v: unknown): v is OpDef =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as OpDef).name === "string" &&
  Array.isArray((v as OpDef).inputs) &&
  typeof (v as OpDef).forward === "function";

/** The entries a family exports: entry constants, and the tables of row-made entries (BINARY_OPS, UNARY_OPS). */
function entriesOf(ns: object): OpDef[] {
  const out: OpDef[] = [];
  for (const v of Object.values(ns)) {
    if (isOpDef(v)) out.push(v);
    else if (v instanceof Map)
      for (const d of v.values()) {
        if (isOpDef(d)) out.push(d);
      }
    else if (typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype)
      for (const d of Object.values(v)) if (isOpDef(d)) out.push(d);
  }
  return out;
}

function build(): ReadonlyMap<string, OpDef> {
  const table = new Map<string, OpDef>();
  for (const ns of FAMILIES)
    for (const def of entriesOf(ns)) {
      const seen = table.get(def.name);
      if (seen && seen !== def) throw new Error(`op '${def.name}' defined twice`);
      table.set(def.name, Object.freeze(def));
    }
  return table;
}

export const OP_TABLE: ReadonlyMap<string, OpDef> = build();
