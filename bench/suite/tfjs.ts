/**
 * TensorFlow.js for the suite: @tensorflow/tfjs-core with its cpu backend (plain JavaScript) and
 * its wasm backend (XNNPACK, SIMD), devDependencies of the repository; the .wasm files are read
 * from the npm package, nothing is downloaded.
 *
 * Threads: tfjs turns the wasm backend's threads off under Node (its WASM_HAS_MULTITHREAD_SUPPORT
 * flag is false when IS_NODE, tfjs issue 3830). Forcing the flag fails: its pthread workers are
 * started from blob: URLs, which Node's Worker refuses (ERR_WORKER_PATH); with the worker and main
 * scripts written to files instead, the threaded build loads but XNNPACK reports one thread. So
 * the wasm side is SIMD on one thread; tfjs's multithreaded wasm needs a browser.
 */
import { createRequire, register } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Tf } from "./case.js";

/**
 * A module-resolution hook (module.register): tfjs-core's gradients ship only as ES modules whose
 * relative imports omit ".js" (written for bundlers), which Node's loader refuses; inside
 * @tensorflow packages a relative import that does not resolve is retried with ".js". Inline, so
 * it loads the same from dist/ and from the TypeScript sources under vitest.
 */
const EXTENSIONLESS_HOOK = `
export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (e) {
    if (specifier.startsWith(".") && !specifier.endsWith(".js") && context.parentURL && context.parentURL.includes("/@tensorflow/"))
      return next(specifier + ".js", context);
    throw e;
  }
}`;

export interface TfjsSides {
  tf: Tf;
  backends: string[];
  version: string;
  notes: string[];
}

export async function loadTfjs(wanted: readonly string[] = ["cpu", "wasm"]): Promise<TfjsSides | null> {
  const req = createRequire(import.meta.url);
  let tf: Tf;
  try {
    tf = req("@tensorflow/tfjs-core") as Tf;
  } catch {
    return null;
  }
  // tfjs-core's gradients are registered by a side-effect module that only exists as bundler-style
  // ES modules; the registry it fills is global (shared with the CommonJS build used here).
  register(`data:text/javascript,${encodeURIComponent(EXTENSIONLESS_HOOK)}`);
  await import(pathToFileURL(join(dirname(req.resolve("@tensorflow/tfjs-core")), "register_all_gradients.js")).href);
  // Production mode, as a deployed app runs it (also quiets the cpu backend's "install tfjs-node" banner).
  tf.env().set("PROD", true);
  const notes: string[] = [];
  const backends: string[] = [];
  if (wanted.includes("cpu")) {
    try {
      req("@tensorflow/tfjs-backend-cpu");
      if (await tf.setBackend("cpu")) backends.push("cpu");
    } catch (e) {
      notes.push(`cpu: ${(e as Error).message}`);
    }
  }
  if (wanted.includes("wasm")) {
    try {
      const wasm = req("@tensorflow/tfjs-backend-wasm") as { setWasmPaths(p: string): void };
      wasm.setWasmPaths(dirname(req.resolve("@tensorflow/tfjs-backend-wasm")) + "/");
      if (await tf.setBackend("wasm")) {
        backends.push("wasm");
        const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
        notes.push(`wasm: ${simd ? "SIMD" : "no SIMD"}, 1 thread (tfjs disables wasm threads under Node)`);
      }
    } catch (e) {
      notes.push(`wasm: ${(e as Error).message}`);
    }
  }
  return backends.length ? { tf, backends, version: tf.version_core as string, notes } : null;
}
