import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { notebookSession } from "./fixtures.js";
import { addresses, run } from "./sink.js";

interface Expected {
  stdout: string;
  result: string | null;
  error: string | null;
}
interface Case {
  name: string;
  py: string[];
  ts: string[];
  expected: Expected[];
  note: string;
}
const golden = JSON.parse(readFileSync(new URL("./cells.json", import.meta.url), "utf8")) as {
  torch: string;
  cases: Case[];
};

describe(`cells show what IPython shows with PyTorch ${golden.torch}`, () => {
  for (const c of golden.cases) {
    test(c.name, async () => {
      const session = notebookSession();
      for (const [i, code] of c.ts.entries()) {
        const r = await run(session, code);
        const got: Expected = {
          stdout: addresses(r.out.stdout),
          result: r.text === null ? null : addresses(r.text),
          error: r.reply.status === "error" ? `${r.reply.ename}: ${r.reply.evalue}` : null,
        };
        const want = c.expected[i];
        expect(
          got,
          `cell ${i + 1}:\n${code}\n${r.reply.status === "error" ? r.reply.traceback.join("\n") : ""}`,
        ).toEqual({
          stdout: addresses(want.stdout),
          result: want.result === null ? null : addresses(want.result),
          error: want.error,
        });
      }
    });
  }
});
