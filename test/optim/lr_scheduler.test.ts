import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import * as optim from "../../engine/optim/index.js";
import { G } from "../nn/golden.js";

const { lr_scheduler } = optim;
const MAKE: Record<string, (o: optim.Optimizer) => optim.lr_scheduler.LRScheduler> = {
  StepLR: (o) => new lr_scheduler.StepLR(o, 3, 0.5),
  MultiStepLR: (o) => new lr_scheduler.MultiStepLR(o, [2, 5, 5], 0.1),
  ExponentialLR: (o) => new lr_scheduler.ExponentialLR(o, 0.9),
  CosineAnnealingLR: (o) => new lr_scheduler.CosineAnnealingLR(o, 4, 0.001),
  LambdaLR: (o) => new lr_scheduler.LambdaLR(o, (e) => 0.95 ** e),
};

describe("lr schedulers give PyTorch's learning rates over 12 epochs (rtol 1e-12)", () => {
  for (const [name, make] of Object.entries(MAKE))
    test(name, () => {
      const w = torch.zeros(2, { requires_grad: true });
      const opt = new optim.SGD([w], { lr: 0.1 });
      const sched = make(opt);
      const lrs = [sched.get_last_lr()[0]];
      for (let i = 0; i < 12; i++) {
        opt.step();
        sched.step();
        lrs.push(sched.get_last_lr()[0]);
      }
      const exp = G.schedulers[name].lrs as number[];
      lrs.forEach((v, i) =>
        expect(Math.abs(v - exp[i]), `epoch ${i}: ${v} vs ${exp[i]}`).toBeLessThanOrEqual(1e-12 * Math.abs(exp[i])),
      );
      // the optimizer repr now lists initial_lr (and 2.x's fused key)
      expect(
        String(opt)
          .split("\n")
          .filter((l) => !l.includes("lr:") && !l.includes("fused")),
      ).toEqual(
        String(G.schedulers[name].opt_repr)
          .split("\n")
          .filter((l: string) => !l.includes("lr:")),
      );
      expect(String(opt)).toContain("    initial_lr: 0.1\n");
    });
});
