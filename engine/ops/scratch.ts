/**
 * Handing an op's own temporaries back to the backend for reuse (backend/scratch_pool.ts says why):
 * a convolution's im2col columns, the product before col2im, a batch-folded copy.
 */
import type { Tensor } from "../tensor/tensor.js";
import { backend } from "../backend/index.js";
import { is_grad_enabled } from "../autograd/grad_mode.js";

/**
 * Releases `temp`'s array unless one of `keep` (the op's inputs and result) shares it. Only for a
 * tensor the caller made and nobody else has seen; does nothing while grad mode records ops,
 * because a recorded op may have saved `temp` for its backward (double backward runs these paths
 * with grad mode on).
 */
export function releaseScratch(temp: Tensor, ...keep: Tensor[]): void {
  if (is_grad_enabled()) return;
  const data = temp._storage.data;
  for (const k of keep) if (k._storage.data === data) return;
  backend().release(data);
}
