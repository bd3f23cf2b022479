/** Per-op overhead of small tensors: 2,000 recorded ops on 8 elements (mul, add alternating), then backward. */
import type { BenchCase, CaseSize } from "../case.js";

export function autogradChain(size: CaseSize): BenchCase {
  const OPS = size === "smoke" ? 4 : 2000;
  return {
    name: `autograd chain ${OPS} ops x 8 (fwd+bwd)`,
    work: { ops: OPS },
    gradlab: (torch) => {
      const w = torch.rand(8),
        b = torch.rand(8);
      return () => {
        const x = torch.rand(8, { requires_grad: true });
        let y = x;
        for (let i = 0; i < OPS / 2; i++) y = y.mul(w).add(b);
        y.sum().backward();
      };
    },
    torch: `
w, b = torch.rand(8), torch.rand(8)
def step():
    x = torch.rand(8, requires_grad=True); y = x
    for _ in range(${OPS / 2}):
        y = y.mul(w).add(b)
    y.sum().backward()
`,
    tfjs: (tf) => {
      const w = tf.randomUniform([8]),
        b = tf.randomUniform([8]);
      const g = tf.grad((x: any) => {
        let y = x;
        for (let i = 0; i < OPS / 2; i++) y = tf.add(tf.mul(y, w), b);
        return tf.sum(y);
      });
      return () =>
        tf.tidy(() => {
          g(tf.randomUniform([8])).dataSync();
        });
    },
  };
}
