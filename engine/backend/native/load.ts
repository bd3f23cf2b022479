/**
 * The native backend's loader for the registry (backend/index.ts registers it as preferred): the
 * backend when the addon loads, else an error saying why and what to do. The registry turns that
 * into one warning and the TypeScript backend, or, under GRADLAB_BACKEND=native, into the error.
 */
import type { Backend } from "../backend.js";
import { loadAddon } from "./addon.js";
import { NativeBackend } from "./native_backend.js";

export function loadNativeBackend(): Backend {
  const r = loadAddon();
  if (!r.ok)
    throw new Error(
      `${r.reason}. Build the addon with \`npm run build:native\` in a gradlab checkout or \`npm rebuild gradlab\` where it is a dependency ` +
        "(needs a C++17 compiler, make and Python 3)",
    );
  return new NativeBackend(r.addon);
}
