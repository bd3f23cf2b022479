// `node --import ./test/support/register_ts.mjs file.ts`: see ts_loader.mjs.
import { register } from "node:module";
register("./ts_loader.mjs", import.meta.url);
