/**
 * The private monthly journal in real Chromium, as a member uses it: Ana writes three months (relative
 * to today, so no date can pass), sees her progress as amounts and percentages in the tables beside
 * the charts, is told in a sentence what is wrong with a bad amount (and keeps what she typed), chooses
 * what the organization's totals may include and sees exactly that in the preview, links her tablet and
 * recovers on a fresh profile from her 24 words — the journal comes back each time — and reads it all
 * in Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import {
  chooseMonth,
  fillMonth,
  monthFromNow,
  openJournal,
  progressRow,
  typeAnswers,
} from "@porch/testing/journal-page";
import { onboard } from "@porch/testing/porch-page";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

let relay: RelayProcess;
let browser: Browser;
let phone: Device;
let words: string[];
const M2 = monthFromNow(-2);
const M1 = monthFromNow(-1);
const M0 = monthFromNow(0);

const monthName = (month: string, locale = "en-US") => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    Date.UTC(y, m - 1, 1),
  );
};

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  phone = await newDevice(browser, relay.url, { viewport: { width: 360, height: 740 } });
  words = await onboard(phone.page, "Ana");
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

/** Waits until the progress table shows `month` for income with `amount`. */
async function waitForIncome(page: Page, month: string, amount: string): Promise<void> {
  await openJournal(page, "progress");
  await page
    .getByTestId("progress-table-income")
    .locator(`tr[data-month="${month}"]`)
    .filter({ hasText: amount })
    .waitFor({ timeout: 30_000 });
}

