/** One SGD step of an MLP 784-256-10 on a batch of 64 with cross-entropy (the course's MNIST model). */
import type { BenchCase } from "../case.js";

export const mlpStep: BenchCase = {
  name: "MLP 784-256-10 batch 64, SGD step",
  gradlab: (torch) => {
    const { nn, optim } = torch;
    const model = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
    const opt = new optim.SGD(model.parameters(), { lr: 0.01 });
    const lossFn = new nn.CrossEntropyLoss();
    const x = torch.rand(64, 784), y = torch.randint(0, 10, [64]);
    return () => { opt.zero_grad(); const loss = lossFn(model(x), y); loss.backward(); opt.step(); };
  },
  torch: `
model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = torch.nn.CrossEntropyLoss()
x, y = torch.rand(64, 784), torch.randint(0, 10, (64,))
def step():
    opt.zero_grad(); loss = loss_fn(model(x), y); loss.backward(); opt.step()
`,
};
