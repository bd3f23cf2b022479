/**
 * Which backend the engine starts with: GRADLAB_BACKEND=ts|native chooses; unset, native when the
 * addon loads, else TypeScript with one warning; native asked for but absent is an error.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test, vi } from "vitest";

const emptyDir = () => mkdtempSync(join(tmpdir(), "gradlab-no-addon-"));
const saved = { backend: process.env.GRADLAB_BACKEND, dir: process.env.GRADLAB_NATIVE_DIR };

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
  for (const [k, v] of [["GRADLAB_BACKEND", saved.backend], ["GRADLAB_NATIVE_DIR", saved.dir]] as const)
    if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

/** A fresh engine (module state re-evaluated) as it starts under the current environment. */
async function freshEngine() {
  vi.resetModules();
  const torch = await import("../../../engine/index.js");
  const { backend } = await import("../../../engine/backend/index.js");
  const { selectBackend } = await import("../../../engine/backend/native/select.js");
  return { torch, backend, selectBackend };
}

test("with the addon built and GRADLAB_BACKEND unset, the engine runs on the native backend", async () => {
  delete process.env.GRADLAB_BACKEND;
  delete process.env.GRADLAB_NATIVE_DIR;
  const { backend } = await freshEngine();
  expect(backend().name).toBe("native");
});

test("GRADLAB_BACKEND=ts selects the TypeScript backend without loading the addon", async () => {
  process.env.GRADLAB_BACKEND = "ts";
  const warn = vi.spyOn(process, "emitWarning");
  const { backend, torch } = await freshEngine();
  expect(backend().name).toBe("js");
  expect(String(torch.ones(2, 2).matmul(torch.ones(2, 2)))).toBe("tensor([[2., 2.],\n        [2., 2.]])");
  expect(warn).not.toHaveBeenCalled();
});

test("GRADLAB_BACKEND=native selects the native backend", async () => {
  process.env.GRADLAB_BACKEND = "native";
  const { backend } = await freshEngine();
  expect(backend().name).toBe("native");
});

test("without the addon the engine warns once, says why and what to do, and computes on the TypeScript backend", async () => {
  delete process.env.GRADLAB_BACKEND;
  process.env.GRADLAB_NATIVE_DIR = emptyDir();
  const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
  const { backend, torch, selectBackend } = await freshEngine();
  expect(backend().name).toBe("js");
  const x = torch.ones(64, 64);
  expect(x.matmul(x).sum().item()).toBe(64 * 64 * 64);
  selectBackend(); // a second selection in the same process stays quiet
  expect(warn).toHaveBeenCalledTimes(1);
  const [message, options] = warn.mock.calls[0] as [string, { code: string }];
  expect(message).toMatch(/^gradlab's native addon could not be loaded \(No native build was found .*\); using the TypeScript backend/);
  expect(message).toContain("npm run build:native");
  expect(message).toContain("GRADLAB_BACKEND=ts");
  expect(options.code).toBe("GRADLAB_NO_NATIVE");
});

test("GRADLAB_BACKEND=native without the addon is an error naming the cause, not a silent fallback", async () => {
  process.env.GRADLAB_BACKEND = "native";
  process.env.GRADLAB_NATIVE_DIR = emptyDir();
  await expect(freshEngine()).rejects.toThrow(/^GRADLAB_BACKEND=native, but gradlab's native addon could not be loaded: No native build was found/);
});

test("an unknown GRADLAB_BACKEND is an error listing the choices", async () => {
  process.env.GRADLAB_BACKEND = "gpu";
  await expect(freshEngine()).rejects.toThrow("GRADLAB_BACKEND must be 'ts' or 'native', got 'gpu'");
});
