// The JavaScript binding of the transcendental kernels (unary_math.h), the fast reductions
// (reduce_fast.h) and softmax (softmax.h), registered by addon.cc's Init through
// register_fast_math; their typed face is engine/backend/native/fast_math.ts.
#include <napi.h>

#include <algorithm>
#include <string>
#include <utility>

#include "fast_math_binding.h"
#include "reduce_fast.h"
#include "softmax.h"
#include "unary_math.h"

namespace gradlab {
namespace {

const double* float64_params(const Napi::CallbackInfo& info, size_t i, size_t count) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      info[i].As<Napi::TypedArray>().ElementLength() < count)
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a Float64Array of " + std::to_string(count) + " numbers");
  return info[i].As<Napi::Float64Array>().Data();
}

/** A Float32Array or Float64Array argument: its element pointer (byteOffset applied) and element size. */
std::pair<void*, int> float_array(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsTypedArray()) {
    auto t = info[i].As<Napi::TypedArray>();
    void* data = static_cast<uint8_t*>(t.ArrayBuffer().Data()) + t.ByteOffset();
    if (t.TypedArrayType() == napi_float32_array) return {data, 4};
    if (t.TypedArrayType() == napi_float64_array) return {data, 8};
  }
  throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a Float32Array or Float64Array");
}

/** p = [nd, xOffset, shape..., xStrides..., extra...] read into shape and strides; returns nd. */
int strided_params(const Napi::CallbackInfo& info, const double* p, int64_t* shape, int64_t* strides) {
  const int nd = int(p[0]);
  if (nd < 0 || nd > kMaxDims) throw Napi::RangeError::New(info.Env(), "too many dimensions (at most 16)");
  for (int d = 0; d < nd; d++) shape[d] = int64_t(p[2 + d]), strides[d] = int64_t(p[2 + nd + d]);
  return nd;
}

/**
 * unary_math(op, x, out, p) with p = [nd, xOffset, shape..., xStrides..., run]: out (contiguous,
 * x's float type) = op(x), float32 tails placed by `run` (unary_math.h).
 */
Napi::Value UnaryMath(const Napi::CallbackInfo& info) {
  const int op = info[0].As<Napi::Number>().Int32Value();
  const double* p = float64_params(info, 3, 1);
  int64_t shape[kMaxDims], xs[kMaxDims];
  const int nd = strided_params(info, float64_params(info, 3, 3 + 2 * size_t(std::max(0, int(p[0])))), shape, xs);
  auto [x, xb] = float_array(info, 1);
  auto [out, ob] = float_array(info, 2);
  if (op < 0 || op >= kMathOps || xb != ob) throw Napi::TypeError::New(info.Env(), "unary_math: bad op or array types");
  const int64_t xo = int64_t(p[1]), run = int64_t(p[2 + 2 * nd]);
  if (xb == 4) unary_math<float>(op, {static_cast<const float*>(x) + xo, xs}, static_cast<float*>(out), nd, shape, run);
  else unary_math<double>(op, {static_cast<const double*>(x) + xo, xs}, static_cast<double*>(out), nd, shape, run);
  return info.Env().Undefined();
}

/**
 * reduce_fast(op, x, out, p) with p = [nd, xOffset, shape..., xStrides..., reduced (0/1) per dim]:
 * sum, mean, max, min, argmax or argmin (reduce_fast.h's codes) over the flagged dims into out
 * (contiguous over the kept dims; float32 -> float32 or float64 for sum and mean, x's type for max
 * and min, a Float64Array of indices for argmax and argmin).
 */
Napi::Value ReduceFast(const Napi::CallbackInfo& info) {
  const int op = info[0].As<Napi::Number>().Int32Value();
  const double* p = float64_params(info, 3, 1);
  int64_t shape[kMaxDims], xs[kMaxDims];
  const int nd = strided_params(info, float64_params(info, 3, 2 + 3 * size_t(std::max(0, int(p[0])))), shape, xs);
  bool reduced[kMaxDims];
  for (int d = 0; d < nd; d++) reduced[d] = p[2 + 2 * nd + d] != 0;
  auto [x, xb] = float_array(info, 1);
  auto [out, ob] = float_array(info, 2);
  const bool arg = op == kFastArgmax || op == kFastArgmin, extremum = op == kFastMax || op == kFastMin;
  if (op < 0 || op >= kFastReduceOps || (xb == 8 && ob == 4) || (extremum && xb != ob) || (arg && ob != 8))
    throw Napi::TypeError::New(info.Env(), "reduce_fast: bad op or array types");
  const int64_t xo = int64_t(p[1]);
  if (xb == 4 && ob == 4) reduce_fast<float, float>(op, {static_cast<const float*>(x) + xo, xs}, static_cast<float*>(out), nd, shape, reduced);
  else if (xb == 4) reduce_fast<float, double>(op, {static_cast<const float*>(x) + xo, xs}, static_cast<double*>(out), nd, shape, reduced);
  else reduce_fast<double, double>(op, {static_cast<const double*>(x) + xo, xs}, static_cast<double*>(out), nd, shape, reduced);
  return info.Env().Undefined();
}

/** softmax(x, out, p) with p = [outer, size, inner, log]: x and out of one float type, [outer, size, inner] row-major. */
Napi::Value Softmax(const Napi::CallbackInfo& info) {
  const double* p = float64_params(info, 2, 4);
  auto [x, xb] = float_array(info, 0);
  auto [out, ob] = float_array(info, 1);
  const int64_t outer = int64_t(p[0]), size = int64_t(p[1]), inner = int64_t(p[2]);
  const size_t n = size_t(outer * size * inner);
  if (xb != ob || info[0].As<Napi::TypedArray>().ElementLength() < n || info[1].As<Napi::TypedArray>().ElementLength() < n)
    throw Napi::TypeError::New(info.Env(), "softmax: x and out must be arrays of one float type holding outer * size * inner elements");
  if (xb == 4) softmax<float>(static_cast<const float*>(x), static_cast<float*>(out), outer, size, inner, p[3] != 0);
  else softmax<double>(static_cast<const double*>(x), static_cast<double*>(out), outer, size, inner, p[3] != 0);
  return info.Env().Undefined();
}

}  // namespace

void register_fast_math(Napi::Env env, Napi::Object exports) {
  exports.Set("unary_math", Napi::Function::New(env, UnaryMath));
  exports.Set("reduce_fast", Napi::Function::New(env, ReduceFast));
  exports.Set("softmax", Napi::Function::New(env, Softmax));
}

}  // namespace gradlab
