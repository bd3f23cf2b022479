/**
 * The benchmark suite (`npm run bench`): every case of cases/index.ts in gradlab (each available
 * backend), PyTorch (Debian's, /usr/bin/python3, OMP_NUM_THREADS=1 + OPENBLAS_NUM_THREADS=2) and
 * TensorFlow.js (tfjs-core's cpu and wasm backends), alternating within each repetition so they
 * see the same machine. Prints medians, min-max and the ratios gradlab / PyTorch and gradlab /
 * tfjs, a summary table, and writes everything as JSON (bench/results/).
 *
 *   node dist/bench/suite/run.js [filter] [--reps 5] [--min-time 0.2] [--warmup 1] [--gap 0.15] [--clock wall|cpu]
 *        [--sides gradlab-native,pytorch,...] [--size full|smoke] [--json out.json]
 *
 * `--clock cpu` times process CPU time instead of wall time: steadier on a shared machine, but it
 * counts every thread's time (do not use it for multi-threaded kernels). Memory cases (`rss`) run
 * each side in a fresh process and report resident memory instead of time.
 */
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { hasNodeFlags, withNodeFlags } from "../../kernel/node_flags.js";
import { createInterface } from "node:readline";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as torch from "../../engine/index.js";
import { available_backends, set_backend } from "../../engine/backend/index.js";
import { cases as allCases } from "./cases/index.js";
import type { BenchCase, CaseSize } from "./case.js";
import { type Clock, timed } from "./timing.js";

// gradlab runs with the Node flags its own processes use (kernel/node_flags.ts): restart with them.
if (!hasNodeFlags()) {
  const r = spawnSync(process.execPath, withNodeFlags([...process.execArgv, ...process.argv.slice(1)]), {
    stdio: "inherit",
  });
  process.exit(r.status ?? 1);
}

// ---- options -------------------------------------------------------------------------------------
const args = process.argv.slice(2);
function opt(name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
}
const reps = +opt("reps", "5"),
  minTime = +opt("min-time", "0.2"),
  // Each side runs its call for this long once after setup, untimed: JavaScript sides reach their
  // steady state (optimized code, a garbage collector sized to the loop) only after a second or so
  // of a training loop; 0.2 s of warm-up left the MLP step 1.6x slower than it runs in a real loop.
  warmup = +opt("warmup", "1"),
  // Idle time before each timed repetition: the side timed before may still have threads spinning
  // for more work (OpenBLAS's wait about 0.1 s after a call; gradlab's pool 1 ms) on cores the next
  // side needs. Without it PyTorch's spinning OpenBLAS threads took a core from gradlab's MLP step.
  gap = +opt("gap", "0.15"),
  clock = opt("clock", "wall") as Clock;
