// The JavaScript binding (Node-API through node-addon-api). Every kernel works in place on typed
// arrays the caller allocated: no copies, no allocation on this side. Shapes and strides travel in
// one Float64Array per call (cheaper than a dozen number arguments). engine/backend/native/addon.ts
// is the typed TypeScript face of these functions.
#include <napi.h>

#include <string>
#include <utility>

#include "gemm.h"
#include "im2col.h"
#include "strided_copy.h"
#include "thread_pool.h"

namespace {

using gradlab::GemmArgs;

/** The element pointer of a Float32Array / Float64Array argument (its byteOffset applied), or a TypeError. */
template <class T>
T* elements(const Napi::CallbackInfo& info, size_t i) {
  const napi_typedarray_type want = sizeof(T) == 4 ? napi_float32_array : napi_float64_array;
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != want)
    throw Napi::TypeError::New(info.Env(), std::string("argument ") + std::to_string(i) + " must be a " +
                                               (sizeof(T) == 4 ? "Float32Array" : "Float64Array"));
  return info[i].As<Napi::TypedArrayOf<T>>().Data();
}

const double* params(const Napi::CallbackInfo& info, size_t i, size_t count) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      info[i].As<Napi::TypedArray>().ElementLength() < count)
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a Float64Array of " + std::to_string(count) + " numbers");
  return info[i].As<Napi::Float64Array>().Data();
}

/**
 * gemm(a, b, c, p): for each batch index, C = A * B, with p = [aOffset, bOffset, cOffset, batch, m, n, k,
 * sab, sam, sak, sbb, sbk, sbn, scb, scm, f32AccumulateInDouble] (offsets and strides in elements; C's
 * column stride is 1).
 */
template <class T>
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  const double* p = params(info, 3, 16);
  GemmArgs<T> g;
  g.a = elements<T>(info, 0) + int64_t(p[0]);
  g.b = elements<T>(info, 1) + int64_t(p[1]);
  g.c = elements<T>(info, 2) + int64_t(p[2]);
  g.batch = int64_t(p[3]), g.m = int64_t(p[4]), g.n = int64_t(p[5]), g.k = int64_t(p[6]);
  g.sab = int64_t(p[7]), g.sam = int64_t(p[8]), g.sak = int64_t(p[9]);
  g.sbb = int64_t(p[10]), g.sbk = int64_t(p[11]), g.sbn = int64_t(p[12]);
  g.scb = int64_t(p[13]), g.scm = int64_t(p[14]);
  if constexpr (sizeof(T) == 4) gradlab::gemm_f32(g, static_cast<gradlab::F32Sum>(int(p[15])));
  else gradlab::gemm_f64(g);
  return info.Env().Undefined();
}

gradlab::Window2d window(const double* p) {
  return {int64_t(p[0]), int64_t(p[1]), int64_t(p[2]), int64_t(p[3]), int64_t(p[4]),  int64_t(p[5]),
          int64_t(p[6]), int64_t(p[7]), int64_t(p[8]), int64_t(p[9]), int64_t(p[10]), int64_t(p[11])};
}

/** im2col(x, cols, planes, p) with p = [H, W, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow]. */
template <class T>
Napi::Value Im2col(const Napi::CallbackInfo& info) {
  gradlab::im2col(elements<T>(info, 0), elements<T>(info, 1), int64_t(info[2].As<Napi::Number>().DoubleValue()), window(params(info, 3, 12)));
  return info.Env().Undefined();
}

/** col2im(cols, x, planes, p): the adjoint of im2col, into x (overwritten). */
template <class T>
Napi::Value Col2im(const Napi::CallbackInfo& info) {
  gradlab::col2im(elements<T>(info, 0), elements<T>(info, 1), int64_t(info[2].As<Napi::Number>().DoubleValue()), window(params(info, 3, 12)));
  return info.Env().Undefined();
}

/** A Float32Array or Float64Array argument's element pointer and whether it is double. */
std::pair<void*, bool> float_elements(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsTypedArray()) {
    auto t = info[i].As<Napi::TypedArray>();
    if (t.TypedArrayType() == napi_float32_array) return {info[i].As<Napi::Float32Array>().Data(), false};
    if (t.TypedArrayType() == napi_float64_array) return {info[i].As<Napi::Float64Array>().Data(), true};
  }
  throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a Float32Array or Float64Array");
}

/**
 * copy(src, dst, p) with p = [ndim, srcOffset, dstOffset, shape..., srcStrides..., dstStrides...]:
 * dst = src element by element, float32 and float64 either side (converted as C++ casts: float64
 * to float32 rounds to nearest).
 */
Napi::Value Copy(const Napi::CallbackInfo& info) {
  const double* p = params(info, 2, 3);
  const int nd = int(p[0]);
  if (nd < 0 || nd > gradlab::kMaxCopyDims) throw Napi::RangeError::New(info.Env(), "copy: too many dimensions");
  params(info, 2, 3 + 3 * size_t(nd));
  int64_t shape[gradlab::kMaxCopyDims], ss[gradlab::kMaxCopyDims], ds[gradlab::kMaxCopyDims];
  for (int d = 0; d < nd; d++) shape[d] = int64_t(p[3 + d]), ss[d] = int64_t(p[3 + nd + d]), ds[d] = int64_t(p[3 + 2 * nd + d]);
  auto [s, sd] = float_elements(info, 0);
  auto [t, td] = float_elements(info, 1);
  const int64_t so = int64_t(p[1]), dof = int64_t(p[2]);
  if (sd && td) gradlab::strided_copy(static_cast<double*>(s) + so, static_cast<double*>(t) + dof, nd, shape, ss, ds);
  else if (sd) gradlab::strided_copy(static_cast<double*>(s) + so, static_cast<float*>(t) + dof, nd, shape, ss, ds);
  else if (td) gradlab::strided_copy(static_cast<float*>(s) + so, static_cast<double*>(t) + dof, nd, shape, ss, ds);
  else gradlab::strided_copy(static_cast<float*>(s) + so, static_cast<float*>(t) + dof, nd, shape, ss, ds);
  return info.Env().Undefined();
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("isa", gradlab::active_isa());
  o.Set("threads", gradlab::global_pool().size());
  return o;
}

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  gradlab::set_num_threads(int(info[0].As<Napi::Number>().Int32Value()));
  return info.Env().Undefined();
}

Napi::Value SetIsa(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), gradlab::set_isa(info[0].As<Napi::String>().Utf8Value().c_str()));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("gemm_f32", Napi::Function::New(env, Gemm<float>));
  exports.Set("gemm_f64", Napi::Function::New(env, Gemm<double>));
  exports.Set("im2col_f32", Napi::Function::New(env, Im2col<float>));
  exports.Set("im2col_f64", Napi::Function::New(env, Im2col<double>));
  exports.Set("col2im_f32", Napi::Function::New(env, Col2im<float>));
  exports.Set("col2im_f64", Napi::Function::New(env, Col2im<double>));
  exports.Set("copy", Napi::Function::New(env, Copy));
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("set_num_threads", Napi::Function::New(env, SetNumThreads));
  exports.Set("set_isa", Napi::Function::New(env, SetIsa));
  return exports;
}

}  // namespace

NODE_API_MODULE(gradlab_native, Init)
