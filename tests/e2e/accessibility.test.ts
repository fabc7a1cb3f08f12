/**
 * axe-core over every main screen, at a 360 px phone width: onboarding, the recovery words, home
 * (empty and with a group), each group tab with content in it — in English and in Spanish —, recovery
 * from the 24 words with an error showing, adding another device, and the private journal's three
 * screens (the entry with an error showing, My progress with its charts, What you share).
 * Zero serious or critical violations.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import {
  addLifeGoal,
  addProgress,
  createCircle,
  openTab,
  postCheckIn,
  postOffer,
  setUpGroup,
  type Tab,
} from "@porch/testing/life-page";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { fillMonth, monthFromNow, openJournal, typeAnswers } from "@porch/testing/journal-page";
import { onboard } from "@porch/testing/porch-page";

let relay: RelayProcess;
let browser: Browser;
const PHONE = { viewport: { width: 360, height: 740 } };

/** Serious and critical violations on the page, as readable lines (empty when there are none). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe("every main screen passes axe", () => {
  it("onboarding, recovery words and the empty home screen", async () => {
    const { page, context }: Device = await newDevice(browser, relay.url, PHONE);
    await page.goto("/");
    await page.getByTestId("onboard-name").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId("onboard-lang-en").click();
    await page.getByTestId("onboard-name").fill("Ana");
    await page.getByTestId("onboard-submit").click();
    await page.getByTestId("recovery-phrase").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId("recovery-confirm").check();
    await page.getByTestId("recovery-continue").click();
    await page.getByTestId("create-group-name").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("recovery from the 24 words (with an error on screen) and adding another device", async () => {
    const fresh: Device = await newDevice(browser, relay.url, PHONE);
    await fresh.page.goto("/#/recover");
    await fresh.page.getByTestId("recover-phrase").fill("these are not my words");
    await fresh.page.getByTestId("recover-submit").click();
    await fresh.page.getByTestId("error").waitFor();
    expect(await seriousViolations(fresh.page)).toEqual([]);
    await fresh.context.close();

    const { page, context }: Device = await newDevice(browser, relay.url, PHONE);
    await page.goto("/");
    await page.getByTestId("onboard-name").fill("Dee");
    await page.getByTestId("onboard-submit").click();
    await page.getByTestId("recovery-confirm").check();
    await page.getByTestId("recovery-continue").click();
    await page.goto("/#/devices");
    await page.getByTestId("device-link-button").click();
    await page.getByTestId("device-link").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("home with a group, and each group tab with content, in English and Spanish", async () => {
    const [ana, ben] = (await setUpGroup(browser, relay.url, "Maple Street Families", ["Ana", "Ben"])) as [
      Device,
      Device,
    ];
    for (const d of [ana, ben]) await d.page.setViewportSize(PHONE.viewport);
    await addLifeGoal(ana.page, { title: "Emergency fund", target: 1500, percentOnly: true });
    await addProgress(ana.page, "Emergency fund", { amount: 600, note: "Tax refund" });
    await openTab(ana.page, "checkins");
    await postCheckIn(ana.page, { wins: "Paid rent on time", asks: "Rides to the clinic?" });
    await openTab(ana.page, "offers");
    await postOffer(ana.page, { kind: "offer", category: "meals", description: "Tamales for two families" });
    await openTab(ana.page, "circles");
    await createCircle(ana.page, { name: "Spring circle", members: ["Ben"], amount: 100 });
    await ben.page.getByTestId("tab-circles").click();
    await ben.page.getByTestId("circle").waitFor({ timeout: 20_000 });

    const tabs: Tab[] = ["goals", "checkins", "offers", "circles"];
    for (const lang of ["en", "es"]) {
      for (const d of [ana, ben]) {
        for (const tab of tabs) {
          await openTab(d.page, tab);
          expect({ lang, tab, violations: await seriousViolations(d.page) }).toEqual({ lang, tab, violations: [] });
        }
      }
      await ana.page.goto("/");
      await ana.page.getByTestId("group-link").waitFor();
      expect(await seriousViolations(ana.page)).toEqual([]);
      await ana.page.getByTestId("group-link").click();
      await ana.page.getByTestId("group-name").waitFor();
      for (const d of [ana, ben]) await d.page.getByTestId("lang-switch").click();
    }
  });

  it("the journal, My progress (with charts) and What you share, with an error showing, in English and Spanish", async () => {
    const { page, context }: Device = await newDevice(browser, relay.url, PHONE);
    await onboard(page, "Eva");
    await fillMonth(page, monthFromNow(-1), { "income.wages": "2000", "assets.cash": "300", "housing.status": "rent" });
    await fillMonth(page, monthFromNow(0), {
      "income.wages": "2100",
      "debts.medical": "250",
      reflection: "A good month",
    });
    for (const lang of ["en", "es"]) {
      await openJournal(page);
      await typeAnswers(page, { "income.other": "abc" });
      await page.getByTestId("journal-save").click();
      await page.getByTestId("error").first().waitFor();
      expect({ lang, screen: "journal", violations: await seriousViolations(page) }).toEqual({
        lang,
        screen: "journal",
        violations: [],
      });
      await openJournal(page, "progress");
      await page.getByTestId("progress-chart-income").locator("canvas").first().waitFor();
      expect({ lang, screen: "progress", violations: await seriousViolations(page) }).toEqual({
        lang,
        screen: "progress",
        violations: [],
      });
      await openJournal(page, "sharing");
      await page.getByTestId("consent-org-income.wages").setChecked(true);
      await page.getByTestId("consent-preview-item").first().waitFor();
      expect({ lang, screen: "sharing", violations: await seriousViolations(page) }).toEqual({
        lang,
        screen: "sharing",
        violations: [],
      });
      await page.getByTestId("lang-switch").click();
    }
    await context.close();
  });

  it("tabs follow the ARIA pattern: arrow keys move and select", async () => {
    const [ana] = (await setUpGroup(browser, relay.url, "Keyboard Club", ["Ana"])) as [Device];
    await ana.page.getByTestId("tab-goals").focus();
    await ana.page.keyboard.press("ArrowRight");
    await ana.page.getByTestId("panel-checkins").waitFor();
    expect(await ana.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("tab-checkins");
    await ana.page.keyboard.press("End");
    await ana.page.getByTestId("panel-circles").waitFor();
    await ana.page.keyboard.press("ArrowRight");
    await ana.page.getByTestId("panel-goals").waitFor();
    expect(await ana.page.getByTestId("tab-goals").getAttribute("aria-selected")).toBe("true");
    expect(await ana.page.getByTestId("tab-circles").getAttribute("tabindex")).toBe("-1");
  });
});
