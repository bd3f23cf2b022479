/**
 * The TypeScript lib files a notebook uses (es2023 and what it references: about 60 files),
 * joined into one declaration file. Every cell builds a new program and type checker, and
 * both cost per file: the program looks each file up again, and the checker merges each lib
 * file's globals anew, cloning every interface that several lib files extend (Array, Promise,
 * ...). One file bound once has them merged already. The declarations are the same, so the
 * checker sees the same global types; only a message that names a lib file names this one.
 */
import ts from "./ts.cjs";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface LibBundle {
  /** A path in TypeScript's lib folder (in memory only). */
  path: string;
  text: string;
  /** Stable across processes, so the startup snapshot's registry can hold the parsed file. */
  version: string;
}

const REFERENCE = /^\/\/\/\s*<reference\s+lib=["']([^"']+)["']\s*\/>\s*$/;
const NO_DEFAULT_LIB = /^\/\/\/\s*<reference\s+no-default-lib=["']true["']\s*\/>\s*$/;

const cache = new Map<string, LibBundle>();

/**
 * The bundle of `libs` (file names as in compiler options: "lib.es2023.d.ts"), each file after
 * the files it references, each once; undefined when a lib cannot be found (TypeScript then
 * loads the libs itself).
 */
export function libBundle(libs: readonly string[]): LibBundle | undefined {
  const key = libs.join(",");
  const hit = cache.get(key);
  if (hit) return hit;
  const dir = dirname(ts.getDefaultLibFilePath({}));
  const seen = new Set<string>();
  const parts: string[] = [];
  const add = (file: string): boolean => {
    if (seen.has(file)) return true;
    seen.add(file);
    const full = join(dir, file);
    if (!existsSync(full)) return false;
    const body: string[] = [];
    for (const line of readFileSync(full, "utf8").split("\n")) {
      const ref = REFERENCE.exec(line);
      if (ref) {
        if (!add(`lib.${ref[1]!.toLowerCase()}.d.ts`)) return false;
        continue;
      }
      if (!NO_DEFAULT_LIB.test(line)) body.push(line);
    }
    parts.push(`// ---- ${file}\n${body.join("\n")}`);
    return true;
  };
  if (!libs.every((l) => add(l.toLowerCase()))) return undefined;
  // no-default-lib marks the file as the default library, as each of the originals is.
  const text = `/// <reference no-default-lib="true"/>\n${parts.join("\n")}`;
  const version = `${ts.version}:${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
  const bundle = { path: join(dir, `lib.gradlab.${version.split(":")[1]}.d.ts`), text, version };
  cache.set(key, bundle);
  return bundle;
}
