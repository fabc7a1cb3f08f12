/**
 * Two friends share an end-to-end encrypted group through a real relay process, each in their own
 * real Chromium context (= device).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import {
  addGoal,
  createGroup,
  editGoal,
  goalTitles,
  inviteLink,
  onboard,
  openGroup,
  waitForGoal,
  waitForMemberName,
  waitForSync,
} from "@porch/testing/porch-page";

let relay: RelayProcess;
let browser: Browser;
let ana: Device;
let ben: Device;
const GROUP = "Maple Street Families";

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  ana = await newDevice(browser, relay.url);
  ben = await newDevice(browser, relay.url);
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe("two friends, one sealed group", () => {
  it("Ana creates a group and invites Ben by link; Ben joins; each adds a goal; both see both", async () => {
    await onboard(ana.page, "Ana");
    await createGroup(ana.page, GROUP);
    const link = await inviteLink(ana.page);
    expect(new URL(link).hash).toMatch(/^#\/join\//);

    await onboard(ben.page, "Ben", new URL(link).pathname + new URL(link).hash);
    await ben.page.getByTestId("group-name").filter({ hasText: GROUP }).waitFor({ timeout: 30_000 });
    await waitForMemberName(ben.page, "Ana");

    await addGoal(ana.page, "Emergency fund", "savings", 1500);
    await addGoal(ben.page, "Finish GED", "education");
    await waitForGoal(ana.page, "Finish GED");
    await waitForGoal(ben.page, "Emergency fund");
    expect(await goalTitles(ana.page)).toEqual(["Emergency fund", "Finish GED"]);
    expect(await goalTitles(ben.page)).toEqual(["Emergency fund", "Finish GED"]);
    await waitForMemberName(ana.page, "Ben");
  });

  it("Ben edits offline, closes and reopens the tab, comes back online: nothing is lost", async () => {
    await ben.context.setOffline(true);
    await waitForSync(ben.page, "offline");
    await addGoal(ben.page, "Pay off car loan", "debt", 4200);
    await editGoal(ben.page, "Finish GED", "Finish GED by June");
    await ben.page.locator('[data-testid="sync-status"][data-pending="2"]').waitFor();

    await ben.page.close();
    ben.page = await ben.context.newPage();
    await openGroup(ben.page, GROUP);
    await waitForGoal(ben.page, "Pay off car loan");
    expect(await goalTitles(ben.page)).toEqual(["Emergency fund", "Finish GED by June", "Pay off car loan"]);

    await addGoal(ana.page, "Open a savings account", "savings");
    await ben.context.setOffline(false);
    await waitForGoal(ana.page, "Pay off car loan");
    await waitForGoal(ana.page, "Finish GED by June");
    await waitForGoal(ben.page, "Open a savings account");
    await waitForSync(ben.page, "synced");
    const expected = ["Emergency fund", "Finish GED by June", "Open a savings account", "Pay off car loan"];
    expect(await goalTitles(ana.page)).toEqual(expected);
    expect(await goalTitles(ben.page)).toEqual(expected);
  });

  it("the relay restarts between edits: nothing it acknowledged is lost", async () => {
    await addGoal(ana.page, "Start a home daycare", "business");
    await waitForSync(ana.page, "synced");
    await relay.restart();
    await addGoal(ben.page, "Visit the dentist", "health");
    await waitForGoal(ana.page, "Visit the dentist", 40_000);
    await waitForGoal(ben.page, "Start a home daycare");

    // A third device of nobody's: a fresh context that only catches up from the relay's stored data.
    const expected = await goalTitles(ana.page);
    expect(expected).toContain("Start a home daycare");
    expect(await goalTitles(ben.page)).toEqual(expected);
  });
});
