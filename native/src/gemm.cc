// The GEMM driver: cache blocking, packing, threading and instruction-set dispatch around the
// micro-kernels (kernels_*.cc). Loop order as in BLIS: jc (nc columns of B, L3) -> pc (kc deep:
// B block packed once, shared by the threads) -> ic (mc rows of A, packed per thread, L2) ->
// jr (one B micro-panel, L1) -> ir (micro-kernel). Threads split the rows of C (or, when C has
// few rows, its column panels); a batch of small products is split by matrix instead.
#include "gemm.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>

#include "thread_pool.h"

namespace gradlab {

// ---- instruction set ---------------------------------------------------------------------------

enum Isa { kGeneric = 0, kAvx2 = 1, kAvx512 = 2 };

static bool cpu_has(int isa) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  // libgcc's checks include the OS saving the wider registers (XGETBV), not only CPUID bits.
  if (isa == kAvx512) return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
  if (isa == kAvx2) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
  return isa == kGeneric;
}

static int best_isa() {
  if (const char* env = std::getenv("GRADLAB_NATIVE_ISA")) {
    for (int isa : {kGeneric, kAvx2, kAvx512})
      if (std::string(env) == (isa == kGeneric ? "generic" : isa == kAvx2 ? "avx2" : "avx512") && cpu_has(isa)) return isa;
  }
  for (int isa : {kAvx512, kAvx2})
    if (cpu_has(isa)) return isa;
  return kGeneric;
}

static std::atomic<int>& current_isa() {
  static std::atomic<int> isa{best_isa()};
  return isa;
}

static const char* isa_name(int isa) { return isa == kAvx512 ? "avx512" : isa == kAvx2 ? "avx2" : "generic"; }

const char* active_isa() { return isa_name(current_isa().load()); }

bool set_isa(const char* name) {
  for (int isa : {kGeneric, kAvx2, kAvx512})
    if (std::string(name) == isa_name(isa)) {
      if (!cpu_has(isa)) return false;
      current_isa().store(isa);
      return true;
    }
  return false;
}

static const MicroKernel<float>& kernel_for(float*) {
#if defined(__x86_64__)
  switch (current_isa().load()) {
    case kAvx512: return kernel_f32_avx512();
    case kAvx2: return kernel_f32_avx2();
  }
#endif
  return kernel_f32_generic();
}

static const MicroKernel<double>& kernel_for(double*) {
#if defined(__x86_64__)
  switch (current_isa().load()) {
    case kAvx512: return kernel_f64_avx512();
    case kAvx2: return kernel_f64_avx2();
  }
#endif
  return kernel_f64_generic();
}

// ---- buffers and packing -----------------------------------------------------------------------

/** A grow-only, 64-byte aligned scratch buffer, one per thread and role (kept across calls: no page faults per call). */
class Scratch {
 public:
  ~Scratch() { std::free(p_); }
  template <class T>
  T* get(size_t n) {
    size_t bytes = (n * sizeof(T) + 63) & ~size_t(63);
    if (bytes > cap_) {
      std::free(p_);
      p_ = std::aligned_alloc(64, bytes);
      cap_ = bytes;
    }
    return static_cast<T*>(p_);
  }

 private:
  void* p_ = nullptr;
  size_t cap_ = 0;
};

static thread_local Scratch a_scratch, b_scratch, c_scratch;

/** rows x kb of A (strides sam, sak) into panels of mr rows, each laid out p-major: dst[p*mr + i]; short panels zero-padded. */
template <class S, class T>
static void pack_a(const S* a, int64_t rows, int64_t kb, int64_t sam, int64_t sak, int mr, T* dst) {
  for (int64_t r0 = 0; r0 < rows; r0 += mr, dst += mr * kb) {
    const int64_t m = std::min<int64_t>(mr, rows - r0);
    const S* src = a + r0 * sam;
    if (sak == 1) {
      for (int64_t i = 0; i < m; i++) {
        const S* row = src + i * sam;
        for (int64_t p = 0; p < kb; p++) dst[p * mr + i] = row[p];
      }
    } else {
      for (int64_t p = 0; p < kb; p++)
        for (int64_t i = 0; i < m; i++) dst[p * mr + i] = src[i * sam + p * sak];
    }
    if (m < mr)
      for (int64_t p = 0; p < kb; p++)
        for (int64_t i = m; i < mr; i++) dst[p * mr + i] = 0;
  }
}

