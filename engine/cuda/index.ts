/**
 * torch.cuda as a CPU-only PyTorch has it: no device is available, seeding is a silent no-op,
 * and asking for the current device fails with PyTorch's error.
 * @example const device = torch.cuda.is_available() ? "cuda" : "cpu"   // "cpu"
 */
import { noCuda } from "../tensor/device.js";

export function is_available(): boolean {
  return false;
}
export function device_count(): number {
  return 0;
}
export function is_initialized(): boolean {
  return false;
}
/** Seeds CUDA generators: nothing to seed without CUDA (PyTorch ignores the call too). */
export function manual_seed(_seed: number | bigint): void {}
export function manual_seed_all(_seed: number | bigint): void {}
export function empty_cache(): void {}
export function current_device(): number {
  return noCuda();
}
export function synchronize(): void {
  noCuda();
}
export function get_device_name(): string {
  return noCuda();
}
