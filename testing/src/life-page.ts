/**
 * Group life in the PWA, in words a test can read. Drives the UI only through data-testid.
 *
 * Test ids (group screen):
 *   tabs         tab-goals tab-checkins tab-offers tab-circles (role=tab); panel-<tab> (the tabpanel)
 *   goals        goal (data-goal-id, data-state) goal-title goal-target goal-date goal-owner goal-edit goal-state
 *                goal-percent goal-current goal-progress-text goal-amounts-hidden goal-update goal-update-note
 *                goal-milestone goal-cheer (aria-pressed) goal-cheers (data-count) goal-comment goal-comment-text
 *                goal-comment-input goal-comment-submit goal-progress-open progress-mode-amount|percent
 *                progress-value progress-note progress-submit goal-state-input goals-empty
 *   milestones   goal-milestone (data-milestone-id, data-reached) milestone-title milestone-target milestone-date
 *                milestone-reached (the "Reached on …" status) milestone-reached-input (owner's checkbox)
 *                milestone-add-open milestone-title-input milestone-target-input milestone-date-input
 *                milestone-submit milestone-added
 *   goal form    goal-title-input goal-category-input goal-target-input goal-date-input
 *                goal-visibility-amounts|percent goal-submit
 *   check-ins    checkin-period checkin-rhythm checkin-prompt checkin-done checkin-wins-input checkin-next-input
 *                checkin-asks-input checkin-submit checkins-empty checkin-post (data-post-id) checkin-author
 *                checkin-wins checkin-next checkin-asks checkin-reply checkin-reply-text checkin-reply-input
 *                checkin-reply-submit checkin-history-of checkin-history-period
 *   offers       offer (data-offer-id, data-status, data-kind) offer-status offer-description offer-claimant
 *                (data-claimant) offer-claimed-first offer-claim offer-hours-input offer-dollars-input offer-confirm
 *                offer-waiting offer-recorded offer-thanks offer-thanks-input offer-thanks-submit offer-withdraw
 *                offers-empty offer-filter-open|all offer-filter-mine offer-filter-category
 *                offer-kind-offer|ask offer-category-input offer-description-input offer-when-input
 *                offer-days-input offer-submit tally tally-group tally-member tally-given tally-received
 *   circles      circles-notice circles-empty circle (data-circle-id, data-complete) circle-name circle-notice
 *                circle-terms circle-summary circle-reminder (data-kind) circle-late circle-round (data-round,
 *                data-complete) circle-payment (data-payer = display name, data-state) payment-state
 *                payment-mark-sent payment-confirm-received circle-csv circle-name-input circle-member-input
 *                (data-member-name) circle-amount-input circle-schedule-monthly|weeks circle-schedule-n
 *                circle-start-input circle-order-agreed|random|need circle-order-item circle-submit
 *   forms        each form folds behind a button: goal-form-open checkin-form-open offer-form-open circle-form-open
 *                invite-open (each with <id>-cancel); offers-recently-done offer-thanks-prompt offer-from-checkin
 *                checkin-turn-into-ask checkin-ask-made offer-from-checkin-note
 *   shared       error (role=alert), lang-switch, sync-status, group-who, members-link (to the members screen:
 *                members-screen-title back-to-group member invite-open invite-button invite-link)
 */
import type { Browser, BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser, newDevice, type Device } from "./browser.ts";
import { startRelay, type RelayProcess } from "./relay-process.ts";
import { createGroup, inviteLink, onboard, openForm, waitForMemberName } from "./porch-page.ts";

export type Tab = "goals" | "checkins" | "offers" | "circles";

/**
 * The first name creates `group` and invites the others one by one; every device ends on the group
 * screen seeing every member.
 */
export async function setUpGroup(
  browser: Browser,
  relayUrl: string,
  group: string,
  names: readonly string[],
  options: BrowserContextOptions = {},
): Promise<Device[]> {
  const devices: Device[] = [];
  for (const [i, name] of names.entries()) {
    const device = await newDevice(browser, relayUrl, options);
    if (i === 0) {
      await onboard(device.page, name);
      await createGroup(device.page, group);
    } else {
      const link = new URL(await inviteLink(devices[0]!.page));
      await onboard(device.page, name, link.pathname + link.hash);
      await device.page.getByTestId("group-name").filter({ hasText: group }).waitFor({ timeout: 30_000 });
    }
    devices.push(device);
  }
  // A group of one says "Only you are in this group so far" instead of names.
  if (names.length > 1)
    for (const device of devices) for (const name of names) await waitForMemberName(device.page, name);
  return devices;
}

