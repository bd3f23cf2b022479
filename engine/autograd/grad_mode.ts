/**
 * Grad modes (torch/autograd/grad_mode.py): no_grad, enable_grad, set_grad_enabled,
 * inference_mode. Each works as a callback form `torch.no_grad(() => ...)` and as a
 * disposable for `using _ = torch.no_grad()`.
 */
// NOTE: a leaf module (no imports): tensor/ reads the modes from here.
const state = { enabled: true, inference: false };

/** torch.is_grad_enabled() */
export function is_grad_enabled(): boolean {
  return state.enabled;
}
/** torch.is_inference_mode_enabled() */
export function is_inference_mode_enabled(): boolean {
  return state.inference;
}

/** @internal Set grad mode, returning the previous one (the op table's forward, without a guard object). */
export function _swapGradEnabled(enabled: boolean): boolean {
  const prev = state.enabled;
  state.enabled = enabled;
  return prev;
}

/** A mode switch that restores the previous state when disposed. */
export class GradModeGuard implements Disposable {
  private readonly prev: { enabled: boolean; inference: boolean };
  constructor(enabled: boolean, inference: boolean = state.inference) {
    this.prev = { ...state };
    state.enabled = enabled;
    state.inference = inference;
  }
  [Symbol.dispose](): void {
    state.enabled = this.prev.enabled;
    state.inference = this.prev.inference;
  }
  /** Python's `__exit__`, for code written with explicit enter/exit. */
  __exit__(): void {
    this[Symbol.dispose]();
  }
}

function withMode<T>(enabled: boolean, inference: boolean, fn: () => T): T {
  const g = new GradModeGuard(enabled, inference);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    g[Symbol.dispose]();
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => g[Symbol.dispose]()) as T;
  g[Symbol.dispose]();
  return result;
}

/**
 * Disable gradient recording: `torch.no_grad(() => { w.sub_(lr * w.grad) })` or
 * `using _ = torch.no_grad();` for the rest of the block.
 */
export function no_grad(): GradModeGuard;
export function no_grad<T>(fn: () => T): T;
export function no_grad<T>(fn?: () => T): T | GradModeGuard {
  return fn ? withMode(false, state.inference, fn) : new GradModeGuard(false);
}

/** Re-enable recording inside no_grad: `torch.enable_grad(() => ...)`. */
export function enable_grad(): GradModeGuard;
export function enable_grad<T>(fn: () => T): T;
export function enable_grad<T>(fn?: () => T): T | GradModeGuard {
  return fn ? withMode(true, state.inference, fn) : new GradModeGuard(true);
}

/**
 * `torch.set_grad_enabled(false)` switches recording globally (and returns a guard that
 * restores the previous mode when disposed); `torch.set_grad_enabled(false, () => ...)` scopes it.
 */
export function set_grad_enabled(mode: boolean): GradModeGuard;
export function set_grad_enabled<T>(mode: boolean, fn: () => T): T;
export function set_grad_enabled<T>(mode: boolean, fn?: () => T): T | GradModeGuard {
  return fn ? withMode(mode, state.inference, fn) : new GradModeGuard(mode);
}

/** `torch.inference_mode(() => ...)`: no recording, and tensors made inside are inference tensors. */
export function inference_mode(): GradModeGuard;
export function inference_mode<T>(fn: () => T): T;
export function inference_mode<T>(mode: boolean, fn?: () => T): T;
export function inference_mode<T>(a?: boolean | (() => T), b?: () => T): T | GradModeGuard {
  const mode = typeof a === "boolean" ? a : true;
  const fn = typeof a === "function" ? a : b;
  return fn ? withMode(mode ? false : state.enabled, mode, fn) : new GradModeGuard(mode ? false : state.enabled, mode);
}
