/**
 * What the kernel's startup snapshot (kernel/snapshot/builder.cts) left in the heap, when this
 * process started from one: the TypeScript compiler, already loaded, and a document registry
 * holding the lib and engine declaration files, already parsed and bound.
 */
import type { Console } from "node:console";
import type ts from "typescript";

export interface SnapshotState {
  ts: typeof ts;
  registry: ts.DocumentRegistry;
  /** The typescript.js the snapshot was built from. */
  typescript: string;
  /**
   * node:console's Console class. NOTE: in a process started from a user-land snapshot, Node 20
   * leaves `Console` undefined on node:console (and on the global console); the class kept from
   * the build works.
   */
  Console: typeof Console;
}

/** The global the builder sets (ts.cts reads it too, by name). */
export const SNAPSHOT_KEY = "__gradlab_snapshot";

export function snapshotState(): SnapshotState | undefined {
  return (globalThis as Record<string, unknown>)[SNAPSHOT_KEY] as SnapshotState | undefined;
}
