// The JavaScript binding (Node-API through node-addon-api). Every kernel works in place on typed
// arrays the caller allocated: no copies, no allocation on this side. Shapes and strides travel in
// one Float64Array per call (cheaper than a dozen number arguments). engine/backend/native/addon.ts
// is the typed TypeScript face of these functions.
#include <napi.h>

#include <string>
#include <utility>

#include "batchnorm.h"
#include "elementwise.h"
#include "fast_math_binding.h"
#include "gemm.h"
#include "heap_reuse.h"
#include "im2col.h"
#include "pooling.h"
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

std::pair<void*, bool> float_elements(const Napi::CallbackInfo& info, size_t i);

/** im2col_folded(x, cols, N, C, p): im2col with the batch folded into the columns, [C*kh*kw, N*oh*ow]; float32 or float64. */
Napi::Value Im2colFolded(const Napi::CallbackInfo& info) {
  auto num = [&](size_t i) { return int64_t(info[i].As<Napi::Number>().DoubleValue()); };
  const gradlab::Window2d g = window(params(info, 4, 12));
  if (float_elements(info, 0).second) gradlab::im2col_folded(elements<double>(info, 0), elements<double>(info, 1), num(2), num(3), g);
  else gradlab::im2col_folded(elements<float>(info, 0), elements<float>(info, 1), num(2), num(3), g);
  return info.Env().Undefined();
}

/** col2im_folded(cols, x, N, C, p): the adjoint of im2col_folded, into x (overwritten); float32 or float64. */
Napi::Value Col2imFolded(const Napi::CallbackInfo& info) {
  auto num = [&](size_t i) { return int64_t(info[i].As<Napi::Number>().DoubleValue()); };
  const gradlab::Window2d g = window(params(info, 4, 12));
  if (float_elements(info, 0).second) gradlab::col2im_folded(elements<double>(info, 0), elements<double>(info, 1), num(2), num(3), g);
  else gradlab::col2im_folded(elements<float>(info, 0), elements<float>(info, 1), num(2), num(3), g);
  return info.Env().Undefined();
}

/** col2im(cols, x, planes, p): the adjoint of im2col, into x (overwritten). */
template <class T>
Napi::Value Col2im(const Napi::CallbackInfo& info) {
  gradlab::col2im(elements<T>(info, 0), elements<T>(info, 1), int64_t(info[2].As<Napi::Number>().DoubleValue()), window(params(info, 3, 12)));
  return info.Env().Undefined();
}

/** max_pool2d(x, values, indices, planes, p) with p the window geometry as im2col's; indices a Float64Array. */
template <class T>
Napi::Value MaxPool2d(const Napi::CallbackInfo& info) {
  gradlab::max_pool2d(elements<T>(info, 0), elements<T>(info, 1), elements<double>(info, 2), int64_t(info[3].As<Napi::Number>().DoubleValue()),
                      window(params(info, 4, 12)));
  return info.Env().Undefined();
}

