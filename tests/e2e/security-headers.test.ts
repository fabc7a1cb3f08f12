/**
 * The relay's Content-Security-Policy in real Chromium: the member app (onboarding, a group with a goal
 * and its invitation QR code, the journal's progress chart, the service worker, a reload) and the
 * organization's dashboard (`/org`: its key, a cohort and its QR code, the relay connection) run with
 * zero violations — no `securitypolicyviolation` event in the pages, no CSP message in their console,
 * and no violation report (`report-uri`, which workers send too) logged by the relay. The WebSocket is allowed by `connect-src 'self'`
 * alone (the indicator reaches "synced"). A negative control proves the listener hears violations.
 * Also checks the published build hashes against the files the relay serves.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import { fillMonth, monthFromNow, openJournal } from "@porch/testing/journal-page";
import { addGoal, createGroup, onboard, waitForSync } from "@porch/testing/porch-page";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

let relay: RelayProcess;
let browser: Browser;

/** Every CSP complaint a context's pages and workers make (violation events and console messages). */
function listen(context: BrowserContext): string[] {
  const heard: string[] = [];
  const onConsole = (where: string) => (message: ConsoleMessage) => {
    const text = message.text();
    if (/Content Security Policy|securitypolicyviolation|Refused to/i.test(text)) heard.push(`${where}: ${text}`);
  };
  context.on("console", onConsole("page"));
  context.on("weberror", (error) => heard.push(`page error: ${error.error().message}`));
  const onPage = (page: Page) =>
    page.on("worker", (worker) => worker.on("console", onConsole(`worker ${worker.url()}`)));
  context.pages().forEach(onPage);
  context.on("page", onPage);
  context.on("serviceworker", (worker) => worker.on("console", onConsole("service worker")));
  void context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(
        `securitypolicyviolation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });
  return heard;
}

/** Violation reports the relay logged (`[relay] csp-violation: <directive> <origin>`) since `from`. */
const reported = (from: number) =>
  relay
    .logs()
    .slice(from)
    .split("\n")
    .filter((l) => l.includes("csp-violation"));
const SENTINEL = "https://csp-sentinel.invalid";
/**
 * Reports are sent asynchronously, so "none arrived" means nothing until something later did: the page
 * makes one deliberate violation (a request to the sentinel origin, refused by connect-src) and we
 * wait for the relay to log its report. The app's own violations, made earlier, would be reported
 * before it. Returns what the page and the relay heard other than the sentinel.
 */
async function afterSentinel(page: Page, heard: readonly string[], logFrom: number) {
  await page.evaluate((url) => fetch(url).catch(() => undefined), SENTINEL);
  await expect.poll(() => reported(logFrom).join("\n"), { timeout: 30_000 }).toContain(SENTINEL);
  return {
    heard: heard.filter((line) => !line.includes("csp-sentinel")),
    reported: reported(logFrom).filter((line) => !line.includes("csp-sentinel")),
  };
}

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe("the Content-Security-Policy in Chromium", () => {
  it("the member app runs with zero violations: onboarding, a group, its QR code, the journal's chart, the service worker", async () => {
    const logFrom = relay.logs().length;
    const phone: Device = await newDevice(browser, relay.url, { viewport: { width: 360, height: 740 } });
    const heard = listen(phone.context);
    await phone.page.goto("/");
    expect((await phone.page.request.get("/")).headers()["content-security-policy"]).toContain(
      "script-src 'self' 'wasm-unsafe-eval'",
    );

    await onboard(phone.page, "Ana");
    await createGroup(phone.page, "Porch neighbours");
    await addGoal(phone.page, "Emergency fund", "savings", 500);
    // The WebSocket under connect-src 'self': the change reaches the relay.
    await waitForSync(phone.page, "synced");
    await phone.page.getByTestId("invite-button").click();
    await phone.page.locator(".qr svg").first().waitFor();

    await fillMonth(phone.page, monthFromNow(-1), { "income.wages": "2000", "assets.cash": "300" });
    await fillMonth(phone.page, monthFromNow(0), { "income.wages": "2400", "assets.cash": "450" });
    await openJournal(phone.page, "progress");
    await phone.page.getByTestId("progress-chart-income").locator("canvas").first().waitFor();

    // The service worker installs (Workbox precaches every file), and a reload is served by it.
    await phone.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await phone.page.reload();
    await phone.page.getByTestId("sync-status").waitFor();
    await waitForSync(phone.page, "synced");
    expect(await afterSentinel(phone.page, heard, logFrom)).toEqual({ heard: [], reported: [] });
    await phone.context.close();
  });

  it("the organization's dashboard (/org) runs with zero violations: its key, a cohort with its QR code, the relay connection", async () => {
    const logFrom = relay.logs().length;
    const org = await newDevice(browser, relay.url, { viewport: { width: 1280, height: 900 } });
    const heard = listen(org.context);
    await org.page.goto("/org");
    await org.page.getByTestId("org-create-key").click();
    await org.page.getByTestId("org-words-confirm").check();
    await org.page.getByTestId("org-words-continue").click();
    await org.page.getByTestId("org-connection").filter({ hasText: "Connected to the relay" }).waitFor();
    await org.page.getByTestId("cohort-name").fill("CSP cohort");
    await org.page.getByTestId("cohort-create").click();
    await org.page.getByTestId("cohort-title").filter({ hasText: "CSP cohort" }).waitFor();
    await org.page.locator(".qr svg").first().waitFor();
    expect(await afterSentinel(org.page, heard, logFrom)).toEqual({ heard: [], reported: [] });
    await org.context.close();
  });

  it("a violation would be heard (negative control): an inline script and a foreign connection are refused and reported", async () => {
    const logFrom = relay.logs().length;
    const probe = await newDevice(browser, relay.url);
    const heard = listen(probe.context);
    await probe.page.goto("/");
    const fetched = await probe.page.evaluate(async () => {
      const inline = document.createElement("script");
      inline.textContent = "window.inlineRan = true";
      document.head.append(inline);
      // Refused by connect-src before any request leaves the browser.
      return fetch("https://example.invalid/x").then(
        () => "fetched",
        (e: Error) => e.name,
      );
    });
    expect(fetched).toBe("TypeError");
    expect(await probe.page.evaluate(() => "inlineRan" in window)).toBe(false);
    await expect.poll(() => heard.join("\n")).toMatch(/script-src/);
    await expect.poll(() => heard.join("\n")).toMatch(/connect-src/);
    // The relay heard of both, as a directive and an origin only.
    await expect.poll(() => reported(logFrom).join("\n")).toMatch(/csp-violation: script-src-elem inline/);
    await expect
      .poll(() => reported(logFrom).join("\n"))
      .toMatch(/csp-violation: connect-src https:\/\/example\.invalid/);
    await probe.context.close();
  });
});

describe("the published build hashes", () => {
  it("/.well-known/porch-build.json lists every file the relay serves, with its SHA-256", async () => {
    const res = await fetch(`${relay.url}/.well-known/porch-build.json`);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const manifest = (await res.json()) as { digest: string; files: Record<string, string> };
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining(["/index.html", "/org.html", "/sw.js"]));
    expect(Object.keys(manifest.files).some((p) => p.endsWith(".wasm"))).toBe(true);
    for (const [path, hash] of Object.entries(manifest.files)) {
      const file = await fetch(`${relay.url}${path}`, { headers: { "Accept-Encoding": "identity" } });
      expect(file.status, path).toBe(200);
      expect(
        createHash("sha256")
          .update(Buffer.from(await file.arrayBuffer()))
          .digest("hex"),
        path,
      ).toBe(hash);
    }
  });
});
