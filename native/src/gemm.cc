// The GEMM driver: cache blocking, packing, threading and instruction-set dispatch around the
// micro-kernels (kernels_*.cc). Loop order as in BLIS: jc (nc columns of B, L3) -> pc (kc deep:
// B block packed) -> ic (mc rows of A packed, L2) -> jr (one B micro-panel, L1) -> ir
// (micro-kernel). Threads split the rows of C (or, when C has more column tiles, its columns) and
// run independently; a batch of small products is split by matrix instead.
#include "gemm.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>

#include "thread_pool.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
/** The calling thread's B packed for all threads of one product (pack_b_shared). */
static thread_local Scratch b_shared;

/**
 * dst[p*ld + i] = src[i*ss + p] for i < rows, p < kb: rows contiguous along p (a weight's rows, a
 * transposed operand's columns) turned p-major, as the packed panels are. On SSE, 4x4 blocks are
 * transposed in registers (four loads and four stores for 16 elements, where element by element
 * each store lands 4*ld bytes from the last: a third of a convolution's product went to packing
 * its weight that way).
 */
template <class S, class T>
static void pack_transposed(const S* src, int64_t rows, int64_t kb, int64_t ss, int64_t ld, T* dst) {
  int64_t i = 0;
#if defined(__SSE2__)
  if constexpr (std::is_same<S, float>::value && std::is_same<T, float>::value)
    for (; i + 4 <= rows; i += 4) {
      const float *r0 = src + i * ss, *r1 = r0 + ss, *r2 = r1 + ss, *r3 = r2 + ss;
      int64_t p = 0;
      for (; p + 4 <= kb; p += 4) {
        __m128 a = _mm_loadu_ps(r0 + p), b = _mm_loadu_ps(r1 + p), c = _mm_loadu_ps(r2 + p), d = _mm_loadu_ps(r3 + p);
        _MM_TRANSPOSE4_PS(a, b, c, d);
        _mm_storeu_ps(dst + p * ld + i, a);
        _mm_storeu_ps(dst + (p + 1) * ld + i, b);
        _mm_storeu_ps(dst + (p + 2) * ld + i, c);
        _mm_storeu_ps(dst + (p + 3) * ld + i, d);
      }
      for (; p < kb; p++) {
        dst[p * ld + i] = r0[p], dst[p * ld + i + 1] = r1[p];
        dst[p * ld + i + 2] = r2[p], dst[p * ld + i + 3] = r3[p];
      }
    }
#endif
  for (; i < rows; i++) {
    const S* row = src + i * ss;
    for (int64_t p = 0; p < kb; p++) dst[p * ld + i] = row[p];
  }
}

/** rows x kb of A (strides sam, sak) into panels of mr rows, each laid out p-major: dst[p*mr + i]; short panels zero-padded. */
template <class S, class T>
static void pack_a(const S* a, int64_t rows, int64_t kb, int64_t sam, int64_t sak, int mr, T* dst) {
  for (int64_t r0 = 0; r0 < rows; r0 += mr, dst += mr * kb) {
    const int64_t m = std::min<int64_t>(mr, rows - r0);
    const S* src = a + r0 * sam;
    if (sak == 1) {
      pack_transposed(src, m, kb, sam, mr, dst);
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
      pack_transposed(src, n, kb, sbn, nr, dst);
    } else {
      for (int64_t p = 0; p < kb; p++)
        for (int64_t j = 0; j < n; j++) dst[p * nr + j] = src[p * sbk + j * sbn];
    }
    for (int64_t p = 0; p < kb; p++)
      for (int64_t j = n; j < nr; j++) dst[p * nr + j] = 0;
  }
}

/**
 * One packed A block (mb rows) times the packed B block (nb columns) into C (element (i, j) at
 * c[i*rsc + j*csc]). Tiles go straight to C when it is of the packed type with unit column
 * stride; others (edges, a transposed or float32 C of a double accumulation) pass through a tile
 * in registers' order and are stored (rounded once) from there.
 */
