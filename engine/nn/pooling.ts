/** nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d (torch/nn/modules/pooling.py). */
import type { Tensor } from "../tensor/tensor.js";
import { Module, pyArg } from "./module.js";
import * as F from "./functional.js";

type IntOrPair = number | readonly number[];

/**
 * Max over sliding windows; `stride` defaults to the kernel size.
 * @example new nn.MaxPool2d(3, {stride: 2, padding: 1})
 */
export class MaxPool2d extends Module {
  kernel_size: IntOrPair;
  stride: IntOrPair;
  padding: IntOrPair;
  dilation: IntOrPair;
  return_indices: boolean;
  ceil_mode: boolean;
  constructor(
    kernel_size: IntOrPair,
    opts: {
      stride?: IntOrPair | null;
      padding?: IntOrPair;
      dilation?: IntOrPair;
      return_indices?: boolean;
      ceil_mode?: boolean;
    } = {},
  ) {
    super();
    this.kernel_size = kernel_size;
    this.stride = opts.stride ?? kernel_size;
    this.padding = opts.padding ?? 0;
    this.dilation = opts.dilation ?? 1;
    this.return_indices = opts.return_indices ?? false;
    this.ceil_mode = opts.ceil_mode ?? false;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const o = { stride: this.stride, padding: this.padding, dilation: this.dilation, ceil_mode: this.ceil_mode };
    return this.return_indices
      ? F.max_pool2d(input, this.kernel_size, { ...o, return_indices: true })
      : F.max_pool2d(input, this.kernel_size, o);
  }
  override extra_repr(): string {
    return `kernel_size=${pyArg(this.kernel_size)}, stride=${pyArg(this.stride)}, padding=${pyArg(this.padding)}, dilation=${pyArg(this.dilation)}, ceil_mode=${pyArg(this.ceil_mode)}`;
  }
}

/** Average over sliding windows. */
export class AvgPool2d extends Module {
  kernel_size: IntOrPair;
  stride: IntOrPair;
  padding: IntOrPair;
  ceil_mode: boolean;
  count_include_pad: boolean;
  divisor_override: number | null;
  constructor(
    kernel_size: IntOrPair,
    opts: {
      stride?: IntOrPair | null;
      padding?: IntOrPair;
      ceil_mode?: boolean;
      count_include_pad?: boolean;
      divisor_override?: number | null;
    } = {},
  ) {
    super();
    this.kernel_size = kernel_size;
    this.stride = opts.stride ?? kernel_size;
    this.padding = opts.padding ?? 0;
    this.ceil_mode = opts.ceil_mode ?? false;
    this.count_include_pad = opts.count_include_pad ?? true;
    this.divisor_override = opts.divisor_override ?? null;
  }
  override forward(input: Tensor): Tensor {
    return F.avg_pool2d(input, this.kernel_size, {
      stride: this.stride,
      padding: this.padding,
      ceil_mode: this.ceil_mode,
      count_include_pad: this.count_include_pad,
      divisor_override: this.divisor_override,
    });
  }
  override extra_repr(): string {
    return `kernel_size=${pyArg(this.kernel_size)}, stride=${pyArg(this.stride)}, padding=${pyArg(this.padding)}`;
  }
}

/** Average pooling to a fixed output size (e.g. (1, 1) before a classifier). */
export class AdaptiveAvgPool2d extends Module {
  output_size: number | readonly (number | null)[];
  constructor(output_size: number | readonly (number | null)[]) {
    super();
    this.output_size = output_size;
  }
  override forward(input: Tensor): Tensor {
    return F.adaptive_avg_pool2d(input, this.output_size);
  }
  override extra_repr(): string {
    return `output_size=${pyArg(this.output_size)}`;
  }
}
