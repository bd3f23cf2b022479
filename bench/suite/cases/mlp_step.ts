/** One SGD step of an MLP 784-256-10 on a batch of 64 with cross-entropy (the course's MNIST model). */
import type { BenchCase, CaseSize } from "../case.js";

export function mlpStep(size: CaseSize): BenchCase {
  const [B, I, H, O] = size === "smoke" ? [2, 6, 4, 3] : [64, 784, 256, 10];
  return {
    name: `MLP ${I}-${H}-${O} batch ${B}, SGD step`,
    gradlab: (torch) => {
      const { nn, optim } = torch;
      const model = new nn.Sequential(new nn.Linear(I, H), new nn.ReLU(), new nn.Linear(H, O));
      const opt = new optim.SGD(model.parameters(), { lr: 0.01 });
      const lossFn = new nn.CrossEntropyLoss();
      const x = torch.rand(B, I),
        y = torch.randint(0, O, [B]);
      return () => {
        opt.zero_grad();
        const loss = lossFn(model(x), y);
        loss.backward();
        opt.step();
      };
    },
    torch: `
model = torch.nn.Sequential(torch.nn.Linear(${I}, ${H}), torch.nn.ReLU(), torch.nn.Linear(${H}, ${O}))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = torch.nn.CrossEntropyLoss()
x, y = torch.rand(${B}, ${I}), torch.randint(0, ${O}, (${B},))
def step():
    opt.zero_grad(); loss = loss_fn(model(x), y); loss.backward(); opt.step()
`,
    tfjs: (tf) => {
      // Variables and an SGD optimizer, softmax cross-entropy on one-hot labels: tfjs-core's own pieces.
      const v = [
        tf.variable(tf.randomUniform([I, H], -0.05, 0.05)),
        tf.variable(tf.zeros([H])),
        tf.variable(tf.randomUniform([H, O], -0.05, 0.05)),
        tf.variable(tf.zeros([O])),
      ];
      const opt = tf.train.sgd(0.01);
      const x = tf.randomUniform([B, I]),
        y = tf.oneHot(tf.randomUniform([B], 0, O, "int32"), O);
      const loss = () =>
        tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, v[0]), v[1])), v[2]), v[3]));
      return () => {
        const l = opt.minimize(loss, true, v);
        l.dataSync();
        l.dispose();
      };
    },
  };
}
