/**
 * The golden oracle's TypeScript side: loading test/golden/ops.json (written by generate.py from
 * real PyTorch), running a case's TypeScript in gradlab, and comparing what it gives with what
 * PyTorch gave. Comparison rules (tolerance classes) are described in the JSON header.
 */
import { readFileSync } from "node:fs";
import * as torch from "../../engine/index.js";

// ---- the JSON ------------------------------------------------------------------------------------

export type Enc = number | string | boolean;
export interface NodeRec {
  name: string;
  next: [NodeRec | null, number][];
}
export interface TensorRec {
  kind: "tensor";
  dtype: string;
  shape: number[];
  stride: number[];
  requires_grad: boolean;
  is_leaf: boolean;
  grad_fn: string | null;
  repr?: string;
  values?: Enc[];
  graph?: NodeRec | null;
}
export type ValueRec =
  | TensorRec
  | { kind: "size"; value: number[]; repr: string }
  | { kind: "seq"; items: ValueRec[] }
  | { kind: "scalar"; pytype: "bool" | "int" | "float"; value: Enc }
  | { kind: "none" }
  | { kind: "str"; value: string }
  | { kind: "dtype"; value: string }
  | { kind: "node"; name: string; graph: NodeRec };
export type Tol = "exact" | "ulp" | "reduce";
export interface GoldenCase {
  id: string;
  area: string;
  op: string;
  covers?: string[];
  py: string;
  ts: string;
  ts_kind: "expr" | "stmts";
  ts_source: "auto" | "manual";
  tol: Tol;
  grad_tol?: Tol;
  grads_of?: string[];
  check_stride?: boolean;
  nodata?: boolean;
  graph?: boolean;
  note?: string;
  result?: ValueRec;
  grads?: Record<string, TensorRec | null>;
  error?: { type: string; message: string };
  torch2?: { rule: string; from: string; to: string; reason: string }[];
}
export interface Tolerances {
  ulp: Record<string, number>;
  reduce: Record<string, { rtol: number; atol: number }>;
}
export interface GoldenDoc {
  header: Record<string, unknown> & { tolerances: Tolerances };
  cases: GoldenCase[];
}

export const golden: GoldenDoc = JSON.parse(readFileSync(new URL("./ops.json", import.meta.url), "utf8")) as GoldenDoc;

export interface KnownFailure {
  id: string;
  reason: string;
}
const knownDoc = JSON.parse(readFileSync(new URL("./known_failures.json", import.meta.url), "utf8")) as {
  failures: KnownFailure[];
};
/** Cases that fail today, by id, with the root cause (the engine owner shrinks this list). */
export const knownFailures = new Map(knownDoc.failures.map((f) => [f.id, f.reason]));

// ---- running a case ------------------------------------------------------------------------------

export type Outcome = { ok: true; value: unknown; vars: Record<string, unknown> } | { ok: false; error: unknown };

