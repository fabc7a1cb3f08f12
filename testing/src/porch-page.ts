/** What a member does in the PWA, in words a test can read. Drives the UI only through data-testid. */
import type { Page } from "playwright-core";

/** Opens Porch (at `path`, e.g. an invitation link, whose landing it passes) and onboards with a display name. */
export async function onboard(page: Page, name: string, path = "/", lang: "en" | "es" = "en"): Promise<string[]> {
  await page.goto(path);
  // An invitation link first shows what it invites to; setting up Porch comes after.
  if (path.includes("#/join/")) await page.getByTestId("landing-continue").click({ timeout: 30_000 });
  await page.getByTestId(`onboard-lang-${lang}`).click();
  await page.getByTestId("onboard-name").fill(name);
  await page.getByTestId("onboard-submit").click();
  // allInnerTexts does not wait: let the 24 words render first.
  await page.getByTestId("recovery-word").nth(23).waitFor();
  const words = (await page.getByTestId("recovery-word").allInnerTexts()).map((w) => w.trim());
  if (words.length !== 24) throw new Error(`expected 24 recovery words, saw ${words.length}`);
  await page.getByTestId("recovery-confirm").check();
  await page.getByTestId("recovery-continue").click();
  return words;
}

/** Creates a group from the home screen; ends on the group screen. */
export async function createGroup(page: Page, name: string): Promise<void> {
  await page.getByTestId("create-group-name").fill(name);
  await page.getByTestId("create-group-submit").click();
  await page.getByTestId("group-name").filter({ hasText: name }).waitFor();
}

/**
 * Opens a form folded behind its button (`opener`), unless `field` already shows; waits for the field.
 * Forms on the group screens close after saving, so each helper opens its form first.
 */
export async function openForm(page: Page, opener: string, field: string): Promise<void> {
  if (!(await page.getByTestId(field).isVisible())) await page.getByTestId(opener).click();
  await page.getByTestId(field).waitFor();
}

/** From the group screen, opens its members screen (members, invitations, leaving). */
export async function openMembers(page: Page): Promise<void> {
  await page.getByTestId("members-link").click();
  await page.getByTestId("members-screen-title").waitFor();
}

/** From the members screen, back to the group screen. */
export async function backToGroup(page: Page): Promise<void> {
  await page.getByTestId("back-to-group").click();
  await page.getByTestId("group-name").waitFor();
}

/**
 * Makes an invitation link from the group screen (or its members screen) and comes back to where it
 * started. Resolves only once a NEW link is shown: the panel keeps the previous link on screen until
 * the next one arrives, and an old link is single-use.
 */
export async function inviteLink(page: Page): Promise<string> {
  const fromGroup = (await page.getByTestId("members-screen-title").count()) === 0;
  if (fromGroup) await openMembers(page);
  const link = page.getByTestId("invite-link");
  const previous = (await link.count()) > 0 ? await link.inputValue() : null;
  await openForm(page, "invite-open", "invite-button");
  await page.getByTestId("invite-button").click();
  await page.waitForFunction((old) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="invite-link"]');
    return input !== null && input.value !== "" && input.value !== old;
  }, previous);
  const value = await link.inputValue();
  if (fromGroup) await backToGroup(page);
  return value;
}

/** Waits until the group screen's "who sees this group" line names `name`. */
export async function waitForMemberName(page: Page, name: string, timeout = 30_000): Promise<void> {
  await page.getByTestId("group-who").filter({ hasText: name }).waitFor({ timeout });
}

/** Adds a goal on the open group screen. */
export async function addGoal(
  page: Page,
  title: string,
  category = "savings",
  target: number | null = null,
): Promise<void> {
  await openForm(page, "goal-form-open", "goal-title-input");
  await page.getByTestId("goal-title-input").fill(title);
  await page.getByTestId("goal-category-input").selectOption(category);
  await page.getByTestId("goal-target-input").fill(target === null ? "" : String(target));
  await page.getByTestId("goal-submit").click();
  await waitForGoal(page, title);
}

/** Edits the goal titled `from` (one of this member's own). */
export async function editGoal(page: Page, from: string, to: string, target: number | null = null): Promise<void> {
  await page.getByTestId("goal").filter({ hasText: from }).getByTestId("goal-edit").click();
  await page.getByTestId("goal-title-input").fill(to);
  await page.getByTestId("goal-target-input").fill(target === null ? "" : String(target));
  await page.getByTestId("goal-submit").click();
  await waitForGoal(page, to);
}

/** Waits until a goal with this exact title is on screen. */
export async function waitForGoal(page: Page, title: string, timeout = 20_000): Promise<void> {
  await page
    .getByTestId("goal-title")
    .filter({ hasText: new RegExp(`^\\s*${escape(title)}\\s*$`) })
    .first()
    .waitFor({ timeout });
}

/** The goal titles on the open group screen, sorted. */
export async function goalTitles(page: Page): Promise<string[]> {
  return (await page.getByTestId("goal-title").allInnerTexts()).map((t) => t.trim()).sort();
}

/** Waits until the sync indicator says `state` (synced, syncing, offline, error). */
export async function waitForSync(page: Page, state: string, timeout = 20_000): Promise<void> {
  await page.locator(`[data-testid="sync-status"][data-state="${state}"]`).waitFor({ timeout });
}

/** Opens the group named `name` from the home screen. */
export async function openGroup(page: Page, name: string): Promise<void> {
  await page.goto("/");
  await page.getByTestId("group-link").filter({ hasText: name }).click();
  await page.getByTestId("group-name").filter({ hasText: name }).waitFor();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
