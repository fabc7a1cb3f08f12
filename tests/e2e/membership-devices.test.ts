/**
 * A member's other devices in real Chromium: linking a second device from a link shown on the first
 * (it ends up with her groups and goals), and recovering on a fresh browser profile from the 24 words
 * captured at onboarding — a mistyped word first gets the precise message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { addGoal, createGroup, goalTitles, onboard, openGroup, waitForGoal } from "@porch/testing/porch-page";

let relay: RelayProcess;
let browser: Browser;
let phone: Device;
let words: string[];
const GROUP = "Maple Street Families";

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  phone = await newDevice(browser, relay.url);
  words = await onboard(phone.page, "Ana");
  await createGroup(phone.page, GROUP);
  await addGoal(phone.page, "Emergency fund", "savings", 1500);
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe("Ana's other devices", () => {
  it("Ana shows a link on her phone and opens it on her tablet: the tablet has her group and goals", async () => {
    await phone.page.goto("/");
    await phone.page.getByTestId("devices-link").click();
    await phone.page.getByTestId("device-link-button").click();
    const link = await phone.page.getByTestId("device-link").inputValue();
    expect(new URL(link).hash).toMatch(/^#\/link\//);
    const tablet = await newDevice(browser, relay.url);
    await tablet.page.goto(new URL(link).pathname + new URL(link).hash);
    await tablet.page.getByTestId("group-link").filter({ hasText: GROUP }).waitFor({ timeout: 30_000 });
    await openGroup(tablet.page, GROUP);
    await waitForGoal(tablet.page, "Emergency fund");
    await addGoal(tablet.page, "From the tablet", "family");
    // Both are the same member: the phone sees what the tablet wrote.
    await openGroup(phone.page, GROUP);
    await waitForGoal(phone.page, "From the tablet");
  });

  it("Ana recovers on a fresh browser profile from her 24 words; a mistyped word is named by its position", async () => {
    const fresh = await newDevice(browser, relay.url);
    await fresh.page.goto("/");
    await fresh.page.getByTestId("onboard-recover").click();
    const typo = [...words.slice(0, 6), "zzzzqq", ...words.slice(7)].join(" ");
    await fresh.page.getByTestId("recover-phrase").fill(typo);
    await fresh.page.getByTestId("recover-name").fill("Ana");
    await fresh.page.getByTestId("recover-submit").click();
    await fresh.page.getByTestId("error").filter({ hasText: "Word 7 is not in the list" }).waitFor();
    expect(await fresh.page.getByTestId("error").innerText()).not.toContain("zzzzqq");

    await fresh.page.getByTestId("recover-phrase").fill(words.join(" "));
    await fresh.page.getByTestId("recover-submit").click();
    await fresh.page.getByTestId("group-link").filter({ hasText: GROUP }).waitFor({ timeout: 30_000 });
    await openGroup(fresh.page, GROUP);
    await waitForGoal(fresh.page, "From the tablet");
    expect(await goalTitles(fresh.page)).toEqual(["Emergency fund", "From the tablet"]);
    // Ana's phone is told a device was added the next time it opens.
    await phone.page.reload();
    await phone.page
      .getByTestId("device-notice")
      .filter({ hasText: "A new device was added" })
      .waitFor({ timeout: 20_000 });
  });
});