/** max_pool2d_scatter(grad, indices, out, planes, inPlane, outPlane): out (overwritten) gets grad added at the indices. */
template <class T>
Napi::Value MaxPool2dScatter(const Napi::CallbackInfo& info) {
  auto num = [&](size_t i) { return int64_t(info[i].As<Napi::Number>().DoubleValue()); };
  gradlab::max_pool2d_scatter(elements<T>(info, 0), elements<double>(info, 1), elements<T>(info, 2), num(3), num(4), num(5));
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

// ---- elementwise, reductions, optimizer updates (elementwise.h) ----------------------------------

/** A typed array argument: element pointer, its kind. */
struct Array {
  void* data;
  napi_typedarray_type type;
};

Array array(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a typed array");
  auto t = info[i].As<Napi::TypedArray>();
  return {static_cast<uint8_t*>(t.ArrayBuffer().Data()) + t.ByteOffset(), t.TypedArrayType()};
}

/** p[at .. at + nd) as int64, into dst. */
void dims(const double* p, int at, int nd, int64_t* dst) {
  for (int d = 0; d < nd; d++) dst[d] = int64_t(p[at + d]);
}

int ndim(const Napi::CallbackInfo& info, const double* p) {
  const int nd = int(p[0]);
  if (nd < 0 || nd > gradlab::kMaxDims) throw Napi::RangeError::New(info.Env(), "too many dimensions (at most 16)");
  return nd;
}

/**
 * unary(op, x, out, p) with p = [nd, xOffset, shape..., xStrides..., s0, s1]: out (contiguous,
 * same float type as x) = op(x) elementwise; s0, s1 are the op's scalars.
 */
Napi::Value Unary(const Napi::CallbackInfo& info) {
  const int op = info[0].As<Napi::Number>().Int32Value();
  const double* p = params(info, 3, 1);
  const int nd = ndim(info, p);
  params(info, 3, 4 + 2 * size_t(nd));
  int64_t shape[gradlab::kMaxDims], xs[gradlab::kMaxDims];
  dims(p, 2, nd, shape), dims(p, 2 + nd, nd, xs);
  const double* s = p + 2 + 2 * nd;
  Array x = array(info, 1), out = array(info, 2);
  if (op < 0 || op >= gradlab::kUnaryOps || x.type != out.type) throw Napi::TypeError::New(info.Env(), "unary: bad op or array types");
  const int64_t xo = int64_t(p[1]);
  if (x.type == napi_float32_array) gradlab::unary<float>(op, {static_cast<const float*>(x.data) + xo, xs}, static_cast<float*>(out.data), nd, shape, s);
  else if (x.type == napi_float64_array) gradlab::unary<double>(op, {static_cast<const double*>(x.data) + xo, xs}, static_cast<double*>(out.data), nd, shape, s);
  else throw Napi::TypeError::New(info.Env(), "unary: x must be a Float32Array or Float64Array");
  return info.Env().Undefined();
}

template <class T>
void binary_typed(int op, const Array& a, const Array& b, const Array& out, int64_t ao, int64_t bo, const int64_t* as,
                  const int64_t* bs, int nd, const int64_t* shape, const double* s) {
  gradlab::Operand<const T> A{static_cast<const T*>(a.data) + ao, as}, B{static_cast<const T*>(b.data) + bo, bs};
  if (op >= gradlab::kEq) gradlab::binary<T, uint8_t>(op, A, B, static_cast<uint8_t*>(out.data), nd, shape, s);
  else gradlab::binary<T, T>(op, A, B, static_cast<T*>(out.data), nd, shape, s);
}

/**
 * binary(op, a, b, out, p) with p = [nd, aOffset, bOffset, shape..., aStrides..., bStrides..., s0, s1]:
 * a and b of one float type, broadcast by stride 0; out contiguous, of that type (a Uint8Array for comparisons).
 */
Napi::Value Binary(const Napi::CallbackInfo& info) {
  const int op = info[0].As<Napi::Number>().Int32Value();
  const double* p = params(info, 4, 1);
  const int nd = ndim(info, p);
  params(info, 4, 5 + 3 * size_t(nd));
  int64_t shape[gradlab::kMaxDims], as[gradlab::kMaxDims], bs[gradlab::kMaxDims];
  dims(p, 3, nd, shape), dims(p, 3 + nd, nd, as), dims(p, 3 + 2 * nd, nd, bs);
  const double* s = p + 3 + 3 * nd;
  Array a = array(info, 1), b = array(info, 2), out = array(info, 3);
  const bool compare = op >= gradlab::kEq;
  if (op < 0 || op >= gradlab::kBinaryOps || a.type != b.type || (compare ? out.type != napi_uint8_array : out.type != a.type))
    throw Napi::TypeError::New(info.Env(), "binary: bad op or array types");
  const int64_t ao = int64_t(p[1]), bo = int64_t(p[2]);
  if (a.type == napi_float32_array) binary_typed<float>(op, a, b, out, ao, bo, as, bs, nd, shape, s);
  else if (a.type == napi_float64_array) binary_typed<double>(op, a, b, out, ao, bo, as, bs, nd, shape, s);
  else throw Napi::TypeError::New(info.Env(), "binary: operands must be Float32Arrays or Float64Arrays");
  return info.Env().Undefined();
}

/**
 * sgd(param, grad, buf | null, s) with s = [lr, momentum, dampening, weight_decay, nesterov,
 * maximize, initBuffer]: one SGD update in place over contiguous arrays of one float type.
 */
Napi::Value Sgd(const Napi::CallbackInfo& info) {
  const double* s = params(info, 3, 7);
  gradlab::SgdArgs a{s[0], s[1], s[2], s[3], s[4] != 0, s[5] != 0, s[6] != 0};
  Array p = array(info, 0), g = array(info, 1);
  const bool has_buf = !info[2].IsNull() && !info[2].IsUndefined();
  Array buf = has_buf ? array(info, 2) : Array{nullptr, p.type};
  const size_t n = info[0].As<Napi::TypedArray>().ElementLength();
  if (p.type != g.type || buf.type != p.type || info[1].As<Napi::TypedArray>().ElementLength() < n ||
      (has_buf && info[2].As<Napi::TypedArray>().ElementLength() < n))
    throw Napi::TypeError::New(info.Env(), "sgd: param, grad and buffer must be arrays of one float type and length");
  if (p.type == napi_float32_array)
    gradlab::sgd<float>(static_cast<float*>(p.data), static_cast<const float*>(g.data), static_cast<float*>(buf.data), int64_t(n), a);
  else if (p.type == napi_float64_array)
    gradlab::sgd<double>(static_cast<double*>(p.data), static_cast<const double*>(g.data), static_cast<double*>(buf.data), int64_t(n), a);
  else throw Napi::TypeError::New(info.Env(), "sgd: arrays must be Float32Arrays or Float64Arrays");
  return info.Env().Undefined();
}

/**
 * adam(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq | null, s) with s = [lr, beta1, beta2, eps,
 * weight_decay, stepSize, bc2Sqrt, decoupled, amsgrad, maximize]: one Adam/AdamW update in place.
 */
Napi::Value Adam(const Napi::CallbackInfo& info) {
  const double* s = params(info, 5, 10);
  gradlab::AdamArgs a{s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7] != 0, s[8] != 0, s[9] != 0};
  Array p = array(info, 0), g = array(info, 1), m = array(info, 2), v = array(info, 3);
  const bool has_max = !info[4].IsNull() && !info[4].IsUndefined();
  if (a.amsgrad && !has_max) throw Napi::TypeError::New(info.Env(), "adam: amsgrad needs max_exp_avg_sq");
  Array mx = has_max ? array(info, 4) : Array{nullptr, p.type};
  const size_t n = info[0].As<Napi::TypedArray>().ElementLength();
  for (size_t i = 1; i <= (has_max ? 4u : 3u); i++)
    if (info[i].As<Napi::TypedArray>().ElementLength() < n || array(info, i).type != p.type)
      throw Napi::TypeError::New(info.Env(), "adam: every array must be of the parameter's float type and length");
  if (p.type == napi_float32_array)
    gradlab::adam<float>(static_cast<float*>(p.data), static_cast<const float*>(g.data), static_cast<float*>(m.data), static_cast<float*>(v.data),
                         static_cast<float*>(mx.data), int64_t(n), a);
  else if (p.type == napi_float64_array)
    gradlab::adam<double>(static_cast<double*>(p.data), static_cast<const double*>(g.data), static_cast<double*>(m.data), static_cast<double*>(v.data),
                          static_cast<double*>(mx.data), int64_t(n), a);
  else throw Napi::TypeError::New(info.Env(), "adam: arrays must be Float32Arrays or Float64Arrays");
  return info.Env().Undefined();
}

