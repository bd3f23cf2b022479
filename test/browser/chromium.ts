/**
 * Debian's Chromium, headless, driven through the DevTools protocol (chrome-remote-interface):
 * the real browser for what a person looks at. No browser is downloaded; the network is blocked
 * (every host name resolves to nothing except 127.0.0.1, so only file:// pages and local servers
 * load), a fresh profile per launch, and every request the page makes is recorded so a test can
 * show that nothing left the machine.
 *
 *   const browser = await launchChromium();
 *   const page = await browser.open("file:///tmp/x.html");
 *   await page.waitFor("document.querySelectorAll('svg.main-svg').length >= 2");
 *   await page.screenshot("test/browser/artifacts/x.png");
 *   await browser.close();
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const CHROMIUM = process.env.GRADLAB_CHROMIUM ?? "/usr/bin/chromium";

interface CdpClient {
  Page: {
    enable(): Promise<void>;
    navigate(p: { url: string }): Promise<unknown>;
    captureScreenshot(p: { format: "png"; captureBeyondViewport?: boolean }): Promise<{ data: string }>;
  };
  Runtime: {
    enable(): Promise<void>;
    evaluate(p: { expression: string; returnByValue?: boolean; awaitPromise?: boolean }): Promise<{
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>;
    consoleAPICalled(cb: (e: { type: string; args: { value?: unknown; description?: string }[] }) => void): void;
    exceptionThrown(
      cb: (e: { exceptionDetails: { text: string; exception?: { description?: string } } }) => void,
    ): void;
  };
  Network: {
    enable(): Promise<void>;
    requestWillBeSent(cb: (e: { request: { url: string } }) => void): void;
    loadingFailed(cb: (e: { errorText: string; requestId: string }) => void): void;
  };
  Emulation: {
    setDeviceMetricsOverride(p: {
      width: number;
      height: number;
      deviceScaleFactor: number;
      mobile: boolean;
    }): Promise<void>;
  };
  close(): Promise<void>;
}
type Cdp = ((opts: { port: number; target?: string }) => Promise<CdpClient>) & {
  New(opts: { port: number; url?: string }): Promise<{ id: string }>;
};
const CDP = createRequire(import.meta.url)("chrome-remote-interface") as Cdp;

export interface Page {
  /** Every URL the page asked for. */
  readonly requests: string[];
  /** console.error/warn lines and uncaught exceptions. */
  readonly problems: string[];
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Poll an expression until it is truthy; fails with `describe` evaluated for context. */
  waitFor(expression: string, timeoutMs?: number, describe?: string): Promise<void>;
  screenshot(file: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
}

export interface Browser {
  open(url: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** Launch headless Chromium with a fresh profile and the network blocked. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "gradlab-chromium-"));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-default-apps",
      "--disable-sync",
      "--no-default-browser-check",
      "--disable-dev-shm-usage",
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "--remote-allow-origins=*",
      // No network: names resolve to nothing but the loopback address.
      "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost",
      // file:// pages may load other file:// scripts (nbconvert's RequireJS is one).
      "--allow-file-access-from-files",
      "--window-size=1280,1024",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const portFile = join(profile, "DevToolsActivePort");
  const deadline = Date.now() + 60_000;
  while (!existsSync(portFile) || readFileSync(portFile, "utf8").split("\n").length < 2) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`chromium did not start (exit ${child.exitCode}):\n${stderr.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = Number(readFileSync(portFile, "utf8").split("\n")[0]);
  const clients: CdpClient[] = [];

  return {
    async open(url, viewport = { width: 1280, height: 1024 }) {
      const target = await CDP.New({ port });
      const client = await CDP({ port, target: target.id });
      clients.push(client);
      const requests: string[] = [];
      const problems: string[] = [];
      await Promise.all([client.Page.enable(), client.Runtime.enable(), client.Network.enable()]);
      client.Network.requestWillBeSent((e) => requests.push(e.request.url));
      client.Runtime.consoleAPICalled((e) => {
        if (e.type === "error" || e.type === "warning")
          problems.push(`console.${e.type}: ${e.args.map((a) => a.value ?? a.description).join(" ")}`);
      });
      client.Runtime.exceptionThrown((e) =>
        problems.push(`exception: ${e.exceptionDetails.exception?.description ?? e.exceptionDetails.text}`),
      );
      await client.Emulation.setDeviceMetricsOverride({ ...viewport, deviceScaleFactor: 1, mobile: false });
      await client.Page.navigate({ url });
      const page: Page = {
        requests,
        problems,
        async evaluate<T>(expression: string): Promise<T> {
          const r = await client.Runtime.evaluate({ expression, returnByValue: true, awaitPromise: true });
          if (r.exceptionDetails)
            throw new Error(`${expression}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
          return r.result.value as T;
        },
        async waitFor(expression, timeoutMs = 60_000, describe = "document.title") {
          const end = Date.now() + timeoutMs;
          for (;;) {
            const ok = await page.evaluate<boolean>(
              `(() => { try { return Boolean(${expression}); } catch (e) { return false; } })()`,
            );
            if (ok) return;
            if (Date.now() > end) {
              const context = await page
                .evaluate<unknown>(`(() => { try { return ${describe}; } catch (e) { return String(e); } })()`)
                .catch((e: Error) => e.message);
              throw new Error(
                `timed out waiting for ${expression}\ncontext: ${JSON.stringify(context)}\nproblems: ${problems.join("\n")}`,
              );
            }
            await new Promise((r) => setTimeout(r, 250));
          }
        },
        async screenshot(file) {
          const { data } = await client.Page.captureScreenshot({ format: "png", captureBeyondViewport: true });
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, Buffer.from(data, "base64"));
        },
        async setViewport(width, height) {
          await client.Emulation.setDeviceMetricsOverride({ width, height, deviceScaleFactor: 1, mobile: false });
        },
      };
      return page;
    },
    async close() {
      for (const c of clients) await c.close().catch(() => undefined);
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      // Chromium's helper processes may still be writing the profile for a moment.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch {
        /* a temp dir left behind */
      }
    },
  };
}

/** Requests that would have left the machine (anything but file:, data:, blob:, about: and the loopback address). */
export function externalRequests(requests: readonly string[]): string[] {
  return requests.filter(
    (u) =>
      !/^(file|data|blob|about|chrome|devtools):/.test(u) && !/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u),
  );
}
