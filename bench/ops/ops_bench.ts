/**
 * Ops benchmark: the same cases in gradlab, PyTorch (Debian, /usr/bin/python3) and TensorFlow.js
 * (pure-JS CPU backend, installed with `npm install --prefix bench`), in one run, with ratios.
 * Run: npm run build && node dist/bench/ops/ops_bench.js
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import * as torch from "../../engine/index.js";

interface Case {
  name: string;
  kind: string;
  n: number;
}
const CASES: Case[] = [
  { name: "matmul 128x128", kind: "matmul", n: 128 },
  { name: "matmul 512x512", kind: "matmul", n: 512 },
  { name: "add 1e6", kind: "add", n: 1_000_000 },
  { name: "exp 1e6", kind: "exp", n: 1_000_000 },
  { name: "sum 1e6", kind: "sum", n: 1_000_000 },
  { name: "broadcast mul 1000x1000", kind: "broadcast_mul", n: 1000 },
  { name: "transpose copy 1000x1000", kind: "transpose_copy", n: 1000 },
  { name: "mlp fwd+bwd (64x512)", kind: "mlp_step", n: 512 },
  // Per-op overhead: 2,000 recorded ops on 8 elements (mul, add alternating), then backward.
  { name: "autograd chain 2000 ops x 8 (fwd+bwd)", kind: "autograd_chain", n: 2000 },
];
// `node dist/bench/ops/ops_bench.js chain` runs only the cases whose name contains "chain".
const only = process.argv[2];
const SELECTED = only ? CASES.filter((c) => c.name.includes(only)) : CASES;

function timeit(fn: () => unknown, minMs = 300): number {
  // Warm up as long as we measure: the JIT compiles the hot path during the first calls.
  for (let w0 = performance.now(), k = 0; k < 3 || performance.now() - w0 < minMs; k++) fn();
  let n = 0;
  const t0 = performance.now();
  for (;;) {
    fn();
    n++;
    const el = performance.now() - t0;
    if (el > minMs && n >= 3) return el / n;
  }
}

function gradlabCase(c: Case): () => unknown {
  const n = c.n;
  switch (c.kind) {
    case "matmul": {
      const a = torch.rand(n, n),
        b = torch.rand(n, n);
      return () => a.matmul(b);
    }
    case "add": {
      const a = torch.rand(n),
        b = torch.rand(n);
      return () => a.add(b);
    }
    case "exp": {
      const a = torch.rand(n);
      return () => a.exp();
    }
    case "sum": {
      const a = torch.rand(n);
      return () => a.sum();
    }
    case "broadcast_mul": {
      const a = torch.rand(n, n),
        b = torch.rand(n);
      return () => a.mul(b);
    }
    case "transpose_copy": {
      const a = torch.rand(n, n);
      return () => a.t().contiguous();
    }
    case "mlp_step": {
      const x = torch.rand(64, n),
        w1 = torch.rand(n, 256, { requires_grad: true }),
        w2 = torch.rand(256, 10, { requires_grad: true });
      return () => x.matmul(w1).relu().matmul(w2).sum().backward();
    }
    case "autograd_chain": {
      const w = torch.rand(8),
        b = torch.rand(8);
      return () => {
        const x = torch.rand(8, { requires_grad: true });
        let y = x;
        for (let i = 0; i < n / 2; i++) y = y.mul(w).add(b);
        y.sum().backward();
      };
    }
  }
  throw new Error(c.kind);
}

type Tf = Record<string, any>;
function loadTf(): Tf | null {
  try {
    const req = createRequire(new URL("../../../bench/package.json", import.meta.url));
    const tf = req("@tensorflow/tfjs") as Tf;
    return tf;
  } catch {
    return null;
  }
}
function tfCase(tf: Tf, c: Case): (() => unknown) | null {
  const n = c.n;
  const keep = (f: () => any) => () =>
    tf.tidy(() => {
      const r = f();
      r.dataSync();
      return r;
    });
  switch (c.kind) {
    case "matmul": {
      const a = tf.randomUniform([n, n]),
        b = tf.randomUniform([n, n]);
      return keep(() => tf.matMul(a, b));
    }
    case "add": {
      const a = tf.randomUniform([n]),
        b = tf.randomUniform([n]);
      return keep(() => tf.add(a, b));
    }
    case "exp": {
      const a = tf.randomUniform([n]);
      return keep(() => tf.exp(a));
    }
    case "sum": {
      const a = tf.randomUniform([n]);
      return keep(() => tf.sum(a));
    }
    case "broadcast_mul": {
      const a = tf.randomUniform([n, n]),
        b = tf.randomUniform([n]);
      return keep(() => tf.mul(a, b));
    }
    case "transpose_copy": {
      const a = tf.randomUniform([n, n]);
      return keep(() => tf.transpose(a));
    }
    case "mlp_step": {
      const x = tf.randomUniform([64, n]),
        w1 = tf.variable(tf.randomUniform([n, 256])),
        w2 = tf.variable(tf.randomUniform([256, 10]));
      const g = tf.grads((a: any, b: any) => tf.sum(tf.matMul(tf.relu(tf.matMul(x, a)), b)));
      return () =>
        tf.tidy(() => {
          const r = g([w1, w2]);
          r[0].dataSync();
        });
    }
  }
  return null;
}

const py = JSON.parse(
  execFileSync(
    "/usr/bin/python3",
    [new URL("../../../bench/ops/torch_ops.py", import.meta.url).pathname, JSON.stringify(SELECTED)],
    { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? "1" } },
  ),
);
const tf = loadTf();
if (tf) await tf.setBackend("cpu");
const rows: string[][] = [["case", "gradlab ms", "torch ms", "gradlab/torch", "tfjs ms", "gradlab/tfjs"]];
for (const c of SELECTED) {
  const g = timeit(gradlabCase(c));
  const t = py.ms[c.name] as number;
  const tfFn = tf ? tfCase(tf, c) : null;
  const f = tfFn ? timeit(tfFn) : NaN;
  rows.push([
    c.name,
    g.toFixed(3),
    t.toFixed(3),
    (g / t).toFixed(2) + "x",
    tfFn ? f.toFixed(3) : "n/a",
    tfFn ? (g / f).toFixed(2) + "x" : "n/a",
  ]);
  if (c.kind === "autograd_chain")
    console.log(
      `${c.name}: gradlab ${((g * 1000) / c.n).toFixed(2)} us/op, torch ${((t * 1000) / c.n).toFixed(2)} us/op`,
    );
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((s, i) => s.padStart(widths[i])).join("  "));
console.log(
  `\ntorch ${py.version} with ${py.threads} threads; tfjs ${tf ? tf.version.tfjs + " (cpu backend)" : "not installed (npm install --prefix bench)"}; node ${process.version}`,
);
