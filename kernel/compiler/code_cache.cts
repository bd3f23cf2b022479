/**
 * Loading a large CommonJS file with V8's code cache (as v8-compile-cache does; Node 20 has no
 * module.enableCompileCache). typescript.js is 9 MB: compiling it, then compiling lazily each
 * function the first cell's type check reaches, is a large part of a fresh kernel's start-up.
 * The cache is written once the process has warmed up (or on exit, for short runs), so it holds
 * the bytecode of every function the first cells needed. It is keyed by file, size, mtime, Node
 * version and arch; V8 itself rejects a cache made with other flags, and it is then rewritten.
 * Any failure falls back to plain `require`.
 */
import Module = require("node:module");
import vm = require("node:vm");
import fs = require("node:fs");
import os = require("node:os");
import path = require("node:path");
import crypto = require("node:crypto");

interface Loaded {
  script: vm.Script;
  name: string;
  dirs: string[];
  fromCache: boolean /** the cache is still to be written */;
  fresh: boolean;
}
const loaded = new Map<string, Loaded>();

/** When the cache is written in a long-lived process (the kernel): after its warm-up and first cells. */
const SAVE_AFTER_MS = 5000;

/** Where caches live: node_modules/.cache/gradlab above the file's node_modules, else the temp dir. */
function cacheDirs(file: string): string[] {
  const nm = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return [
    ...(nm >= 0 ? [path.join(file.slice(0, nm), "node_modules", ".cache", "gradlab")] : []),
    path.join(os.tmpdir(), `gradlab-cache-${uid}`),
  ];
}

/**
 * Only a folder that this user owns and nobody else can write is trusted: a code cache is
 * bytecode the process will run (the temp-dir fallback must not be plantable by other users).
 */
function trusted(dir: string): boolean {
  try {
    const st = fs.statSync(dir);
    const uid = typeof process.getuid === "function" ? process.getuid() : st.uid;
    return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function cacheKey(file: string): string {
  const st = fs.statSync(file);
  const id = [file, st.size, st.mtimeMs, process.version, process.arch].join("\0");
  return `${path.basename(file)}-${crypto.createHash("sha1").update(id).digest("hex").slice(0, 16)}.v8cache`;
}

/**
 * Put `file` (a CommonJS module) into require's cache, compiled with the code cache when one
 * exists, so a later `require(file)` returns its exports without compiling it again.
 * @param dirs where to look for and write the cache (default: see cacheDirs)
 */
export function preload(file: string, dirs = cacheDirs(file)): void {
  const req = Module.createRequire(file);
  if (req.cache[file]) return;
  try {
    const name = cacheKey(file);
    let cachedData: Buffer | undefined;
    for (const d of dirs) {
      if (!trusted(d)) continue;
      try {
        cachedData = fs.readFileSync(path.join(d, name));
        break;
      } catch {
        /* not cached there */
      }
    }
    const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData });
    const m = cachedModule(file);
    m.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(path.dirname(file));
    const fn = script.runInThisContext() as (...a: unknown[]) => void;
    try {
      fn.call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
    } catch (e) {
      delete req.cache[file];
      throw e;
    }
    m.loaded = true;
    const fresh = !cachedData || script.cachedDataRejected === true;
    loaded.set(file, { script, name, dirs, fromCache: !fresh, fresh });
    if (fresh) {
      // A short run (`gradlab run`, a test) may end before the timer: write the cache on the way out.
      process.once("exit", saveCodeCaches);
      setTimeout(saveCodeCaches, SAVE_AFTER_MS).unref();
    }
  } catch {
    /* plain require will load it */
  }
}

/** Put `exports` into require's cache as the module `file` (a module that is already loaded, e.g. from a startup snapshot). */
export function install(file: string, exports: object): void {
  if (Module.createRequire(file).cache[file]) return;
  const m = cachedModule(file);
  m.exports = exports;
  m.loaded = true;
}

/** A module for `file`, entered in require's cache (a later `require(file)` returns its exports). */
function cachedModule(file: string): Module {
  const m = new Module(file);
  m.filename = file;
  Module.createRequire(file).cache[file] = m;
  return m;
}

/** How `file` was loaded: compiled from its code cache, compiled from source, or not by preload. */
export function loadedFrom(file: string): "code cache" | "source" | null {
  const l = loaded.get(file);
  return !l ? null : l.fromCache ? "code cache" : "source";
}

/** Write the code caches that are missing or stale (once per process and file). */
export function saveCodeCaches(): void {
  for (const l of loaded.values()) {
    if (!l.fresh) continue;
    l.fresh = false;
    for (const dir of l.dirs) {
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        if (!trusted(dir)) continue;
        const tmp = path.join(dir, `${l.name}.${process.pid}.tmp`);
        fs.writeFileSync(tmp, l.script.createCachedData());
        fs.renameSync(tmp, path.join(dir, l.name));
        break;
      } catch {
        /* try the next place */
      }
    }
  }
}
