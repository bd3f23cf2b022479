// reduce_fast.h's kernels compiled for avx2 (this file's flags alone; reduce_fast.cc picks one at run time).
#include "reduce_fast_rows.h"

namespace gradlab {
const FastReduceKernels& reduce_fast_avx2() { return kFastReduce; }
}  // namespace gradlab
