/**
 * Reading test/nn/nn_goldens.json (written by generate_nn_goldens.py from real PyTorch 1.13) and
 * comparing gradlab tensors with it at float32 tolerance.
 *
 * Tolerance: |actual - expected| <= atol + rtol * |expected|, rtol = 1e-4 and atol = 1e-5 by
 * default (float32 results whose reductions run in a different order than ATen's kernels).
 * Checksummed tensors compare sum / abs_sum / sq_sum with the same rtol relative to abs_sum /
 * sq_sum, and the stored head and picked elements with atol scaled by the tensor's RMS.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import * as torch from "../../engine/index.js";

export interface Enc {
  shape: number[];
  dtype: string;
  values?: (number | string)[];
  sum?: number;
  abs_sum?: number;
  sq_sum?: number;
  head?: number[];
  picks?: [number, number][];
  requires_grad?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const G: any = JSON.parse(readFileSync(new URL("./nn_goldens.json", import.meta.url), "utf8"));

const num = (v: number | string) =>
  v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : (v as number);
const DTYPES: Record<string, torch.dtype> = {
  float32: torch.float32,
  float64: torch.float64,
  int64: torch.int64,
  bool: torch.bool,
};

/** A tensor from a fully stored encoding (requires_grad as recorded). */
export function dec(e: Enc): torch.Tensor {
  if (!e.values) throw new Error("tensor stored as a checksum only");
  const t = torch.tensor(e.values.map(num), { dtype: DTYPES[e.dtype] }).reshape(e.shape);
  return e.requires_grad ? t.requires_grad_(true) : t;
}

/**
 * rtol/atol per element; or `rms`: every element within rms * RMS(expected) and the sums within
 * rms * abs_sum (for tensors whose float32 rounding noise is amplified, e.g. after chaotic steps).
 */
export interface Tol {
  rtol?: number;
  atol?: number;
  rms?: number;
}

export function close(a: number, b: number, atol: number, rtol: number): boolean {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/** Compare a tensor with its golden encoding; `what` names it in failure messages. */
export function expectTensor(t: torch.Tensor | null | undefined, e: Enc | null, what: string, tol: Tol = {}): void {
  const rtol = tol.rtol ?? 1e-4,
    atol = tol.atol ?? 1e-5;
  if (e === null) {
    expect(t ?? null, what).toBeNull();
    return;
  }
  expect(t, what).toBeTruthy();
  expect([...t!.shape], `${what} shape`).toEqual(e.shape);
  const vals = t!.contiguous()._values();
  if (tol.rms !== undefined) {
    expectRms(vals, e, what, tol.rms);
    return;
  }
  if (e.values) {
    const exp = e.values.map(num);
    const bad = vals.findIndex((v, i) => !close(v, exp[i], atol, rtol));
    if (bad >= 0) expect.fail(`${what}[${bad}]: got ${vals[bad]}, expected ${exp[bad]} (rtol ${rtol}, atol ${atol})`);
    return;
  }
  let sum = 0,
    abs = 0,
    sq = 0;
  for (const v of vals) {
    sum += v;
    abs += Math.abs(v);
    sq += v * v;
  }
  // Sums are accumulated in a different order than torch's: never ask them for more than 1e-12.
  const n = vals.length,
    rms = Math.sqrt(e.sq_sum! / n),
    crtol = Math.max(rtol, 1e-12);
  if (!close(sum, e.sum!, crtol * e.abs_sum!, 0))
    expect.fail(`${what} sum: got ${sum}, expected ${e.sum} (abs_sum ${e.abs_sum})`);
  if (!close(abs, e.abs_sum!, 0, crtol)) expect.fail(`${what} abs_sum: got ${abs}, expected ${e.abs_sum}`);
  if (!close(sq, e.sq_sum!, 0, 2 * crtol)) expect.fail(`${what} sq_sum: got ${sq}, expected ${e.sq_sum}`);
  const elemAtol = atol + rtol * rms * 10;
  e.head!.forEach((v, i) => {
    if (!close(vals[i], v, elemAtol, rtol)) expect.fail(`${what} head[${i}]: got ${vals[i]}, expected ${v}`);
  });
  for (const [i, v] of e.picks!)
    if (!close(vals[i], v, elemAtol, rtol)) expect.fail(`${what}[${i}]: got ${vals[i]}, expected ${v}`);
}

/** next_functions as [[name | null, input_nr], ...] with PyTorch's class names. */
export function nextFns(t: torch.Tensor): [string | null, number][] {
  return t.grad_fn!.next_functions.map(([n, i]) => [n ? (n as { _className: string })._className : null, i]);
}

/** `Error` as Python prints it: "RuntimeError: message". */
export function errorText(f: () => unknown): string | null {
  try {
    f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return null;
}

function expectRms(vals: number[], e: Enc, what: string, k: number): void {
  const n = vals.length;
  const pts: [number, number][] = e.values
    ? e.values.map((v, i) => [i, num(v)])
    : [...e.head!.map((v, i) => [i, v] as [number, number]), ...e.picks!];
  const rms = e.values ? Math.sqrt(pts.reduce((a, [, v]) => a + v * v, 0) / Math.max(1, n)) : Math.sqrt(e.sq_sum! / n);
  const lim = k * (rms || 1);
  for (const [i, v] of pts)
    if (!(Math.abs(vals[i] - v) <= lim))
      expect.fail(`${what}[${i}]: got ${vals[i]}, expected ${v} (within ${k} x RMS ${rms})`);
  if (e.sum !== undefined) {
    let sum = 0;
    for (const v of vals) sum += v;
    if (!(Math.abs(sum - e.sum) <= k * e.abs_sum!))
      expect.fail(`${what} sum: got ${sum}, expected ${e.sum} (within ${k} x abs_sum ${e.abs_sum})`);
  }
}
