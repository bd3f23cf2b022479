/** torch.optim.SGD: momentum, dampening, weight decay, Nesterov, maximize (torch/optim/sgd.py). */
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { no_grad } from "../autograd/grad_mode.js";
import { zeros_like } from "../tensor/creation.js";
import { backend } from "../backend/index.js";
import { Optimizer, argStr, floatStr, type ParamsArg, type ParamGroup } from "./optimizer.js";

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  weight_decay?: number;
  nesterov?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  differentiable?: boolean;
  fused?: boolean | null;
}

/**
 * Stochastic gradient descent, optionally with momentum.
 * @example const opt = new torch.optim.SGD(model.parameters(), {lr: 1e-2, momentum: 0.9}); opt.step()
 */
export class SGD extends Optimizer {
  constructor(params: ParamsArg, opts: SGDOptions = {}) {
    // NOTE: lr defaults to 1e-3 as in PyTorch 2.x (1.13 required it); `fused` is 2.x's extra key.
    const {
      lr = 1e-3,
      momentum = 0,
      dampening = 0,
      weight_decay = 0,
      nesterov = false,
      maximize = false,
      foreach = null,
      differentiable = false,
      fused = null,
    } = opts;
    if (lr < 0) throw new ValueError(`Invalid learning rate: ${floatStr(lr)}`);
    if (momentum < 0) throw new ValueError(`Invalid momentum value: ${argStr(momentum)}`);
    if (weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${argStr(weight_decay)}`);
    if (nesterov && (momentum <= 0 || dampening !== 0))
      throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    super(params, { lr, momentum, dampening, weight_decay, nesterov, maximize, foreach, differentiable, fused });
  }

  override step(closure?: () => unknown): unknown {
    const loss = this.runClosure(closure);
    no_grad(() => {
      for (const group of this.param_groups) {
        const withGrad = group.params.filter((p) => p._grad !== null);
        const bufs = withGrad.map((p) => (this.stateOf(p).momentum_buffer as Tensor | null | undefined) ?? null);
        sgd(
          withGrad,
          withGrad.map((p) => p._grad!),
          bufs,
          group,
        );
        withGrad.forEach((p, i) => {
          this.stateOf(p).momentum_buffer = bufs[i];
        });
      }
    });
    return loss;
  }
}

/** The single-tensor update of torch/optim/sgd.py (`_single_tensor_sgd`); fills in new momentum buffers. */
export function sgd(params: Tensor[], grads: Tensor[], bufs: (Tensor | null)[], g: ParamGroup): void {
  const lr = g.lr as number,
    momentum = g.momentum as number,
    dampening = g.dampening as number,
    wd = g.weight_decay as number;
  params.forEach((p, i) => {
    if (fused(p, grads[i], bufs[i])) {
      const init = momentum !== 0 && !bufs[i];
      if (init) bufs[i] = zeros_like(p);
      const b = bufs[i];
      backend().optim.sgd(dense(p), dense(grads[i]), momentum !== 0 ? dense(b!) : null, {
        lr,
        momentum,
        dampening,
        weight_decay: wd,
        nesterov: !!g.nesterov,
        maximize: !!g.maximize,
        initBuffer: init,
        f32: p.dtype.name === "float32",
      });
      p._versionCounter.value++;
      if (b) b._versionCounter.value++;
      return;
    }
    let d = g.maximize ? grads[i].neg() : grads[i];
    if (wd !== 0) d = d.add(p, { alpha: wd });
    if (momentum !== 0) {
      let buf = bufs[i];
      if (!buf) {
        buf = d.clone().detach();
        bufs[i] = buf;
      } else buf.mul_(momentum).add_(d, { alpha: 1 - dampening });
      d = g.nesterov ? d.add(buf, { alpha: momentum }) : buf;
    }
    p.add_(d, { alpha: -lr });
  });
}

/** Contiguous float tensors of one dtype can take the fused kernel. */
function fused(p: Tensor, g: Tensor, buf: Tensor | null): boolean {
  const ok = (t: Tensor) => t.is_contiguous() && t.dtype === p.dtype;
  return (
    (p.dtype.name === "float32" || p.dtype.name === "float64") && ok(p) && ok(g) && (!buf || ok(buf)) && !p._isInference
  );
}
const dense = (t: Tensor) => t._data.subarray(t._offset, t._offset + t.numel());
