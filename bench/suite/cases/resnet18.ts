/**
 * ResNet-18 (torchvision's architecture; PyTorch's side is test/nn/nn_golden_models.py's copy of
 * it) on 64x64 images: inference (eval mode, no_grad) and a training pass (forward,
 * (prediction - labels).sum(), backward), at batch 1 and 8; and the peak memory of a training step
 * with SGD momentum, each side in its own process.
 */
import type { BenchCase, CaseSize } from "../case.js";
import type * as Torch from "../../../engine/index.js";

type Mode = "forward" | "forward+backward" | "step";

function resnetCase(size: CaseSize, fullBatch: number, mode: Mode): BenchCase {
  // Smoke sizes: 16x16 images leave layer4 1x1, where training batch norm needs two images.
  const hw = size === "smoke" ? 16 : 64,
    batch = size === "smoke" ? 2 : fullBatch;
  const classes = size === "smoke" ? 4 : 1000;
  const gradlab = (torch: typeof Torch) => {
    torch.manual_seed(0);
    const model = torch.models.resnet18({ num_classes: classes });
    const data = torch.rand(batch, 3, hw, hw),
      labels = torch.rand(batch, classes);
    if (mode === "forward") {
      model.eval();
      return () => torch.no_grad(() => model(data));
    }
    const opt = mode === "step" ? new torch.optim.SGD(model.parameters(), { lr: 1e-2, momentum: 0.9 }) : null;
    return () => {
      model.zero_grad();
      model(data).sub(labels).sum().backward();
      opt?.step();
    };
  };
  const torchSrc =
    `
from nn_golden_models import resnet18
torch.manual_seed(0)
model = resnet18(num_classes=${classes})
data, labels = torch.rand(${batch}, 3, ${hw}, ${hw}), torch.rand(${batch}, ${classes})
` +
    (mode === "forward"
      ? `model.eval()
def step():
    with torch.no_grad():
        model(data)
`
      : `opt = ${mode === "step" ? "torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)" : "None"}
def step():
    model.zero_grad(set_to_none=True)
    (model(data) - labels).sum().backward()
    if opt: opt.step()
`);
  const what =
    mode === "forward" ? "forward (eval, no_grad)" : mode === "step" ? "training step peak RSS" : "forward+backward";
  return {
    name: `ResNet-18 ${what} ${batch}x3x${hw}x${hw}`,
    ...(mode === "step" ? { rss: { steps: size === "smoke" ? 2 : 5 } } : {}),
    gradlab,
    torch: torchSrc,
  };
}

export const resnet18 = (size: CaseSize): BenchCase[] =>
  size === "smoke"
    ? [resnetCase(size, 2, "forward"), resnetCase(size, 2, "forward+backward")]
    : [
        resnetCase(size, 1, "forward"),
        resnetCase(size, 8, "forward"),
        resnetCase(size, 1, "forward+backward"),
        resnetCase(size, 8, "forward+backward"),
      ];

export const resnet18Memory = (size: CaseSize): BenchCase => resnetCase(size, 8, "step");
