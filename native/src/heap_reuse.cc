#include "heap_reuse.h"

#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gradlab {

bool keep_freed_memory_for_reuse() {
  const char* opt_out = std::getenv("GRADLAB_HEAP_REUSE");
  if (opt_out && std::strcmp(opt_out, "0") == 0) return false;
#if defined(__GLIBC__)
  // Setting the mmap threshold also stops glibc's own adjustment of it; the trim threshold must be
  // above it, or freeing a large block at the top of the heap would hand the memory back at once.
  return mallopt(M_MMAP_THRESHOLD, int(kHeapReuseMaxBlock)) == 1 && mallopt(M_TRIM_THRESHOLD, int(kHeapReuseKeep)) == 1;
#else
  return false;
#endif
}

}  // namespace gradlab
