/**
 * The organization's dashboard (`/org`) in real Chromium against a real relay, the organization being
 * only the browser: it creates its key (the 24 words shown once), creates a cohort and reads the
 * enrolment link off the page. Thirty simulated families in six friend groups enrol with that link
 * (real identities, groups and cohort agents in Node: @porch/testing/cohort-sim). Then:
 *
 * - the organization opens a round for the cohort file's latest month and closes each step when the
 *   page says it is ready (waiting on the page's words, never on time), until it reads "Published";
 * - the release appears with the relay's signature verified, its series table, a bar chart with its
 *   data table, and hidden figures as hidden ("not enough contributors" below 200 families);
 * - "Download CSV" saves the release with its series rows; the participation list names the 30
 *   families with their friend groups;
 * - axe finds no serious or critical violation at 360 px, in English and in Spanish, on the sign-in
 *   screen, the cohort and the release (a question opened);
 * - signing out forgets the key (the `porch-org` database is gone) and the words sign back in.
 *
 * PORCH_SCREENSHOTS=<dir> saves each screen at 360 and 1280 px in both languages there.
 */
import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readySodium } from "@porch/shared";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import { simulatedCohort } from "@porch/testing/cohort-data";
import { enrolFamilies } from "@porch/testing/cohort-sim";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

const FAMILIES = 30;
const GROUPS = 6;
/** cohort-sim's default: the first 2 families of each group volunteer. */
const VOLUNTEERS = GROUPS * 2;
const file = simulatedCohort({ families: FAMILIES, groups: GROUPS, months: 13 });
const period = file.families
  .flatMap((f) => Object.keys(f.months))
  .sort()
  .at(-1)!;

let relay: RelayProcess;
let browser: Browser;
let org: Device;
let words: string[] = [];
let cohortUrl = "";
let closeFamilies: () => void = () => {};
const shots = process.env.PORCH_SCREENSHOTS;

/** Serious and critical violations on the page, as readable lines (empty when there are none). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** With PORCH_SCREENSHOTS set: the page at 360 and 1280 px, in English and Spanish, in screen-high tiles. */
async function screenshots(page: Page, name: string): Promise<void> {
  if (shots === undefined) return;
  const size = page.viewportSize()!;
  for (const lang of ["en", "es"] as const) {
    await setLang(page, lang);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, i = 1; y < height; y += 800, i++)
        await page.screenshot({
          path: join(shots, `${name}-${lang}-${width}-${i}.png`),
          fullPage: true,
          clip: { x: 0, y, width, height: Math.min(800, height - y) },
        });
    }
  }
  await setLang(page, "en");
  await page.setViewportSize(size);
}

