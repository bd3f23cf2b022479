/**
 * Training-step benchmark, gradlab (native backend, its default) against PyTorch (Debian's,
 * /usr/bin/python3, OMP_NUM_THREADS=1 + OPENBLAS_NUM_THREADS=2) in one paired run:
 * - ResNet-18 forward + backward on 1x3x64x64 and 8x3x64x64, and the MLP 784-256-10 SGD step
 *   (batch 64, cross-entropy): each round times both sides, alternating; medians and ratios.
 * - Memory: a ResNet-18 training loop (SGD with momentum) in fresh processes on each side: peak
 *   RSS, and the RSS every 5 steps (a loop's memory must stay flat).
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/native/training_bench.js [rounds] [memory steps] [highest|high]
 * (the last: torch.set_float32_matmul_precision for gradlab's side; PyTorch's CPU products are float32 either way)
 */
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as torch from "../../engine/index.js";
import { backend } from "../../engine/backend/index.js";
import { SGD } from "../../engine/optim/index.js";
import { models } from "../../engine/vision/index.js";

const here = fileURLToPath(import.meta.url);
let root = dirname(here);
while (!existsSync(join(root, "bench/native/training_torch.py")) && dirname(root) !== root) root = dirname(root);
const pyScript = join(root, "bench/native/training_torch.py");
const pyEnv = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "2" };

/** One ResNet-18 training loop in this process (memory mode): peak RSS and RSS every 5 steps. */
function memoryLoop(batch: number, steps: number): void {
  torch.manual_seed(0);
  const model = models.resnet18();
  const data = torch.rand(batch, 3, 64, 64),
    labels = torch.rand(batch, 1000);
  const opt = new SGD(model.parameters(), { lr: 1e-2, momentum: 0.9 });
  const every5: number[] = [];
  for (let i = 0; i < steps; i++) {
    opt.zero_grad();
    model(data).sub(labels).sum().backward();
    opt.step();
    if (i % 5 === 4) every5.push(Math.round(process.memoryUsage().rss / 1e6));
  }
  console.log(JSON.stringify({ peakMB: Math.round(process.resourceUsage().maxRSS / 1e3), rssEvery5: every5 }));
}

function resnetStep(batch: number): () => void {
  torch.manual_seed(0);
  const model = models.resnet18();
  const data = torch.rand(batch, 3, 64, 64),
    labels = torch.rand(batch, 1000);
  return () => {
    model.zero_grad();
    model(data).sub(labels).sum().backward();
  };
}

function mlpStep(): () => void {
  torch.manual_seed(0);
  const { nn, optim } = torch;
  const model = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
  const opt = new optim.SGD(model.parameters(), { lr: 0.01 });
  const lossFn = new nn.CrossEntropyLoss();
  const x = torch.rand(64, 784),
    y = torch.randint(0, 10, [64]);
  return () => {
    opt.zero_grad();
    lossFn(model(x), y).backward();
    opt.step();
  };
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5),
    memSteps = Number(process.argv[3] ?? 30);
  const precision = (process.argv[4] ?? "highest") as "highest" | "high";
  torch.set_float32_matmul_precision(precision);
  const py = spawn("/usr/bin/python3", [pyScript, "worker"], { env: pyEnv, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: py.stdout! })[Symbol.asyncIterator]();
  const ask = async (req: object): Promise<number[]> => {
    py.stdin!.write(JSON.stringify(req) + "\n");
    return (JSON.parse((await lines.next()).value as string) as { seconds: number[] }).seconds;
  };
  const header = JSON.parse((await lines.next()).value as string) as { torch: string };
  const cases = [
    { name: "ResNet-18 forward+backward 1x3x64x64", step: resnetStep(1), reps: 3, torch: { case: "resnet", batch: 1 } },
    { name: "ResNet-18 forward+backward 8x3x64x64", step: resnetStep(8), reps: 1, torch: { case: "resnet", batch: 8 } },
    { name: "MLP 784-256-10 batch 64, SGD step", step: mlpStep(), reps: 50, torch: { case: "mlp" } },
  ];
  for (const c of cases) c.step();
  const res: Record<string, { gradlab: number[]; torch: number[] }> = {};
  for (let r = 0; r < rounds; r++)
    for (const c of cases) {
      const rec = (res[c.name] ??= { gradlab: [], torch: [] });
      for (let i = 0; i < c.reps; i++) {
        const t0 = performance.now();
        c.step();
        rec.gradlab.push((performance.now() - t0) / 1e3);
      }
      rec.torch.push(...(await ask({ ...c.torch, reps: c.reps })));
    }
  py.stdin!.end();
  const ms = (x: number) => (x * 1e3).toFixed(x < 0.01 ? 2 : 1);
  console.log(
    `gradlab (${backend().name} backend, matmul precision ${precision}) vs PyTorch ${header.torch} (OMP 1 + OpenBLAS 2 threads), ${rounds} paired rounds, medians [min-max]`,
  );
  for (const [name, { gradlab, torch: t }] of Object.entries(res))
    console.log(
      `${name.padEnd(40)} gradlab ${ms(median(gradlab)).padStart(7)} ms [${ms(Math.min(...gradlab))}-${ms(Math.max(...gradlab))}]  ` +
        `PyTorch ${ms(median(t)).padStart(7)} ms [${ms(Math.min(...t))}-${ms(Math.max(...t))}]  ratio ${(median(gradlab) / median(t)).toFixed(2)}x`,
    );
  const memory: Record<string, unknown> = {};
  if (memSteps > 0)
    for (const batch of [1, 8]) {
      const g = JSON.parse(
        spawnSync(process.execPath, [here, "--memory", String(batch), String(memSteps)], {
          encoding: "utf8",
        }).stdout.trim(),
      );
      const t = JSON.parse(
        spawnSync("/usr/bin/python3", [pyScript, "memory", String(batch), String(memSteps)], {
          env: pyEnv,
          encoding: "utf8",
        }).stdout.trim(),
      );
      memory[batch] = { gradlab: g, torch: t };
      console.log(
        `ResNet-18 training loop ${batch}x3x64x64, ${memSteps} steps: peak RSS gradlab ${g.peakMB} MB, PyTorch ${t.peakMB} MB ` +
          `(ratio ${(g.peakMB / t.peakMB).toFixed(2)}x); RSS every 5 steps gradlab [${g.rssEvery5}] PyTorch [${t.rssEvery5}]`,
      );
    }
  console.log(
    JSON.stringify({ torch: header.torch, backend: backend().name, precision, rounds, results: res, memory }),
  );
}

if (process.argv[2] === "--memory") memoryLoop(Number(process.argv[3]), Number(process.argv[4]));
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
