/**
 * Fused optimizer updates over contiguous float arrays: one pass per parameter instead of a
 * tensor op (allocation + copy) per term. The ResNet-18 benchmark showed SGD's three in-place
 * ops per parameter costing more than the whole backward pass. Rounding follows the tensor ops
 * they replace: every term is rounded to the parameter's dtype, scalars are cast to it first.
 */
import type { TypedArray } from "../../tensor/dtype.js";
import type { AdamScalars, SgdScalars } from "../backend.js";

/** One SGD update of `p` in place (torch/optim/sgd.py's `_single_tensor_sgd`); `buf` is the momentum buffer or null. */
export function sgdKernel(p: TypedArray, g: TypedArray, buf: TypedArray | null, s: SgdScalars): void {
  if (s.f32) sgd32(p as Float32Array, g as Float32Array, buf as Float32Array | null, s);
  else sgd64(p as Float64Array, g as Float64Array, buf as Float64Array | null, s);
}

// NOTE: two monomorphic copies (Math.fround written out): a shared loop with a rounding
// callback ran ~10x slower in V8.
function sgd32(p: Float32Array, g: Float32Array, buf: Float32Array | null, s: SgdScalars): void {
  const fr = Math.fround;
  const wd = fr(s.weight_decay),
    m = fr(s.momentum),
    damp = fr(1 - s.dampening),
    lr = fr(-s.lr),
    sign = s.maximize ? -1 : 1;
  const n = p.length,
    init = s.initBuffer,
    nesterov = s.nesterov;
  for (let i = 0; i < n; i++) {
    let d = sign * g[i];
    if (wd !== 0) d = fr(d + wd * p[i]);
    if (buf !== null) {
      const b = init ? d : fr(fr(buf[i] * m) + damp * d);
      buf[i] = b;
      d = nesterov ? fr(d + m * b) : b;
    }
    p[i] = p[i] + lr * d; // the Float32Array store rounds
  }
}

function sgd64(p: Float64Array, g: Float64Array, buf: Float64Array | null, s: SgdScalars): void {
  const wd = s.weight_decay,
    m = s.momentum,
    damp = 1 - s.dampening,
    lr = -s.lr,
    sign = s.maximize ? -1 : 1;
  const n = p.length,
    init = s.initBuffer,
    nesterov = s.nesterov;
  for (let i = 0; i < n; i++) {
    let d = sign * g[i];
    if (wd !== 0) d = d + wd * p[i];
    if (buf !== null) {
      const b = init ? d : buf[i] * m + damp * d;
      buf[i] = b;
      d = nesterov ? d + m * b : b;
    }
    p[i] = p[i] + lr * d;
  }
}

/**
 * One Adam/AdamW update in place, with the rounding of the tensor ops engine/optim/adam.ts would
 * otherwise run: scalars multiplied in (betas, the AdamW decay, bc2Sqrt, eps) are cast to the
 * dtype, `alpha` scalars (1 - beta, weight_decay, -stepSize) stay double, each op's result rounds.
 */
export function adamKernel(
  p: TypedArray,
  g: TypedArray,
  m: TypedArray,
  v: TypedArray,
  vmax: TypedArray | null,
  s: AdamScalars,
): void {
  const r = s.f32 ? Math.fround : (x: number) => x;
  const sign = s.maximize ? -1 : 1,
    decay = r(1 - s.lr * s.weight_decay),
    b1 = r(s.beta1),
    b2 = r(s.beta2);
  const oneB1 = 1 - s.beta1,
    oneB2 = 1 - s.beta2,
    bc2 = r(s.bc2Sqrt),
    eps = r(s.eps),
    step = -s.stepSize,
    wd = s.weight_decay;
  const coupled = !s.decoupled && wd !== 0;
  for (let i = 0; i < p.length; i++) {
    let pi = p[i],
      gi = sign * g[i];
    if (s.decoupled) pi = r(pi * decay);
    else if (coupled) gi = r(gi + wd * pi);
    const mi = r(r(m[i] * b1) + oneB1 * gi),
      vi = r(r(v[i] * b2) + oneB2 * r(gi * gi));
    m[i] = mi;
    v[i] = vi;
    let sq = vi;
    if (vmax) {
      const x = vmax[i];
      sq = x !== x || vi !== vi ? NaN : x > vi ? x : vi;
      vmax[i] = sq;
    }
    const denom = r(r(r(Math.sqrt(sq)) / bc2) + eps);
    p[i] = pi + step * r(mi / denom);
  }
}
