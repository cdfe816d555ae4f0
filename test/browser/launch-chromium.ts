import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** Debian's Chromium (`.ci/needs-chromium` makes CI install it); the probe's flags for this machine. */
export const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export const chromiumAvailable = existsSync(CHROMIUM);

/** describe, or describe.skip (with a warning) where Chromium is missing outside CI. */
export function describeWithChromium(what: string): jest.Describe {
  if (chromiumAvailable || process.env["CI"]) return describe;
  // eslint-disable-next-line no-console
  console.warn(`${what} browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);
  return describe.skip;
}

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh Chromium profile in Beijing time and Chinese, desktop-sized. Every page's script error,
 * console error and (with `dialogs`) alert() lands in `problems`: an alert would mean follower
 * text ran as script.
 */
export async function launchChromium(name: string, problems: string[], options: { dialogs?: boolean; downloads?: boolean } = {}): Promise<LaunchedChromium> {
  if (!chromiumAvailable) throw new Error(`CI needs ${CHROMIUM} for the ${name} browser test (.ci/needs-chromium installs it)`);
  const profile = mkdtempSync(join(tmpdir(), `${name}-chromium-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    ...(options.downloads ? { acceptDownloads: true } : {}),
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1280, height: 900 },
  });
  context.on("page", (p) => {
    p.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    p.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    if (options.dialogs) {
      p.on("dialog", (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
    }
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