async function setLang(page: Page, lang: "en" | "es"): Promise<void> {
  if ((await page.getAttribute("html", "lang")) !== lang) await page.getByTestId("lang-switch").click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** The round's card on the page. */
const roundCard = (page: Page) => page.locator(`[data-testid="round"][data-period="${period}"]`);

/** Waits until the round's progress sentence reads `text` (the page re-reads on every relay push). */
async function roundSays(page: Page, text: string | RegExp): Promise<void> {
  await roundCard(page).getByTestId("round-status").filter({ hasText: text }).waitFor({ timeout: 90_000 });
}

/** "Close this step now", then "Yes, close it now" (with `shot`, a screenshot of the question between). */
async function closeStep(page: Page, shot?: string): Promise<void> {
  await roundCard(page).getByTestId("round-advance").click();
  if (shot !== undefined) await screenshots(page, shot);
  await roundCard(page).getByTestId("round-advance-yes").click();
}

beforeAll(async () => {
  await readySodium();
  relay = await startRelay();
  browser = await launchBrowser();
  org = await newDevice(browser, relay.url, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
});

afterAll(async () => {
  closeFamilies();
  await browser?.close();
  await relay?.stop();
});

describe("the organization's dashboard", () => {
  it("creates the organization's key, shown once as 24 words, and a cohort whose enrolment link the families use", async () => {
    const { page } = org;
    await page.goto("/org");
    await page.getByTestId("org-create-key").click();
    words = (await page.getByTestId("org-words").locator(".recovery-word").allTextContents()).map((w) => w.trim());
    expect(words).toHaveLength(24);
    // Continue stays disabled until the words are confirmed as written down.
    await expect(page.getByTestId("org-words-continue").isDisabled()).resolves.toBe(true);
    await page.getByTestId("org-words-confirm").check();
    await page.getByTestId("org-words-continue").click();
    await page.getByTestId("org-connection").filter({ hasText: "Connected to the relay" }).waitFor();
    // The member app's database is never opened by the dashboard.
    expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).toEqual(["porch-org"]);

    await page.getByTestId("cohort-name").fill("Eastside savings 2026");
    await page.getByTestId("cohort-create").click();
    await page.getByTestId("cohort-title").filter({ hasText: "Eastside savings 2026" }).waitFor();
    cohortUrl = page.url();
    const enrolLink = await page.getByTestId("enrol-link").inputValue();
    expect(enrolLink.startsWith(`${relay.url}/#/enrol/`)).toBe(true);
    expect(await page.locator(".qr svg").count()).toBe(1);

    const families = await enrolFamilies(file, { syncUrl: relay.syncUrl, enrolLink });
    closeFamilies = families.close;
    // The page re-reads the cohort on the relay's pushes: every family appears, by friend group.
    await page.getByText(`${FAMILIES} families enrolled`).first().waitFor();
    const names = await page.getByTestId("participants").locator("li").allTextContents();
    expect(names.sort()).toEqual(file.families.map((f) => f.id).sort());
    expect(await page.getByTestId("participants").locator("h3").count()).toBe(GROUPS);
    await screenshots(page, "cohort");
  });

  it("opens a round for the file's latest month and closes each step when the page says it is ready", async () => {
    const { page } = org;
    // Deadlines out of order are refused before anything is sent.
    const freezes = await page.getByTestId("round-freezesAt").inputValue();
    const partials = await page.getByTestId("round-partialsBy").inputValue();
    await page.getByTestId("round-partialsBy").fill(freezes);
    await page.getByTestId("round-open").click();
    await page.getByTestId("error").filter({ hasText: "Steward totals must close after reports close." }).waitFor();
    expect(await roundCard(page).count()).toBe(0);

    await page.getByTestId("round-partialsBy").fill(partials);
    await page.getByTestId("round-period").fill(period);
    await page.getByTestId("round-open").click();
    await roundSays(page, `Volunteers are signing up (${VOLUNTEERS} so far)`);
    await closeStep(page, "round-volunteering");

    // The lottery draws and the stewards accept by themselves; then the families report.
    await roundSays(page, `Reports received: ${FAMILIES}`);
    await closeStep(page);

    // The stewards post both parts of their totals; the relay publishes once all have.
    await roundSays(page, "Published");
    expect(await roundCard(page).getAttribute("data-phase")).toBe("published");
    await screenshots(page, "round-published");
  });

  it("shows the release, signed by the relay, with its tables and charts, and downloads it", async () => {
    const { page } = org;
    await roundCard(page).getByTestId("round-release-link").click();
    await page.getByTestId("release-title").waitFor();
    expect(await page.getByTestId("release-signed").getAttribute("data-signed")).toBe("true");
    expect(await page.getByTestId("release-summary").textContent()).toBe(
      `${FAMILIES} families contributed, from ${GROUPS} friend groups.`,
    );

    const series = page.getByTestId("series-table");
    expect(await series.locator("tbody tr").count()).toBe(4);
    const income = series.locator('tr[data-series="income"]');
    expect(await income.locator("th").textContent()).toBe("Total monthly income");
    // 30 families: the count is shown, dollar figures are not (they need 200).
    expect(await income.locator("td").first().textContent()).toBe(String(FAMILIES));
    expect(await income.locator("td").nth(1).textContent()).toBe("not enough contributors");

    const chart = page.getByTestId("series-income-histogram-chart").locator("svg");
    expect(await chart.getAttribute("role")).toBe("img");
    expect(await chart.getAttribute("aria-label")).toContain("Total monthly income");
    const table = page.getByTestId("series-income-histogram-table");
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(3);
    expect(await chart.locator("rect.bar, rect.bar-hidden, rect.bar-unknown").count()).toBe(
      await table.locator("tbody tr").count(),
    );

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
    expect(csv.suggestedFilename()).toBe(`porch-eastside-savings-2026-${period}-release.csv`);
    const lines = (await readFile((await csv.path())!, "utf8")).trimEnd().split("\r\n");
    expect(lines[0]).toBe("kind,name,label,statistic,bucket_min,bucket_max,bucket,value");
    expect(lines).toContain(`release,,,contributors,,,,${FAMILIES}`);
    for (const s of [
      ["income", "Total monthly income"],
      ["assets", "Total assets"],
      ["debts", "Total debts"],
      ["netWorth", "Net worth"],
    ])
      expect(lines).toContain(`series,${s[0]},${s[1]},contributors,,,,${FAMILIES}`);
    expect(lines).toContain("series,income,Total monthly income,sum,,,,not enough contributors");

    const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-json").click()]);
    const published = JSON.parse(await readFile((await json.path())!, "utf8"));
    expect(published).toMatchObject({ period, releaseSigned: true, release: { withheld: false, groups: GROUPS } });

    const [participation] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download-participation").click(),
    ]);
    const rows = (await readFile((await participation.path())!, "utf8")).trimEnd().split("\r\n");
    expect(rows[0]).toBe("name,friend_group_id,member_id");
    expect(
      rows
        .slice(1)
        .map((r) => r.split(",")[0])
        .sort(),
    ).toEqual(file.families.map((f) => f.id).sort());
    expect(new Set(rows.slice(1).map((r) => r.split(",")[1])).size).toBe(GROUPS);

    await page.getByTestId("field-income.wages").locator("summary").click();
    await page.getByTestId("field-income.wages-histogram-table").waitFor();
    await screenshots(page, "release");
  });

  it("has no serious or critical axe violation at 360 px, in English and Spanish", async () => {
    const { page } = org;
    await page.setViewportSize({ width: 360, height: 740 });
    for (const url of [page.url(), cohortUrl]) {
      await page.goto(url);
      await page.locator("[data-testid=release-title], [data-testid=cohort-title]").waitFor();
      const details = page.getByTestId("field-housing.status");
      if ((await details.count()) > 0) await details.locator("summary").click();
      for (const lang of ["en", "es"] as const) {
        await setLang(page, lang);
        expect(await seriousViolations(page), `${url} in ${lang}`).toEqual([]);
      }
      await setLang(page, "en");
    }
    expect(await page.getByTestId("cohort-title").textContent()).toBe("Eastside savings 2026");
  });

  it("signs out (forgetting the key on this device) and signs back in with the 24 words", async () => {
    const { page } = org;
    await page.getByTestId("org-sign-out").click();
    await screenshots(page, "sign-out-confirm");
    await page.getByTestId("org-sign-out-yes").click();
    await page.getByTestId("org-create-key").waitFor();
    expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).toEqual([]);
    await screenshots(page, "sign-in");
    for (const lang of ["en", "es"] as const) {
      await setLang(page, lang);
      expect(await seriousViolations(page), `sign-in in ${lang}`).toEqual([]);
    }
    await setLang(page, "en");

    // A wrong word is named by its position; the right words bring the cohort back.
    const typo = [...words];
    typo[4] = "notaword";
    await page.getByTestId("recover-phrase").fill(typo.join(" "));
    await page.getByTestId("org-sign-in").click();
    await page.getByTestId("error").filter({ hasText: "Word 5 isn't on the list" }).waitFor();
    await page.getByTestId("recover-phrase").fill(words.join(" "));
    await page.getByTestId("org-sign-in").click();
    await page.getByTestId("cohort-list").getByText("Eastside savings 2026").waitFor();
    expect(await page.getByTestId("cohort-list").textContent()).toContain(`${FAMILIES} families enrolled`);
    await screenshots(page, "cohorts");
  });
});
