import { NODE_FLAGS } from "../../kernel/node_flags.js";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { install, kernelsDir, kernelSpec, logoPng, parseInstallArgs, uninstall } from "../../kernel/install.js";
import { jupyterDataDir, jupyterPath } from "../../kernel/protocol/jupyter_paths.js";

const tmp = () => mkdtempSync(join(tmpdir(), "gradlab-install-"));

describe("gradlab install", () => {
  test("--prefix writes kernel.json and both logos to DIR/share/jupyter/kernels/gradlab", () => {
    const prefix = tmp();
    const { dir, spec } = install({ prefix, entry: "/opt/gradlab/dist/kernel/main.js" });
    expect(dir).toBe(join(prefix, "share", "jupyter", "kernels", "gradlab"));
    const json = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8"));
    expect(json).toEqual(spec);
    expect(json).toMatchObject({
      display_name: "TypeScript (gradlab)",
      language: "typescript",
      interrupt_mode: "message",
    });
    expect(json.argv).toEqual([
      process.execPath,
      ...NODE_FLAGS,
      "/opt/gradlab/dist/kernel/main.js",
      "-f",
      "{connection_file}",
    ]);
    for (const f of ["logo-32x32.png", "logo-64x64.png"]) expect(existsSync(join(dir, f))).toBe(true);
  });

  test("--user honours JUPYTER_DATA_DIR, and XDG_DATA_HOME without it", () => {
    expect(kernelsDir({ user: true, env: { JUPYTER_DATA_DIR: "/jd" } })).toBe("/jd/kernels");
    expect(kernelsDir({ env: { HOME: "/home/u" } })).toBe("/home/u/.local/share/jupyter/kernels");
    expect(jupyterDataDir({ HOME: "/home/u", XDG_DATA_HOME: "/x" })).toBe("/x/jupyter");
  });

  test("--sys-prefix uses the active virtualenv or conda env", () => {
    expect(kernelsDir({ sysPrefix: true, env: { VIRTUAL_ENV: "/venv" } })).toBe("/venv/share/jupyter/kernels");
    expect(kernelsDir({ sysPrefix: true, env: { CONDA_PREFIX: "/conda" } })).toBe("/conda/share/jupyter/kernels");
  });

  test("Jupyter's search path: JUPYTER_PATH first, then the user dir, then the system dirs", () => {
    const dirs = jupyterPath({ JUPYTER_PATH: "/a:/b", JUPYTER_DATA_DIR: "/u" }, "kernels");
    expect(dirs.slice(0, 3)).toEqual(["/a/kernels", "/b/kernels", "/u/kernels"]);
    expect(dirs).toContain("/usr/share/jupyter/kernels");
  });

  test("--name and --interrupt-mode signal give a second kernelspec; names are checked", () => {
    const prefix = tmp();
    const { dir, spec } = install({ prefix, name: "gradlab-dev", interruptMode: "signal", entry: "/x/main.js" });
    expect(dir.endsWith("gradlab-dev")).toBe(true);
    expect(spec.interrupt_mode).toBe("signal");
    expect(() => install({ prefix, name: "bad name!", entry: "/x/main.js" })).toThrow(/invalid kernel name/);
    expect(() => kernelsDir({ user: true, prefix })).toThrow(/choose one/);
  });

  test("uninstall removes it from the chosen place, or from wherever Jupyter would find it", () => {
    const prefix = tmp();
    const { dir } = install({ prefix, entry: "/x/main.js" });
    expect(uninstall({ prefix })).toEqual([dir]);
    expect(existsSync(dir)).toBe(false);
    const again = install({ prefix, entry: "/x/main.js" });
    const env = { JUPYTER_PATH: join(prefix, "share", "jupyter"), JUPYTER_DATA_DIR: join(prefix, "nothing-here") };
    expect(uninstall({ env })).toEqual([again.dir]);
    expect(uninstall({ env })).toEqual([]);
  });

  test("command-line flags parse as Jupyter's do", () => {
    expect(parseInstallArgs(["--user", "--name", "g2", "--display-name=TS (g2)"])).toEqual({
      user: true,
      name: "g2",
      displayName: "TS (g2)",
    });
    expect(parseInstallArgs(["--prefix", "/p", "--interrupt-mode", "message"])).toEqual({
      prefix: "/p",
      interruptMode: "message",
    });
    expect(() => parseInstallArgs(["--frobnicate"])).toThrow(/unknown option/);
    expect(() => parseInstallArgs(["--prefix"])).toThrow(/needs a value/);
  });

  test("without --entry the kernel is this checkout's dist/kernel/main.js, run by this node through the snapshot launcher", () => {
    const spec = kernelSpec();
    const [sh, launcher, node, blob, tsjs, main, ...rest] = spec.argv;
    expect([sh, node]).toEqual(["/bin/sh", process.execPath]);
    expect(launcher).toMatch(/dist[\\/]kernel[\\/]snapshot[\\/]launch\.sh$/);
    expect(blob).toMatch(/dist[\\/]kernel[\\/]snapshot[\\/]kernel\.blob$/);
    expect(tsjs).toMatch(/typescript[\\/]lib[\\/]typescript\.js$/);
    expect(main).toMatch(/dist[\\/]kernel[\\/]main\.js$/);
    expect(rest).toEqual(["-f", "{connection_file}"]);
  });

  test("snapshot: false (or another entry) runs node main.js plainly", () => {
    expect(kernelSpec({ snapshot: false }).argv.slice(0, 1)).toEqual([process.execPath]);
    expect(kernelSpec({ entry: "/x/main.js" }).argv).toEqual([
      process.execPath,
      ...NODE_FLAGS, // kernel/node_flags.ts: the kernel runs with gradlab's Node flags
      "/x/main.js",
      "-f",
      "{connection_file}",
    ]);
  });
});

describe("the logo", () => {
  test("is a valid RGBA PNG of the requested size, with correct chunk CRCs", () => {
    for (const size of [32, 64]) {
      const png = logoPng(size);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      let off = 8;
      const chunks: Record<string, Buffer> = {};
      while (off < png.length) {
        const len = png.readUInt32BE(off);
        const type = png.toString("ascii", off + 4, off + 8);
        const body = png.subarray(off + 8, off + 8 + len);
        const crc = png.readUInt32BE(off + 8 + len);
        expect(crc).toBe(crc32(png.subarray(off + 4, off + 8 + len)));
        chunks[type] = body;
        off += 12 + len;
      }
      expect(chunks.IHDR!.readUInt32BE(0)).toBe(size);
      expect(chunks.IHDR!.readUInt32BE(4)).toBe(size);
      expect([...chunks.IHDR!.subarray(8, 10)]).toEqual([8, 6]);
      const raw = inflateSync(chunks.IDAT!);
      expect(raw.length).toBe(size * (size * 4 + 1));
      const alpha = (x: number, y: number) => raw[y * (size * 4 + 1) + 1 + x * 4 + 3];
      expect(alpha(0, 0)).toBeLessThan(64); // rounded corner
      expect(alpha(size >> 1, size >> 1)).toBe(255);
    }
  });
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
