/**
 * Native backend benchmark: matmul (fp32 at both precisions, fp64) and ResNet-18 forward + backward
 * (1x3x64x64) in gradlab (native and TypeScript backends) and PyTorch (Debian's, /usr/bin/python3,
 * OMP_NUM_THREADS=1 + OPENBLAS_NUM_THREADS=2), in one paired run: each round times every side once,
 * alternating, so both see the same machine load. Prints medians, min-max and gradlab / PyTorch
 * ratios, and one JSON line with everything.
 *
 * Run: npm run bench:native            (builds, then node dist/bench/native/paired_bench.js [rounds])
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as torch from "../../engine/index.js";
import { backend, set_backend } from "../../engine/backend/index.js";
import { models } from "../../engine/vision/index.js";

const rounds = Number(process.argv[2] ?? 5);

// ---- the PyTorch worker ----------------------------------------------------------------------------

let dir = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(dir, "bench/native/torch_worker.py")) && dirname(dir) !== dir) dir = dirname(dir);
const py = spawn("/usr/bin/python3", [join(dir, "bench/native/torch_worker.py")], {
  env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "2" }, stdio: ["pipe", "pipe", "inherit"],
});
const lines = createInterface({ input: py.stdout! })[Symbol.asyncIterator]();
async function ask(req: object): Promise<number[]> {
  py.stdin!.write(JSON.stringify(req) + "\n");
  return (JSON.parse((await lines.next()).value as string) as { seconds: number[] }).seconds;
}

// ---- gradlab's side --------------------------------------------------------------------------------

function timeMatmul(n: number, dtype: torch.dtype): () => number {
  const a = torch.rand(n, n, { dtype }), b = torch.rand(n, n, { dtype });
  a.matmul(b);
  const iters = Math.max(1, Math.floor(2e8 / n ** 3));
  return () => {
    const t0 = performance.now();
    for (let i = 0; i < iters; i++) a.matmul(b);
    return (performance.now() - t0) / 1e3 / iters;
  };
}

function timeResnet(): () => number {
  torch.manual_seed(0);
  const model = models.resnet18();
  const data = torch.rand(1, 3, 64, 64), labels = torch.rand(1, 1000);
  const step = () => { model.zero_grad(); model(data).sub(labels).sum().backward(); };
  step();
  return () => { const t0 = performance.now(); step(); return (performance.now() - t0) / 1e3; };
}

interface Side { name: string; setup: () => void; run: () => number }
interface Case { name: string; flops: number; torch: object; sides: Side[] }

const on = (name: string, precision: "highest" | "high") => () => { set_backend(name); torch.set_float32_matmul_precision(precision); };
const matmulCase = (n: number, dtype: torch.dtype, withTs: boolean): Case => {
  const sides: Side[] = [];
  const add = (name: string, setup: () => void) => { setup(); sides.push({ name, setup, run: timeMatmul(n, dtype) }); };
  if (dtype === torch.float32) add("gradlab native, precision highest", on("native", "highest"));
  add(dtype === torch.float32 ? "gradlab native, precision high" : "gradlab native", on("native", "high"));
  if (withTs) add("gradlab ts", on("ts", "highest"));
  return { name: `matmul ${n}x${n}x${n} ${dtype.name}`, flops: 2 * n ** 3, torch: { case: "matmul", n, dtype: dtype.name }, sides };
};
const resnetCase = (): Case => {
  const sides: Side[] = [];
  const variants: [string, string, "highest" | "high"][] = [
    ["gradlab native, precision highest", "native", "highest"], ["gradlab native, precision high", "native", "high"], ["gradlab ts", "ts", "highest"]];
  for (const [name, b, precision] of variants) {
    const setup = on(b, precision);
    setup();
    sides.push({ name, setup, run: timeResnet() });
  }
  return { name: "ResNet-18 forward+backward 1x3x64x64 float32", flops: 0, torch: { case: "resnet18" }, sides };
};

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function main(): Promise<void> {
  const header = JSON.parse((await lines.next()).value as string) as { torch: string; threads: number };
  const initial = backend().name;
  const cases = [matmulCase(256, torch.float32, true), matmulCase(512, torch.float32, true), matmulCase(1024, torch.float32, false),
    matmulCase(1024, torch.float64, false), resnetCase()];
  const results: Record<string, Record<string, number[]>> = {};
  for (let r = 0; r < rounds; r++)
    for (const c of cases) {
      const rec = (results[c.name] ??= {});
      for (const s of c.sides) { s.setup(); (rec[s.name] ??= []).push(s.run()); }
      (rec["PyTorch"] ??= []).push(...(await ask({ ...c.torch, reps: 1 })));
    }
  py.stdin!.end();
  set_backend(initial);
  torch.set_float32_matmul_precision("highest");

  console.log(`gradlab native backend vs PyTorch ${header.torch} (OMP 1 + OpenBLAS 2 threads), ${rounds} paired rounds, medians [min-max]`);
  for (const c of cases) {
    const rec = results[c.name], t = median(rec["PyTorch"]);
    console.log(`\n${c.name}`);
    for (const [name, v] of Object.entries(rec)) {
      const m = median(v);
      const perf = c.flops ? `${(c.flops / m / 1e9).toFixed(1).padStart(7)} GFLOP/s` : "";
      const ms = (x: number) => (x * 1e3).toFixed(x < 0.01 ? 2 : 1);
      const ratio = name === "PyTorch" ? "" : c.flops ? `  ${(t / m).toFixed(2)}x PyTorch's GFLOP/s` : `  ${(m / t).toFixed(2)}x PyTorch's time`;
      console.log(`  ${name.padEnd(36)} ${ms(m).padStart(9)} ms [${ms(Math.min(...v))}-${ms(Math.max(...v))}] ${perf}${ratio}`);
    }
  }
  console.log("\n" + JSON.stringify({ torch: header.torch, rounds, results }));
}

main().catch((e) => { console.error(e); py.kill(); process.exit(1); });