template <class T, class U>
static void macro_kernel(const MicroKernel<U>& uk, int64_t mb, int64_t nb, int64_t kb, const U* ap, const U* bp, T* c,
                         int64_t rsc, int64_t csc, bool accumulate) {
  alignas(64) U tmp[16 * 64];
  const int mr = uk.mr, nr = uk.nr;
  for (int64_t jr = 0; jr < nb; jr += nr) {
    const int64_t n = std::min<int64_t>(nr, nb - jr);
    const U* b = bp + jr * kb;
    for (int64_t ir = 0; ir < mb; ir += mr) {
      const int64_t m = std::min<int64_t>(mr, mb - ir);
      T* cp = c + ir * rsc + jr * csc;
      if (m == mr && n == nr && csc == 1) {
        if constexpr (std::is_same<T, U>::value) {
          uk.fn(kb, ap + ir * kb, b, cp, rsc, accumulate);
          continue;
        } else if constexpr (std::is_same<T, double>::value) {  // float tiles summed into a double C block
          uk.widen(kb, ap + ir * kb, b, cp, rsc, accumulate);
          continue;
        }
      }
      uk.fn(kb, ap + ir * kb, b, tmp, nr, false);
      for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
          T& dst = cp[i * rsc + j * csc];
          dst = accumulate ? T(dst + tmp[i * nr + j]) : T(tmp[i * nr + j]);
        }
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

/** Columns per L3 block of B: nc rounded to whole micro-panels. */
template <class U>
static int64_t nc_block(const MicroKernel<U>& uk) { return std::max<int64_t>(uk.nr, uk.nc / uk.nr * uk.nr); }

/**
 * Where the packed B of a whole matrix keeps the panels of column block jc, depth block pc: blocks
 * of nc columns one after the other (K * nc elements each), and in each, the depth blocks (kb x
 * the block's columns rounded up to whole panels).
 */
template <class U>
static int64_t packed_b_offset(const MicroKernel<U>& uk, int64_t n, int64_t k, int64_t jc, int64_t pc) {
  const int64_t nb = std::min(nc_block(uk), n - jc);
  return jc * k + pc * ceil_div(nb, uk.nr) * uk.nr;
}

/**
 * All of B of matrix `bt` packed once, by every thread of the pool claiming one micro-panel of
 * one depth block at a time, for row chunks that then share it (each packing its own B would copy
 * B once per chunk: at 1024^3 with 8 chunks, a fifth of the product's time).
 */
template <class T, class U>
static void pack_b_shared(const MicroKernel<U>& uk, const GemmArgs<T>& g, int64_t bt, U* packed, ThreadPool& pool, int threads) {
  const T* B = g.b + bt * g.sbb;
  const int64_t panels = ceil_div(g.n, uk.nr), depths = ceil_div(g.k, uk.kc), nc = nc_block(uk);
  std::atomic<int64_t> next{0};
  pool.run(threads, [&](int) {
    for (int64_t item = next++; item < panels * depths; item = next++) {
      const int64_t pc = item / panels * uk.kc, col = item % panels * uk.nr, jc = col / nc * nc;
      const int64_t kb = std::min(uk.kc, g.k - pc), cols = std::min<int64_t>(uk.nr, g.n - col);
      pack_b(B + pc * g.sbk + col * g.sbn, kb, cols, g.sbk, g.sbn, uk.nr, packed + packed_b_offset(uk, g.n, g.k, jc, pc) + (col - jc) * kb);
    }
  });
}

/**
 * Rows [r0, r1) x columns [c0, c1) of matrix `bt` of the batch, on the calling thread. T is the
 * element type of A, B and C; U the type packed and accumulated in (double for float32 at full
 * precision: float products are exact in double, and C is rounded once). B comes packed by
 * pack_b_shared (`packed_b`, all columns: c0 = 0, c1 = n), or the region packs its own.
 */
template <class T, class U>
static void gemm_region(const MicroKernel<U>& uk, const GemmArgs<T>& g, int64_t bt, int64_t r0, int64_t r1, int64_t c0, int64_t c1,
                        bool blocks_in_double, const U* packed_b = nullptr) {
  if (r1 <= r0 || c1 <= c0) return;
  const bool widened = !std::is_same<T, U>::value || blocks_in_double;
  const T* A = g.a + bt * g.sab;
  const T* B = g.b + bt * g.sbb;
  T* C = g.c + bt * g.scb;
  const int64_t K = g.k;
  const int mr = uk.mr, nr = uk.nr;
  const int64_t nc_max = nc_block(uk), kc = std::min(uk.kc, K);
  U* own_b = packed_b ? nullptr : b_scratch.get<U>(size_t(std::min(nc_max, ceil_div(c1 - c0, nr) * nr)) * kc);
  U* ap = a_scratch.get<U>(size_t(uk.mc + mr) * kc);
  // Summed in double over several depth blocks: the region's rows of a C block accumulate in a
  // double block across them, then round once. One depth block: tiles round straight into C.
  const bool staged = widened && K > uk.kc;
  for (int64_t jc = c0; jc < c1; jc += nc_max) {
    const int64_t nb = std::min(nc_max, c1 - jc);
    double* cw = staged ? c_scratch.get<double>(size_t(r1 - r0) * nb) : nullptr;
    for (int64_t pc = 0; pc < K; pc += uk.kc) {
      const int64_t kb = std::min(uk.kc, K - pc);
      const U* bp = packed_b ? packed_b + packed_b_offset(uk, g.n, K, jc, pc) : own_b;
      if (!packed_b) pack_b(B + pc * g.sbk + jc * g.sbn, kb, nb, g.sbk, g.sbn, nr, own_b);
      for (int64_t ic = r0; ic < r1; ic += uk.mc) {
        const int64_t mb = std::min(uk.mc, r1 - ic);
        pack_a(A + ic * g.sam + pc * g.sak, mb, kb, g.sam, g.sak, mr, ap);
        if (staged) macro_kernel(uk, mb, nb, kb, ap, bp, cw + (ic - r0) * nb, nb, 1, pc > 0);
        else macro_kernel(uk, mb, nb, kb, ap, bp, C + ic * g.scm + jc * g.scn, g.scm, g.scn, pc > 0);
      }
    }
    if (staged)
      for (int64_t i = r0; i < r1; i++)
        for (int64_t j = 0; j < nb; j++) C[i * g.scm + (jc + j) * g.scn] = T(cw[(i - r0) * nb + j]);
  }
}

// ---- skinny products (skinny.h) ----------------------------------------------------------------

/** Products with at most this many columns (or rows, transposed) run in the skinny kernels. */
static constexpr int64_t kSkinnyMax = 16;

/**
 * Rows [r0, r1) of matrix `bt` of a skinny product whose A rows are contiguous (sak == 1), with
 * B's columns packed contiguous in `bcols` (n x K). Each vector lane sums every W-th product in
 * T, and the lanes are added up; with `widened`, depth blocks of kc/2 * W (kc/2 products per
 * lane, so a block's rounding stays within the packed kernels' kc) are summed in double and C
 * rounded once.
 */
template <class T>
static void skinny_dot_rows(const MicroKernel<T>& uk, const GemmArgs<T>& g, int64_t bt, int64_t r0, int64_t r1,
                            const T* bcols, bool widened) {
  const SkinnyKernels<T>& sk = *uk.skinny;
  const T* A = g.a + bt * g.sab;
  T* C = g.c + bt * g.scb;
  const int64_t K = g.k, block = widened ? uk.kc / 2 * sk.w : K;
  alignas(64) T out[16];
  double acc[16];
  for (int64_t i = r0; i < r1; i += 4) {
    const int R = int(std::min<int64_t>(4, r1 - i));
    for (int64_t j = 0; j < g.n; j += 4) {
      const int Cn = int(std::min<int64_t>(4, g.n - j));
      const SkinnyDotFn<T> fn = sk.dot[R - 1][Cn - 1];
      if (K <= block) {
        fn(K, A + i * g.sam, g.sam, bcols + j * K, K, out);
        for (int r = 0; r < R; r++)
          for (int c = 0; c < Cn; c++) C[(i + r) * g.scm + (j + c) * g.scn] = out[r * 4 + c];
        continue;
      }
      for (int q = 0; q < 16; q++) acc[q] = 0;
      for (int64_t pc = 0; pc < K; pc += block) {
        fn(std::min(block, K - pc), A + i * g.sam + pc, g.sam, bcols + j * K + pc, K, out);
        for (int q = 0; q < 16; q++) acc[q] += double(out[q]);
      }
      for (int r = 0; r < R; r++)
        for (int c = 0; c < Cn; c++) C[(i + r) * g.scm + (j + c) * g.scn] = T(acc[r * 4 + c]);
    }
  }
}

/**
 * Rows [r0, r1) of matrix `bt` of a skinny product whose A columns are contiguous (sam == 1): the
 * vectors run down A's columns, B is read in place. Depth blocks of kc are summed in T; with
 * `widened`, the blocks are summed in double and C rounded once. Rows past the last whole vector
 * are summed in double.
 */
template <class T>
static void skinny_axpy_rows(const MicroKernel<T>& uk, const GemmArgs<T>& g, int64_t bt, int64_t r0, int64_t r1, bool widened) {
  const SkinnyKernels<T>& sk = *uk.skinny;
  const T* A = g.a + bt * g.sab;
  const T* B = g.b + bt * g.sbb;
  T* C = g.c + bt * g.scb;
  const int64_t K = g.k, block = widened ? uk.kc : K, W = sk.w;
  alignas(64) T out[4 * 4 * 16];
  double acc[4 * 4 * 16];
  int64_t i = r0;
  for (int v : {4, 1}) {
    const int64_t rows = v * W;
    for (; i + rows <= r1; i += rows)
      for (int64_t j = 0; j < g.n; j += 4) {
        const int Cn = int(std::min<int64_t>(4, g.n - j));
        const SkinnyAxpyFn<T> fn = sk.axpy[v == 4 ? 0 : 1][Cn - 1];
        const int64_t tile = rows * Cn;
        if (K > block)
          for (int64_t q = 0; q < tile; q++) acc[q] = 0;
        for (int64_t pc = 0; pc < K; pc += block) {
          fn(std::min(block, K - pc), A + i + pc * g.sak, g.sak, B + pc * g.sbk + j * g.sbn, g.sbk, g.sbn, out);
          if (K > block)
            for (int64_t q = 0; q < tile; q++) acc[q] += double(out[q]);
        }
        for (int c = 0; c < Cn; c++)
          for (int64_t r = 0; r < rows; r++)
            C[(i + r) * g.scm + (j + c) * g.scn] = K > block ? T(acc[c * rows + r]) : out[c * rows + r];
      }
  }
  for (; i < r1; i++)
    for (int64_t j = 0; j < g.n; j++) {
      double s = 0;
      for (int64_t p = 0; p < K; p++) s += double(A[i + p * g.sak]) * double(B[p * g.sbk + j * g.sbn]);
      C[i * g.scm + j * g.scn] = T(s);
    }
}

/**
 * A product with at most kSkinnyMax columns (or rows: then computed as C^T = B^T A^T) whose large
 * operand has contiguous rows or columns, in the skinny kernels; false for any other product.
 */
template <class T>
static bool gemm_skinny(const MicroKernel<T>& uk, const GemmArgs<T>& args, bool widened) {
  if (!uk.skinny) return false;
  GemmArgs<T> g = args;
  if (!(args.n <= kSkinnyMax && args.m > args.n)) {
    if (!(args.m <= kSkinnyMax && args.n > args.m)) return false;
    g.a = args.b, g.b = args.a, g.m = args.n, g.n = args.m;
    g.sab = args.sbb, g.sam = args.sbn, g.sak = args.sbk;
    g.sbb = args.sab, g.sbk = args.sak, g.sbn = args.sam;
    g.scm = args.scn, g.scn = args.scm;
  }
  const bool dot = g.sak == 1 && g.k > 1, axpy = !dot && g.sam == 1;
  if (!dot && !axpy) return false;
  // The dot form reads B's columns contiguous: copied once per matrix (n x K, small).
  T* bcols = nullptr;
  if (dot) {
    bcols = b_shared.get<T>(size_t(g.batch) * size_t(g.n) * size_t(g.k));
    for (int64_t bt = 0; bt < g.batch; bt++)
      for (int64_t j = 0; j < g.n; j++) {
        const T* src = g.b + bt * g.sbb + j * g.sbn;
        T* dst = bcols + (bt * g.n + j) * g.k;
        if (g.sbk == 1) std::memcpy(dst, src, size_t(g.k) * sizeof(T));
        else
          for (int64_t p = 0; p < g.k; p++) dst[p] = src[p * g.sbk];
      }
  }
  const int64_t unit = dot ? 4 : 4 * uk.skinny->w;
  auto rows = [&](int64_t bt, int64_t r0, int64_t r1) {
    if (dot) skinny_dot_rows(uk, g, bt, r0, r1, bcols + bt * g.n * g.k, widened);
    else skinny_axpy_rows(uk, g, bt, r0, r1, widened);
  };
  ThreadPool& pool = global_pool();
  const double work = double(g.m) * g.n * g.k * g.batch;
  if (pool.size() == 1 || work < 1048576.0) {
    for (int64_t bt = 0; bt < g.batch; bt++) rows(bt, 0, g.m);
    return true;
  }
  // Chunks of rows of every matrix, claimed in turn.
  const int64_t per = std::max<int64_t>(1, std::min<int64_t>(4 * pool.size(), ceil_div(g.m, unit)) / std::max<int64_t>(1, g.batch));
  const int64_t items = g.batch * per;
  std::atomic<int64_t> next{0};
  pool.run(pool.size(), [&](int) {
    for (int64_t it = next++; it < items; it = next++) {
      int64_t lo, hi;
      split(g.m, int(it % per), int(per), unit, &lo, &hi);
      rows(it / per, lo, hi);
    }
  });
  return true;
}

template <class T, class U>
static void gemm(const GemmArgs<T>& args, bool blocks_in_double = false) {
  if (args.batch <= 0 || args.m <= 0 || args.n <= 0) return;
  if (args.k <= 0) {
    for (int64_t bt = 0; bt < args.batch; bt++)
      for (int64_t i = 0; i < args.m; i++)
        for (int64_t j = 0; j < args.n; j++) args.c[bt * args.scb + i * args.scm + j * args.scn] = 0;
    return;
  }
  const MicroKernel<U>& uk = kernel_for(static_cast<U*>(nullptr));
  if constexpr (std::is_same<T, U>::value)
    if (gemm_skinny(uk, args, blocks_in_double)) return;
  // A product with fewer columns than a vector tile holds (a convolution on a 2x2 map) wastes most
  // lanes: computed as C^T = B^T A^T instead, its long side runs along the vector lanes.
  GemmArgs<T> g = args;
  if (args.n < uk.nr && args.m > args.n) {
    g.a = args.b, g.b = args.a, g.m = args.n, g.n = args.m;
    g.sab = args.sbb, g.sam = args.sbn, g.sak = args.sbk;
    g.sbb = args.sab, g.sbk = args.sak, g.sbn = args.sam;
    g.scm = args.scn, g.scn = args.scm;
  }
  ThreadPool& pool = global_pool();
  const double work = double(g.m) * g.n * g.k;  // multiply-adds per matrix
  // Waking the pool costs microseconds (far more on a loaded machine): small products run on the
  // calling thread alone.
  int threads = work * g.batch < 1048576.0 ? 1 : pool.size();
  if (threads > 1 && g.batch >= threads && (g.batch >= 2 * threads || work < 4e6)) {
    // Many matrices: each thread takes whole ones.
    std::atomic<int64_t> next{0};
    pool.run(threads, [&](int) {
      for (int64_t bt = next++; bt < g.batch; bt = next++) gemm_region(uk, g, bt, 0, g.m, 0, g.n, blocks_in_double);
    });
    return;
  }
  // One matrix at a time, its rows or its columns (whichever has more tiles) in chunks the threads
  // claim in turn: a thread the OS runs late finds less (or nothing) left, and nobody waits for it.
  const int64_t row_tiles = ceil_div(g.m, uk.mr), col_tiles = ceil_div(g.n, uk.nr);
  const bool by_rows = row_tiles >= col_tiles;
  const int64_t tiles = by_rows ? row_tiles : col_tiles;
  const int chunks = int(std::min<int64_t>(threads == 1 ? 1 : 4 * threads, std::max<int64_t>(1, tiles / 4)));
  for (int64_t bt = 0; bt < g.batch; bt++) {
    if (chunks <= 1) {
      gemm_region(uk, g, bt, 0, g.m, 0, g.n, blocks_in_double);
      continue;
    }
    // Row chunks share one packed B (packed first, by all threads).
    U* packed_b = nullptr;
    if (by_rows) {
      packed_b = b_shared.get<U>(size_t(g.k) * size_t(ceil_div(g.n, uk.nr) * uk.nr));
      pack_b_shared(uk, g, bt, packed_b, pool, threads);
    }
    std::atomic<int> next{0};
    pool.run(threads, [&](int) {
      for (int c = next++; c < chunks; c = next++) {
        int64_t lo, hi;
        if (by_rows) split(g.m, c, chunks, uk.mr, &lo, &hi), gemm_region(uk, g, bt, lo, hi, 0, g.n, blocks_in_double, packed_b);
        else split(g.n, c, chunks, uk.nr, &lo, &hi), gemm_region(uk, g, bt, 0, g.m, lo, hi, blocks_in_double);
      }
    });
  }
}

void gemm_f32(const GemmArgs<float>& args, F32Sum sum) {
  if (sum == F32Sum::kDouble) gemm<float, double>(args);
  else gemm<float, float>(args, sum == F32Sum::kBlocksInDouble);
}
void gemm_f64(const GemmArgs<double>& args) { gemm<double, double>(args); }

}  // namespace gradlab
