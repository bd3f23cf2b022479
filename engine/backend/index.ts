/** The active compute backend. The native addon (a later issue) registers itself here. */
import type { Backend } from "./backend.js";
import { JsBackend } from "./js/js_backend.js";

let active: Backend = new JsBackend();

export function backend(): Backend { return active; }
export function set_backend(b: Backend): void { active = b; }
export type { Backend, StridedView } from "./backend.js";
