/**
 * What happened while Ana was away: Ben cheers and comments on her goal and takes up her offer while
 * she is on the home screen. After a reload, her group card counts them ("New since you were last
 * here"), the installed-app badge says 3, the group screen lists them by name, and once she has looked
 * the counts and the badge clear — also after another reload. The marker is this device's own.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Device } from "@porch/testing/browser";
import {
  addLifeGoal,
  cheerGoal,
  commentOnGoal,
  groupOfDevices,
  offerCard,
  openTab,
  PHONE,
  postOffer,
} from "@porch/testing/life-page";
import { waitForSync } from "@porch/testing/porch-page";

let ana: Device;
let ben: Device;
const GOAL = "Emergency fund";
const OFFER = "Rides to the clinic this week";

groupOfDevices(
  "Porch Lights",
  ["Ana", "Ben"],
  "goals",
  (devices) => void ([ana, ben] = devices as [Device, Device]),
  PHONE,
);

/** Records what the page asks of the Badging API (headless Chromium is not an installed app). */
async function watchBadge(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { badge: number | null };
    w.badge = null;
    Object.assign(navigator, {
      setAppBadge: (n?: number) => Promise.resolve(void (w.badge = n ?? 0)),
      clearAppBadge: () => Promise.resolve(void (w.badge = 0)),
    });
  });
}
const badgeIs = (page: Page, n: number) =>
  page.waitForFunction((want) => (window as unknown as { badge: number | null }).badge === want, n);

describe("what is new since the last visit", () => {
  it("counts Ben's cheer, comment and claim after a reload, lists them, and clears once seen", async () => {
    await addLifeGoal(ana.page, { title: GOAL, target: 1000 });
    await openTab(ana.page, "offers");
    await postOffer(ana.page, { kind: "offer", category: "rides", description: OFFER });
    await waitForSync(ana.page, "synced");
    // Ana leaves the group for the home screen: she has seen everything so far.
    await ana.page.locator("a.back").click();
    await ana.page.getByTestId("group-link").waitFor();
    expect(await ana.page.getByTestId("group-news-count").count()).toBe(0);

    await cheerGoal(ben.page, GOAL);
    await commentOnGoal(ben.page, GOAL, "You've got this!");
    await openTab(ben.page, "offers");
    await offerCard(ben.page, OFFER).getByTestId("offer-claim").click({ timeout: 20_000 });
    await waitForSync(ben.page, "synced");

    await watchBadge(ana.page);
    await ana.page.reload();
    const count = ana.page.getByTestId("group-news-count");
    await count.filter({ hasText: "1 offer taken up" }).waitFor({ timeout: 20_000 });
    expect(await count.innerText()).toBe("New since you were last here: 1 cheer · 1 comment · 1 offer taken up");
    await badgeIs(ana.page, 3);

    await ana.page.getByTestId("group-link").click();
    const news = ana.page.getByTestId("group-news");
    await news.waitFor();
    const lines = (await news.getByTestId("news-item").allInnerTexts()).map((l) => l.trim()).sort();
    expect(lines).toEqual([`Ben cheered your goal “${GOAL}”`, `Ben commented on “${GOAL}”`, `Ben took up “${OFFER}”`]);
    // A line takes her where it happened.
    await news.getByTestId("news-item").filter({ hasText: "took up" }).getByRole("button").click();
    await ana.page.getByTestId("panel-offers").waitFor();

    await ana.page.locator("a.back").click();
    await ana.page.getByTestId("group-link").waitFor();
    await count.waitFor({ state: "detached" });
    await badgeIs(ana.page, 0);
    await ana.page.reload();
    await ana.page.getByTestId("group-link").waitFor();
    await waitForSync(ana.page, "synced");
    expect(await ana.page.getByTestId("group-news-count").count()).toBe(0);
  });
});
