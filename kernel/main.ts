#!/usr/bin/env node
/**
 * The kernel process that Jupyter starts (kernel.json's argv):
 *   node dist/kernel/main.js -f /path/to/kernel-1234.json
 */
import { connectionFileFromArgv, startKernel } from "./kernel.js";

const file = connectionFileFromArgv(process.argv.slice(2));
if (!file) {
  process.stderr.write("usage: gradlab kernel <connection_file>   (or: node main.js -f <connection_file>)\n");
  process.exit(2);
}
startKernel(file).catch((e: Error) => {
  process.stderr.write(`[gradlab kernel] failed to start: ${e.stack ?? String(e)}\n`);
  process.exit(1);
});
