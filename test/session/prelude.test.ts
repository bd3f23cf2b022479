import { expect, test } from "vitest";
import { PRELUDE, isModuleRow } from "../../kernel/session/prelude.js";
import { createSession } from "../../kernel/session/session.js";
import { recordingSink } from "./sink.js";

test("every prelude row has a value in a session's scope", async () => {
  const s = createSession();
  await s.ready;
  for (const row of PRELUDE) expect(s.scope[row.name], row.name).toBeDefined();
});

test("every prelude row is declared for cells, with the type of its module's export", async () => {
  const s = createSession();
  const sink = recordingSink();
  // A use of each name type-checks; module rows have their export's type (torch.ones is a function).
  const uses = PRELUDE.map((row) => `typeof ${row.name}`).join(", ");
  expect(await s.execute(`[${uses}].length`, sink)).toMatchObject({
    status: "ok",
    result: { "text/plain": String(PRELUDE.length) },
  });
  const modules = PRELUDE.filter(isModuleRow).map((r) => r.name);
  expect(modules).toContain("torch");
  expect(await s.execute("const o: number = torch.ones(2).sum().item(); np.arange(3).size", sink)).toMatchObject({
    status: "ok",
    result: { "text/plain": "3" },
  });
});
