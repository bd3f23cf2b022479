/**
 * kernel_info_request: who we are and what language we speak. Answered by the I/O worker
 * itself, so it is immediate even while a cell runs (it may come on control too).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PROTOCOL_VERSION } from "../protocol/messages.js";
import type { Handler } from "./context.js";

function gradlabVersion(): string {
  // Source (kernel/handlers) and build (dist/kernel/handlers) sit at different depths.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    const p = join(dir, "package.json");
    if (!existsSync(p)) continue;
    const pkg = JSON.parse(readFileSync(p, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "gradlab") return pkg.version ?? "0.0.0";
  }
  return "0.0.0";
}

function typescriptVersion(): string {
  try {
    return (createRequire(import.meta.url)("typescript/package.json") as { version: string }).version;
  } catch {
    return "5";
  }
}

let cached: object | null = null;

export function kernelInfoContent(): object {
  if (cached) return cached;
  const version = gradlabVersion();
  const tsVersion = typescriptVersion();
  cached = {
    status: "ok",
    protocol_version: PROTOCOL_VERSION,
    implementation: "gradlab",
    implementation_version: version,
    language_info: {
      name: "typescript",
      version: tsVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      codemirror_mode: { name: "javascript", typescript: true },
      pygments_lexer: "typescript",
      nbconvert_exporter: "script",
    },
    banner:
      `gradlab ${version}: TypeScript ${tsVersion} on Node.js ${process.versions.node}, with PyTorch-style tensors and autograd.\n` +
      "`torch` is in scope; `print(x)` shows PyTorch's output; `torch.ones?` shows the docs.",
    help_links: [
      { text: "gradlab", url: "https://www.npmjs.com/package/gradlab" },
      { text: "PyTorch documentation", url: "https://pytorch.org/docs/stable/index.html" },
      { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
      { text: "Node.js API", url: "https://nodejs.org/api/" },
    ],
    debugger: false,
  };
  return cached;
}

export const kernelInfo: Handler = (ctx, req) => {
  ctx.reply(req, kernelInfoContent());
};
