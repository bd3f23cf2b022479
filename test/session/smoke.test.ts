import { describe, expect, test } from "vitest";
import { createSession } from "../../kernel/session/session.js";
import { ok, fails, run } from "./sink.js";

describe("smoke", () => {
  const s = createSession();
  test("basic", async () => {
    console.log(await ok(s, "const x = torch.ones(2, 2, {requires_grad: true})\nconst y = x + 2\nconst z = y * y * 3\nconst out = z.mean()\nprint(y.grad_fn)\nout"));
    console.log(await ok(s, "out.backward()\nx.grad"));
    console.log(await ok(s, "y.grad_fn"));
    console.log(await fails(s, "const q = torch.ones(3)\nq.backward()"));
    console.log(await fails(s, "x.foo()"));
    console.log(await ok(s, "function f(a) {\n  let b = a * 2\n  while (b.norm() < 1000) b = b * 2\n  let c\n  if (b.sum() > 0) c = b\n  else c = 100 * b\n  return c\n}\ntorch.manual_seed(0)\nconst a = torch.randn([], {requires_grad: true})\nprint(a)\nconst d = f(a)\nprint(d)\nd.backward()\nprint(a.grad)\nprint(a.grad == d / a)"));
  });
});
