/**
 * Which backend the engine starts with. GRADLAB_BACKEND=ts or =native chooses; unset, the native
 * backend is used when its addon loads, else the TypeScript one with one warning saying why and
 * what to do. Asking for native when it cannot load is an error, not a silent fallback.
 */
import type { Backend } from "../backend.js";
import { JsBackend } from "../js/js_backend.js";
import { loadAddon } from "./addon.js";
import { NativeBackend } from "./native_backend.js";

export type BackendChoice = "ts" | "native";

let warned = false;

/** The backend for `choice` (GRADLAB_BACKEND's value), with the addon looked for in `dir`. */
export function selectBackend(choice: string | undefined = process.env.GRADLAB_BACKEND, dir?: string | null): Backend {
  if (choice !== undefined && choice !== "" && choice !== "ts" && choice !== "native")
    throw new Error(`GRADLAB_BACKEND must be 'ts' or 'native', got '${choice}'`);
  if (choice === "ts") return new JsBackend();
  const r = loadAddon(dir);
  if (r.ok) return new NativeBackend(r.addon);
  const build = "Build it with `npm run build:native` in a gradlab checkout or `npm rebuild gradlab` where it is a dependency (needs a C++17 compiler, make and Python 3)";
  if (choice === "native")
    throw new Error(`GRADLAB_BACKEND=native, but gradlab's native addon could not be loaded: ${r.reason}. ${build}, or unset GRADLAB_BACKEND to use the TypeScript backend.`);
  if (!warned) {
    warned = true;
    process.emitWarning(`gradlab's native addon could not be loaded (${r.reason}); using the TypeScript backend, which is much slower on large tensors. ` +
      `${build}, or set GRADLAB_BACKEND=ts to choose the TypeScript backend and silence this warning.`, { code: "GRADLAB_NO_NATIVE" });
  }
  return new JsBackend();
}