/** Run a case's TypeScript with `torch` in scope: the expression's value, or `out` after the statements. */
export function runCase(c: GoldenCase): Outcome {
  const names = c.grads_of ?? [];
  const body =
    c.ts_kind === "expr" ? `return [(${c.ts}), {}];` : `let out;\n${c.ts}\nreturn [out, {${names.join(", ")}}];`;
  let fn: (t: typeof torch) => [unknown, Record<string, unknown>];
  try {
    fn = new Function("torch", body) as typeof fn;
  } catch (e) {
    throw new Error(`case ${c.id}: its TypeScript does not parse: ${String(e)}\n${body}`);
  }
  try {
    const [value, vars] = fn(torch);
    return { ok: true, value, vars };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Undo global state a case may have changed (PyTorch's generator side does the same). */
export function resetGlobals(): void {
  torch.set_default_dtype(torch.float32);
  torch.set_printoptions({ profile: "default" });
  torch.set_grad_enabled(true);
}

// ---- comparing -----------------------------------------------------------------------------------

/** Collects every difference between gradlab's value and PyTorch's as "path: expected ..., got ...". */
export class Diff {
  readonly lines: string[] = [];
  add(path: string, expected: unknown, got: unknown): void {
    this.lines.push(`${path}: expected ${show(expected)}, got ${show(got)}`);
  }
  note(path: string, msg: string): void {
    this.lines.push(`${path}: ${msg}`);
  }
  /** Run a check; a throw (a missing method, say) becomes one difference instead of ending the comparison. */
  attempt(path: string, f: () => void): void {
    try {
      f();
    } catch (e) {
      this.note(path, `threw ${errText(e)}`);
    }
  }
}

export function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Object.is(v, -0)) return "-0";
  if (v instanceof torch.Tensor) {
    try {
      return `Tensor ${JSON.stringify(String(v))}`;
    } catch {
      return "Tensor <unprintable>";
    }
  }
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (typeof v === "bigint") return `${v}n`;
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

export function errText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

function decode(v: Enc): number | boolean | bigint {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  if (typeof v === "string") return BigInt(v);
  return v;
}

const f32 = new Float32Array(1),
  i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1),
  i64 = new BigInt64Array(f64.buffer);
/** Position of a float32 on the number line of float32s (so that neighbours differ by 1). */
function ord32(x: number): number {
  f32[0] = x;
  const b = i32[0]!;
  return b < 0 ? -(b & 0x7fffffff) : b;
}
function ord64(x: number): bigint {
  f64[0] = x;
  const b = i64[0]!;
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}

/** Distance in units in the last place of `dtype` between two finite numbers. */
export function ulpDistance(a: number, b: number, dtype: string): number {
  if (dtype === "float64") {
    const d = ord64(a) - ord64(b);
    return Number(d < 0n ? -d : d);
  }
  const d = Math.abs(ord32(a) - ord32(b));
  // float16 has 13 fewer mantissa bits than float32 (normal range).
  return dtype === "float16" ? d / 2 ** 13 : d;
}

/** Compare one element: `tol` applies to floating dtypes only; everything else is exact. */
export function sameElement(expected: Enc, got: unknown, dtype: string, tol: Tol, tols: Tolerances): boolean {
  const e = decode(expected);
  // Python ints: gradlab gives a number while it is a safe integer, a bigint beyond (Tensor.item()).
  if (typeof got === "bigint")
    return (typeof e === "bigint" || (typeof e === "number" && Number.isInteger(e))) && BigInt(e) === got;
  if (typeof e === "bigint") {
    return typeof got === "number" && Number.isSafeInteger(got) && BigInt(got) === e;
  }
  if (typeof e === "boolean") return got === e;
  if (typeof got !== "number") return false;
  const isFloat = dtype === "float16" || dtype === "float32" || dtype === "float64";
  if (!isFloat || tol === "exact") return Object.is(e, got);
  if (Number.isNaN(e) || Number.isNaN(got)) return Number.isNaN(e) && Number.isNaN(got);
  if (!Number.isFinite(e) || !Number.isFinite(got)) return e === got;
  if (tol === "ulp") return ulpDistance(e, got, dtype) <= tols.ulp[dtype]!;
  const { rtol, atol } = tols.reduce[dtype]!;
  return Math.abs(e - got) <= atol + rtol * Math.abs(e);
}

function flatten(v: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) {
    for (const x of v) flatten(x, out);
  } else out.push(v);
  return out;
}

export function compareNode(d: Diff, path: string, exp: NodeRec | null, got: unknown): void {
  if (exp === null) {
    if (got !== null && got !== undefined) d.add(path, null, nodeName(got));
    return;
  }
  if (got === null || got === undefined) {
    d.add(path, exp.name, got);
    return;
  }
  const name = nodeName(got);
  if (name !== exp.name) {
    d.add(`${path}.name()`, exp.name, name);
    return;
  }
  const next = (got as { next_functions: unknown }).next_functions;
  if (!Array.isArray(next)) {
    d.note(`${path}.next_functions`, "is not an array");
    return;
  }
  if (next.length !== exp.next.length) {
    d.add(
      `${path}.next_functions`,
      exp.next.map(([n, i]) => [n?.name ?? null, i]),
      next.map((e) => [nodeName((e as unknown[])[0]), (e as unknown[])[1]]),
    );
    return;
  }
  exp.next.forEach(([n, nr], i) => {
    const [gn, gnr] = next[i] as [unknown, unknown];
    compareNode(d, `${path}.next_functions[${i}][0]`, n, gn);
    if (gnr !== nr) d.add(`${path}.next_functions[${i}][1]`, nr, gnr);
  });
}

function nodeName(n: unknown): string | null {
  if (n === null || n === undefined) return null;
  const f = (n as { name?: unknown }).name;
  return typeof f === "function" ? String((f as () => unknown).call(n)) : `<not a node: ${show(n)}>`;
}

export interface CompareOpts {
  tol: Tol;
  checkStride: boolean;
  tols: Tolerances;
}

