/** nn.LayerNorm (torch/nn/modules/normalization.py). */
import type { Tensor } from "../tensor/tensor.js";
import { empty } from "../tensor/creation.js";
import type { DType } from "../tensor/dtype.js";
import { Module, pyArg } from "./module.js";
import { Parameter } from "./parameter.js";
import * as init from "./init.js";
import * as F from "./functional.js";

/**
 * Normalises over the trailing `normalized_shape` dims, with a learned scale and shift.
 * @example new nn.LayerNorm(10)   // LayerNorm((10,), eps=1e-05, elementwise_affine=True)
 */
export class LayerNorm extends Module {
  normalized_shape: number[];
  eps: number;
  elementwise_affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  constructor(
    normalized_shape: number | readonly number[],
    opts: { eps?: number; elementwise_affine?: boolean; dtype?: DType } = {},
  ) {
    super();
    this.normalized_shape = typeof normalized_shape === "number" ? [normalized_shape] : [...normalized_shape];
    this.eps = opts.eps ?? 1e-5;
    this.elementwise_affine = opts.elementwise_affine ?? true;
    this.weight = this.elementwise_affine ? new Parameter(empty(this.normalized_shape, { dtype: opts.dtype })) : null;
    this.bias = this.elementwise_affine ? new Parameter(empty(this.normalized_shape, { dtype: opts.dtype })) : null;
    this.reset_parameters();
  }
  reset_parameters(): void {
    if (this.weight) init.ones_(this.weight);
    if (this.bias) init.zeros_(this.bias);
  }
  override forward(input: Tensor): Tensor {
    return F.layer_norm(input, this.normalized_shape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }
  override extra_repr(): string {
    return `${pyArg(this.normalized_shape)}, eps=${pyArg(this.eps, true)}, elementwise_affine=${pyArg(this.elementwise_affine)}`;
  }
}
