/**
 * In-place random fills (uniform_, normal_, bernoulli_, random_, exponential_), torch.bernoulli,
 * torch.multinomial and the random *_like factories. Values come from engine/random in
 * PyTorch's order: contiguous tensors fill in element order; non-contiguous ones in storage
 * (memory) order, as TensorIterator walks them.
 */
import { tensorArg, kwargs, isOptions, intArg } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import { type DType, get_default_dtype, int64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { checkInplace } from "./define.js";
import { backend } from "../backend/index.js";
import { type Generator, default_generator } from "../random/generator.js";
import {
  bernoulliScalarFill,
  bernoulliTensorFill,
  exponentialFill,
  multinomial as multinomialRow,
  normalFill,
  randintFill,
  randomFill,
  uniformFill,
} from "../random/distributions.js";
import { empty_like, rand, randint, randn, type TensorOptions } from "../tensor/creation.js";
import { preservedStrides } from "../tensor/memory_format.js";

type Gen = { generator?: Generator };

/** Storage offsets of t's elements, in memory order (only needed when t is not contiguous). */
function memoryOrder(t: Tensor): number[] {
  const offs: number[] = [];
  const n = t.numel(),
    nd = t._shape.length,
    idx = new Array<number>(nd).fill(0);
  for (let i = 0; i < n; i++) {
    let o = t._offset;
    for (let d = 0; d < nd; d++) o += idx[d] * t._strides[d];
    offs.push(o);
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d] < t._shape[d]) break;
      idx[d] = 0;
    }
  }
  return offs.sort((a, b) => a - b);
}

/** Write buf (t's numel values, in draw order) into t's storage in memory order. */
function writeInMemoryOrder(t: Tensor, buf: ArrayLike<number>): void {
  // NOTE: a contiguous tensor's memory order is its element order: one dense copy (this is what
  // makes building ResNet-18's 11.7M parameters fast). The draws are values of t's dtype already
  // (rounded as the generator rounds them), so the copy declares them so: no second rounding.
  if (t.is_contiguous()) {
    const shape = [buf.length],
      strides = [1];
    backend().copy(
      { data: buf as Float64Array, offset: 0, shape, strides, dtype: t.dtype },
      { data: t._data, offset: t._offset, shape, strides, dtype: t.dtype },
    );
  } else {
    const data = t._data;
    const offs = memoryOrder(t);
    for (let i = 0; i < offs.length; i++) data[offs[i]] = buf[i];
  }
  t._versionCounter.value++;
}

/** Fill t in place from a generator of a dense buffer of t's numel values. */
function fillWith(
  t: Tensor,
  make: (buf: Float32Array | Float64Array, contiguous: boolean) => void,
  dtype: DType = t.dtype,
): Tensor {
  checkInplace(t, []);
  const contiguous = t.is_contiguous();
  const buf = dtype.name === "float64" ? new Float64Array(t.numel()) : new Float32Array(t.numel());
  make(buf, contiguous);
  writeInMemoryOrder(t, buf);
  return t;
}

function needFloat(t: Tensor, what: string): void {
  if (!t.dtype.is_floating_point) throw new RuntimeError(`"${what}" not implemented for '${t.dtype.scalarName}'`);
}

/** Fill in place with uniform values on [from, to) (PyTorch's stream). */
export function uniform_(t: Tensor, from = 0, to = 1, opts: Gen | null = {}): Tensor {
  opts = kwargs(opts);
  needFloat(t, "check_uniform_bounds");
  if (from > to)
    throw new RuntimeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  return fillWith(t, (b) => uniformFill(opts.generator ?? default_generator, b, from, to));
}
/** Fill in place with normal values (PyTorch's stream). */
export function normal_(t: Tensor, mean = 0, std = 1, opts: Gen | null = {}): Tensor {
  opts = kwargs(opts);
  needFloat(t, "normal_kernel_cpu");
  if (std < 0) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  return fillWith(t, (b, contiguous) => normalFill(opts.generator ?? default_generator, b, mean, std, contiguous));
}
/** Fill in place with 0/1 draws, 1 with probability p (a number or a tensor of probabilities). */
export function bernoulli_(t: Tensor, p: number | Tensor = 0.5, opts: Gen | null = {}): Tensor {
  opts = kwargs(opts);
  const g = opts.generator ?? default_generator;
  if (p instanceof Tensor) {
    const probs = p.expand(t._shape).contiguous();
    const pv = probs.dtype.name === "float64" ? new Float64Array(probs._values()) : new Float32Array(probs._values());
    return fillWith(t, (b) => bernoulliTensorFill(g, pv, b), t.dtype.is_floating_point ? t.dtype : get_default_dtype());
  }
  if (p < 0 || p > 1) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  return fillWith(t, (b) => bernoulliScalarFill(g, b, p), t.dtype.name === "float64" ? t.dtype : get_default_dtype());
}
/** Fill in place with exponential draws of rate `lambd`. */
export function exponential_(t: Tensor, lambd = 1, opts: Gen | null = {}): Tensor {
  opts = kwargs(opts);
  needFloat(t, "exponential_cpu");
  return fillWith(t, (b) => exponentialFill(opts.generator ?? default_generator, b, lambd));
}
/** Fill in place with integers: random_() over the dtype's range, random_(to), random_(from, to). */
export function random_(t: Tensor, a?: number | Gen, b?: number | Gen, opts: Gen | null = {}): Tensor {
  opts = kwargs(opts);
  if (isOptions(a)) {
    opts = a;
    a = undefined;
  }
  if (isOptions(b)) {
    opts = b;
    b = undefined;
  }
  const g = opts.generator ?? default_generator;
  checkInplace(t, []);
  const buf = new Float64Array(t.numel());
  if (a === undefined) randomFill(g, buf, t.dtype.name as "int64");
  else {
    const [lo, hi] =
      b === undefined
        ? [0, intArg("random_", a, "to", 2)]
        : [intArg("random_", a, "from", 2), intArg("random_", b, "to", 3)];
    if (lo >= hi) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
    randintFill(g, buf, lo, hi);
  }
  writeInMemoryOrder(t, buf);
  return t;
}