// ---- batch norm (batchnorm.h): arrays of one float type, or null where optional ---------------------

/** The element pointer of argument i if it is an array of T, null for null/undefined; a TypeError otherwise. */
template <class T>
T* optional_elements(const Napi::CallbackInfo& info, size_t i) {
  return info[i].IsNull() || info[i].IsUndefined() ? nullptr : elements<T>(info, i);
}

int64_t count(const Napi::CallbackInfo& info, size_t i) { return int64_t(info[i].As<Napi::Number>().DoubleValue()); }

bool is_f64(const Napi::CallbackInfo& info) { return float_elements(info, 0).second; }

/** bn_stats(x, mean, var, N, C, HW) */
template <class T>
void BnStatsT(const Napi::CallbackInfo& info) {
  gradlab::bn_stats(elements<T>(info, 0), count(info, 3), count(info, 4), count(info, 5), elements<T>(info, 1), elements<T>(info, 2));
}
Napi::Value BnStats(const Napi::CallbackInfo& info) {
  is_f64(info) ? BnStatsT<double>(info) : BnStatsT<float>(info);
  return info.Env().Undefined();
}

/** bn_affine(x, mean, scale, bias | null, out, N, C, HW) */
template <class T>
void BnAffineT(const Napi::CallbackInfo& info) {
  gradlab::bn_affine(elements<T>(info, 0), elements<T>(info, 1), elements<T>(info, 2), optional_elements<T>(info, 3), count(info, 5),
                     count(info, 6), count(info, 7), elements<T>(info, 4));
}
Napi::Value BnAffine(const Napi::CallbackInfo& info) {
  is_f64(info) ? BnAffineT<double>(info) : BnAffineT<float>(info);
  return info.Env().Undefined();
}

