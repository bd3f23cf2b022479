/**
 * torch.set_float32_matmul_precision / torch.get_float32_matmul_precision: how float32 matrix
 * products (matmul, mm, bmm, addmm, linear, convolutions) may compute.
 *   "highest" (default): on the native backend, float32 fused multiply-adds within depth blocks of
 *     a few hundred, the blocks summed in double and rounded once: BLAS's speed, with rounding
 *     that grows with the block depth instead of the whole inner dimension (so at least as close
 *     to the exact product as PyTorch's float32 BLAS). The TypeScript backend sums in double.
 *   "high" / "medium": float32 fused multiply-adds along the whole inner dimension, as BLAS (and
 *     PyTorch on CPU) do: slightly faster on the native backend.
 */
import { RuntimeError } from "../errors.js";

export type Float32MatmulPrecision = "highest" | "high" | "medium";
const CHOICES: readonly string[] = ["highest", "high", "medium"];

let precision: Float32MatmulPrecision = "highest";

/**
 * Sets how float32 matrix products compute ("highest", "high" or "medium").
 * @example torch.set_float32_matmul_precision("high")   // float32 accumulation: faster, less exact
 */
export function set_float32_matmul_precision(p: Float32MatmulPrecision): void {
  if (!CHOICES.includes(p))
    throw new RuntimeError(
      `set_float32_matmul_precision expects "highest", "high" or "medium", but got "${String(p)}"`,
    );
  precision = p;
}

/** The current float32 matmul precision: "highest" (default), "high" or "medium". */
export function get_float32_matmul_precision(): Float32MatmulPrecision {
  return precision;
}
