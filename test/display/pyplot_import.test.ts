/**
 * `import { plt } from "gradlab/pyplot"` from a plain TypeScript project that depends on gradlab:
 * the subpath export resolves for tsc (NodeNext) and for node, on the built package (dist/, as
 * `npm install` builds it).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const BUILT = existsSync(join(ROOT, "dist", "kernel", "display", "pyplot", "index.js"));

test.skipIf(!BUILT)(
  "a TypeScript program imports plt from gradlab/pyplot, type-checks and saves a figure",
  () => {
    const project = mkdtempSync(join(tmpdir(), "gradlab-pyplot-import-"));
    mkdirSync(join(project, "node_modules"));
    symlinkSync(ROOT, join(project, "node_modules", "gradlab"), "dir");
    writeFileSync(join(project, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          skipLibCheck: true,
          lib: ["ES2022", "DOM"],
          types: [],
        },
        files: ["main.ts"],
      }),
    );
    writeFileSync(
      join(project, "main.ts"),
      [
        'import { plt } from "gradlab/pyplot";',
        'import * as torch from "gradlab";',
        "const x = torch.linspace(0, 1, 5);",
        'plt.plot(x, x.mul(2), "r--", { label: "2x" });',
        "const [fig, axes] = plt.subplots(2, 2);",
        'axes[0][1].set_title("top right");',
        'console.log(String(fig), plt.savefig("fig.html"));',
      ].join("\n"),
    );
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", project], {
      cwd: project,
      stdio: "pipe",
    });
    const out = execFileSync(process.execPath, [join(project, "main.js")], { cwd: project, encoding: "utf8" });
    expect(out.trim()).toBe("<Figure size 640x480 with 4 Axes> fig.html");
    expect(readFileSync(join(project, "fig.html"), "utf8")).toContain('"text":"top right"');
  },
  120_000,
);
