/**
 * The compute backends: the registry (registry.ts), and the registrations. The TypeScript backend
 * is always there; the native one (C++ addon, native/) is preferred when its addon loads.
 */
import { JsBackend } from "./js/js_backend.js";
import { TS_GROUPS } from "./js/groups.js";
import { _setFallbackGroups, register_backend } from "./registry.js";
import { loadNativeBackend } from "./native/load.js";

_setFallbackGroups(() => TS_GROUPS);
register_backend("ts", () => new JsBackend());
register_backend("native", loadNativeBackend, { preferred: true });

export {
  backend,
  set_backend,
  get_backend,
  available_backends,
  register_backend,
  type BackendLoader,
} from "./registry.js";
export type { Backend, BackendCore, ResolvedBackend, StridedView } from "./backend.js";
