/**
 * Fused optimizer updates over contiguous float arrays: one pass per parameter instead of a
 * tensor op (allocation + copy) per term. The ResNet-18 benchmark showed SGD's three in-place
 * ops per parameter costing more than the whole backward pass. Rounding follows the tensor ops
 * they replace: every term is rounded to the parameter's dtype, scalars are cast to it first.
 */
import type { TypedArray } from "../../tensor/dtype.js";
import type { SgdScalars } from "../backend.js";

/** One SGD update of `p` in place (torch/optim/sgd.py's `_single_tensor_sgd`); `buf` is the momentum buffer or null. */
export function sgdKernel(p: TypedArray, g: TypedArray, buf: TypedArray | null, s: SgdScalars): void {
  if (s.f32) sgd32(p as Float32Array, g as Float32Array, buf as Float32Array | null, s);
  else sgd64(p as Float64Array, g as Float64Array, buf as Float64Array | null, s);
}

// NOTE: two monomorphic copies (Math.fround written out): a shared loop with a rounding
// callback ran ~10x slower in V8.
function sgd32(p: Float32Array, g: Float32Array, buf: Float32Array | null, s: SgdScalars): void {
  const fr = Math.fround;
  const wd = fr(s.weight_decay), m = fr(s.momentum), damp = fr(1 - s.dampening), lr = fr(-s.lr), sign = s.maximize ? -1 : 1;
  const n = p.length, init = s.initBuffer, nesterov = s.nesterov;
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
  const wd = s.weight_decay, m = s.momentum, damp = 1 - s.dampening, lr = -s.lr, sign = s.maximize ? -1 : 1;
  const n = p.length, init = s.initBuffer, nesterov = s.nesterov;
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
