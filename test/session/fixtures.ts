/** Where test sessions run: a notebook folder without a tsconfig.json (the repo's own is strict). */
import { fileURLToPath } from "node:url";
import { createSession, type GradlabSession } from "../../kernel/session/session.js";

export const notebookDir = fileURLToPath(new URL("./fixtures/notebook/", import.meta.url));

export function notebookSession(): GradlabSession {
  return createSession({ cwd: notebookDir });
}
