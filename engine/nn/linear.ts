/** nn.Identity, nn.Linear and nn.Bilinear (torch/nn/modules/linear.py). */
import type { Tensor } from "../tensor/tensor.js";
import { empty } from "../tensor/creation.js";
import type { DType } from "../tensor/dtype.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";
import * as init from "./init.js";
import * as F from "./functional.js";

export interface FactoryOptions {
  dtype?: DType;
}

/** A placeholder that returns its input unchanged. */
export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return input;
  }
}

/**
 * y = x A^T + b. Parameters: weight [out_features, in_features], bias [out_features].
 * @example const fc = new nn.Linear(3, 4); fc(torch.randn(2, 3))  // grad_fn=<AddmmBackward0>
 */
export class Linear extends Module {
  in_features: number;
  out_features: number;
  weight: Parameter;
  bias: Parameter | null;
  constructor(
    in_features: number,
    out_features: number,
    bias: boolean | { bias?: boolean; dtype?: DType } = true,
    opts: FactoryOptions = {},
  ) {
    super();
    if (typeof bias === "object") {
      opts = bias;
      bias = bias.bias ?? true;
    }
    this.in_features = in_features;
    this.out_features = out_features;
    this.weight = new Parameter(empty([out_features, in_features], opts));
    this.bias = bias ? new Parameter(empty([out_features], opts)) : null;
    this.reset_parameters();
  }
  /** PyTorch's order: weight by kaiming_uniform_(a = sqrt(5)), then bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }
  override forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }
  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias ? "True" : "False"}`;
  }
}

/** y = x1^T A x2 + b. Parameters: weight [out, in1, in2], bias [out]. */
export class Bilinear extends Module {
  in1_features: number;
  in2_features: number;
  out_features: number;
  weight: Parameter;
  bias: Parameter | null;
  constructor(
    in1_features: number,
    in2_features: number,
    out_features: number,
    bias = true,
    opts: FactoryOptions = {},
  ) {
    super();
    this.in1_features = in1_features;
    this.in2_features = in2_features;
    this.out_features = out_features;
    this.weight = new Parameter(empty([out_features, in1_features, in2_features], opts));
    this.bias = bias ? new Parameter(empty([out_features], opts)) : null;
    this.reset_parameters();
  }
  reset_parameters(): void {
    const bound = 1 / Math.sqrt(this.weight._shape[1]);
    init.uniform_(this.weight, -bound, bound);
    if (this.bias) init.uniform_(this.bias, -bound, bound);
  }
  override forward(input1: Tensor, input2: Tensor): Tensor {
    return F.bilinear(input1, input2, this.weight, this.bias);
  }
  override extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${this.bias ? "True" : "False"}`;
  }
}
