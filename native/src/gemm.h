// GEMM in the BLIS/GotoBLAS design: C = A * B for row-major C, with A and B read through any
// strides (a transposed operand is only other strides: packing reads it, no copy is made first).
// Packing copies a kc-deep slice of B into panels nr wide and of A into panels mr tall, laid out
// in the order the micro-kernel streams them; the micro-kernel keeps an mr x nr tile of C in
// registers. Blocks are sized so a B micro-panel stays in L1 and an A block in L2.
#pragma once
#include <cstddef>
#include <cstdint>

#include "skinny.h"

namespace gradlab {

/**
 * The register-blocked inner kernel: C[0:mr, 0:nr] (row stride ldc, unit column stride) = (or +=,
 * when accumulate) sum over p < kc of a[p*mr + i] * b[p*nr + j].
 */
template <class T>
using MicroKernelFn = void (*)(int64_t kc, const T* a, const T* b, T* c, int64_t ldc, bool accumulate);

/** The same tile product, widened to double and stored into (or added to) a double tile of C. */
template <class T>
using MicroKernelWidenFn = void (*)(int64_t kc, const T* a, const T* b, double* c, int64_t ldc, bool accumulate);

template <class T>
struct MicroKernel {
  const char* isa;
  int mr, nr;           // tile of C held in registers: mr rows (broadcast from A) x nr columns (vector lanes)
  int64_t kc, mc, nc;   // cache blocking: depth, rows of A per L2 block, columns of B per L3 block
  MicroKernelFn<T> fn;
  MicroKernelWidenFn<T> widen = nullptr;  // float32 kernels: depth blocks summed in double
  const SkinnyKernels<T>* skinny = nullptr;  // products with a few columns (skinny.h)
};

template <class T>
struct GemmArgs {
  const T* a;
  const T* b;
  T* c;
  int64_t batch, m, n, k;
  int64_t sab, sam, sak;  // A strides (elements): batch, row, column; batch stride 0 broadcasts
  int64_t sbb, sbk, sbn;  // B strides
  int64_t scb, scm;       // C strides
  int64_t scn = 1;        // C's column stride (1 is fastest)
};

// Per-instruction-set kernels, each compiled in its own translation unit with its own flags.
const MicroKernel<float>& kernel_f32_generic();
const MicroKernel<double>& kernel_f64_generic();
#if defined(__x86_64__)
const MicroKernel<float>& kernel_f32_avx2();
const MicroKernel<double>& kernel_f64_avx2();
const MicroKernel<float>& kernel_f32_avx512();
const MicroKernel<double>& kernel_f64_avx512();
#endif

/** The instruction set in use: GRADLAB_NATIVE_ISA (generic|avx2|avx512) if set and supported, else the best the CPU has. */
const char* active_isa();
/** Selects an instruction set by name; false when the CPU lacks it or the name is unknown. */
bool set_isa(const char* name);

/** How a float32 GEMM sums. */
enum class F32Sum {
  /** float32 fused multiply-adds along all of K, as BLAS (and PyTorch on CPU) do. */
  kFloat = 0,
  /** float32 fused multiply-adds within each depth block (kc, a few hundred), the blocks summed in double and C rounded once: BLAS's speed, rounding error growing with kc instead of K. */
  kBlocksInDouble = 1,
  /** products and sums in double, C rounded once (as the TypeScript backend): half the speed. */
  kDouble = 2,
};

void gemm_f32(const GemmArgs<float>& args, F32Sum sum);
void gemm_f64(const GemmArgs<double>& args);

}  // namespace gradlab
