/** A large elementwise chain (float32: mul, add, exp, sum) and reductions over rows, columns and all. */
import type { BenchCase, CaseSize } from "../case.js";

export function elementwiseChain(size: CaseSize): BenchCase {
  const n = size === "smoke" ? 10 : 1_000_000;
  return {
    name: `elementwise chain ${n} (mul, add, exp, sum)`,
    gradlab: (torch) => {
      const a = torch.rand(n),
        b = torch.rand(n);
      return () => a.mul(b).add(1).exp().sum();
    },
    torch: `
a, b = torch.rand(${n}), torch.rand(${n})
def step():
    a.mul(b).add(1).exp().sum()
`,
    tfjs: (tf) => {
      const a = tf.randomUniform([n]),
        b = tf.randomUniform([n]);
      return () =>
        tf.tidy(() => {
          tf.sum(tf.exp(tf.add(tf.mul(a, b), 1))).dataSync();
        });
    },
  };
}

/** Reductions of an n x n float32 matrix: [label, gradlab call, PyTorch expression, tfjs call]. */
const REDUCTIONS: [string, (a: any) => unknown, string, (tf: any, a: any) => unknown][] = [
  ["sum over rows", (a) => a.sum(1), "a.sum(1)", (tf, a) => tf.sum(a, 1)],
  ["sum over columns", (a) => a.sum(0), "a.sum(0)", (tf, a) => tf.sum(a, 0)],
  ["sum of all", (a) => a.sum(), "a.sum()", (tf, a) => tf.sum(a)],
  ["max over rows", (a) => a.amax(1), "a.amax(1)", (tf, a) => tf.max(a, 1)],
];

export function reductions(size: CaseSize): BenchCase[] {
  const n = size === "smoke" ? 4 : 1000;
  return REDUCTIONS.map(([label, call, py, tfCall]) => ({
    name: `${label} ${n}x${n}`,
    gradlab: (torch) => {
      const a = torch.rand(n, n);
      return () => call(a);
    },
    torch: `\na = torch.rand(${n}, ${n})\ndef step():\n    ${py}\n`,
    tfjs: (tf) => {
      const a = tf.randomUniform([n, n]);
      return () =>
        tf.tidy(() => {
          (tfCall(tf, a) as { dataSync(): unknown }).dataSync();
        });
    },
  }));
}
