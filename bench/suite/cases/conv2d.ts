/**
 * conv2d as in ResNet-18's middle layers (3x3, padding 1): forward alone, and forward + backward to
 * the input and the weight (the gradient of sum(), so backward is the convolution's own two passes).
 */
import type { BenchCase, CaseSize } from "../case.js";

export function conv2d(size: CaseSize): BenchCase[] {
  const [N, C, HW] = size === "smoke" ? [1, 2, 4] : [8, 64, 32];
  const flop = 2 * N * C * C * 9 * HW * HW;
  const shape = `${N}x${C}x${HW}x${HW}, ${C}x${C}x3x3`;
  const torchInputs = `x, w = torch.rand(${N}, ${C}, ${HW}, ${HW}), torch.rand(${C}, ${C}, 3, 3)`;
  // tfjs is NHWC with HWIO filters: the same work laid out its way.
  const tfInputs = (tf: any) => [tf.randomUniform([N, HW, HW, C]), tf.randomUniform([3, 3, C, C])];
  return [
    {
      name: `conv2d forward ${shape}`,
      work: { flop },
      gradlab: (torch) => {
        const x = torch.rand(N, C, HW, HW),
          w = torch.rand(C, C, 3, 3);
        return () => torch.nn.functional.conv2d(x, w, null, { padding: 1 });
      },
      torch: `
${torchInputs}
def step():
    torch.nn.functional.conv2d(x, w, padding=1)
`,
      tfjs: (tf) => {
        const [x, w] = tfInputs(tf);
        return () =>
          tf.tidy(() => {
            tf.conv2d(x, w, 1, "same").dataSync();
          });
      },
    },
    {
      name: `conv2d forward+backward ${shape}`,
      work: { flop: 3 * flop },
      gradlab: (torch) => {
        const x = torch.rand(N, C, HW, HW, { requires_grad: true }),
          w = torch.rand(C, C, 3, 3, { requires_grad: true });
        return () => {
          x.grad = null;
          w.grad = null;
          torch.nn.functional.conv2d(x, w, null, { padding: 1 }).sum().backward();
        };
      },
      torch: `
x, w = torch.rand(${N}, ${C}, ${HW}, ${HW}, requires_grad=True), torch.rand(${C}, ${C}, 3, 3, requires_grad=True)
def step():
    x.grad = None; w.grad = None
    torch.nn.functional.conv2d(x, w, padding=1).sum().backward()
`,
      tfjs: (tf) => {
        const [x, w] = tfInputs(tf);
        const g = tf.grads((a: any, b: any) => tf.sum(tf.conv2d(a, b, 1, "same")));
        return () =>
          tf.tidy(() => {
            for (const t of g([x, w])) t.dataSync();
          });
      },
    },
  ];
}
