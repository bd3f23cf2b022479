/** nn.Conv1d, nn.Conv2d, nn.ConvTranspose1d, nn.ConvTranspose2d (torch/nn/modules/conv.py). */
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { empty } from "../tensor/creation.js";
import { Module, pyArg } from "./module.js";
import { Parameter } from "./parameter.js";
import * as init from "./init.js";
import * as F from "./functional.js";
import type { FactoryOptions } from "./linear.js";
import { formatShape } from "../format/shape_text.js";

type IntOrTuple = number | readonly number[];
export interface ConvArgs extends FactoryOptions {
  stride?: IntOrTuple;
  padding?: IntOrTuple | "same" | "valid";
  dilation?: IntOrTuple;
  groups?: number;
  bias?: boolean;
  padding_mode?: "zeros";
}
export interface ConvTransposeArgs extends Omit<ConvArgs, "padding"> {
  padding?: IntOrTuple;
  output_padding?: IntOrTuple;
}

const ntuple = (v: IntOrTuple, n: number) => (typeof v === "number" ? new Array<number>(n).fill(v) : [...v]);

/** Shared by the convolutions: argument checks, parameters, PyTorch's init order and repr. */
export abstract class _ConvNd extends Module {
  in_channels: number;
  out_channels: number;
  kernel_size: number[];
  stride: number[];
  padding: number[] | "same" | "valid";
  dilation: number[];
  transposed: boolean;
  output_padding: number[];
  groups: number;
  padding_mode: string;
  weight: Parameter;
  bias: Parameter | null;

  constructor(
    n: number,
    in_channels: number,
    out_channels: number,
    kernel_size: IntOrTuple,
    transposed: boolean,
    a: ConvTransposeArgs | ConvArgs,
  ) {
    super();
    const groups = a.groups ?? 1;
    if (groups <= 0) throw new ValueError("groups must be a positive integer");
    if (in_channels % groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (out_channels % groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    const stride = ntuple(a.stride ?? 1, n),
      dilation = ntuple(a.dilation ?? 1, n);
    const pad = a.padding ?? 0;
    if (typeof pad === "string") {
      if (pad !== "same" && pad !== "valid")
        throw new ValueError(`Invalid padding string '${pad}', should be one of {'valid', 'same'}`);
      if (pad === "same" && stride.some((s) => s !== 1))
        throw new ValueError("padding='same' is not supported for strided convolutions");
    }
    const mode = a.padding_mode ?? "zeros";
    if (mode !== "zeros") throw new ValueError(`padding_mode '${mode}' is not supported in gradlab (only 'zeros')`);
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.kernel_size = ntuple(kernel_size, n);
    this.stride = stride;
    this.padding = typeof pad === "string" ? pad : ntuple(pad, n);
    this.dilation = dilation;
    this.transposed = transposed;
    this.output_padding = ntuple((a as ConvTransposeArgs).output_padding ?? 0, n);
    this.groups = groups;
    this.padding_mode = mode;
    const wshape = transposed
      ? [in_channels, out_channels / groups, ...this.kernel_size]
      : [out_channels, in_channels / groups, ...this.kernel_size];
    this.weight = new Parameter(empty(wshape, { dtype: a.dtype }));
    this.bias = (a.bias ?? true) ? new Parameter(empty([out_channels], { dtype: a.dtype })) : null;
    this.reset_parameters();
  }

  /** kaiming_uniform_(weight, a = sqrt(5)), then bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      if (fanIn !== 0) {
        const bound = 1 / Math.sqrt(fanIn);
        init.uniform_(this.bias, -bound, bound);
      }
    }
  }

  override extra_repr(): string {
    const zeros = (v: number[]) => v.every((x) => x === 0),
      ones = (v: number[]) => v.every((x) => x === 1);
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyArg(this.kernel_size)}, stride=${pyArg(this.stride)}`;
    if (typeof this.padding === "string") s += `, padding=${this.padding}`;
    else if (!zeros(this.padding)) s += `, padding=${pyArg(this.padding)}`;
    if (!ones(this.dilation)) s += `, dilation=${pyArg(this.dilation)}`;
    if (!zeros(this.output_padding)) s += `, output_padding=${pyArg(this.output_padding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ", bias=False";
    if (this.padding_mode !== "zeros") s += `, padding_mode=${this.padding_mode}`;
    return s;
  }
}

/**
 * 2-D convolution over [N, C, H, W] inputs.
 * @example new nn.Conv2d(3, 64, 7, {stride: 2, padding: 3, bias: false})
 */
export class Conv2d extends _ConvNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrTuple, opts: ConvArgs = {}) {
    super(2, in_channels, out_channels, kernel_size, false, opts);
  }
  override forward(input: Tensor): Tensor {
    return F.conv2d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }
}

/** 1-D convolution over [N, C, L] inputs. */
export class Conv1d extends _ConvNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrTuple, opts: ConvArgs = {}) {
    super(1, in_channels, out_channels, kernel_size, false, opts);
  }
  override forward(input: Tensor): Tensor {
    return F.conv1d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }
}

/** The output_padding that gives `output_size` (ConvTranspose's forward(input, output_size)). */
function outputPaddingFor(m: _ConvNd, input: Tensor, outputSize: readonly number[] | null, n: number): number[] {
  if (!outputSize) return m.output_padding;
  const want = outputSize.slice(-n),
    inSp = input._shape.slice(-n),
    pad = m.padding as number[];
  const min = inSp.map((s, d) => (s - 1) * m.stride[d] - 2 * pad[d] + m.dilation[d] * (m.kernel_size[d] - 1) + 1);
  const max = min.map((v, d) => v + m.stride[d] - 1);
  if (want.some((w, d) => w < min[d] || w > max[d]))
    throw new ValueError(
      `requested an output size of ${formatShape(want)}, but valid sizes range from ${formatShape(min)} to ${formatShape(max)} (for an input of ${formatShape(inSp, "Size")})`,
    );
  return want.map((w, d) => w - min[d]);
}

/** 2-D transposed convolution ("deconvolution"); weight is [in, out/groups, kh, kw]. */
export class ConvTranspose2d extends _ConvNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrTuple, opts: ConvTransposeArgs = {}) {
    super(2, in_channels, out_channels, kernel_size, true, opts);
  }
  override forward(input: Tensor, output_size: readonly number[] | null = null): Tensor {
    return F.conv_transpose2d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding as number[],
      output_padding: outputPaddingFor(this, input, output_size, 2),
      groups: this.groups,
      dilation: this.dilation,
    });
  }
}

/** 1-D transposed convolution; weight is [in, out/groups, k]. */
export class ConvTranspose1d extends _ConvNd {
  constructor(in_channels: number, out_channels: number, kernel_size: IntOrTuple, opts: ConvTransposeArgs = {}) {
    super(1, in_channels, out_channels, kernel_size, true, opts);
  }
  override forward(input: Tensor, output_size: readonly number[] | null = null): Tensor {
    return F.conv_transpose1d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding as number[],
      output_padding: outputPaddingFor(this, input, output_size, 1),
      groups: this.groups,
      dilation: this.dilation,
    });
  }
}
