/**
 * Loss modules (torch/nn/modules/loss.py): MSELoss, L1Loss, SmoothL1Loss, NLLLoss,
 * CrossEntropyLoss, BCELoss, BCEWithLogitsLoss. Class weights are registered as buffers, as in
 * PyTorch; the repr shows no arguments (`MSELoss()`).
 */
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";
import * as F from "./functional.js";
import { checkReduction, type Reduction } from "../ops/loss.js";

export abstract class _Loss extends Module {
  reduction: Reduction;
  constructor(reduction: Reduction = "mean") {
    super();
    this.reduction = checkReduction(reduction);
  }
}
abstract class _WeightedLoss extends _Loss {
  declare weight: Tensor | null;
  constructor(weight: Tensor | null | undefined, reduction: Reduction | undefined) {
    super(reduction);
    this.register_buffer("weight", weight ?? null);
  }
}

/**
 * Mean squared error.
 * @example const loss_fn = new nn.MSELoss(); loss_fn(y_pred, y)   // grad_fn=<MseLossBackward0>
 */
export class MSELoss extends _Loss {
  constructor(opts: { reduction?: Reduction } = {}) {
    super(opts.reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mse_loss(input, target, { reduction: this.reduction });
  }
}
/** Mean absolute error. */
export class L1Loss extends _Loss {
  constructor(opts: { reduction?: Reduction } = {}) {
    super(opts.reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.l1_loss(input, target, { reduction: this.reduction });
  }
}
/** Huber-like loss: quadratic for |x - y| < beta, linear beyond. */
export class SmoothL1Loss extends _Loss {
  beta: number;
  constructor(opts: { reduction?: Reduction; beta?: number } = {}) {
    super(opts.reduction);
    this.beta = opts.beta ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.smooth_l1_loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}

interface NllArgs {
  weight?: Tensor | null;
  ignore_index?: number;
  reduction?: Reduction;
}
/** Negative log likelihood of class indices, given log-probabilities. */
export class NLLLoss extends _WeightedLoss {
  ignore_index: number;
  constructor(opts: NllArgs = {}) {
    super(opts.weight, opts.reduction);
    this.ignore_index = opts.ignore_index ?? -100;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nll_loss(input, target, {
      weight: this.weight,
      ignore_index: this.ignore_index,
      reduction: this.reduction,
    });
  }
}
/**
 * Cross entropy of logits against class indices or class probabilities.
 * @example new nn.CrossEntropyLoss({label_smoothing: 0.1})(logits, labels)
 */
export class CrossEntropyLoss extends _WeightedLoss {
  ignore_index: number;
  label_smoothing: number;
  constructor(opts: NllArgs & { label_smoothing?: number } = {}) {
    super(opts.weight, opts.reduction);
    this.ignore_index = opts.ignore_index ?? -100;
    this.label_smoothing = opts.label_smoothing ?? 0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, {
      weight: this.weight,
      ignore_index: this.ignore_index,
      reduction: this.reduction,
      label_smoothing: this.label_smoothing,
    });
  }
}
/** Binary cross entropy of probabilities. */
export class BCELoss extends _WeightedLoss {
  constructor(opts: { weight?: Tensor | null; reduction?: Reduction } = {}) {
    super(opts.weight, opts.reduction);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}
/** Sigmoid + binary cross entropy in one numerically stable step. */
export class BCEWithLogitsLoss extends _WeightedLoss {
  declare pos_weight: Tensor | null;
  constructor(opts: { weight?: Tensor | null; reduction?: Reduction; pos_weight?: Tensor | null } = {}) {
    super(opts.weight, opts.reduction);
    this.register_buffer("pos_weight", opts.pos_weight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy_with_logits(input, target, {
      weight: this.weight,
      reduction: this.reduction,
      pos_weight: this.pos_weight,
    });
  }
}
