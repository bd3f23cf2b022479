/**
 * `npx gradlab` runs package.json's bin, dist/kernel/cli.js, directly: the build must leave it
 * executable (tsc writes it 0644; a fresh clone's `npx gradlab install` failed with "Permission
 * denied") and it must start with a shebang.
 */
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("the gradlab bin is built executable, with a node shebang", () => {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { bin: Record<string, string> };
  const bin = `${root}${pkg.bin.gradlab}`;
  expect(statSync(bin).mode & 0o111).toBe(0o111);
  expect(readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
});