export function compareTensor(d: Diff, path: string, exp: TensorRec, got: unknown, o: CompareOpts): void {
  if (!(got instanceof torch.Tensor)) {
    d.add(path, `a Tensor (${exp.repr ?? exp.dtype})`, got);
    return;
  }
  d.attempt(`${path}.dtype`, () => {
    if (got.dtype.name !== exp.dtype) d.add(`${path}.dtype`, exp.dtype, got.dtype.name);
  });
  d.attempt(`${path}.shape`, () => {
    const s = Array.from(got.shape);
    if (s.join() !== exp.shape.join() || s.length !== exp.shape.length) d.add(`${path}.shape`, exp.shape, s);
  });
  if (o.checkStride)
    d.attempt(`${path}.stride()`, () => {
      const s = got.stride();
      if (s.join() !== exp.stride.join()) d.add(`${path}.stride()`, exp.stride, s);
    });
  d.attempt(`${path}.requires_grad`, () => {
    if (got.requires_grad !== exp.requires_grad) d.add(`${path}.requires_grad`, exp.requires_grad, got.requires_grad);
  });
  d.attempt(`${path}.is_leaf`, () => {
    if (got.is_leaf !== exp.is_leaf) d.add(`${path}.is_leaf`, exp.is_leaf, got.is_leaf);
  });
  d.attempt(`${path}.grad_fn`, () => {
    const name = got.grad_fn ? got.grad_fn.name() : null;
    if (name !== exp.grad_fn) d.add(`${path}.grad_fn`, exp.grad_fn, name);
  });
  if (exp.graph !== undefined)
    d.attempt(`${path}.grad_fn graph`, () => compareNode(d, `${path}.grad_fn`, exp.graph ?? null, got.grad_fn));
  if (exp.repr !== undefined)
    d.attempt(`${path} repr`, () => {
      const r = String(got);
      if (r !== exp.repr) d.add(`${path} repr`, exp.repr, r);
    });
  if (exp.values !== undefined)
    d.attempt(`${path} values`, () => {
      const vals = flatten(got.tolist());
      if (vals.length !== exp.values!.length) {
        d.add(`${path} values.length`, exp.values!.length, vals.length);
        return;
      }
      const bad: string[] = [];
      exp.values!.forEach((e, i) => {
        if (!sameElement(e, vals[i], exp.dtype, o.tol, o.tols))
          bad.push(`[${i}] expected ${show(decode(e))}, got ${show(vals[i])}`);
      });
      if (bad.length)
        d.note(
          `${path} values (${o.tol})`,
          bad.slice(0, 8).join("; ") + (bad.length > 8 ? `; ... ${bad.length} differ` : ""),
        );
    });
}

export function compareValue(d: Diff, path: string, exp: ValueRec, got: unknown, o: CompareOpts): void {
  switch (exp.kind) {
    case "tensor":
      compareTensor(d, path, exp, got, o);
      return;
    case "seq": {
      // Python tuples/lists are JS arrays; named tuples (torch.return_types) may be any iterable.
      const seq = Array.isArray(got)
        ? got
        : got !== null && typeof got === "object" && !(got instanceof torch.Tensor) && Symbol.iterator in got
          ? Array.from(got as Iterable<unknown>)
          : null;
      if (!seq) {
        d.add(path, `a sequence of ${exp.items.length}`, got);
        return;
      }
      if (seq.length !== exp.items.length) {
        d.add(`${path}.length`, exp.items.length, seq.length);
        return;
      }
      exp.items.forEach((item, i) => compareValue(d, `${path}[${i}]`, item, seq[i], o));
      return;
    }
    case "size": {
      if (!Array.isArray(got) || got.join() !== exp.value.join() || got.length !== exp.value.length)
        d.add(path, exp.value, got);
      d.attempt(`${path} repr`, () => {
        if (String(got) !== exp.repr) d.add(`${path} repr`, exp.repr, String(got));
      });
      return;
    }
    case "scalar": {
      if (exp.pytype === "bool") {
        if (got !== exp.value) d.add(path, exp.value, got);
        return;
      }
      const dtype = exp.pytype === "int" ? "int64" : "float32";
      if (!sameElement(exp.value, got, dtype, o.tol, o.tols)) d.add(path, decode(exp.value), got);
      return;
    }
    case "none":
      if (got !== null && got !== undefined) d.add(path, null, got);
      return;
    case "str":
      if (got !== exp.value) d.add(path, exp.value, got);
      return;
    case "dtype":
      if (!(got instanceof torch.dtype) || String(got) !== exp.value) d.add(path, exp.value, got);
      return;
    case "node":
      compareNode(d, path, exp.graph, got);
      return;
  }
}

/** Every difference between running `c` in gradlab and PyTorch's golden; empty when they agree. */
export function checkCase(c: GoldenCase): string[] {
  const d = new Diff();
  const tols = golden.header.tolerances;
  const outcome = runCase(c);
  if (c.error) {
    if (outcome.ok) {
      d.note("error", `expected ${c.error.type}: ${c.error.message}\n  but got a value: ${show(outcome.value)}`);
      return d.lines;
    }
    const e = outcome.error as { name?: unknown; message?: unknown };
    if (e?.name !== c.error.type) d.add("error type", c.error.type, e?.name);
    if (e?.message !== c.error.message) d.add("error message", c.error.message, e?.message);
    return d.lines;
  }
  if (!outcome.ok) {
    d.note("result", `threw ${errText(outcome.error)}`);
    return d.lines;
  }
  compareValue(d, "out", c.result!, outcome.value, { tol: c.tol, checkStride: !!c.check_stride, tols });
  for (const [name, g] of Object.entries(c.grads ?? {})) {
    const leaf = outcome.vars[name];
    const path = `${name}.grad`;
    d.attempt(path, () => {
      const got = (leaf as { grad: unknown } | undefined)?.grad;
      if (g === null) {
        if (got !== null && got !== undefined) d.add(path, null, got);
        return;
      }
      compareTensor(d, path, g, got, { tol: c.grad_tol ?? c.tol, checkStride: false, tols });
    });
  }
  return d.lines;
}
