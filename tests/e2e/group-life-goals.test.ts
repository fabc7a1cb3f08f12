/**
 * Goals between two devices through a real relay: Ana keeps her amounts private, Ben cheers and
 * comments while offline, and both converge; Ana adds a milestone and ticks it, Ben sees it reached.
 */
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import type { Device } from "@porch/testing/browser";
import {
  addMilestone,
  addProgress,
  addLifeGoal,
  cheerGoal,
  commentOnGoal,
  goalCard,
  milestoneOf,
  groupOfDevices,
} from "@porch/testing/life-page";
import { waitForSync } from "@porch/testing/porch-page";

let ana: Device;
let ben: Device;

groupOfDevices("Goal Getters", ["Ana", "Ben"], "goals", (devices) => void ([ana, ben] = devices as [Device, Device]));

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
    await goalCard(ben.page, "Emergency fund")
      .getByTestId("goal-percent")
      .filter({ hasText: "60%" })
      .waitFor({ timeout: 20_000 });
    await waitForSync(ben.page, "synced");
    expect(await goalCard(ben.page, "Emergency fund").innerText()).not.toContain("$");
    expect(await anas.getByTestId("goal-comment").count()).toBe(1);
  });

  it("Ben marks his own goal completed; Ana sees it", async () => {
    await addLifeGoal(ben.page, { title: "Finish GED" });
    await addProgress(ben.page, "Finish GED", { percent: 100 });
    await goalCard(ben.page, "Finish GED").getByTestId("goal-state-input").selectOption("completed");
    await ana.page
      .locator('[data-testid="goal"][data-state="completed"]')
      .filter({ hasText: "Finish GED" })
      .waitFor({ timeout: 20_000 });
    expect(await goalCard(ana.page, "Finish GED").getByTestId("goal-state").innerText()).toBe("Completed");
  });
});

describe("milestones: the owner adds and ticks them, the group sees them", () => {
  const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
  /** Today as the page shows a calendar day in `locale`, e.g. "Mar 5, 2026" / "5 mar 2026". */
  const todayIn = (page: Page, locale: string) =>
    page.evaluate((l) => new Intl.DateTimeFormat(l, { dateStyle: "medium" }).format(new Date()), locale);

  it("Ana's milestone form checks her entry with the core's rules, in words, and keeps focus on the field", async () => {
    const anas = goalCard(ana.page, "Emergency fund");
    await anas.getByTestId("milestone-add-open").click();
    await anas.getByTestId("milestone-target-input").fill("-5");
    await anas.getByTestId("milestone-submit").click();
    await anas.getByTestId("error").filter({ hasText: "Please write a title." }).waitFor();
    expect(await isFocused(anas.getByTestId("milestone-title-input"))).toBe(true);
    expect(await anas.getByTestId("milestone-title-input").getAttribute("aria-invalid")).toBe("true");

    await anas.getByTestId("milestone-title-input").fill("x".repeat(121));
    await anas.getByTestId("milestone-submit").click();
    await anas.getByTestId("error").filter({ hasText: "120 characters or fewer" }).waitFor();

    await anas.getByTestId("milestone-title-input").fill("One month of rent");
    await anas.getByTestId("milestone-submit").click();
    await anas.getByTestId("error").filter({ hasText: "Amounts can't be negative." }).waitFor();
    expect(await isFocused(anas.getByTestId("milestone-target-input"))).toBe(true);
    expect(await anas.getByTestId("goal-milestone").count()).toBe(0);
  });

  it("Ana adds a milestone to her percent-only goal and marks it reached; Ben sees it reached, without the amount or the form", async () => {
    await addMilestone(ana.page, "Emergency fund", { title: "One month of rent", amount: 500, date: "2031-12-31" });
    const anas = goalCard(ana.page, "Emergency fund");
    // Ready for the next one: the form is empty, focus back on its first field, and it said so.
    expect(await anas.getByTestId("milestone-title-input").inputValue()).toBe("");
    expect(await isFocused(anas.getByTestId("milestone-title-input"))).toBe(true);
    await anas.getByTestId("milestone-added").filter({ hasText: "One month of rent" }).waitFor();
    expect(await anas.getByTestId("error").count()).toBe(0);

    const mine = milestoneOf(ana.page, "Emergency fund", "One month of rent");
    expect(await mine.getByTestId("milestone-target").innerText()).toBe("$500");
    expect(await mine.getByTestId("milestone-date").innerText()).toBe("Dec 31, 2031");
    expect(await mine.getAttribute("data-reached")).toBe("false");
    await mine.getByTestId("milestone-reached-input").check();
    await ana.page
      .locator('[data-testid="goal-milestone"][data-reached="true"]')
      .filter({ hasText: "One month of rent" })
      .waitFor();
    const reachedText = `Reached on ${await todayIn(ana.page, "en-US")}`;
    expect(await mine.getByTestId("milestone-reached").innerText()).toBe(reachedText);

    const bens = goalCard(ben.page, "Emergency fund");
    await ben.page
      .locator('[data-testid="goal-milestone"][data-reached="true"]')
      .filter({ hasText: "One month of rent" })
      .waitFor({ timeout: 20_000 });
    const his = milestoneOf(ben.page, "Emergency fund", "One month of rent");
    expect(await his.getByTestId("milestone-reached").innerText()).toBe(reachedText);
    expect(await his.getByTestId("milestone-date").innerText()).toBe("Dec 31, 2031");
    // Percent-only: the milestone's amount never reaches Ben.
    expect(await his.getByTestId("milestone-target").count()).toBe(0);
    expect(await bens.innerText()).not.toContain("$");
    // Only the owner adds or ticks milestones; Ben still can on his own goal.
    expect(await bens.getByTestId("milestone-add-open").count()).toBe(0);
    expect(await bens.getByTestId("milestone-reached-input").count()).toBe(0);
    expect(await goalCard(ben.page, "Finish GED").getByTestId("milestone-add-open").count()).toBe(1);

    // The reached day follows Ben's language.
    await ben.page.getByTestId("lang-switch").click();
    await his
      .getByTestId("milestone-reached")
      .filter({ hasText: `Logrado el ${await todayIn(ben.page, "es-US")}` })
      .waitFor();
    await ben.page.getByTestId("lang-switch").click();
    await his.getByTestId("milestone-reached").filter({ hasText: reachedText }).waitFor();
  });

  it("Ana unticks it; Ben sees it not reached any more", async () => {
    const mine = milestoneOf(ana.page, "Emergency fund", "One month of rent");
    await mine.getByTestId("milestone-reached-input").uncheck();
    await ben.page
      .locator('[data-testid="goal-milestone"][data-reached="false"]')
      .filter({ hasText: "One month of rent" })
      .waitFor({ timeout: 20_000 });
    expect(
      await milestoneOf(ben.page, "Emergency fund", "One month of rent").getByTestId("milestone-reached").count(),
    ).toBe(0);
  });
});