/** bn_grad_sums(g, x, mean, invstd, sumG, sumGxhat, N, C, HW); the sums are Float64Arrays. */
template <class T>
void BnGradSumsT(const Napi::CallbackInfo& info) {
  gradlab::bn_grad_sums(elements<T>(info, 0), elements<T>(info, 1), elements<T>(info, 2), elements<T>(info, 3), count(info, 6),
                        count(info, 7), count(info, 8), elements<double>(info, 4), elements<double>(info, 5));
}
Napi::Value BnGradSums(const Napi::CallbackInfo& info) {
  is_f64(info) ? BnGradSumsT<double>(info) : BnGradSumsT<float>(info);
  return info.Env().Undefined();
}

/** bn_grad_input(g, x, mean, invstd, gMean, gxMean, w | null, out, N, C, HW) */
template <class T>
void BnGradInputT(const Napi::CallbackInfo& info) {
  gradlab::bn_grad_input(elements<T>(info, 0), elements<T>(info, 1), elements<T>(info, 2), elements<T>(info, 3), elements<T>(info, 4),
                         elements<T>(info, 5), optional_elements<T>(info, 6), count(info, 8), count(info, 9), count(info, 10),
                         elements<T>(info, 7));
}
Napi::Value BnGradInput(const Napi::CallbackInfo& info) {
  is_f64(info) ? BnGradInputT<double>(info) : BnGradInputT<float>(info);
  return info.Env().Undefined();
}

/** Whether malloc keeps freed tensor storage for reuse (heap_reuse.h), set once at load. */
static bool heap_reuse = false;

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("isa", gradlab::active_isa());
  o.Set("threads", gradlab::global_pool().size());
  o.Set("heapReuse", heap_reuse);
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
  heap_reuse = gradlab::keep_freed_memory_for_reuse();
  exports.Set("gemm_f32", Napi::Function::New(env, Gemm<float>));
  exports.Set("gemm_f64", Napi::Function::New(env, Gemm<double>));
  exports.Set("im2col_f32", Napi::Function::New(env, Im2col<float>));
  exports.Set("im2col_f64", Napi::Function::New(env, Im2col<double>));
  exports.Set("im2col_folded", Napi::Function::New(env, Im2colFolded));
  exports.Set("col2im_folded", Napi::Function::New(env, Col2imFolded));
  exports.Set("col2im_f32", Napi::Function::New(env, Col2im<float>));
  exports.Set("col2im_f64", Napi::Function::New(env, Col2im<double>));
  exports.Set("max_pool2d_f32", Napi::Function::New(env, MaxPool2d<float>));
  exports.Set("max_pool2d_f64", Napi::Function::New(env, MaxPool2d<double>));
  exports.Set("max_pool2d_scatter_f32", Napi::Function::New(env, MaxPool2dScatter<float>));
  exports.Set("max_pool2d_scatter_f64", Napi::Function::New(env, MaxPool2dScatter<double>));
  exports.Set("copy", Napi::Function::New(env, Copy));
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("binary", Napi::Function::New(env, Binary));
  exports.Set("sgd", Napi::Function::New(env, Sgd));
  exports.Set("adam", Napi::Function::New(env, Adam));
  exports.Set("bn_stats", Napi::Function::New(env, BnStats));
  exports.Set("bn_affine", Napi::Function::New(env, BnAffine));
  exports.Set("bn_grad_sums", Napi::Function::New(env, BnGradSums));
  exports.Set("bn_grad_input", Napi::Function::New(env, BnGradInput));
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("set_num_threads", Napi::Function::New(env, SetNumThreads));
  exports.Set("set_isa", Napi::Function::New(env, SetIsa));
  gradlab::register_fast_math(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(gradlab_native, Init)
