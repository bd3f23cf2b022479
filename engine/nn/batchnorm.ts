/** nn.BatchNorm1d / nn.BatchNorm2d (torch/nn/modules/batchnorm.py): running statistics as buffers. */
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { empty, ones, tensor, zeros } from "../tensor/creation.js";
import { int64, type DType } from "../tensor/dtype.js";
import { no_grad } from "../autograd/grad_mode.js";
import { Module, pyArg } from "./module.js";
import { Parameter } from "./parameter.js";
import * as init from "./init.js";
import * as F from "./functional.js";

export interface BatchNormArgs {
  eps?: number;
  momentum?: number | null;
  affine?: boolean;
  track_running_stats?: boolean;
  dtype?: DType;
}

export abstract class _BatchNorm extends Module {
  num_features: number;
  eps: number;
  momentum: number | null;
  affine: boolean;
  track_running_stats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;

  constructor(num_features: number, a: BatchNormArgs = {}) {
    super();
    this.num_features = num_features;
    this.eps = a.eps ?? 1e-5;
    this.momentum = a.momentum === undefined ? 0.1 : a.momentum;
    this.affine = a.affine ?? true;
    this.track_running_stats = a.track_running_stats ?? true;
    this.weight = this.affine ? new Parameter(empty([num_features], { dtype: a.dtype })) : null;
    this.bias = this.affine ? new Parameter(empty([num_features], { dtype: a.dtype })) : null;
    if (this.track_running_stats) {
      this.register_buffer("running_mean", zeros([num_features], { dtype: a.dtype }));
      this.register_buffer("running_var", ones([num_features], { dtype: a.dtype }));
      this.register_buffer("num_batches_tracked", tensor(0, { dtype: int64 }));
    } else {
      this.register_buffer("running_mean", null);
      this.register_buffer("running_var", null);
      this.register_buffer("num_batches_tracked", null);
    }
    this.reset_parameters();
  }
  reset_running_stats(): void {
    if (!this.track_running_stats) return;
    no_grad(() => {
      this.running_mean!.zero_();
      this.running_var!.fill_(1);
      this.num_batches_tracked!.zero_();
    });
  }
  reset_parameters(): void {
    this.reset_running_stats();
    if (this.affine) {
      init.ones_(this.weight!);
      init.zeros_(this.bias!);
    }
  }
  protected abstract _check_input_dim(input: Tensor): void;

  override forward(input: Tensor): Tensor {
    this._check_input_dim(input);
    let factor = this.momentum ?? 0;
    if (this.training && this.track_running_stats && this.num_batches_tracked) {
      no_grad(() => this.num_batches_tracked!.add_(1));
      // momentum=None: a cumulative moving average.
      factor = this.momentum === null ? 1 / this.num_batches_tracked.item() : this.momentum;
    }
    const bnTraining = this.training || (this.running_mean === null && this.running_var === null);
    const useStats = !this.training || this.track_running_stats;
    return F.batch_norm(input, useStats ? this.running_mean : null, useStats ? this.running_var : null, {
      weight: this.weight,
      bias: this.bias,
      training: bnTraining,
      momentum: factor,
      eps: this.eps,
    });
  }
  override extra_repr(): string {
    return `${this.num_features}, eps=${pyArg(this.eps, true)}, momentum=${pyArg(this.momentum, true)}, affine=${pyArg(this.affine)}, track_running_stats=${pyArg(this.track_running_stats)}`;
  }
}

/** Batch norm over [N, C] or [N, C, L] inputs. */
export class BatchNorm1d extends _BatchNorm {
  protected _check_input_dim(input: Tensor): void {
    if (input.dim() !== 2 && input.dim() !== 3)
      throw new ValueError(`expected 2D or 3D input (got ${input.dim()}D input)`);
  }
}
/**
 * Batch norm over [N, C, H, W] inputs.
 * @example const bn = new nn.BatchNorm2d(64); bn(x); bn.running_mean
 */
export class BatchNorm2d extends _BatchNorm {
  protected _check_input_dim(input: Tensor): void {
    if (input.dim() !== 4) throw new ValueError(`expected 4D input (got ${input.dim()}D input)`);
  }
}
