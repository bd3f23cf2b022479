/**
 * Maintenance: drop entries of known_failures.json whose golden case now passes.
 * Run: npx vite-node test/golden/prune_known_failures.ts  (or through vitest's runner)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { checkCase, golden, resetGlobals } from "./golden.js";

const path = new URL("./known_failures.json", import.meta.url);
const doc = JSON.parse(readFileSync(path, "utf8")) as { failures: { id: string }[] } & Record<string, unknown>;
const byId = new Map(golden.cases.map((c) => [c.id, c]));
const before = doc.failures.length;
doc.failures = doc.failures.filter((f) => {
  const c = byId.get(f.id);
  if (!c) return true; // op-table entries are checked by the test itself
  let diffs: string[];
  try {
    diffs = checkCase(c);
  } catch (e) {
    diffs = [String(e)];
  } finally {
    resetGlobals();
  }
  return diffs.length > 0;
});
writeFileSync(path, JSON.stringify(doc, null, 1) + "\n");
console.log(`known failures: ${before} -> ${doc.failures.length}`);
