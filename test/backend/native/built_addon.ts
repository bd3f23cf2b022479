/**
 * The built native addon for a test file: these tests need it and fail loudly without it (CI builds
 * it with GRADLAB_NATIVE_REQUIRED=1). The instruction set and thread count it started with are put
 * back after the file's tests, which switch both.
 */
import { afterAll } from "vitest";
import { loadAddon, type Isa, type NativeAddon } from "../../../engine/backend/native/addon.js";

export function builtAddon(): { addon: NativeAddon; startIsa: Isa; startThreads: number } {
  const loaded = loadAddon();
  if (!loaded.ok)
    throw new Error(`the native addon must be built for these tests (npm run build:native): ${loaded.reason}`);
  const addon = loaded.addon;
  const startIsa = addon.info().isa,
    startThreads = addon.info().threads;
  afterAll(() => {
    addon.set_isa(startIsa);
    addon.set_num_threads(startThreads);
  });
  return { addon, startIsa, startThreads };
}
