/** A large elementwise chain (1e6 float32 elements: mul, add, exp, sum) and a reduction. */
import type { BenchCase } from "../case.js";

const N = 1_000_000;

export const elementwiseChain: BenchCase = {
  name: "elementwise chain 1e6 (mul, add, exp, sum)",
  gradlab: (torch) => { const a = torch.rand(N), b = torch.rand(N); return () => a.mul(b).add(1).exp().sum(); },
  torch: `
a, b = torch.rand(${N}), torch.rand(${N})
def step():
    a.mul(b).add(1).exp().sum()
`,
  tfjs: (tf) => { const a = tf.randomUniform([N]), b = tf.randomUniform([N]); return () => tf.tidy(() => tf.sum(tf.exp(tf.add(tf.mul(a, b), 1))).dataSync()); },
};

export const reduction: BenchCase = {
  name: "sum over rows 1000x1000",
  gradlab: (torch) => { const a = torch.rand(1000, 1000); return () => a.sum(1); },
  torch: `
a = torch.rand(1000, 1000)
def step():
    a.sum(1)
`,
  tfjs: (tf) => { const a = tf.randomUniform([1000, 1000]); return () => tf.tidy(() => tf.sum(a, 1).dataSync()); },
};
