/**
 * Builds the native addon during `npm install` / `npm ci` (the package's "install" script), unless
 * a prebuilt binary for this platform is present (node-gyp-build's prebuilds/ folder);
 * `npm run build:native` rebuilds it. Compiles
 * against the running Node's own headers (<prefix>/include/node) when they are there, so nothing
 * is downloaded. A failed build is not a failed install: the engine then runs on its TypeScript
 * backend and says so once. GRADLAB_NATIVE_REQUIRED=1 makes a failed build fail the install
 * (for CI, which must prove the addon builds).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** A binary shipped in prebuilds/ for this platform (a local build/ is rebuilt: its sources may have changed). */
function prebuilt() {
  try {
    const found = require("node-gyp-build").path(here);
    return found.includes(`${join(here, "prebuilds")}`) ? found : null;
  } catch {
    return null;
  }
}

/** npm runs scripts with npm_config_node_gyp pointing at its bundled node-gyp; else one next to npm, else on PATH. */
function nodeGyp() {
  const bundled = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), "../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"),
  ];
  for (const js of bundled) if (js && existsSync(js)) return [process.execPath, js];
  return ["node-gyp"];
}

/** The running Node's headers, when installed next to it (Debian, nodejs.org tarballs, nvm). */
function nodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = join(dirname(process.execPath), "..");
  return existsSync(join(prefix, "include/node/node_api.h")) ? prefix : null;
}

if (process.env.GRADLAB_SKIP_NATIVE_BUILD === "1") process.exit(0);
const found = process.argv.includes("--force") ? null : prebuilt();
if (found) {
  console.log(`gradlab: using the native addon at ${found}`);
  process.exit(0);
}
const [cmd, ...pre] = nodeGyp();
const dir = nodeDir();
const args = [...pre, "rebuild", ...(dir ? [`--nodedir=${dir}`] : [])];
const r = spawnSync(cmd, args, { cwd: here, stdio: "inherit" });
if (r.status !== 0) {
  const why = r.error ? r.error.message : `node-gyp exited with ${r.status ?? r.signal}`;
  console.warn(
    `gradlab: the native addon did not build (${why}); gradlab will use its TypeScript backend. ` +
      "Install a C++17 compiler, make and Python 3, then run `npm run build:native` (or `npm rebuild gradlab` where gradlab is a dependency).",
  );
  process.exit(process.env.GRADLAB_NATIVE_REQUIRED === "1" ? 1 : 0);
}
