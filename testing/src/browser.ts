import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

/** The system Chromium (Debian's `chromium` package); `npx playwright install` cannot reach its hosts here. */
export const chromiumPath = process.env.PORCH_CHROMIUM ?? "/usr/bin/chromium";

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** One real Chromium per test file; each simulated device gets its own context from `newDevice`. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is needed for the browser tests and was not found at ${chromiumPath}: ` +
        "run `sudo apt-get install -y chromium` or set PORCH_CHROMIUM to a Chromium/Chrome binary.",
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export interface Device {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh device: its own context (IndexedDB, service worker, cookies) and one page, with
 * `baseURL` set so `page.goto("/")` opens the PWA. `context.setOffline(true)` takes it offline.
 */
export async function newDevice(
  browser: Browser,
  baseUrl: string,
  options: BrowserContextOptions = {},
): Promise<Device> {
  const context = await browser.newContext({ baseURL: baseUrl, ...options });
  const page = await context.newPage();
  return { context, page };
}
