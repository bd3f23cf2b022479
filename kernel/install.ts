/**
 * `gradlab install` / `gradlab uninstall`: write or remove the kernelspec without Python.
 *
 *   gradlab install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT]
 *                   [--interrupt-mode message|signal]   (default message)
 *   gradlab uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]
 *
 * --user (the default) writes to Jupyter's user data dir (JUPYTER_DATA_DIR if set);
 * --sys-prefix to the active virtualenv/conda env (or python3's sys.prefix);
 * --prefix DIR to DIR/share/jupyter (Jupyter finds it when DIR/share/jupyter is in JUPYTER_PATH).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { jupyterDataDir, jupyterPath, sysPrefix } from "./protocol/jupyter_paths.js";
import { withNodeFlags } from "./node_flags.js";
import { buildSnapshot, launchArgv, snapshotIsCurrent, snapshotPaths, type SnapshotPaths } from "./snapshot/build.js";

export interface InstallOptions {
  user?: boolean;
  sysPrefix?: boolean;
  prefix?: string;
  name?: string;
  displayName?: string;
  interruptMode?: "signal" | "message";
  /** The kernel entry point (default: this checkout's dist/kernel/main.js). */
  entry?: string;
  /** The node binary (default: the one running this). */
  node?: string;
  /**
   * Start the kernel through its startup snapshot's launcher (kernel/snapshot/build.ts): by
   * default for this build's own kernel, not for another `entry`; false: plain `node main.js`.
   */
  snapshot?: SnapshotPaths | false;
  /** Extra environment for the kernel process. */
  kernelEnv?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
}

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal" | "message";
  env?: Record<string, string>;
  metadata: Record<string, unknown>;
}

export const DEFAULT_NAME = "gradlab";

