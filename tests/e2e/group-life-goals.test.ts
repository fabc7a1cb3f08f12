/**
 * Goals between two devices through a real relay: Ana keeps her amounts private, Ben cheers and
 * comments while offline, and both converge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, type Device } from "../helpers/browser.ts";
import { addProgress, addLifeGoal, cheerGoal, commentOnGoal, goalCard, setUpGroup } from "../helpers/life-page.ts";
import { startRelay, type RelayProcess } from "../helpers/relay-process.ts";
import { waitForSync } from "../helpers/porch-page.ts";

let relay: RelayProcess;
let browser: Browser;
let ana: Device;
let ben: Device;

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  [ana, ben] = (await setUpGroup(browser, relay.url, "Goal Getters", ["Ana", "Ben"])) as [Device, Device];
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe("goals with progress, cheers and comments", () => {
  it("Ana's percent-only goal shows her the amounts and Ben only the percentage", async () => {
    await addLifeGoal(ana.page, { title: "Emergency fund", target: 1500, percentOnly: true });
    await addProgress(ana.page, "Emergency fund", { amount: 600, note: "Tax refund went in" });
    await goalCard(ana.page, "Emergency fund").getByTestId("goal-percent").filter({ hasText: "40%" }).waitFor();
    expect(await goalCard(ana.page, "Emergency fund").getByTestId("goal-current").innerText()).toBe("$600 of $1,500");

    const bens = goalCard(ben.page, "Emergency fund");
    await bens.getByTestId("goal-percent").filter({ hasText: "40%" }).waitFor({ timeout: 20_000 });
    await bens.getByTestId("goal-update-note").filter({ hasText: "Tax refund went in" }).waitFor();
    await bens.getByTestId("goal-amounts-hidden").waitFor();
    expect(await bens.getByTestId("goal-target").count()).toBe(0);
    expect(await bens.getByTestId("goal-current").count()).toBe(0);
    expect(await bens.innerText()).not.toContain("$");
    // Only the owner edits or updates.
    expect(await bens.getByTestId("goal-edit").count()).toBe(0);
    expect(await bens.getByTestId("goal-progress-open").count()).toBe(0);
  });

  it("Ben cheers and comments offline while Ana adds progress; both converge", async () => {
    await ben.context.setOffline(true);
    await waitForSync(ben.page, "offline");
    await cheerGoal(ben.page, "Emergency fund");
    await commentOnGoal(ben.page, "Emergency fund", "So proud of you!");
    await addProgress(ana.page, "Emergency fund", { amount: 900 });
    await goalCard(ana.page, "Emergency fund").getByTestId("goal-percent").filter({ hasText: "60%" }).waitFor();
    // Ben is still offline: Ana sees no cheer yet.
    expect(await goalCard(ana.page, "Emergency fund").getByTestId("goal-cheers").getAttribute("data-count")).toBe("0");

    await ben.context.setOffline(false);
    const anas = goalCard(ana.page, "Emergency fund");
    await anas.locator('[data-testid="goal-cheers"][data-count="1"]').waitFor({ timeout: 20_000 });
    await anas.getByTestId("goal-comment-text").filter({ hasText: "So proud of you!" }).waitFor();
    await goalCard(ben.page, "Emergency fund").getByTestId("goal-percent").filter({ hasText: "60%" }).waitFor({ timeout: 20_000 });
    await waitForSync(ben.page, "synced");
    expect(await goalCard(ben.page, "Emergency fund").innerText()).not.toContain("$");
    expect(await anas.getByTestId("goal-comment").count()).toBe(1);
  });

  it("Ben marks his own goal completed; Ana sees it", async () => {
    await addLifeGoal(ben.page, { title: "Finish GED" });
    await addProgress(ben.page, "Finish GED", { percent: 100 });
    await goalCard(ben.page, "Finish GED").getByTestId("goal-state-input").selectOption("completed");
    await ana.page.locator('[data-testid="goal"][data-state="completed"]').filter({ hasText: "Finish GED" }).waitFor({ timeout: 20_000 });
    expect(await goalCard(ana.page, "Finish GED").getByTestId("goal-state").innerText()).toBe("Completed");
  });
});
