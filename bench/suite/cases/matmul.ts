/** fp32 matrix products, n x n by n x n. */
import type { BenchCase, CaseSize } from "../case.js";

function matmul(n: number): BenchCase {
  return {
    name: `matmul ${n}x${n} fp32`,
    work: { flop: 2 * n * n * n },
    gradlab: (torch) => {
      const a = torch.rand(n, n),
        b = torch.rand(n, n);
      return () => a.matmul(b);
    },
    torch: `
a, b = torch.rand(${n}, ${n}), torch.rand(${n}, ${n})
def step():
    a @ b
`,
    tfjs: (tf) => {
      const a = tf.randomUniform([n, n]),
        b = tf.randomUniform([n, n]);
      return () =>
        tf.tidy(() => {
          tf.matMul(a, b).dataSync();
        });
    },
  };
}

/**
 * gradlab's float32 products at precision "high": float32 multiply-adds throughout, as BLAS (the
 * default, "highest", sums depth blocks of them in double). PyTorch's CPU matmul is the same at
 * either setting.
 */
function matmulHigh(n: number): BenchCase {
  const c = matmul(n);
  return {
    ...c,
    name: `matmul ${n}x${n} fp32, precision "high"`,
    gradlab: (torch) => {
      const call = c.gradlab(torch);
      return () => {
        torch.set_float32_matmul_precision("high");
        try {
          return call();
        } finally {
          torch.set_float32_matmul_precision("highest");
        }
      };
    },
    torch: `torch.set_float32_matmul_precision("high")\n${c.torch}`,
  };
}

export const matmuls = (size: CaseSize): BenchCase[] =>
  size === "smoke" ? [matmul(8), matmulHigh(8)] : [...[64, 128, 256, 512, 1024].map(matmul), matmulHigh(1024)];
