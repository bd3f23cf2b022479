/** gradlab's version, from its package.json (found from here in the source tree and in dist/). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const p = join(dir, "package.json");
    if (!existsSync(p)) continue;
    const pkg = JSON.parse(readFileSync(p, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "gradlab") return pkg.version ?? "0.0.0";
  }
  return "0.0.0";
}

export const VERSION = packageVersion();
