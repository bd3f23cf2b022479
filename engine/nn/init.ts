/**
 * torch.nn.init: in-place initialisers drawing from the global generator with PyTorch's exact
 * streams (uniform_ / normal_ of engine/ops/random_ops.ts). Bounds and standard deviations are
 * computed in double as Python does, then rounded by the fill (torch-spec §4.7).
 */
import { ValueError, warnOnce } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Generator } from "../random/generator.js";
import { no_grad } from "../autograd/grad_mode.js";
import "../ops/random_ops.js";
import "../ops/fill.js";

type Gen = { generator?: Generator };
export type Nonlinearity =
  | "linear"
  | "conv1d"
  | "conv2d"
  | "conv3d"
  | "conv_transpose1d"
  | "conv_transpose2d"
  | "conv_transpose3d"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leaky_relu"
  | "selu";

/**
 * The recommended gain for a nonlinearity.
 * @example nn.init.calculate_gain("leaky_relu", 0.2)  // 1.3867504905630728
 */
export function calculate_gain(nonlinearity: Nonlinearity | string, param: number | null = null): number {
  const linear = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d"];
  if (linear.includes(nonlinearity) || nonlinearity === "sigmoid") return 1;
  if (nonlinearity === "tanh") return 5.0 / 3;
  if (nonlinearity === "relu") return Math.sqrt(2.0);
  if (nonlinearity === "leaky_relu") {
    if (param !== null && typeof param !== "number")
      throw new ValueError(`negative_slope ${String(param)} not a valid number`);
    const slope = param ?? 0.01;
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === "selu") return 3.0 / 4;
  throw new ValueError(`Unsupported nonlinearity ${nonlinearity}`);
}

/** (fan_in, fan_out) of a weight: size(1) / size(0) times the receptive field. */
export function _calculate_fan_in_and_fan_out(t: Tensor): [number, number] {
  if (t.dim() < 2)
    throw new ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  const receptive = t._shape.slice(2).reduce((a, b) => a * b, 1);
  return [t._shape[1] * receptive, t._shape[0] * receptive];
}

function correctFan(t: Tensor, mode: string): number {
  if (mode !== "fan_in" && mode !== "fan_out")
    throw new ValueError(`Mode ${mode} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  return mode === "fan_in" ? fanIn : fanOut;
}

function emptyWarning(t: Tensor): boolean {
  if (!t._shape.includes(0)) return false;
  warnOnce("Initializing zero-element tensors is a no-op");
  return true;
}

/** Fill with U(a, b). */
export function uniform_(t: Tensor, options: { a?: number; b?: number } & Gen): Tensor;
export function uniform_(t: Tensor, a?: number, b?: number, opts?: Gen): Tensor;
// NOTE: an options object for a/b was bound to the positional form by api/keywords.ts.
export function uniform_(t: Tensor, a: number | Gen = 0, b = 1, opts: Gen = {}): Tensor {
  return no_grad(() => t.uniform_(a as number, b, opts));
}
/** Fill with N(mean, std^2). */
export function normal_(t: Tensor, options: { mean?: number; std?: number } & Gen): Tensor;
export function normal_(t: Tensor, mean?: number, std?: number, opts?: Gen): Tensor;
export function normal_(t: Tensor, mean: number | Gen = 0, std = 1, opts: Gen = {}): Tensor {
  return no_grad(() => t.normal_(mean as number, std, opts));
}
/** Fill with a constant. */
export function constant_(t: Tensor, val: number): Tensor {
  return no_grad(() => t.fill_(val));
}
export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}
export function zeros_(t: Tensor): Tensor {
  return no_grad(() => t.zero_());
}

/** Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)). */
export function xavier_uniform_(t: Tensor, gain = 1, opts: Gen = {}): Tensor {
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(t, -a, a, opts);
}
/** Glorot normal: N(0, gain^2 * 2 / (fan_in + fan_out)). */
export function xavier_normal_(t: Tensor, gain = 1, opts: Gen = {}): Tensor {
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  return normal_(t, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)), opts);
}

export interface KaimingOptions {
  a?: number;
  mode?: "fan_in" | "fan_out";
  nonlinearity?: Nonlinearity;
  generator?: Generator;
}
/** PyTorch's positional form `(tensor, a, mode, nonlinearity)`, or all of them in one options object. */
function kaimingArgs(
  a: number | KaimingOptions | null | undefined,
  mode?: "fan_in" | "fan_out",
  nonlinearity?: Nonlinearity,
  gen?: Gen,
): KaimingOptions {
  if (typeof a === "object" && a !== null) return a;
  return { a: a ?? 0, mode, nonlinearity, generator: gen?.generator };
}

/** He's standard deviation, gain / sqrt(fan), shared by both kaiming initialisers. */
function kaimingStd(t: Tensor, opts: KaimingOptions): number {
  const fan = correctFan(t, opts.mode ?? "fan_in");
  return calculate_gain(opts.nonlinearity ?? "leaky_relu", opts.a ?? 0) / Math.sqrt(fan);
}

/**
 * He uniform: U(-bound, bound), bound = sqrt(3) * gain / sqrt(fan). nn.Linear and nn.Conv2d use
 * `kaiming_uniform_(w, {a: Math.sqrt(5)})`.
 */
export function kaiming_uniform_(
  t: Tensor,
  a?: number | KaimingOptions | null,
  mode?: "fan_in" | "fan_out",
  nonlinearity?: Nonlinearity,
  gen?: Gen,
): Tensor {
  const opts = kaimingArgs(a, mode, nonlinearity, gen);
  if (emptyWarning(t)) return t;
  const bound = Math.sqrt(3.0) * kaimingStd(t, opts);
  return uniform_(t, -bound, bound, { generator: opts.generator });
}
/** He normal: N(0, gain^2 / fan); torchvision's ResNet uses `{mode: "fan_out", nonlinearity: "relu"}`. */
export function kaiming_normal_(
  t: Tensor,
  a?: number | KaimingOptions | null,
  mode?: "fan_in" | "fan_out",
  nonlinearity?: Nonlinearity,
  gen?: Gen,
): Tensor {
  const opts = kaimingArgs(a, mode, nonlinearity, gen);
  if (emptyWarning(t)) return t;
  return normal_(t, 0, kaimingStd(t, opts), { generator: opts.generator });
}