/** The kernels dir the options select. */
export function kernelsDir(opts: InstallOptions = {}): string {
  const env = opts.env ?? process.env;
  const chosen = [opts.user, opts.sysPrefix, opts.prefix !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new Error("choose one of --user, --sys-prefix and --prefix");
  if (opts.prefix !== undefined) return join(resolve(opts.prefix), "share", "jupyter", "kernels");
  if (opts.sysPrefix) {
    const prefix = sysPrefix(env);
    if (!prefix)
      throw new Error(
        "--sys-prefix: no Python environment found (no VIRTUAL_ENV, CONDA_PREFIX or python3); use --user or --prefix",
      );
    return join(prefix, "share", "jupyter", "kernels");
  }
  return join(jupyterDataDir(env), "kernels");
}

function defaultEntry(): string {
  const here = fileURLToPath(import.meta.url);
  // Built: dist/kernel/install.js -> dist/kernel/main.js. Source: kernel/install.ts -> dist/kernel/main.js.
  return here.endsWith(".ts")
    ? resolve(dirname(here), "..", "dist", "kernel", "main.js")
    : resolve(dirname(here), "main.js");
}

/** The snapshot the kernelspec starts from, if any (POSIX only: the launcher is a shell script). */
function chosenSnapshot(opts: InstallOptions): SnapshotPaths | false {
  if (process.platform === "win32") return false;
  return opts.snapshot ?? (opts.entry ? false : snapshotPaths(dirname(defaultEntry())));
}

export function kernelSpec(opts: InstallOptions = {}): KernelSpec {
  const node = opts.node ?? process.execPath;
  const snapshot = chosenSnapshot(opts);
  const spec: KernelSpec = {
    argv: [
      ...(snapshot
        ? launchArgv(snapshot, node)
        : [node, ...withNodeFlags([opts.entry ? resolve(opts.entry) : defaultEntry()])]),
      "-f",
      "{connection_file}",
    ],
    display_name: opts.displayName ?? "TypeScript (gradlab)",
    language: "typescript",
    // "message": the frontend's stop button becomes an interrupt_request on the control channel,
    // served by the I/O worker even while a cell blocks the main thread. It also stops code after
    // an `await`, which a bare SIGINT cannot reach (kernel/session/stop_cell.ts).
    interrupt_mode: opts.interruptMode ?? "message",
    metadata: { debugger: false },
  };
  if (opts.kernelEnv && Object.keys(opts.kernelEnv).length > 0) spec.env = opts.kernelEnv;
  return spec;
}

function checkName(name: string): string {
  // jupyter_client's kernelspec names: ASCII letters, digits, '.', '_', '-'.
  if (!/^[a-zA-Z0-9._-]+$/.test(name))
    throw new Error(`invalid kernel name '${name}': use letters, digits, '.', '_' or '-'`);
  return name.toLowerCase();
}

/** Write kernel.json and the logos; returns the kernelspec dir. */
export function install(opts: InstallOptions = {}): { dir: string; spec: KernelSpec } {
  const name = checkName(opts.name ?? DEFAULT_NAME);
  const dir = join(kernelsDir(opts), name);
  const spec = kernelSpec(opts);
  if (!opts.entry && !existsSync(defaultEntry())) {
    throw new Error(`kernel entry ${defaultEntry()} does not exist: run \`npm run build\` first`);
  }
  const snapshot = chosenSnapshot(opts);
  if (snapshot && !snapshotIsCurrent(snapshot, opts.node)) {
    const failed = buildSnapshot(snapshot, opts.node);
    if (failed)
      process.stderr.write(`gradlab install: the kernel will start without a startup snapshot (slower): ${failed}\n`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  writeFileSync(join(dir, "logo-32x32.png"), logoPng(32));
  writeFileSync(join(dir, "logo-64x64.png"), logoPng(64));
  return { dir, spec };
}

/**
 * Remove the kernelspec. With a location flag only from there; without one, from every dir
 * Jupyter searches (as `jupyter kernelspec remove` does). Returns the dirs removed.
 */
export function uninstall(opts: InstallOptions = {}): string[] {
  const name = checkName(opts.name ?? DEFAULT_NAME);
  const explicit = opts.user || opts.sysPrefix || opts.prefix !== undefined;
  const candidates = explicit ? [join(kernelsDir(opts), name)] : jupyterPath(opts.env ?? process.env, "kernels", name);
  const removed: string[] = [];
  for (const dir of candidates) {
    if (!existsSync(join(dir, "kernel.json"))) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

export function parseInstallArgs(args: readonly string[]): InstallOptions {
  const opts: InstallOptions = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--user":
        opts.user = true;
        break;
      case "--sys-prefix":
        opts.sysPrefix = true;
        break;
      case "--prefix":
        opts.prefix = value();
        break;
      case "--name":
        opts.name = value();
        break;
      case "--display-name":
        opts.displayName = value();
        break;
      case "--interrupt-mode": {
        const m = value();
        if (m !== "signal" && m !== "message") throw new Error("--interrupt-mode must be 'signal' or 'message'");
        opts.interruptMode = m;
        break;
      }
      default:
        throw new Error(`unknown option '${args[i]}'`);
    }
  }
  return opts;
}

/** `gradlab install ...`; returns the exit code. */
export function installCli(args: readonly string[]): number {
  try {
    const { dir, spec } = install(parseInstallArgs(args));
    console.log(`Installed kernelspec '${dir.split(/[\\/]/).pop()}' (${spec.display_name}) in ${dir}`);
    return 0;
  } catch (e) {
    console.error(`gradlab install: ${(e as Error).message}`);
    return 2;
  }
}

/** `gradlab uninstall ...`; returns the exit code. */
export function uninstallCli(args: readonly string[]): number {
  try {
    const removed = uninstall(parseInstallArgs(args));
    if (removed.length === 0) {
      console.error("gradlab uninstall: no gradlab kernelspec found");
      return 1;
    }
    for (const d of removed) console.log(`Removed ${d}`);
    return 0;
  } catch (e) {
    console.error(`gradlab uninstall: ${(e as Error).message}`);
    return 2;
  }
}

// ---------------------------------------------------------------- the logo, drawn in code

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** An RGBA PNG from a pixel function (the minimal encoder: filter 0, one IDAT). */
export function encodePng(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/** The gradlab logo: an orange nabla (the gradient) on TypeScript blue, anti-aliased. */
export function logoPng(size: number): Buffer {
  const blue = [0x31, 0x78, 0xc6];
  const orange = [0xee, 0x4c, 0x2c];
  const tri: [number, number][] = [
    [0.2, 0.27],
    [0.8, 0.27],
    [0.5, 0.8],
  ];
  const edgeDist = (px: number, py: number) => {
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const [ax, ay] = tri[i]!;
      const [bx, by] = tri[(i + 1) % 3]!;
      const [cx, cy] = tri[(i + 2) % 3]!;
      const nx = by - ay,
        ny = ax - bx;
      const len = Math.hypot(nx, ny);
      const side = Math.sign(nx * (cx - ax) + ny * (cy - ay));
      min = Math.min(min, (side * (nx * (px - ax) + ny * (py - ay))) / len);
    }
    return min; // > 0 inside the triangle: distance to the nearest edge
  };
  const SS = 4;
  return encodePng(size, (x, y) => {
    let bg = 0,
      fg = 0;
    for (let i = 0; i < SS; i++) {
      for (let j = 0; j < SS; j++) {
        const u = (x + (i + 0.5) / SS) / size,
          v = (y + (j + 0.5) / SS) / size;
        const r = 0.18,
          cx = Math.min(Math.max(u, r), 1 - r),
          cy = Math.min(Math.max(v, r), 1 - r);
        if (Math.hypot(u - cx, v - cy) > r) continue;
        bg++;
        const d = edgeDist(u, v);
        if (d > 0 && d < 0.085) fg++;
      }
    }
    const n = SS * SS;
    const mix = (k: number) => Math.round((blue[k]! * (bg - fg) + orange[k]! * fg) / Math.max(bg, 1));
    return [mix(0), mix(1), mix(2), Math.round((255 * bg) / n)];
  });
}
