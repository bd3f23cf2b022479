/**
 * Build the kernel (and the fake-session kernel used by protocol tests) to JavaScript for
 * Jupyter to start: tsc with the project's settings (declarations included: the cell compiler
 * reads the engine's .d.ts next to its .js) into node_modules/.cache, so packages such as
 * zeromq and typescript resolve from the built files as from dist/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");
const CACHE = join(ROOT, "node_modules", ".cache", "gradlab-kernel-test");

/** Build into a directory of this run's own (concurrent runs must not rebuild under each other's kernels). */
export function buildKernel(): { realEntry: string; fakeEntry: string; dir: string } {
  const BUILD = join(CACHE, `run-${process.pid}`);
  mkdirSync(BUILD, { recursive: true });
  const tsconfig = join(BUILD, "tsconfig.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(ROOT, "tsconfig.json"),
      compilerOptions: { rootDir: ROOT, outDir: join(BUILD, "out"), noEmitOnError: false },
      include: [
        join(ROOT, "engine/**/*.ts"),
        join(ROOT, "kernel/**/*.ts"),
        join(ROOT, "kernel/**/*.cts"),
        join(ROOT, "test/kernel/fixtures/**/*.ts"),
      ],
    }),
  );
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", tsconfig], {
      cwd: ROOT,
      stdio: "pipe",
    });
  } catch (e) {
    // Type errors elsewhere in the tree must not stop the kernel tests: tsc still emits.
    // (`npx tsc --noEmit -p .` is the type check.)
    void e;
  }
  const realEntry = join(BUILD, "out", "kernel", "main.js");
  const fakeEntry = join(BUILD, "out", "test", "kernel", "fixtures", "fake_kernel.js");
  for (const f of [realEntry, fakeEntry]) if (!existsSync(f)) throw new Error(`kernel build did not produce ${f}`);
  // The build's package.json marks its files as ES modules, as the project's does.
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  writeFileSync(
    join(BUILD, "out", "package.json"),
    JSON.stringify({ name: "gradlab", version: pkg.version, type: "module" }),
  );
  return { realEntry, fakeEntry, dir: BUILD };
}
