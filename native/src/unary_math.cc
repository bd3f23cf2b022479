// The N-d driver of unary_math.h: dims merged where the strides allow, rows handed to the
// instruction set's row kernels, large work split over the thread pool, then the float32 tail
// elements recomputed with the scalar lambda. Each output element is computed alone, so threads
// change no bits.
#include "unary_math.h"

#include <algorithm>
#include <cstring>

#include "gemm.h"
#include "strided_rows.h"

namespace gradlab {
namespace {

using namespace strided;

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
  parallel_chunks(r.numel, kMathGrain, chunk);
}

template void unary_math<float>(int, Operand<const float>, float*, int, const int64_t*, int64_t);
template void unary_math<double>(int, Operand<const double>, double*, int, const int64_t*, int64_t);

}  // namespace gradlab
