#pragma once
#include <cstddef>

namespace gradlab {

/** The largest block malloc hands out from its heap (kept for reuse) rather than a fresh mapping. */
constexpr size_t kHeapReuseMaxBlock = size_t(64) << 20;
/** How much free memory at the top of the heap malloc keeps instead of returning it to the system. */
constexpr size_t kHeapReuseKeep = size_t(256) << 20;

/**
 * Tensor storage is an ArrayBuffer per result, allocated by malloc/calloc and freed by V8's
 * garbage collector. glibc serves blocks over its mmap threshold (128 KiB, rising to 32 MiB) with
 * fresh mappings and unmaps them on free, so every large tensor paid page faults and the kernel's
 * zeroing on first touch: a 9 MB product took 2.7x its compute time. Raising the threshold (and
 * the trim threshold with it) keeps freed storage in the heap, where the next tensor of similar
 * size reuses it. True when the allocator took the settings (glibc); elsewhere, or with
 * GRADLAB_HEAP_REUSE=0 in the environment, malloc keeps its defaults.
 */
bool keep_freed_memory_for_reuse();

}  // namespace gradlab