/** Selects a group-life tab and waits for its panel. */
export async function openTab(page: Page, tab: Tab): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await page.getByTestId(`panel-${tab}`).waitFor();
}

/**
 * For a whole test file: one relay process, one Chromium, and `names` in one group named `group`,
 * each device on `tab`. Registers its own beforeAll/afterAll; `ready` receives the devices in order.
 */
export function groupOfDevices(
  group: string,
  names: readonly string[],
  tab: Tab,
  ready: (devices: Device[]) => void,
  options: BrowserContextOptions = {},
): void {
  let relay: RelayProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    relay = await startRelay();
    browser = await launchBrowser();
    const devices = await setUpGroup(browser, relay.url, group, names, options);
    for (const d of devices) await openTab(d.page, tab);
    ready(devices);
  });
  afterAll(async () => {
    await browser?.close();
    await relay?.stop();
  });
}

/** A cheap phone's screen, for journeys that check what fits. */
export const PHONE = { viewport: { width: 360, height: 740 } } as const;

/** Switches a device to Spanish (or back) and waits for the tabs to say so. */
export async function switchToSpanish(page: Page): Promise<void> {
  await page.getByTestId("lang-switch").click();
  await page.locator("html[lang=es]").waitFor();
}

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);

// ─── goals ────────────────────────────────────────────────────────────────────────────────────────

/** The card of the goal with this exact title. */
export function goalCard(page: Page, title: string): Locator {
  return page.getByTestId("goal").filter({ has: page.getByTestId("goal-title").filter({ hasText: exactly(title) }) });
}

/** Adds a goal on the Goals tab; `percentOnly` hides its amounts from the group. */
export async function addLifeGoal(
  page: Page,
  goal: { title: string; target?: number; date?: string; percentOnly?: boolean },
): Promise<void> {
  await openForm(page, "goal-form-open", "goal-title-input");
  await page.getByTestId("goal-title-input").fill(goal.title);
  await page.getByTestId("goal-target-input").fill(goal.target === undefined ? "" : String(goal.target));
  await page.getByTestId("goal-date-input").fill(goal.date ?? "");
  await page.getByTestId(goal.percentOnly ? "goal-visibility-percent" : "goal-visibility-amounts").check();
  await page.getByTestId("goal-submit").click();
  await goalCard(page, goal.title).waitFor();
}

/** Records progress on one of this member's goals: an amount ("600") or a percentage. */
export async function addProgress(
  page: Page,
  title: string,
  update: { amount?: number; percent?: number; note?: string },
): Promise<void> {
  const card = goalCard(page, title);
  // The progress form folds away under a disclosure that stays open after the first update.
  if (!(await card.getByTestId("progress-value").isVisible())) await card.getByTestId("goal-progress-open").click();
  const mode = card.getByTestId(update.amount === undefined ? "progress-mode-percent" : "progress-mode-amount");
  if (await mode.count()) await mode.check();
  await card.getByTestId("progress-value").fill(String(update.amount ?? update.percent));
  await card.getByTestId("progress-note").fill(update.note ?? "");
  await card.getByTestId("progress-submit").click();
}

/** One milestone (exact title) on the goal with this exact title. */
export function milestoneOf(page: Page, goal: string, title: string): Locator {
  return goalCard(page, goal)
    .getByTestId("goal-milestone")
    .filter({ has: page.getByTestId("milestone-title").filter({ hasText: exactly(title) }) });
}

/** Adds a milestone to one of this member's goals and waits to see it. */
export async function addMilestone(
  page: Page,
  goal: string,
  milestone: { title: string; amount?: number; date?: string },
): Promise<void> {
  const card = goalCard(page, goal);
  // The milestone form folds away under a disclosure that stays open after the first one.
  if (!(await card.getByTestId("milestone-title-input").isVisible()))
    await card.getByTestId("milestone-add-open").click();
  await card.getByTestId("milestone-title-input").fill(milestone.title);
  await card.getByTestId("milestone-target-input").fill(milestone.amount === undefined ? "" : String(milestone.amount));
  await card.getByTestId("milestone-date-input").fill(milestone.date ?? "");
  await card.getByTestId("milestone-submit").click();
  await milestoneOf(page, goal, milestone.title).waitFor();
}

/** Cheers someone's goal. */
export async function cheerGoal(page: Page, title: string): Promise<void> {
  await goalCard(page, title).getByTestId("goal-cheer").click();
  await goalCard(page, title).locator('[data-testid="goal-cheer"][aria-pressed="true"]').waitFor();
}

