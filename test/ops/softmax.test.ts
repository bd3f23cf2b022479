// Expected values come from torch 1.13 (/usr/bin/python3); each block names the call that produced them.
import { expect, it } from "vitest";
import { L, nextFns, rnd, torch } from "./helpers.js";
import { gradcheck, gradgradcheck } from "../../engine/autograd/gradcheck.js";
import { describeBackends } from "../support/backends.js";

const f32 = { dtype: torch.float32 };
const close = (a: unknown, b: number[][], digits = 6) =>
  (a as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], digits)));

describeBackends("softmax and log_softmax", () => {
  // x = tensor([[0.1, -2.3, 4.7, 1.25], [3.3, 3.3, -0.5, 2.0]]); x.softmax(1).tolist(), x.log_softmax(1).tolist(), x.softmax(0).tolist()
  const x = () =>
    torch.tensor(
      [
        [0.1, -2.3, 4.7, 1.25],
        [3.3, 3.3, -0.5, 2.0],
      ],
      f32,
    );
  it("match PyTorch's values", () => {
    close(L(x().softmax(1)), [
      [0.00964011438190937, 0.0008745313389226794, 0.9590400457382202, 0.030445342883467674],
      [0.4357483386993408, 0.4357483386993408, 0.00974802765995264, 0.1187552809715271],
    ]);
    close(
      L(x().log_softmax(1)),
      [
        [-4.641822338104248, -7.04182243347168, -0.04182247072458267, -3.4918222427368164],
        [-0.8306903839111328, -0.8306903839111328, -4.630690574645996, -2.130690336227417],
      ],
      5,
    );
    close(L(torch.softmax(x(), 0)), [
      [0.03916572034358978, 0.003684240160509944, 0.994513750076294, 0.32082128524780273],
      [0.960834264755249, 0.9963157773017883, 0.005486300215125084, 0.6791787147521973],
    ]);
  });

  it("are stable for large inputs", () => {
    // tensor([[1., 2., 3.], [1., 1., 1000.]]).softmax(1) -> [..., [0, 0, 1]]; log_softmax -> [-999, -999, 0]
    const big = torch.tensor(
      [
        [1, 2, 3],
        [1, 1, 1000],
      ],
      f32,
    );
    expect(L(big.softmax(1).index(1))).toEqual([0, 0, 1]);
    expect(L(big.log_softmax(1).index(1))).toEqual([-999, -999, 0]);
    expect(String(torch.tensor(3, f32).softmax(0))).toBe("tensor(1.)");
    expect(String(torch.tensor(3, f32).log_softmax(0))).toBe("tensor(0.)");
  });

  it("record SoftmaxBackward0 / LogSoftmaxBackward0 with PyTorch's gradients", () => {
    // x = tensor([[1., 2., 3.], [1., 1., 4.]]); F.softmax(x, 1)[:, 0].sum().backward()
    const a = torch.tensor(
      [
        [1, 2, 3],
        [1, 1, 4],
      ],
      { dtype: torch.float32, requires_grad: true },
    );
    const y = a.softmax(1);
    expect([y.grad_fn!.name(), nextFns(y)]).toEqual(["SoftmaxBackward0", [["AccumulateGrad", 0]]]);
    y.index(":, 0").sum().backward();
    close(
      L(a.grad!),
      [
        [0.0819, -0.022, -0.0599],
        [0.0432, -0.0021, -0.0412],
      ],
      4,
    );
    // (F.log_softmax(x, 1)[:, 0] * tensor([1., 2.])).sum().backward()
    const b = torch.tensor(
      [
        [1, 2, 3],
        [1, 1, 4],
      ],
      { dtype: torch.float32, requires_grad: true },
    );
    const z = torch.log_softmax(b, 1);
    expect(z.grad_fn!.name()).toBe("LogSoftmaxBackward0");
    z.index(":, 0")
      .mul(torch.tensor([1, 2], f32))
      .sum()
      .backward();
    close(
      L(b.grad!),
      [
        [0.91, -0.2447, -0.6652],
        [1.9094, -0.0906, -1.8189],
      ],
      4,
    );
  });

  it("take a dtype, reject integer inputs, and pick the legacy dim with a warning", () => {
    // tensor([1, 2]).softmax(0, dtype=torch.float64) -> [0.2689, 0.7311] float64; softmax(y, 0, dtype=float64) records ToCopyBackward0 first
    const s = torch.tensor([1, 2]).softmax(0, torch.float64);
    expect(s.dtype).toBe(torch.float64);
    expect(s.index(0).item()).toBeCloseTo(0.2689414213699951, 12);
    expect(nextFns(torch.softmax(torch.ones(2, { requires_grad: true }), { dim: 0, dtype: torch.float64 }))).toEqual([
      ["ToCopyBackward0", 0],
    ]);
    expect(() =>
      torch
        .tensor([
          [1, 2],
          [3, 4],
        ])
        .softmax(1),
    ).toThrow(`"softmax_lastdim_kernel_impl" not implemented for 'Long'`);
    expect(() =>
      torch
        .tensor([
          [1, 2],
          [3, 4],
        ])
        .softmax(0),
    ).toThrow(`"softmax_kernel_impl" not implemented for 'Long'`);
    expect(() =>
      torch
        .tensor([
          [1, 2],
          [3, 4],
        ])
        .log_softmax(1),
    ).toThrow(`"log_softmax_lastdim_kernel_impl" not implemented for 'Long'`);
    // F.softmax(x) on a 2-D x uses dim 1 (torch.nn.functional._get_softmax_dim)
    expect(L(x().softmax())).toEqual(L(x().softmax(1)));
    expect(L(torch.softmax(torch.ones(2, 2, 2)))).toEqual(L(torch.softmax(torch.ones(2, 2, 2), 0)));
  });

  it("have correct first and second derivatives", () => {
    gradcheck((a) => a.softmax(1), [rnd([2, 4])]);
    gradcheck((a) => a.log_softmax(0), [rnd([3, 2])]);
    gradgradcheck((a) => a.softmax(-1), [rnd([2, 3])]);
    gradgradcheck((a) => a.log_softmax(1), [rnd([2, 3])]);
  });
});
