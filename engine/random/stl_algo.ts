/**
 * libstdc++'s (GCC 12) std::sort, std::nth_element and std::partial_sort, ported step for step so
 * that the order of *equal* keys comes out as in PyTorch's CPU kernels, which call them with a
 * non-stable comparator: torch.topk (aten/src/ATen/native/TopKImpl.h) and through it
 * torch.multinomial without replacement, where zero-probability categories tie.
 *
 * Elements are positions into a key array; `less(x, y)` compares the keys of two positions.
 */

type Less = (x: number, y: number) => boolean;

const THRESHOLD = 16; // _S_threshold

function lg(n: number): number {
  return 31 - Math.clz32(n);
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

function moveMedianToFirst(a: Int32Array, result: number, x: number, y: number, z: number, less: Less): void {
  const A = a[x]!,
    B = a[y]!,
    C = a[z]!;
  if (less(A, B)) {
    if (less(B, C)) swap(a, result, y);
    else if (less(A, C)) swap(a, result, z);
    else swap(a, result, x);
  } else if (less(A, C)) swap(a, result, x);
  else if (less(B, C)) swap(a, result, z);
  else swap(a, result, y);
}

function unguardedPartition(a: Int32Array, first: number, last: number, pivot: number, less: Less): number {
  const p = a[pivot]!;
  for (;;) {
    while (less(a[first]!, p)) first++;
    last--;
    while (less(p, a[last]!)) last--;
    if (!(first < last)) return first;
    swap(a, first, last);
    first++;
  }
}

function unguardedPartitionPivot(a: Int32Array, first: number, last: number, less: Less): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(a, first, first + 1, mid, last - 1, less);
  return unguardedPartition(a, first + 1, last, first, less);
}

function unguardedLinearInsert(a: Int32Array, last: number, less: Less): void {
  const val = a[last]!;
  let next = last - 1;
  while (less(val, a[next]!)) {
    a[last] = a[next]!;
    last = next;
    next--;
  }
  a[last] = val;
}

function insertionSort(a: Int32Array, first: number, last: number, less: Less): void {
  if (first === last) return;
  for (let i = first + 1; i < last; i++) {
    if (less(a[i]!, a[first]!)) {
      const val = a[i]!;
      a.copyWithin(first + 1, first, i); // move_backward
      a[first] = val;
    } else {
      unguardedLinearInsert(a, i, less);
    }
  }
}

function pushHeap(a: Int32Array, first: number, hole: number, top: number, val: number, less: Less): void {
  let parent = (hole - 1) >> 1;
  while (hole > top && less(a[first + parent]!, val)) {
    a[first + hole] = a[first + parent]!;
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  a[first + hole] = val;
}

function adjustHeap(a: Int32Array, first: number, hole: number, len: number, val: number, less: Less): void {
  const top = hole;
  let child = hole;
  while (child < (len - 1) >> 1) {
    child = 2 * (child + 1);
    if (less(a[first + child]!, a[first + child - 1]!)) child--;
    a[first + hole] = a[first + child]!;
    hole = child;
  }
  if ((len & 1) === 0 && child === (len - 2) >> 1) {
    child = 2 * (child + 1);
    a[first + hole] = a[first + child - 1]!;
    hole = child - 1;
  }
  pushHeap(a, first, hole, top, val, less);
}

function makeHeap(a: Int32Array, first: number, last: number, less: Less): void {
  const len = last - first;
  if (len < 2) return;
  for (let parent = (len - 2) >> 1; ; parent--) {
    adjustHeap(a, first, parent, len, a[first + parent]!, less);
    if (parent === 0) return;
  }
}

function popHeap(a: Int32Array, first: number, last: number, result: number, less: Less): void {
  const val = a[result]!;
  a[result] = a[first]!;
  adjustHeap(a, first, 0, last - first, val, less);
}

function heapSelect(a: Int32Array, first: number, middle: number, last: number, less: Less): void {
  makeHeap(a, first, middle, less);
  for (let i = middle; i < last; i++) if (less(a[i]!, a[first]!)) popHeap(a, first, middle, i, less);
}

function sortHeap(a: Int32Array, first: number, last: number, less: Less): void {
  while (last - first > 1) {
    last--;
    popHeap(a, first, last, last, less);
  }
}

/** std::partial_sort(first, middle, last) */
export function partialSort(a: Int32Array, first: number, middle: number, last: number, less: Less): void {
  heapSelect(a, first, middle, last, less);
  sortHeap(a, first, middle, less);
}

function introsortLoop(a: Int32Array, first: number, last: number, depth: number, less: Less): void {
  while (last - first > THRESHOLD) {
    if (depth === 0) {
      partialSort(a, first, last, last, less);
      return;
    }
    depth--;
    const cut = unguardedPartitionPivot(a, first, last, less);
    introsortLoop(a, cut, last, depth, less);
    last = cut;
  }
}

/** std::sort(first, last) (introsort, then the final insertion sort). */
export function stdSort(a: Int32Array, first: number, last: number, less: Less): void {
  if (first === last) return;
  introsortLoop(a, first, last, lg(last - first) * 2, less);
  if (last - first > THRESHOLD) {
    insertionSort(a, first, first + THRESHOLD, less);
    for (let i = first + THRESHOLD; i < last; i++) unguardedLinearInsert(a, i, less);
  } else {
    insertionSort(a, first, last, less);
  }
}

/** std::nth_element(first, nth, last) (introselect). */
export function nthElement(a: Int32Array, first: number, nth: number, last: number, less: Less): void {
  if (first === last || nth === last) return;
  let depth = lg(last - first) * 2;
  while (last - first > 3) {
    if (depth === 0) {
      heapSelect(a, first, nth + 1, last, less);
      swap(a, first, nth);
      return;
    }
    depth--;
    const cut = unguardedPartitionPivot(a, first, last, less);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(a, first, last, less);
}

/**
 * Indices of torch.topk(values, k, largest, sorted) on the CPU, ties ordered exactly as
 * topk_impl_loop orders them (NaN counts as the largest value, as numpy does).
 * @example topkIndices(new Float64Array([1, 3, 3, 2]), 2) // Int32Array [1, 2] or [2, 1], as torch
 */
export function topkIndices(values: ArrayLike<number | bigint>, k: number, largest = true, sorted = true): Int32Array {
  const n = values.length;
  const q = new Int32Array(n);
  for (let j = 0; j < n; j++) q[j] = j;
  if (k === 0) return new Int32Array(0);
  const less: Less = largest
    ? (x, y) => {
        const a = values[x]!,
          b = values[y]!;
        return (a !== a && b === b) || a > b;
      }
    : (x, y) => {
        const a = values[x]!,
          b = values[y]!;
        return (a === a && b !== b) || a < b;
      };
  if (k * 64 <= n) {
    partialSort(q, 0, k, n, less);
  } else {
    nthElement(q, 0, k - 1, n, less);
    if (sorted) stdSort(q, 0, k - 1, less); // the k-th is already in place
  }
  return q.slice(0, k);
}