const size = opt("size", "full") as CaseSize;
const sidesWanted = opt("sides", "");
const jsonOut = opt(
  "json",
  fileURLToPath(
    new URL(`../../../bench/results/suite-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, import.meta.url),
  ),
);
const filter = args[0];
const cases = allCases(size).filter((c) => !filter || c.name.includes(filter));
const wants = (side: string) => !sidesWanted || sidesWanted.split(",").includes(side);

// ---- workers: PyTorch and TensorFlow.js, each in its own process ---------------------------------
/** A process answering one JSON line per JSON request line; its first line is a banner. */
async function lineWorker(cmd: string, argv: string[], env: NodeJS.ProcessEnv, dead: string) {
  const proc = spawn(cmd, argv, { env, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(dead);
    return JSON.parse(value) as Record<string, any>;
  };
  const banner = await next();
  return {
    banner,
    ask: (req: object) => {
      proc.stdin.write(JSON.stringify(req) + "\n");
      return next();
    },
    end: () => proc.stdin.end(),
  };
}

const torchWorkerPath = fileURLToPath(new URL("../../../bench/suite/torch_worker.py", import.meta.url));
const torchEnv = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "2" };
const torchWorker = await lineWorker(
  "/usr/bin/python3",
  [torchWorkerPath],
  torchEnv,
  "the PyTorch worker exited (is python3-torch installed? /usr/bin/python3 -c 'import torch')",
);
// The worker's first line says which PyTorch it runs.
const torchInfo = torchWorker.banner as { version: string; threads: number };

const tfWorker = await lineWorker(
  process.execPath,
  [fileURLToPath(new URL("./tfjs_worker.js", import.meta.url)), size],
  process.env,
  "the TensorFlow.js worker exited",
);
const tfjs = tfWorker.banner.backends.length
  ? (tfWorker.banner as { backends: string[]; version: string; notes: string[] })
  : null;
const tfBackends = (tfjs?.backends ?? []).filter((b) => wants(`tfjs-${b}`));

// ---- sides ---------------------------------------------------------------------------------------
interface Stats {
  median: number;
  min: number;
  max: number;
  samples: number[];
}
interface Memory {
  baseline_mb: number;
  first_mb: number;
  last_mb: number;
  peak_mb: number;
}
type Outcome = Stats | Memory | { error: string };
const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2,
    min: s[0],
    max: s[s.length - 1],
    samples: xs,
  };
};
const backends = available_backends().filter((b) => wants(`gradlab-${b}`));
const sideNames = [
  ...backends.map((b) => `gradlab-${b}`),
  ...(wants("pytorch") ? ["pytorch"] : []),
  ...tfBackends.map((b) => `tfjs-${b}`),
];
const results: Record<string, Record<string, Outcome>> = {};
const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0];

/** A timed side: `setup` builds the call (null when the side has no version of the case); the call times it for `seconds`. */
interface TimedSide {
  name: string;
  setup(): Promise<((seconds: number) => Promise<number>) | null>;
}
function timedSides(c: BenchCase): TimedSide[] {
  const sides: TimedSide[] = backends.map((b) => ({
    name: `gradlab-${b}`,
    async setup() {
      set_backend(b);
      const fn = c.gradlab(torch);
      return async (seconds) => {
        set_backend(b);
        return timed(fn, seconds, clock);
      };
    },
  }));
  if (wants("pytorch"))
    sides.push({
      name: "pytorch",
      async setup() {
        const r = await torchWorker.ask({ setup: c.torch });
        if (r.error) throw new Error(r.error);
        return async (seconds) => {
          const t = await torchWorker.ask({ time: { min_time: seconds, clock } });
          if (t.error) throw new Error(t.error);
          return t.ms as number;
        };
      },
    });
  for (const b of tfBackends)
    sides.push({
      name: `tfjs-${b}`,
      async setup() {
        if (!c.tfjs) return null;
        const r = await tfWorker.ask({ setup: { case: c.name, backend: b } });
        if (r.error) throw new Error(r.error);
        return async (seconds) => {
          const t = await tfWorker.ask({ time: { backend: b, min_time: seconds, clock } });
          if (t.error) throw new Error(t.error);
          return t.ms as number;
        };
      },
    });
  return sides;
}

async function runTimed(c: BenchCase): Promise<Record<string, Outcome>> {
  const runs: [string, (seconds: number) => Promise<number>][] = [];
  const out: Record<string, Outcome> = {};
  for (const s of timedSides(c)) {
    try {
      const run = await s.setup();
      if (!run) continue;
      if (warmup > 0) await run(warmup);
      runs.push([s.name, run]);
    } catch (e) {
      out[s.name] = { error: message(e) };
    }
  }
  const samples: Record<string, number[]> = {};
  for (let r = 0; r < reps; r++)
    for (const [name, run] of runs) {
      if (name in out) continue; // failed in an earlier repetition
      try {
        if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap * 1000));
        (samples[name] ??= []).push(await run(minTime));
      } catch (e) {
        out[name] = { error: message(e) };
      }
    }
  for (const [name, xs] of Object.entries(samples)) if (!(name in out)) out[name] = stats(xs);
  return out;
}

/** Memory: every side in a fresh process, one after the other. */
function runMemory(c: BenchCase): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  const child = fileURLToPath(new URL("./rss_child.js", import.meta.url));
  const run = (name: string, cmd: string, argv: string[], input?: string) => {
    try {
      const text = execFileSync(cmd, argv, {
        input,
        env: torchEnv,
        encoding: "utf8",
        stdio: ["pipe", "pipe", "pipe"],
        maxBuffer: 1 << 24,
      });
      out[name] = JSON.parse(text.trim().split("\n").pop()!) as Memory;
    } catch (e) {
      out[name] = { error: message((e as { stderr?: string }).stderr || e) };
    }
  };
  for (const b of backends) run(`gradlab-${b}`, process.execPath, withNodeFlags([child, c.name, `gradlab-${b}`, size]));
  if (wants("pytorch"))
    run(
      "pytorch",
      "/usr/bin/python3",
      [torchWorkerPath, "--rss", String(c.rss!.steps)],
      JSON.stringify({ setup: c.torch }) + "\n",
    );
  if (c.tfjs) for (const b of tfBackends) run(`tfjs-${b}`, process.execPath, [child, c.name, `tfjs-${b}`, size]);
  return out;
}

// ---- report --------------------------------------------------------------------------------------
const isStats = (o: Outcome | undefined): o is Stats => !!o && "median" in o;
const isMemory = (o: Outcome | undefined): o is Memory => !!o && "peak_mb" in o;
/** The value compared across sides: median ms per call, or peak MB. */
const value = (o: Outcome | undefined): number | undefined =>
  isStats(o) ? o.median : isMemory(o) ? o.peak_mb : undefined;

function derived(c: BenchCase, ms: number): string {
  if (!c.work) return `${ms < 1 ? ms.toFixed(3) : ms.toFixed(1)} ms`;
  if ("flop" in c.work) return `${(c.work.flop / ms / 1e6).toFixed(1)} GFLOP/s`;
  return `${((ms * 1000) / c.work.ops).toFixed(2)} us/op`;
}
function cell(c: BenchCase, o: Outcome | undefined): string {
  if (!o) return "-";
  if ("error" in o) return "error";
  if (isMemory(o)) return `${o.peak_mb.toFixed(0)} MB (${o.first_mb.toFixed(0)}->${o.last_mb.toFixed(0)})`;
  return derived(c, o.median);
}
/** The fastest tfjs side of a case (the ratio gradlab / tfjs is taken against it). */
function bestTf(r: Record<string, Outcome>): string | undefined {
  return Object.keys(r)
    .filter((k) => k.startsWith("tfjs") && value(r[k]) !== undefined)
    .sort((a, b) => value(r[a])! - value(r[b])!)[0];
}
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined ? `${(a / b).toFixed(2)}x` : "n/a";

function printCase(c: BenchCase): void {
  const r = results[c.name];
  const torchV = value(r.pytorch),
    tfKey = bestTf(r),
    tfV = tfKey ? value(r[tfKey]) : undefined;
  console.log(`\n${c.name}`);
  for (const [k, o] of Object.entries(r)) {
    if ("error" in o) {
      console.log(`  ${k.padEnd(15)} error: ${o.error}`);
      continue;
    }
    const ratios = k.startsWith("gradlab")
      ? `  /pytorch ${ratio(value(o), torchV)}  /${tfKey ?? "tfjs"} ${ratio(value(o), tfV)}`
      : "";
    if (isMemory(o)) {
      console.log(
        `  ${k.padEnd(15)} peak ${o.peak_mb.toFixed(0).padStart(6)} MB  (before setup ${o.baseline_mb.toFixed(0)}, after step 1 ${o.first_mb.toFixed(0)}, after step ${c.rss!.steps} ${o.last_mb.toFixed(0)})${ratios}`,
      );
      continue;
    }
    console.log(
      `  ${k.padEnd(15)} median ${o.median.toFixed(3).padStart(10)} ms  [${o.min.toFixed(3)} - ${o.max.toFixed(3)}]  ${derived(c, o.median).padStart(16)}${ratios}`,
    );
  }
}

/** One markdown table: each side's figure, and time (or peak memory) ratios of gradlab's default backend. */
function summary(): string {
  const main = sideNames.find((s) => s.startsWith("gradlab-"));
  const head = ["case", ...sideNames, `${main} / pytorch`, `${main} / best tfjs`];
  const rows = cases.map((c) => {
    const r = results[c.name],
      tfKey = bestTf(r);
    return [
      c.name,
      ...sideNames.map((s) => cell(c, r[s])),
      ratio(value(r[main ?? ""]), value(r.pytorch)),
      tfKey ? `${ratio(value(r[main ?? ""]), value(r[tfKey]))} (${tfKey})` : "n/a",
    ];
  });
  return [head, head.map(() => "---"), ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n");
}

// ---- run -----------------------------------------------------------------------------------------
for (const c of cases) {
  results[c.name] = c.rss ? runMemory(c) : await runTimed(c);
  printCase(c);
}
torchWorker.end();
tfWorker.end();

const notes = [
  `torch ${torchInfo.version} (ATen ${torchInfo.threads} thread, OpenBLAS 2 threads)`,
  tfjs
    ? `tfjs-core ${tfjs.version} (${tfjs.notes.join("; ")})`
    : "tfjs not installed (npm ci installs its devDependencies)",
  `node ${process.version} ${process.execArgv.join(" ")}; clock ${clock}; ${warmup} s warm-up per side, then ${reps} repetitions of >= ${minTime} s per side, alternating, ${gap} s idle before each; sizes ${size}`,
  "ratios are gradlab's time (or peak memory) over the other side's: below 1 means gradlab is faster (smaller)",
];
console.log(`\n${summary()}\n\n${notes.join("\n")}`);
mkdirSync(fileURLToPath(new URL("../../../bench/results/", import.meta.url)), { recursive: true });
writeFileSync(
  jsonOut,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      node_flags: process.execArgv,
      pytorch: torchInfo,
      clock,
      reps,
      min_time: minTime,
      warmup,
      gap,
      size,
      sides: sideNames,
      tfjs: tfjs ? { version: tfjs.version, backends: tfBackends, notes: tfjs.notes } : null,
      results,
    },
    null,
    2,
  ),
);
console.log(`JSON: ${jsonOut}`);
