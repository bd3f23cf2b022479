/**
 * Which backend the engine starts with (the registry in engine/backend/registry.ts, with the native
 * loader in engine/backend/native/load.ts): GRADLAB_BACKEND=ts|native chooses; unset, native when
 * the addon loads, else TypeScript with one warning saying why and what to do; native asked for but
 * absent is an error.
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
  for (const [k, v] of [
    ["GRADLAB_BACKEND", saved.backend],
    ["GRADLAB_NATIVE_DIR", saved.dir],
  ] as const)
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

/** A fresh engine (module state re-evaluated) as it starts under the current environment. */
async function freshEngine() {
  vi.resetModules();
  const torch = await import("../../../engine/index.js");
  const { backend, available_backends } = await import("../../../engine/backend/index.js");
  return { torch, backend, available_backends };
}

test("with the addon built and GRADLAB_BACKEND unset, the engine runs on the native backend", async () => {
  delete process.env.GRADLAB_BACKEND;
  delete process.env.GRADLAB_NATIVE_DIR;
  const { backend, available_backends } = await freshEngine();
  expect(backend().name).toBe("native");
  expect(available_backends()).toEqual(["native", "ts"]);
});

test("GRADLAB_BACKEND=ts selects the TypeScript backend", async () => {
  process.env.GRADLAB_BACKEND = "ts";
  const { backend, torch } = await freshEngine();
  expect(backend().name).toBe("ts");
  expect(String(torch.ones(2, 2).matmul(torch.ones(2, 2)))).toBe("tensor([[2., 2.],\n        [2., 2.]])");
});

test("GRADLAB_BACKEND=native selects the native backend", async () => {
  process.env.GRADLAB_BACKEND = "native";
  const { backend } = await freshEngine();
  expect(backend().name).toBe("native");
});

test("without the addon the engine warns once, says why and what to do, and computes on the TypeScript backend", async () => {
  delete process.env.GRADLAB_BACKEND;
  process.env.GRADLAB_NATIVE_DIR = emptyDir();
  const writes: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
    writes.push(String(s));
    return true;
  });
  const { backend, torch } = await freshEngine();
  expect(backend().name).toBe("ts");
  const x = torch.ones(64, 64);
  expect(x.matmul(x).sum().item()).toBe(64 * 64 * 64);
  expect(backend().name).toBe("ts");
  const warnings = writes.filter((w) => w.includes("native"));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(
    /^UserWarning: gradlab's 'native' backend could not be loaded \(No native build was found .*\. Build the addon with `npm run build:native`/,
  );
});

test("GRADLAB_BACKEND=native without the addon is an error naming the cause, not a silent fallback", async () => {
  process.env.GRADLAB_BACKEND = "native";
  process.env.GRADLAB_NATIVE_DIR = emptyDir();
  const { backend } = await freshEngine();
  expect(() => backend()).toThrow(/^backend 'native' cannot be used: No native build was found .*npm run build:native/);
});

test("an unknown GRADLAB_BACKEND is an error listing the choices", async () => {
  process.env.GRADLAB_BACKEND = "gpu";
  const { backend } = await freshEngine();
  expect(() => backend()).toThrow("unknown backend 'gpu': the registered backends are 'native', 'ts'");
});