describe("Ana's private journal", () => {
  it("home reminds her gently that this month is not written yet", async () => {
    await phone.page
      .getByTestId("home-journal-reminder")
      .filter({ hasText: monthName(M0) })
      .waitFor();
  });

  it("she writes three months and sees her progress as amounts and percentages since her first month", async () => {
    await fillMonth(phone.page, M2, {
      "income.wages": "2,000",
      "assets.cash": "500",
      "debts.creditCards": "1000",
      "household.size": "4",
      "housing.status": "rent",
      "health.insured": true,
    });
    await fillMonth(phone.page, M1, { "income.wages": "2300" });
    await fillMonth(phone.page, M0, {
      "income.wages": "$2,600.00",
      "assets.cash": "1,250.50",
      "debts.creditCards": "800",
      reflection: "We finally fixed the car.",
    });
    await expect(phone.page.getByTestId("journal-reminder").count()).resolves.toBe(0);

    await openJournal(phone.page, "progress");
    expect(await progressRow(phone.page, "income", M2)).toEqual([monthName(M2), "$2,000", "$0 (0%)"]);
    expect(await progressRow(phone.page, "income", M1)).toEqual([monthName(M1), "$2,300", "+$300 (+15%)"]);
    expect(await progressRow(phone.page, "income", M0)).toEqual([monthName(M0), "$2,600", "+$600 (+30%)"]);
    // Net worth: $500 − $1,000 at first; $1,250.50 − $800 now. A month without assets or debts is not zero.
    expect(await progressRow(phone.page, "netWorth", M2)).toEqual([monthName(M2), "-$500", "$0 (0%)"]);
    expect(await progressRow(phone.page, "netWorth", M1)).toEqual([monthName(M1), "Not answered", "n/a"]);
    expect(await progressRow(phone.page, "netWorth", M0)).toEqual([monthName(M0), "$451", "+$951 (+190.1%)"]);
    expect(await phone.page.getByTestId("progress-change-debts").innerText()).toBe("-$200 (-20%)");
    // The chart is drawn (a canvas), and hidden from screen readers: the table carries the numbers.
    await phone.page.getByTestId("progress-chart-income").locator("canvas").first().waitFor();
    expect(await phone.page.getByTestId("progress-chart-income").getAttribute("aria-hidden")).toBe("true");

    // A later baseline: change is measured from there.
    await phone.page.getByTestId("baseline-month").selectOption(M1);
    await phone.page.getByTestId("progress-change-income").filter({ hasText: "+$300 (+13%)" }).waitFor();
    await phone.page.getByTestId("baseline-month").selectOption("");
    await phone.page.getByTestId("progress-change-income").filter({ hasText: "+$600 (+30%)" }).waitFor();
  });

  it("a bad amount gets a sentence under its field, keeps what she typed, and saves nothing", async () => {
    await openJournal(phone.page);
    await chooseMonth(phone.page, M0);
    const monthsOffered = await phone.page
      .getByTestId("journal-month")
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(monthsOffered).not.toContain(monthFromNow(1)); // a future month cannot be chosen
    await typeAnswers(phone.page, { "income.benefits": "abc", "income.other": "-5", "assets.business": "20000000" });
    await phone.page.getByTestId("journal-save").click();
    const errorOf = (field: string) => phone.page.locator(`#journal-${field.replace(".", "-")}-error`);
    await errorOf("income.benefits").filter({ hasText: "Please write an amount in dollars" }).waitFor();
    expect(await errorOf("income.other").innerText()).toContain("can't be negative");
    expect(await errorOf("assets.business").innerText()).toContain("$10,000,000 or less");
    expect(await phone.page.getByTestId("journal-field-income.benefits").inputValue()).toBe("abc");
    expect(await phone.page.getByTestId("journal-field-income.wages").inputValue()).toBe("2,600");
    // The first bad field has the focus, so a keyboard or screen-reader user lands on it.
    expect(await phone.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "journal-field-income.benefits",
    );
    // Nothing was written: income is unchanged.
    await waitForIncome(phone.page, M0, "$2,600");
  });

  it("she chooses what the organization's totals may include, and the preview shows exactly that", async () => {
    await openJournal(phone.page, "sharing");
    await phone.page.getByTestId("consent-preview-empty").waitFor();
    await phone.page.getByTestId("consent-org-income.wages").check();
    await phone.page.getByTestId("consent-org-housing.status").check();
    await phone.page.getByTestId("consent-org-debts.medical").check(); // not answered: nothing to send
    const fields = () =>
      phone.page
        .getByTestId("consent-preview-item")
        .evaluateAll((items) => items.map((i) => i.getAttribute("data-field")));
    await expect.poll(fields).toEqual(["income.wages"]);
    // Housing was answered only in the first month; the preview is of the latest month's answers.
    expect(await phone.page.getByTestId("consent-preview-item").innerText()).toContain("$2,001–$3,000");
    await phone.page.getByTestId("consent-org-income.wages").uncheck();
    await expect.poll(fields).toEqual([]);
    await phone.page.getByTestId("consent-ledger").locator("li").nth(3).waitFor();
    expect(await phone.page.getByTestId("consent-ledger").locator("li").count()).toBe(4);
  });

  it("her tablet, linked from the phone, has the same journal, and what she writes there reaches the phone", async () => {
    await phone.page.evaluate(() => (location.hash = "#/devices"));
    await phone.page.getByTestId("device-link-button").click();
    const link = new URL(await phone.page.getByTestId("device-link").inputValue());
    const tablet = await newDevice(browser, relay.url);
    await tablet.page.goto(link.pathname + link.hash);
    await tablet.page.getByTestId("journal-link").waitFor({ timeout: 30_000 });
    await waitForIncome(tablet.page, M0, "$2,600");
    expect(await progressRow(tablet.page, "netWorth", M0)).toEqual([monthName(M0), "$451", "+$951 (+190.1%)"]);
    await fillMonth(tablet.page, M1, { "income.benefits": "150" });
    await waitForIncome(phone.page, M1, "$2,450");
    // The month's history keeps both saves, newest first, in words.
    await openJournal(phone.page);
    await chooseMonth(phone.page, M1);
    await phone.page.getByTestId("journal-history").locator("summary").click();
    const edits = phone.page.getByTestId("journal-history").locator("ol > li");
    expect(await edits.count()).toBe(2);
    expect(await edits.first().innerText()).toContain("Benefits: (empty) → $150");
  });

  it("recovering from the 24 words on a fresh profile brings the journal back", async () => {
    const fresh = await newDevice(browser, relay.url);
    await fresh.page.goto("/");
    await fresh.page.getByTestId("onboard-recover").click();
    await fresh.page.getByTestId("recover-phrase").fill(words.join(" "));
    await fresh.page.getByTestId("recover-name").fill("Ana");
    await fresh.page.getByTestId("recover-submit").click();
    await fresh.page.getByTestId("journal-link").waitFor({ timeout: 30_000 });
    await waitForIncome(fresh.page, M1, "$2,450");
    await openJournal(fresh.page);
    await chooseMonth(fresh.page, M0);
    expect(await fresh.page.getByTestId("journal-field-reflection").inputValue()).toBe("We finally fixed the car.");
  });

  it("in Spanish: questions, months and amounts read naturally", async () => {
    await phone.page.getByTestId("lang-switch").click();
    await openJournal(phone.page, "progress");
    await phone.page.getByRole("heading", { level: 1 }).filter({ hasText: /\S/ }).waitFor();
    const row = await progressRow(phone.page, "income", M0);
    expect(row[0]).toBe(monthName(M0, "es-US"));
    expect(row[1]).toBe(
      new Intl.NumberFormat("es-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 }).format(2600),
    );
    await openJournal(phone.page);
    const label = await phone.page.locator('label[for="journal-income-wages"]').innerText();
    expect(label).not.toBe("Pay from work");
    await phone.page.getByTestId("lang-switch").click();
  });
});
