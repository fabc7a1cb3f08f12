/** What a member does in their private journal, in words a test can read. Drives the UI through data-testid. */
import { addMonths, currentMonth } from "@porch/shared/journal";
import type { Page } from "playwright-core";

/** A journal answer as a member types it: text for amounts, counts, choices and the reflection; yes/no as booleans. */
export type Answers = Readonly<Record<string, string | boolean>>;

/** The month `n` months from this one, on this machine's calendar (the browser runs on the same clock and zone). */
export function monthFromNow(n: number): string {
  const now = Date.now();
  return addMonths(currentMonth(now, -new Date(now).getTimezoneOffset()), n);
}

/** Goes to one of the journal's screens from anywhere. */
export async function openJournal(page: Page, screen: "journal" | "progress" | "sharing" = "journal"): Promise<void> {
  await page.evaluate((s) => (location.hash = `#/${s}`), screen);
  if (screen === "journal") await page.getByTestId("journal-form").waitFor();
  else
    await page
      .getByTestId(`journal-nav-${screen}`)
      .and(page.locator('[aria-current="page"]'))
      .waitFor({ state: "attached" });
}

/** Chooses a month in the entry form (the form then shows that month's answers). */
export async function chooseMonth(page: Page, month: string): Promise<void> {
  await page.getByTestId("journal-month").selectOption(month);
  // The form is rebuilt for the chosen month: wait for the rebuilt one.
  await page.waitForFunction(
    (m) => document.querySelector<HTMLSelectElement>('[data-testid="journal-month"]')?.value === m,
    month,
  );
}

/** Types answers into the open month (opening the sections they are in); does not save. */
export async function typeAnswers(page: Page, answers: Answers): Promise<void> {
  const closed = page.locator("details.journal-section:not([open]) > summary");
  while ((await closed.count()) > 0) await closed.first().click();
  for (const [field, value] of Object.entries(answers)) {
    const input = page.getByTestId(`journal-field-${field}`);
    const tag = await input.evaluate((el) => el.tagName.toLowerCase());
    if (tag === "select")
      await input.selectOption(typeof value === "boolean" ? (value ? "yes" : "no") : value === "" ? "" : value);
    else await input.fill(String(value));
  }
}

/** Fills in and saves one month; resolves once Porch says it is saved. */
export async function fillMonth(page: Page, month: string, answers: Answers): Promise<void> {
  await openJournal(page);
  await chooseMonth(page, month);
  await typeAnswers(page, answers);
  await page.getByTestId("journal-save").click();
  await page.getByTestId("journal-status").filter({ hasText: /\S/ }).waitFor();
}

/** The cells of one month's row in a progress table: [month, amount, change]. */
export async function progressRow(page: Page, series: string, month: string): Promise<string[]> {
  const row = page.getByTestId(`progress-table-${series}`).locator(`tr[data-month="${month}"]`);
  await row.waitFor();
  return (await row.locator("th, td").allInnerTexts()).map((s) => s.trim());
}
