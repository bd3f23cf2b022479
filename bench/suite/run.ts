/**
 * The benchmark suite (`npm run bench`): every case of cases/index.ts in gradlab (each available
 * backend), PyTorch (Debian's, /usr/bin/python3, OMP_NUM_THREADS=1) and TensorFlow.js (when
 * installed in bench/: `npm install --prefix bench`), alternating within each repetition so they
 * see the same machine. Prints medians, min-max and the ratios gradlab / PyTorch and gradlab /
 * tfjs; writes everything as JSON.
 *
 *   node dist/bench/suite/run.js [filter] [--reps 5] [--min-time 0.2] [--clock wall|cpu] [--json out.json]
 *
 * `--clock cpu` times process CPU time instead of wall time: steadier on a shared machine, but it
 * counts every thread's time (do not use it for multi-threaded kernels).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import * as torch from "../../engine/index.js";
import { available_backends, set_backend } from "../../engine/backend/index.js";
import { CASES } from "./cases/index.js";
import type { BenchCase, Tf } from "./case.js";

// ---- options -------------------------------------------------------------------------------------
const args = process.argv.slice(2);
function opt(name: string, dflt: string): string { const i = args.indexOf(`--${name}`); return i >= 0 ? args.splice(i, 2)[1] : dflt; }
const reps = +opt("reps", "5"), minTime = +opt("min-time", "0.2"), clock = opt("clock", "wall") as "wall" | "cpu";
const jsonOut = opt("json", new URL(`../../../bench/results/suite-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, import.meta.url).pathname);
const filter = args[0];
const cases = filter ? CASES.filter((c) => c.name.includes(filter)) : CASES;

// ---- timing --------------------------------------------------------------------------------------
const now = clock === "cpu" ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : () => performance.now();
/** ms per call: warm up as long as we measure (the JIT compiles during the first calls), then time. */
function timed(fn: () => unknown): number {
  const ms = minTime * 1000;
  for (let t0 = now(), k = 0; k < 3 || now() - t0 < ms; k++) fn();
  let n = 0;
  const t0 = now();
  for (;;) { fn(); n++; const el = now() - t0; if (el >= ms && n >= 3) return el / n; }
}

// ---- PyTorch worker ------------------------------------------------------------------------------
const worker = spawn("/usr/bin/python3", [new URL("../../../bench/suite/torch_worker.py", import.meta.url).pathname], {
  env: { ...process.env, OMP_NUM_THREADS: "1" }, stdio: ["pipe", "pipe", "inherit"],
});
const lines = createInterface({ input: worker.stdout })[Symbol.asyncIterator]();
async function ask(req: object): Promise<Record<string, any>> {
  worker.stdin.write(JSON.stringify(req) + "\n");
  const { value, done } = await lines.next();
  if (done) throw new Error("the PyTorch worker exited (is python3-torch installed? /usr/bin/python3 -c 'import torch')");
  return JSON.parse(value);
}
// The worker's first line says which PyTorch it runs.
const banner = await lines.next();
if (banner.done) throw new Error("the PyTorch worker exited (is python3-torch installed? /usr/bin/python3 -c 'import torch')");
const torchInfo = JSON.parse(banner.value) as { version: string; threads: number };

// ---- TensorFlow.js (optional) --------------------------------------------------------------------
async function loadTf(): Promise<{ tf: Tf; backend: string } | null> {
  try {
    const req = createRequire(new URL("../../../bench/package.json", import.meta.url));
    const tf = req("@tensorflow/tfjs") as Tf;
    await tf.setBackend("cpu");
    return { tf, backend: "cpu" };
  } catch { return null; }
}
const tfjs = await loadTf();

// ---- run -----------------------------------------------------------------------------------------
interface Stats { median: number; min: number; max: number; samples: number[] }
const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2, min: s[0], max: s[s.length - 1], samples: xs };
};
const backends = available_backends();
const results: Record<string, Record<string, Stats | { error: string }>> = {};

for (const c of cases) {
  const runners: [string, () => unknown][] = [];
  for (const b of backends) { set_backend(b); runners.push([`gradlab-${b}`, c.gradlab(torch)]); }
  const setup = await ask({ setup: c.torch });
  const tfFn = tfjs && c.tfjs ? c.tfjs(tfjs.tf) : null;
  const samples: Record<string, number[]> = {};
  const errors: Record<string, string> = {};
  if (setup.error) errors.pytorch = setup.error;
  for (let r = 0; r < reps; r++) {
    for (const [label, fn] of runners) { set_backend(label.slice("gradlab-".length)); (samples[label] ??= []).push(timed(fn)); }
    if (!errors.pytorch) {
      const t = await ask({ time: { min_time: minTime, clock } });
      if (t.error) errors.pytorch = t.error; else (samples.pytorch ??= []).push(t.ms);
    }
    if (tfFn) (samples[`tfjs-${tfjs!.backend}`] ??= []).push(timed(tfFn));
  }
  results[c.name] = { ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)])), ...Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, { error: e }])) };
  print(c);
}
worker.stdin.end();

function derived(c: BenchCase, ms: number): string {
  if (!c.work) return `${ms.toFixed(3)} ms`;
  if ("flop" in c.work) return `${(c.work.flop / ms / 1e6).toFixed(1)} GFLOP/s`;
  return `${(ms * 1000 / c.work.ops).toFixed(2)} us/op`;
}
function print(c: BenchCase): void {
  const r = results[c.name];
  const torchMs = (r.pytorch as Stats | undefined)?.median;
  const tfKey = Object.keys(r).find((k) => k.startsWith("tfjs"));
  const tfMs = tfKey ? (r[tfKey] as Stats).median : undefined;
  console.log(`\n${c.name}`);
  for (const [k, v] of Object.entries(r)) {
    if ("error" in v) { console.log(`  ${k.padEnd(16)} error: ${v.error}`); continue; }
    const ratios = k.startsWith("gradlab")
      ? `  /pytorch ${torchMs ? (v.median / torchMs).toFixed(2) + "x" : "n/a"}  /tfjs ${tfMs ? (v.median / tfMs).toFixed(2) + "x" : "n/a"}`
      : "";
    console.log(`  ${k.padEnd(16)} median ${v.median.toFixed(3).padStart(10)} ms  [${v.min.toFixed(3)} - ${v.max.toFixed(3)}]  ${derived(c, v.median).padStart(16)}${ratios}`);
  }
}

mkdirSync(new URL("../../../bench/results/", import.meta.url), { recursive: true });
writeFileSync(jsonOut, JSON.stringify({
  date: new Date().toISOString(), node: process.version, pytorch: torchInfo, clock, reps, min_time: minTime, backends,
  tfjs: tfjs ? tfjs.backend : null, results,
}, null, 2));
console.log(`\ntorch ${torchInfo.version} (${torchInfo.threads} threads); tfjs ${tfjs ? tfjs.backend + " backend" : "not installed (npm install --prefix bench)"}; node ${process.version}`);
console.log(`clock: ${clock}; ${reps} repetitions, >= ${minTime}s each; JSON: ${jsonOut}`);
