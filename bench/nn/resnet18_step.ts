/**
 * ResNet-18 training step benchmark: gradlab vs PyTorch (Debian's, /usr/bin/python3), same
 * model, seed and input (torch.rand(1, 3, 64, 64)): forward, `(pred - labels).sum()`, backward,
 * SGD(lr=1e-2, momentum=0.9).step(). Prints seconds per phase and the gradlab / PyTorch ratio.
 *
 * Run: npx tsc -p bench/nn/tsconfig.json && node dist/bench-nn/bench/nn/resnet18_step.js [steps] [torch threads]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as torch from "../../engine/index.js";
import { SGD } from "../../engine/optim/index.js";
import { models } from "../../engine/vision/index.js";

const steps = Number(process.argv[2] ?? 3);
const threads = Number(process.argv[3] ?? 1);

torch.manual_seed(0);
const model = models.resnet18();
const data = torch.rand(1, 3, 64, 64), labels = torch.rand(1, 1000);
const opt = new SGD(model.parameters(), { lr: 1e-2, momentum: 0.9 });

function step(): [number, number, number] {
  opt.zero_grad();
  const t0 = performance.now();
  const loss = model(data).sub(labels).sum();
  const t1 = performance.now();
  loss.backward();
  const t2 = performance.now();
  opt.step();
  const t3 = performance.now();
  return [(t1 - t0) / 1e3, (t2 - t1) / 1e3, (t3 - t2) / 1e3];
}

step(); // warm-up (JIT)
const times = Array.from({ length: steps }, step);
const mean = [0, 1, 2].map((i) => times.reduce((a, t) => a + t[i], 0) / steps);
const g = { forward: mean[0], backward: mean[1], step: mean[2], total: mean[0] + mean[1] + mean[2] };

// The compiled file lives under dist/: walk up to the checkout that holds the Python side.
let dir = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(dir, "bench/nn/resnet18_step.py")) && dirname(dir) !== dir) dir = dirname(dir);
const py = join(dir, "bench/nn/resnet18_step.py");
const t = JSON.parse(execFileSync("/usr/bin/python3", [py, String(Math.max(steps, 5)), String(threads)], { encoding: "utf8" }).trim().split("\n").pop()!);

const fmt = (s: number) => `${(s * 1000).toFixed(1).padStart(8)} ms`;
console.log(`ResNet-18 training step, batch 1x3x64x64 (gradlab: ${steps} steps; PyTorch ${t.torch}, ${t.threads} thread(s))`);
console.log(`phase        gradlab      PyTorch     ratio`);
for (const k of ["forward", "backward", "step", "total"] as const)
  console.log(`${k.padEnd(9)} ${fmt(g[k])}  ${fmt(t[k])}  ${(g[k] / t[k]).toFixed(1).padStart(7)}x`);
