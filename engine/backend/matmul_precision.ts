/**
 * torch.set_float32_matmul_precision / torch.get_float32_matmul_precision: how float32 matrix
 * products (matmul, mm, bmm, addmm, linear, convolutions) may compute.
 *   "highest" (default): products and sums in double, rounded once to float32, as the TypeScript
 *     backend does: within the goldens' tolerances of PyTorch, and reproducible across backends.
 *   "high" / "medium": float32 fused multiply-adds, as BLAS (and PyTorch on CPU) do: about twice
 *     as fast on the native backend, results differ from "highest" in the last bits.
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
  if (!CHOICES.includes(p)) throw new RuntimeError(`set_float32_matmul_precision expects "highest", "high" or "medium", but got "${String(p)}"`);
  precision = p;
}

/** The current float32 matmul precision: "highest" (default), "high" or "medium". */
export function get_float32_matmul_precision(): Float32MatmulPrecision { return precision; }