/** Comments on a goal and waits to see the comment. */
export async function commentOnGoal(page: Page, title: string, text: string): Promise<void> {
  const card = goalCard(page, title);
  await card.getByTestId("goal-comment-input").fill(text);
  await card.getByTestId("goal-comment-submit").click();
  await card.getByTestId("goal-comment-text").filter({ hasText: text }).waitFor();
}

// ─── check-ins ────────────────────────────────────────────────────────────────────────────────────

/** Posts this member's check-in for the current period. */
export async function postCheckIn(page: Page, parts: { wins?: string; next?: string; asks?: string }): Promise<void> {
  await openForm(page, "checkin-form-open", "checkin-wins-input");
  await page.getByTestId("checkin-wins-input").fill(parts.wins ?? "");
  await page.getByTestId("checkin-next-input").fill(parts.next ?? "");
  await page.getByTestId("checkin-asks-input").fill(parts.asks ?? "");
  await page.getByTestId("checkin-submit").click();
}

/** This period's check-in by `author` (display name). */
export function checkInBy(page: Page, author: string): Locator {
  return page
    .getByTestId("checkin-post")
    .filter({ has: page.getByTestId("checkin-author").filter({ hasText: exactly(author) }) });
}

/** Replies to `author`'s check-in. */
export async function replyToCheckIn(page: Page, author: string, text: string): Promise<void> {
  const post = checkInBy(page, author);
  await post.getByTestId("checkin-reply-input").fill(text);
  await post.getByTestId("checkin-reply-submit").click();
}

// ─── offers and asks ──────────────────────────────────────────────────────────────────────────────

/** The offer or ask with this exact description. */
export function offerCard(page: Page, description: string): Locator {
  return page
    .getByTestId("offer")
    .filter({ has: page.getByTestId("offer-description").filter({ hasText: exactly(description) }) });
}

/** Posts an offer or an ask on the Offers tab. */
export async function postOffer(
  page: Page,
  offer: { kind: "offer" | "ask"; category: string; description: string; when?: string; days?: number },
): Promise<void> {
  await openForm(page, "offer-form-open", "offer-description-input");
  await page.getByTestId(`offer-kind-${offer.kind}`).check();
  await page.getByTestId("offer-category-input").selectOption(offer.category);
  await page.getByTestId("offer-description-input").fill(offer.description);
  await page.getByTestId("offer-when-input").fill(offer.when ?? "");
  await page.getByTestId("offer-days-input").selectOption(String(offer.days ?? 7));
  await page.getByTestId("offer-submit").click();
  await offerCard(page, offer.description).waitFor();
}

/** Confirms an offer happened, with optional hours and dollars. */
export async function confirmOffer(
  page: Page,
  description: string,
  figures: { hours?: number; dollars?: number } = {},
): Promise<void> {
  const card = offerCard(page, description);
  await card.getByTestId("offer-hours-input").fill(figures.hours === undefined ? "" : String(figures.hours));
  await card.getByTestId("offer-dollars-input").fill(figures.dollars === undefined ? "" : String(figures.dollars));
  await card.getByTestId("offer-confirm").click();
}

// ─── lending circles ──────────────────────────────────────────────────────────────────────────────

/** Starts a circle with these members (display names, the creator is ticked already), in this order. */
export async function createCircle(
  page: Page,
  circle: { name: string; members: readonly string[]; amount: number; monthlyDay?: number; start?: string },
): Promise<void> {
  await openForm(page, "circle-form-open", "circle-name-input");
  await page.getByTestId("circle-name-input").fill(circle.name);
  for (const name of circle.members)
    await page.locator(`[data-testid="circle-member-input"][data-member-name="${name}"]`).check();
  await page.getByTestId("circle-amount-input").fill(String(circle.amount));
  await page.getByTestId("circle-schedule-monthly").check();
  await page.getByTestId("circle-schedule-n").fill(String(circle.monthlyDay ?? 1));
  if (circle.start !== undefined) await page.getByTestId("circle-start-input").fill(circle.start);
  await page.getByTestId("circle-order-agreed").check();
  await page.getByTestId("circle-submit").click();
  await circleCard(page, circle.name).waitFor();
}

/** The circle with this exact name. */
export function circleCard(page: Page, name: string): Locator {
  return page.getByTestId("circle").filter({ has: page.getByTestId("circle-name").filter({ hasText: exactly(name) }) });
}

/** One payment row: round `round` (0-based), paid by `payer` (display name). */
export function payment(page: Page, circle: string, round: number, payer: string): Locator {
  return circleCard(page, circle).locator(
    `[data-testid="circle-round"][data-round="${round}"] [data-testid="circle-payment"][data-payer="${payer}"]`,
  );
}
