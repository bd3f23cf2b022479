// The elementwise row kernels compiled for avx2 (this file alone gets the -m flags; the dispatcher in elementwise.cc calls it only when the CPU has them), with -ffp-contract=off.
#include "elementwise_impl.h"

namespace gradlab {
const ElementwiseKernels& elementwise_avx2() { return kTable; }
}  // namespace gradlab
