// The elementwise row kernels compiled for generic (any CPU), with -ffp-contract=off.
#include "elementwise_impl.h"

namespace gradlab {
const ElementwiseKernels& elementwise_generic() { return kTable; }
}  // namespace gradlab
