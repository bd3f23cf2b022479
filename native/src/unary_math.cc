// The N-d driver of unary_math.h: dims merged where the strides allow, rows handed to the
// instruction set's row kernels, large work split over the thread pool, then the float32 tail
// elements recomputed with the scalar lambda. Each output element is computed alone, so threads
// change no bits.
#include "unary_math.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "gemm.h"
#include "thread_pool.h"

namespace gradlab {
namespace {

const MathKernels& math_kernels() {
#if defined(__x86_64__)
  const char* isa = active_isa();  // gemm.cc's choice (GRADLAB_NATIVE_ISA, set_isa)
  if (std::strcmp(isa, "avx512") == 0) return unary_math_avx512();
  if (std::strcmp(isa, "avx2") == 0) return unary_math_avx2();
#endif
  return unary_math_generic();
}

MathRowFn<float> row_fn(float*) { return math_kernels().f32; }
MathRowFn<double> row_fn(double*) { return math_kernels().f64; }

/** Elements per chunk of threaded work (transcendentals cost more per element than elementwise.cc's grain). */
constexpr int64_t kMathGrain = 8192;

/** x's dims with size-1 dims dropped and dims contiguous in x merged (out is contiguous throughout). */
struct Rows {
  int nd = 0;
  int64_t shape[kMaxDims], strides[kMaxDims];
  int64_t numel = 1;
};

Rows coalesce(int nd, const int64_t* shape, const int64_t* strides) {
  Rows r;
  for (int d = 0; d < nd; d++) r.numel *= shape[d];
  for (int d = 0; d < nd; d++) {
    if (shape[d] == 1) continue;
    if (r.nd > 0 && r.strides[r.nd - 1] == strides[d] * shape[d]) {
      r.shape[r.nd - 1] *= shape[d];
      r.strides[r.nd - 1] = strides[d];
      continue;
    }
    r.shape[r.nd] = shape[d], r.strides[r.nd] = strides[d];
    r.nd++;
  }
  return r;
}

/** f(x offset, length, output index) for the rows covering output elements [begin, end). */
template <class F>
void for_rows(const Rows& r, int64_t begin, int64_t end, const F& f) {
  if (begin >= end) return;
  if (r.nd == 0) {
    f(int64_t(0), int64_t(1), int64_t(0));
    return;
  }
  const int in = r.nd - 1;
  int64_t idx[kMaxDims], off = 0, rem = begin;
  for (int d = in; d >= 0; d--) {
    idx[d] = rem % r.shape[d];
    rem /= r.shape[d];
    off += idx[d] * r.strides[d];
  }
  for (int64_t pos = begin; pos < end;) {
    const int64_t len = std::min(r.shape[in] - idx[in], end - pos);
    f(off, len, pos);
    pos += len;
    idx[in] += len;
    off += len * r.strides[in];
    for (int d = in; d > 0 && idx[d] == r.shape[d]; d--) {
      off += r.strides[d - 1] - r.shape[d] * r.strides[d];
      idx[d] = 0;
      idx[d - 1]++;
    }
  }
}

int tail_op(int op) { return op == kMathSigmoid ? kMathSigmoidTail : -1; }

}  // namespace

template <class T>
void unary_math(int op, Operand<const T> x, T* out, int nd, const int64_t* shape, int64_t run) {
  const Rows r = coalesce(nd, shape, x.strides);
  const MathRowFn<T> row = row_fn(static_cast<T*>(nullptr));
  // Only float32 kernels have a scalar lambda that differs (the float64 ones compute alike).
  int tail = sizeof(T) == 4 ? tail_op(op) : -1;
  int body = op;
  if (tail >= 0 && run <= 0) body = tail, tail = -1;
  const int64_t block = 16;  // 2 * Vectorized<float>::size() with AVX2
  const int64_t keep = run > 0 ? run - run % block : 0;
  if (tail >= 0 && keep == run) tail = -1;
  const int64_t inner = r.nd ? r.strides[r.nd - 1] : 1;
  auto apply = [&](int fop, int64_t b, int64_t e) {
    for_rows(r, b, e, [&](int64_t off, int64_t len, int64_t i) { row(fop, x.data + off, inner, out + i, len); });
  };
  auto chunk = [&](int64_t begin, int64_t end) {
    apply(body, begin, end);
    if (tail < 0) return;
    // The tail of each run of `run` outputs: [k run + keep, (k + 1) run).
    for (int64_t k = begin / run; k * run < end; k++) apply(tail, std::max(begin, k * run + keep), std::min(end, (k + 1) * run));
  };
  ThreadPool& pool = global_pool();
  const int64_t n = r.numel;
  if (pool.size() == 1 || n < 2 * kMathGrain) {
    if (n > 0) chunk(0, n);
    return;
  }
  const int64_t chunks = (n + kMathGrain - 1) / kMathGrain;
  std::atomic<int64_t> next{0};
  pool.run(pool.size(), [&](int) {
    for (int64_t c = next++; c < chunks; c = next++) chunk(c * kMathGrain, std::min(n, (c + 1) * kMathGrain));
  });
}

template void unary_math<float>(int, Operand<const float>, float*, int, const int64_t*, int64_t);
template void unary_math<double>(int, Operand<const double>, double*, int, const int64_t*, int64_t);

}  // namespace gradlab