/** kb x cols of B (strides sbk, sbn) into panels of nr columns, each p-major: dst[p*nr + j]; short panels zero-padded. */
template <class S, class T>
static void pack_b(const S* b, int64_t kb, int64_t cols, int64_t sbk, int64_t sbn, int nr, T* dst) {
  for (int64_t c0 = 0; c0 < cols; c0 += nr, dst += nr * kb) {
    const int64_t n = std::min<int64_t>(nr, cols - c0);
    const S* src = b + c0 * sbn;
    if (sbn == 1 && n == nr) {
      if (std::is_same<S, T>::value)
        for (int64_t p = 0; p < kb; p++) std::memcpy(dst + p * nr, src + p * sbk, nr * sizeof(T));
      else
        for (int64_t p = 0; p < kb; p++)
          for (int64_t j = 0; j < nr; j++) dst[p * nr + j] = src[p * sbk + j];
      continue;
    }
    if (sbk == 1) {
      for (int64_t j = 0; j < n; j++) {
        const S* col = src + j * sbn;
        for (int64_t p = 0; p < kb; p++) dst[p * nr + j] = col[p];
      }
    } else {
      for (int64_t p = 0; p < kb; p++)
        for (int64_t j = 0; j < n; j++) dst[p * nr + j] = src[p * sbk + j * sbn];
    }
    for (int64_t p = 0; p < kb; p++)
      for (int64_t j = n; j < nr; j++) dst[p * nr + j] = 0;
  }
}

/**
 * One packed A block (mb rows) times the packed B block's panels [j0, j1) (in columns, multiples
 * of nr; nb the block's width) into C, which points at the block's top-left corner.
 */
template <class T>
static void macro_kernel(const MicroKernel<T>& uk, int64_t mb, int64_t j0, int64_t j1, int64_t nb, int64_t kb, const T* ap,
                         const T* bp, T* c, int64_t ldc, bool accumulate) {
  alignas(64) T tmp[16 * 64];
  const int mr = uk.mr, nr = uk.nr;
  for (int64_t jr = j0; jr < j1; jr += nr) {
    const int64_t n = std::min<int64_t>(nr, nb - jr);
    const T* b = bp + jr * kb;
    for (int64_t ir = 0; ir < mb; ir += mr) {
      const int64_t m = std::min<int64_t>(mr, mb - ir);
      T* cp = c + ir * ldc + jr;
      if (m == mr && n == nr) {
        uk.fn(kb, ap + ir * kb, b, cp, ldc, accumulate);
        continue;
      }
      // An edge tile: the kernel writes a full tile into scratch, the valid part is copied out.
      uk.fn(kb, ap + ir * kb, b, tmp, nr, false);
      for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) cp[i * ldc + j] = accumulate ? cp[i * ldc + j] + tmp[i * nr + j] : tmp[i * nr + j];
    }
  }
}

static int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
/** [begin, end) of part t of n items split into parts near-equal multiples of `unit`. */
static void split(int64_t n, int t, int parts, int64_t unit, int64_t* begin, int64_t* end) {
  const int64_t units = ceil_div(n, unit);
  *begin = std::min(n, units * t / parts * unit);
  *end = std::min(n, units * (t + 1) / parts * unit);
}

/**
 * Matrix `bt` of the batch, computed by thread `tid` of `threads` (all of them call this, sharing
 * `bshared`). T is the element type of A, B and C; U the type packed and accumulated in (double
 * for float32 at full precision: float products are exact in double, and C is rounded once).
 */
