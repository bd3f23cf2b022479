import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { normaliseAddresses, runSnippet } from "../support/run_ts.js";

interface Case { name: string; py: string; ts: string; expected: string }
const golden = JSON.parse(readFileSync(new URL("./transcripts.json", import.meta.url), "utf8")) as { torch: string; cases: Case[] };

describe(`autograd transcripts match real PyTorch ${golden.torch}`, () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      expect(normaliseAddresses(runSnippet(c.ts))).toBe(normaliseAddresses(c.expected));
    });
  }
});
