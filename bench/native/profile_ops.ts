/**
 * Where a ResNet-18 / MLP step spends its time, by backend kernel: wraps the active backend's
 * kernels with timers and prints the time per kernel (and per op, for unary/binary/reduce) and
 * the share of the step not spent in kernels (graph building, TypeScript overhead).
 * `node dist/bench/native/profile_ops.js [resnet|resnet-fwd|mlp] [batch] [steps]`
 */
import * as torch from "../../engine/index.js";
import { backend } from "../../engine/backend/index.js";

const [what = "resnet", batchArg = "1", stepsArg = "5"] = process.argv.slice(2);
const batch = Number(batchArg),
  steps = Number(stepsArg);

const times = new Map<string, { ms: number; calls: number }>();
function wrap(obj: Record<string, unknown>, name: string, label: (args: unknown[]) => string): void {
  const f = obj[name];
  if (typeof f !== "function") return;
  obj[name] = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return (f as (...a: unknown[]) => unknown).apply(this, args);
    } finally {
      const key = label(args),
        e = times.get(key) ?? { ms: 0, calls: 0 };
      e.ms += performance.now() - t0;
      e.calls++;
      times.set(key, e);
    }
  };
}

const b = backend() as unknown as Record<string, unknown>;
const shape = (v: unknown) => ((v as { shape?: number[] }).shape ?? []).join("x");
for (const k of ["unary", "binary", "reduce", "ternary"])
  wrap(
    b,
    k,
    (a) =>
      `${k}:${String(a[0])}${process.env.SHAPES ? " " + shape(a[1]) + (k === "binary" ? " " + shape(a[2]) : "") : ""}`,
  );
wrap(b, "copy", (a) => `copy ${shape(a[0])}`);
wrap(b, "matmul", (a) => `matmul ${shape(a[0])} @ ${shape(a[1])}`);
wrap(b, "alloc", () => "alloc");
for (const group of ["nn", "optim"]) {
  const g = b[group] as Record<string, unknown> | undefined;
  if (g) for (const k of Object.keys(g)) wrap(g, k, () => `${group}.${k}`);
}

torch.manual_seed(0);
let step: () => void;
if (what.startsWith("resnet")) {
  const model = torch.models.resnet18({ num_classes: 1000 });
  const data = torch.rand(batch, 3, 64, 64),
    labels = torch.rand(batch, 1000);
  if (what === "resnet-fwd") {
    model.eval();
    step = () => void torch.no_grad(() => model(data));
  } else
    step = () => {
      model.zero_grad();
      model(data).sub(labels).sum().backward();
    };
} else {
  const { nn, optim } = torch;
  const model = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
  const opt = new optim.SGD(model.parameters(), { lr: 0.01 });
  const lossFn = new nn.CrossEntropyLoss();
  const x = torch.rand(64, 784),
    y = torch.randint(0, 10, [64]);
  step = () => {
    opt.zero_grad();
    lossFn(model(x), y).backward();
    opt.step();
  };
}
for (let i = 0; i < 3; i++) step();
times.clear();
const t0 = performance.now(),
  c0 = process.cpuUsage();
for (let i = 0; i < steps; i++) step();
const total = (performance.now() - t0) / steps,
  cpu = process.cpuUsage(c0);
const rows = [...times].sort((x, y) => y[1].ms - x[1].ms);
let inKernels = 0;
for (const [, v] of rows) inKernels += v.ms;
console.log(
  `${what} batch ${batch}: ${total.toFixed(2)} ms per step (CPU time of all threads ${((cpu.user + cpu.system) / 1000 / steps).toFixed(2)} ms); kernels ${(inKernels / steps).toFixed(2)} ms`,
);
for (const [k, v] of rows.slice(0, 40))
  console.log(`${(v.ms / steps).toFixed(3).padStart(9)} ms ${(v.calls / steps).toFixed(0).padStart(5)}x  ${k}`);