/** torch.bernoulli(probs): 0/1 draws with the given probabilities (same dtype as probs). */
export function bernoulli(probs: Tensor, opts: Gen | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("bernoulli", probs);
  const out = Tensor._fromData(new probs.dtype.ArrayType(probs.numel()), probs._shape, probs.dtype);
  const pv = probs.dtype.name === "float64" ? new Float64Array(probs._values()) : new Float32Array(probs._values());
  bernoulliTensorFill(opts.generator ?? default_generator, pv, out._data as Float32Array);
  return out;
}

/** torch.multinomial(probs, num_samples, replacement=false): int64 category indices per row. */
export function multinomial(
  probs: Tensor,
  num_samples: number,
  replacement: boolean | { replacement?: boolean; generator?: Generator } = false,
  opts: Gen | null = {},
): Tensor {
  opts = kwargs(opts);
  tensorArg("multinomial", probs);
  intArg("multinomial", num_samples, "num_samples", 2);
  if (num_samples <= 0) throw new RuntimeError("cannot sample n_sample <= 0 samples");
  if (isOptions(replacement)) {
    opts = replacement;
    replacement = replacement.replacement ?? false;
  }
  if (probs._shape.length < 1 || probs._shape.length > 2) throw new RuntimeError("prob_dist must be 1 or 2 dim");
  const g = opts.generator ?? default_generator;
  const rows = probs._shape.length === 1 ? 1 : probs._shape[0],
    k = probs._shape[probs._shape.length - 1];
  const vals = probs.contiguous()._values();
  const out = new Float64Array(rows * num_samples);
  for (let r = 0; r < rows; r++) {
    const row = vals.slice(r * k, (r + 1) * k);
    const res = multinomialRow(
      g,
      probs.dtype.name === "float64" ? new Float64Array(row) : new Float32Array(row),
      num_samples,
      replacement as boolean,
    );
    out.set(res, r * num_samples);
  }
  return Tensor._fromData(out, probs._shape.length === 1 ? [num_samples] : [rows, num_samples], int64);
}

const like = (t: Tensor, o: TensorOptions) => ({
  dtype: o.dtype ?? t.dtype,
  requires_grad: o.requires_grad,
  generator: o.generator,
});
/**
 * A *_like random tensor: PyTorch fills empty_like(t) in place, so a non-contiguous t (x.t())
 * gives its layout to the result and the stream fills memory in order (not rand(shape)'s values).
 */
function randomLike(t: Tensor, o: TensorOptions, fresh: () => Tensor, fill: (out: Tensor, g: Gen) => void): Tensor {
  if (!preservedStrides(t)) return fresh();
  const out = empty_like(t, { dtype: o.dtype ?? t.dtype });
  fill(out, { generator: o.generator });
  if (o.requires_grad) out.requires_grad_(true);
  return out;
}
/** torch.rand_like(t) */
export function rand_like(t: Tensor, o: TensorOptions | null = {}): Tensor {
  o = kwargs(o);
  tensorArg("rand_like", t);
  return randomLike(
    t,
    o,
    () => rand([...t._shape], like(t, o)),
    (out, g) => uniform_(out, 0, 1, g),
  );
}
/** torch.randn_like(t) */
export function randn_like(t: Tensor, o: TensorOptions | null = {}): Tensor {
  o = kwargs(o);
  tensorArg("randn_like", t);
  return randomLike(
    t,
    o,
    () => randn([...t._shape], like(t, o)),
    (out, g) => normal_(out, 0, 1, g),
  );
}
/** torch.randint_like(t, low?, high) */
export function randint_like(t: Tensor, a: number, b?: number, o: TensorOptions | null = {}): Tensor {
  o = kwargs(o);
  tensorArg("randint_like", t);
  const [lo, hi] = b === undefined ? [0, a] : [a, b];
  return randomLike(
    t,
    o,
    () => randint(lo, hi, [...t._shape], like(t, o)),
    (out, g) => random_(out, lo, hi, g),
  );
}

/** The random fills and draws whose method is the function with the tensor as `this` (tensor/expose.ts). */
const RANDOM_METHODS = { uniform_, normal_, bernoulli_, exponential_, random_, bernoulli, multinomial };
type RandomMethods = MethodsOf<typeof import("./random_ops.js"), keyof typeof RANDOM_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends RandomMethods {}
}
exposeMethods(RANDOM_METHODS);
