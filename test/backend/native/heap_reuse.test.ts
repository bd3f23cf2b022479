/**
 * The addon keeps freed tensor storage in malloc's heap for reuse (native/src/heap_reuse.h): large
 * blocks no longer come from fresh mappings, so a fresh 9 MB product does not pay page faults and
 * zeroing each time. GRADLAB_HEAP_REUSE=0 leaves malloc's defaults.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtAddon } from "./built_addon.js";

const nativeDir = fileURLToPath(new URL("../../../native", import.meta.url));

describe.runIf(process.platform === "linux")("heap reuse (glibc)", () => {
  it("is on when the addon loads", () => {
    expect(builtAddon().addon.info().heapReuse).toBe(true);
  });

  it("is off under GRADLAB_HEAP_REUSE=0", () => {
    const script = `console.log(require("node-gyp-build")(${JSON.stringify(nativeDir)}).info().heapReuse)`;
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, ["-e", script], {
        env: { ...process.env, ...env },
        encoding: "utf8",
      }).trim();
    expect(run({ GRADLAB_HEAP_REUSE: "0" })).toBe("false");
    expect(run({})).toBe("true");
  });
});
