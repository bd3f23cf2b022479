import { describe, expect, test } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { normaliseAddresses, runSnippet } from "../support/run_ts.js";

interface Case {
  name: string;
  py: string;
  ts: string;
  expected: string;
}
interface Golden {
  torch: string;
  cases_module: string;
  cases: Case[];
}

const dir = new URL("./", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith("_cases.json"));

for (const f of files) {
  const golden = JSON.parse(readFileSync(new URL(f, dir), "utf8")) as Golden;
  describe(`${golden.cases_module}: output matches real PyTorch ${golden.torch}`, () => {
    for (const c of golden.cases) {
      test(c.name, () => {
        expect(normaliseAddresses(runSnippet(c.ts))).toBe(normaliseAddresses(c.expected));
      });
    }
  });
}
