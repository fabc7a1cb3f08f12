/**
 * One consent model for "my group sees my goal amounts": nothing is shared by default (a new goal
 * shows the group only percentages), turning it on in "What you share" shows Ben the amounts of Ana's
 * goals in that group, and turning it off hides them again — recorded in Ana's journal's ledger. And
 * the journal's "times you helped / were helped" starts from the offers the two finished together.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator } from "playwright-core";
import { launchBrowser, type Device } from "@porch/testing/browser";
import { chooseMonth, monthFromNow, openJournal } from "@porch/testing/journal-page";
import {
  addProgress,
  confirmOffer,
  goalCard,
  offerCard,
  openTab,
  postOffer,
  setUpGroup,
} from "@porch/testing/life-page";
import { openForm, openGroup } from "@porch/testing/porch-page";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

let relay: RelayProcess;
let browser: Browser;
let ana: Device;
let ben: Device;
const GROUP = "Maple Street Families";

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  [ana, ben] = (await setUpGroup(browser, relay.url, GROUP, ["Ana", "Ben"])) as [Device, Device];
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe("my group sees my goal amounts", () => {
  it("off by default: Ben sees only the percentage of Ana's new goal", async () => {
    await openForm(ana.page, "goal-form-open", "goal-title-input");
    await ana.page.getByTestId("goal-title-input").fill("Emergency fund");
    await ana.page.getByTestId("goal-target-input").fill("1500");
    expect(await ana.page.getByTestId("goal-visibility-percent").isChecked()).toBe(true);
    await ana.page.getByTestId("goal-submit").click();
    await addProgress(ana.page, "Emergency fund", { amount: 600 });
    const bens = goalCard(ben.page, "Emergency fund");
    await bens.getByTestId("goal-percent").filter({ hasText: "40%" }).waitFor({ timeout: 20_000 });
    await bens.getByTestId("goal-amounts-hidden").waitFor();
  });

  it("turned on in What you share, Ben sees the amounts; turned off, they are hidden again", async () => {
    await openJournal(ana.page, "sharing");
    await ana.page.getByTestId("consent-group").check();
    const bens = goalCard(ben.page, "Emergency fund");
    await bens.getByTestId("goal-target").filter({ hasText: "$1,500" }).waitFor({ timeout: 20_000 });
    expect(await bens.getByTestId("goal-amounts-hidden").count()).toBe(0);

    await ana.page.getByTestId("consent-group").uncheck();
    await bens.getByTestId("goal-amounts-hidden").waitFor({ timeout: 20_000 });
    expect(await bens.getByTestId("goal-target").count()).toBe(0);
    expect(await ana.page.getByTestId("consent-ledger").locator("li").count()).toBe(2);
  });
});

/** Waits up to 45 s for `locator`; on a miss, says both screens' sync status and the end of the relay's log. */
async function arrives(locator: Locator, what: string): Promise<void> {
  await locator.waitFor({ timeout: 45_000 }).catch(async (error: unknown) => {
    const status = async (d: Device) => (await d.page.getByTestId("sync-status").allTextContents()).join(" / ");
    const log = relay.logs().slice(-1500);
    throw new Error(`${what} (Ana: "${await status(ana)}", Ben: "${await status(ben)}"); relay log:\n${log}`, {
      cause: error,
    });
  });
}

describe("help given and received, from the group", () => {
  it("after Ben takes up Ana's offer and both confirm it, this month's journal suggests 1 given / 1 received", async () => {
    const OFFER = "School pickup on Tuesday";
    await openGroup(ana.page, GROUP);
    await openTab(ana.page, "offers");
    await postOffer(ana.page, { kind: "offer", category: "rides", description: OFFER });
    await openGroup(ben.page, GROUP);
    await openTab(ben.page, "offers");
    // Each device just reloaded the app (a new worker, a new socket). Twice in fresh-clone CI runs an
    // edit took over 20 s to reach the other device here (cause not found): the waits are 45 s, and a
    // miss says what each screen's sync status and the relay's log were.
    await arrives(offerCard(ben.page, OFFER).getByTestId("offer-claim"), "Ana's offer did not reach Ben");
    await offerCard(ben.page, OFFER).getByTestId("offer-claim").click();
    // Ben's own screen first: a claim that never registered is told apart from one that did not sync.
    await offerCard(ben.page, OFFER).getByTestId("offer-claimant").waitFor({ timeout: 20_000 });
    await arrives(offerCard(ana.page, OFFER).getByTestId("offer-confirm"), "Ben's claim did not reach Ana");
    await confirmOffer(ana.page, OFFER);
    await confirmOffer(ben.page, OFFER);
    // Once both confirmed, each party sees it done (it stays in view under "Recently done").
    for (const d of [ana, ben])
      await d.page
        .getByTestId("offers-recently-done")
        .locator('[data-testid="offer"][data-status="done"]')
        .filter({ hasText: OFFER })
        .waitFor({ timeout: 20_000 });

    await openJournal(ana.page);
    await chooseMonth(ana.page, monthFromNow(0));
    expect(await ana.page.getByTestId("journal-field-help.given").inputValue()).toBe("1");
    expect(await ana.page.getByTestId("journal-field-help.received").inputValue()).toBe("0");
    await openJournal(ben.page);
    await chooseMonth(ben.page, monthFromNow(0));
    expect(await ben.page.getByTestId("journal-field-help.received").inputValue()).toBe("1");
  });
});
