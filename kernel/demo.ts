/** `gradlab demo`: the course's first autograd example, computed by gradlab and printed as PyTorch prints it. */
import * as torch from "../engine/index.js";

export function demo(): void {
  const show = (label: string, v: unknown) => console.log(`>>> ${label}\n${String(v)}`);
  const x = torch.ones(2, 2, { requires_grad: true });
  show("x = torch.ones(2, 2, {requires_grad: true})", x);
  const y = x.add(2);
  show("y = x + 2", y);
  show("y.grad_fn", y.grad_fn);
  const z = y.mul(y).mul(3);
  const out = z.mean();
  show("z = y * y * 3", z);
  show("out = z.mean()", out);
  out.backward();
  show("out.backward(); x.grad", x.grad);
  const a = torch.arange(4, { dtype: torch.float32 }).requires_grad_();
  const b = torch.mul(2, torch.dot(a, a));
  show("a = torch.arange(4.0, {requires_grad: true}); b = 2 * torch.dot(a, a)", b);
  b.backward();
  show("b.backward(); a.grad", a.grad);
  show("a.grad == 4 * a", a.grad!.eq(a.mul(4)));
  torch.manual_seed(0);
  show("torch.manual_seed(0); torch.randn(2, 3)", torch.randn(2, 3));
}
