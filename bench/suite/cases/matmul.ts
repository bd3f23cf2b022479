/** fp32 matrix products, n x n by n x n. */
import type { BenchCase, CaseSize } from "../case.js";

function matmul(n: number): BenchCase {
  return {
    name: `matmul ${n}x${n} fp32`,
    work: { flop: 2 * n * n * n },
    gradlab: (torch) => { const a = torch.rand(n, n), b = torch.rand(n, n); return () => a.matmul(b); },
    torch: `
a, b = torch.rand(${n}, ${n}), torch.rand(${n}, ${n})
def step():
    a @ b
`,
    tfjs: (tf) => { const a = tf.randomUniform([n, n]), b = tf.randomUniform([n, n]); return () => tf.tidy(() => { tf.matMul(a, b).dataSync(); }); },
  };
}

export const matmuls = (size: CaseSize): BenchCase[] => (size === "smoke" ? [8] : [64, 128, 256, 512, 1024]).map(matmul);
