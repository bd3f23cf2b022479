/** The active compute backend: native when its addon loads (or as GRADLAB_BACKEND says), see native/select.ts. */
import type { Backend } from "./backend.js";
import { selectBackend } from "./native/select.js";

let active: Backend = selectBackend();

export function backend(): Backend { return active; }
export function set_backend(b: Backend): void { active = b; }
export type { Backend, StridedView } from "./backend.js";
