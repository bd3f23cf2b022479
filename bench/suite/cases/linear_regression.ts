/**
 * Seed 002's linear regression (/work/shared/seeds/002_*, notebooks/002_*): y = w x + b on 100
 * points, MSELoss, backward, a hand-written SGD update under no_grad, zeroed gradients; 1,000
 * epochs per call, reading the loss every 100 as the seed prints it.
 */
import type { BenchCase, CaseSize } from "../case.js";

export function linearRegression(size: CaseSize): BenchCase {
  const epochs = size === "smoke" ? 3 : 1000;
  return {
    name: `seed-002 linear regression, ${epochs} epochs`,
    work: { ops: epochs },
    gradlab: (torch) => {
      const X = torch.rand(100, 1),
        Y = X.mul(3).add(2).add(torch.randn(100, 1).mul(0.1));
      const lossFn = new torch.nn.MSELoss(),
        lr = 0.01;
      return () => {
        const w = torch.tensor([1], { dtype: torch.float32, requires_grad: true }),
          b = torch.tensor([1], { dtype: torch.float32, requires_grad: true });
        for (let epoch = 0; epoch < epochs; epoch++) {
          const loss = lossFn(w.mul(X).add(b), Y);
          loss.backward();
          torch.no_grad(() => {
            w.sub_(w.grad!.mul(lr));
            b.sub_(b.grad!.mul(lr));
          });
          w.grad!.zero_();
          b.grad!.zero_();
          if ((epoch + 1) % 100 === 0) loss.item();
        }
      };
    },
    torch: `
X = torch.rand(100, 1); Y = 2 + 3 * X + 0.1 * torch.randn(100, 1)
loss_fn, lr = torch.nn.MSELoss(), 0.01
def step():
    w = torch.tensor([1.], requires_grad=True); b = torch.tensor([1.], requires_grad=True)
    for epoch in range(${epochs}):
        loss = loss_fn(w * X + b, Y)
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
        if (epoch + 1) % 100 == 0:
            loss.item()
`,
    tfjs: (tf) => {
      const X = tf.randomUniform([100, 1]),
        Y = tf.add(tf.add(tf.mul(X, 3), 2), tf.mul(tf.randomNormal([100, 1]), 0.1));
      return () => {
        const w = tf.variable(tf.tensor([1])),
          b = tf.variable(tf.tensor([1]));
        const g = tf.valueAndGrads((wt: any, bt: any) => tf.losses.meanSquaredError(Y, tf.add(tf.mul(wt, X), bt)));
        for (let epoch = 0; epoch < epochs; epoch++) {
          tf.tidy(() => {
            const {
              value,
              grads: [gw, gb],
            } = g([w, b]);
            w.assign(tf.sub(w, tf.mul(gw, 0.01)));
            b.assign(tf.sub(b, tf.mul(gb, 0.01)));
            if ((epoch + 1) % 100 === 0) value.dataSync();
          });
        }
        w.dispose();
        b.dispose();
      };
    },
  };
}
