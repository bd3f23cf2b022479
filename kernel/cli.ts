#!/usr/bin/env node
/**
 * The `gradlab` command: `install`/`uninstall` the Jupyter kernelspec, `kernel` (what Jupyter starts),
 * `snapshot` (the kernel's startup snapshot), and `demo`, which walks the course's first autograd example.
 */
import * as torch from "../engine/index.js";

function demo(): void {
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

const [cmd] = process.argv.slice(2);
switch (cmd) {
  case "install":
    process.exit((await import("./install.js")).installCli(process.argv.slice(3)));
    break;
  case "uninstall":
    process.exit((await import("./install.js")).uninstallCli(process.argv.slice(3)));
    break;
  case "kernel": {
    const { connectionFileFromArgv, startKernel } = await import("./kernel.js");
    const file = connectionFileFromArgv(process.argv.slice(3));
    if (!file) { console.error("usage: gradlab kernel <connection_file>"); process.exit(2); }
    await startKernel(file);
    break;
  }
  case "snapshot": {
    // The kernel's startup snapshot (kernel/snapshot/build.ts); a failure is not fatal.
    const { buildSnapshot } = await import("./snapshot/build.js");
    const failed = buildSnapshot();
    if (failed) console.error(`gradlab: no startup snapshot, kernels start without it: ${failed}`);
    break;
  }
  case "demo":
  case undefined:
    demo();
    break;
  case "--version":
    console.log("gradlab 0.1.0");
    break;
  default:
    console.error(`gradlab: unknown command '${cmd}'. Available: demo, install, uninstall, kernel, snapshot, --version`);
    process.exit(2);
}
