/**
 * The backends this build knows, in order of preference, and which one is active. A backend is
 * registered with a loader that returns null when it cannot run here (an addon that failed to
 * build or load); the first that loads is the default, and `GRADLAB_BACKEND=<name>` picks one
 * explicitly (an explicit choice that cannot load is an error, not a silent fallback).
 *
 * Adding a backend is one `register_backend` line in backend/index.ts.
 */
import { warnOnce } from "../errors.js";
import type { Backend, BackendGroups, ResolvedBackend } from "./backend.js";

export type BackendLoader = () => Backend | null;

interface Entry {
  name: string;
  load: BackendLoader;
  instance?: ResolvedBackend | null;
  failure?: string;
}

const entries: Entry[] = [];
let active: ResolvedBackend | null = null;
let fallbackGroups: (() => BackendGroups) | null = null;

/** The TypeScript method groups, used for any group a backend leaves out (set once by backend/index.ts). */
export function _setFallbackGroups(groups: () => BackendGroups): void {
  fallbackGroups = groups;
}

/**
 * Register a backend under `name`; `preferred` puts it before the ones registered so far (a fast
 * backend that should be the default when it loads).
 */
export function register_backend(name: string, load: BackendLoader, { preferred = false } = {}): void {
  if (entries.some((e) => e.name === name)) throw new Error(`backend '${name}' registered twice`);
  const e: Entry = { name, load };
  if (preferred) entries.unshift(e);
  else entries.push(e);
}

/** The one place where a backend's missing method groups are filled with the TypeScript ones. */
function resolve(b: Backend): ResolvedBackend {
  const ts = fallbackGroups!();
  const r = b as Backend & Partial<BackendGroups>;
  r.nn ??= ts.nn;
  r.optim ??= ts.optim;
  r.softmax ??= ts.softmax;
  r.indexing ??= ts.indexing;
  return r as ResolvedBackend;
}

function instance(e: Entry): ResolvedBackend | null {
  if (e.instance !== undefined) return e.instance;
  try {
    const b = e.load();
    e.instance = b ? resolve(b) : null;
    if (!b) e.failure = "it is not available on this machine";
  } catch (err) {
    e.instance = null;
    e.failure = (err as Error).message;
  }
  return e.instance;
}

/** Names of the registered backends that load here, in order of preference. */
export function available_backends(): string[] {
  return entries.filter((e) => instance(e) !== null).map((e) => e.name);
}

/** The backend registered as `name`, or an error naming the ones there are. */
export function get_backend(name: string): ResolvedBackend {
  const e = entries.find((x) => x.name === name);
  if (!e)
    throw new Error(
      `unknown backend '${name}': the registered backends are ${entries.map((x) => `'${x.name}'`).join(", ")}`,
    );
  const b = instance(e);
  if (!b) throw new Error(`backend '${name}' cannot be used: ${e.failure}`);
  return b;
}

function pickDefault(): ResolvedBackend {
  const wanted = process.env.GRADLAB_BACKEND;
  if (wanted) return get_backend(wanted);
  for (const e of entries) {
    const b = instance(e);
    if (b) return b;
    // The preferred backend did not load: say so once, and use the next one.
    warnOnce(
      `gradlab's '${e.name}' backend could not be loaded (${e.failure}); using the next one. Set GRADLAB_BACKEND to choose.`,
    );
  }
  throw new Error("no compute backend could be loaded");
}

/** The active compute backend (every method group present). */
export function backend(): ResolvedBackend {
  return active ?? (active = pickDefault());
}

/** Make `b` (a Backend object, or a registered name) the active backend; returns the previous one. */
export function set_backend(b: Backend | string): ResolvedBackend {
  const prev = backend();
  active = typeof b === "string" ? get_backend(b) : resolve(b);
  return prev;
}
