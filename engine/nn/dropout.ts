/** nn.Dropout (torch/nn/modules/dropout.py): active only in training mode. */
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module, pyArg } from "./module.js";
import * as F from "./functional.js";

/**
 * Zeroes elements with probability p during training and scales the rest by 1/(1-p).
 * @example const drop = new nn.Dropout(0.2); drop.eval(); drop(x) === x
 */
export class Dropout extends Module {
  p: number;
  inplace: boolean;
  constructor(p = 0.5, inplace = false) {
    super();
    if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${pyArg(p)}`);
    this.p = p;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.dropout(input, this.p, this.training, this.inplace);
  }
  override extra_repr(): string {
    return `p=${pyArg(this.p, true)}, inplace=${pyArg(this.inplace)}`;
  }
}