template <class T, class U>
static void gemm_one(const MicroKernel<U>& uk, const GemmArgs<T>& g, int64_t bt, int tid, int threads, SpinBarrier* barrier,
                     U* bshared) {
  constexpr bool widened = !std::is_same<T, U>::value;
  const T* A = g.a + bt * g.sab;
  const T* B = g.b + bt * g.sbb;
  T* C = g.c + bt * g.scb;
  const int64_t M = g.m, N = g.n, K = g.k;
  const int mr = uk.mr, nr = uk.nr;
  // Rows of C split between threads when there are enough of them, else B's column panels.
  const bool by_rows = M >= int64_t(threads) * mr * 4 || threads == 1;
  int64_t r0 = 0, r1 = M;
  if (by_rows) split(M, tid, threads, mr, &r0, &r1);
  const int64_t nc_max = std::max<int64_t>(nr, uk.nc / nr * nr);
  for (int64_t jc = 0; jc < N; jc += nc_max) {
    const int64_t nb = std::min(nc_max, N - jc);
    int64_t c0 = 0, c1 = nb;
    if (!by_rows) split(nb, tid, threads, nr, &c0, &c1);
    // Widened: this thread's rows of the C block accumulate in U across the depth, then round once.
    U* cw = widened && r1 > r0 ? c_scratch.get<U>(size_t(r1 - r0) * nb) : nullptr;
    for (int64_t pc = 0; pc < K; pc += uk.kc) {
      const int64_t kb = std::min(uk.kc, K - pc);
      // B block packed once, each thread packing a share of its panels.
      int64_t p0, p1;
      split(nb, tid, threads, nr, &p0, &p1);
      if (p1 > p0) pack_b(B + pc * g.sbk + (jc + p0) * g.sbn, kb, p1 - p0, g.sbk, g.sbn, nr, bshared + p0 * kb);
      if (barrier) barrier->wait();
      if (r1 > r0 && c1 > c0) {
        U* ap = a_scratch.get<U>(size_t(uk.mc + mr) * kb);
        for (int64_t ic = r0; ic < r1; ic += uk.mc) {
          const int64_t mb = std::min(uk.mc, r1 - ic);
          pack_a(A + ic * g.sam + pc * g.sak, mb, kb, g.sam, g.sak, mr, ap);
          if constexpr (widened) macro_kernel(uk, mb, c0, c1, nb, kb, ap, bshared, cw + (ic - r0) * nb, nb, pc > 0);
          else macro_kernel(uk, mb, c0, c1, nb, kb, ap, bshared, C + ic * g.scm + jc, g.scm, pc > 0);
        }
      }
      if (barrier) barrier->wait();  // the next pc's packing overwrites bshared
    }
    if constexpr (widened)
      for (int64_t i = r0; i < r1 && c1 > c0; i++)
        for (int64_t j = c0; j < c1; j++) C[i * g.scm + jc + j] = T(cw[(i - r0) * nb + j]);
  }
}

template <class T, class U>
static void gemm(const GemmArgs<T>& g) {
  if (g.batch <= 0 || g.m <= 0 || g.n <= 0) return;
  if (g.k <= 0) {
    for (int64_t bt = 0; bt < g.batch; bt++)
      for (int64_t i = 0; i < g.m; i++) std::memset(g.c + bt * g.scb + i * g.scm, 0, g.n * sizeof(T));
    return;
  }
  const MicroKernel<U>& uk = kernel_for(static_cast<U*>(nullptr));
  ThreadPool& pool = global_pool();
  const double work = double(g.m) * g.n * g.k;  // multiply-adds per matrix
  const int64_t nc_max = std::max<int64_t>(uk.nr, uk.nc / uk.nr * uk.nr);
  const size_t bsize = size_t(std::min(nc_max, ceil_div(g.n, uk.nr) * uk.nr)) * std::min(uk.kc, g.k);
  // Waking the pool costs microseconds: small products run on the calling thread alone.
  int threads = work * g.batch < 65536.0 ? 1 : pool.size();
  if (threads == 1) {
    for (int64_t bt = 0; bt < g.batch; bt++) gemm_one(uk, g, bt, 0, 1, nullptr, b_scratch.get<U>(bsize));
    return;
  }
  if (g.batch >= 2 * threads || (g.batch >= threads && work < 4e6)) {
    // Many matrices: each thread takes whole ones, with its own B buffer.
    std::atomic<int64_t> next{0};
    pool.run(threads, [&](int) {
      U* bp = b_scratch.get<U>(bsize);
      for (int64_t bt = next++; bt < g.batch; bt = next++) gemm_one(uk, g, bt, 0, 1, nullptr, bp);
    });
    return;
  }
  U* bshared = b_scratch.get<U>(bsize);
  for (int64_t bt = 0; bt < g.batch; bt++) {
    SpinBarrier barrier(threads);
    pool.run(threads, [&](int tid) { gemm_one(uk, g, bt, tid, threads, &barrier, bshared); });
  }
}

void gemm_f32(const GemmArgs<float>& args, bool accumulate_in_double) {
  if (accumulate_in_double) gemm<float, double>(args);
  else gemm<float, float>(args);
}
void gemm_f64(const GemmArgs<double>& args) { gemm<double, double>(args); }

}  // namespace gradlab
