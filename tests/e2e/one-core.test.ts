/**
 * One core per profile, in its worker: a second tab of the same profile never runs a second sync
 * engine (it says Porch is open elsewhere and takes over when that tab closes, losing nothing); a
 * reload offline paints the cached views before the core is ready; a storage failure is shown to the
 * member instead of being swallowed.
 */
import { describe, expect, it } from "vitest";
import type { Device } from "@porch/testing/browser";
import { goalCard, groupOfDevices } from "@porch/testing/life-page";
import { addGoal, goalTitles, openForm, waitForGoal, waitForSync } from "@porch/testing/porch-page";

let ana: Device;
let ben: Device;

groupOfDevices(
  "One Core Friends",
  ["Ana", "Ben"],
  "goals",
  (devices) => void ([ana, ben] = devices as [Device, Device]),
);

describe("one core per profile", () => {
  it("Ana's second tab waits while the first runs the core, then takes over; the goals from both reach Ben", async () => {
    const groupUrl = ana.page.url();
    const second = await ana.context.newPage();
    await second.goto(groupUrl);
    await second.getByTestId("other-tab").waitFor();
    expect(await second.getByTestId("other-tab").innerText()).toContain("open in another tab");

    await addGoal(ana.page, "From the first tab");
    await ana.page.close();
    // The lock is released with the tab: the second tab starts the core and shows the group.
    await waitForGoal(second, "From the first tab");
    await addGoal(second, "From the second tab");
    await waitForSync(second, "synced");
    ana.page = second;

    await waitForGoal(ben.page, "From the second tab");
    expect(await goalTitles(ben.page)).toEqual(["From the first tab", "From the second tab"]);
    // No refused counter or "copy of an earlier change" anywhere.
    expect(await ana.page.getByTestId("sync-status").getAttribute("data-state")).toBe("synced");
    expect(await ben.page.getByTestId("sync-status").getAttribute("data-state")).toBe("synced");
  });

  it("Ben reloads offline: his goals paint from the cached views before his core is ready", async () => {
    await addGoal(ben.page, "Cached before live");
    await waitForSync(ben.page, "synced");
    // Record which views were on screen the moment the goal first appeared after the reload.
    await ben.page.addInitScript(() => {
      const w = window as unknown as { firstGoalFrom?: string };
      new MutationObserver(() => {
        if (w.firstGoalFrom === undefined && document.querySelector('[data-testid="goal-title"]') !== null) {
          w.firstGoalFrom = document.documentElement.dataset.views ?? "unset";
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await ben.context.setOffline(true);
    await ben.page.reload();
    await waitForGoal(ben.page, "Cached before live");
    expect(await ben.page.evaluate(() => (window as unknown as { firstGoalFrom?: string }).firstGoalFrom)).toBe(
      "cache",
    );
    await ben.page.locator('html[data-views="live"]').waitFor();
    await waitForSync(ben.page, "offline");
    expect(await goalTitles(ben.page)).toContain("Cached before live");
    await ben.context.setOffline(false);
    await waitForSync(ben.page, "synced");
  });

  it("when the phone's storage refuses a write, adding a goal says so in words and nothing already saved is lost", async () => {
    // The failure is injected inside the real core worker: its IndexedDB writes now fail as they do
    // when the phone is full (QuotaExceededError).
    const core = ben.page.workers().find((w) => w.url().includes("core-worker"));
    if (core === undefined)
      throw new Error(
        `no core worker among ${ben.page
          .workers()
          .map((w) => w.url())
          .join(", ")}`,
      );
    await core.evaluate(() => {
      const store = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      store.originalPut = store.put;
      store.put = () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await openForm(ben.page, "goal-form-open", "goal-title-input");
    await ben.page.getByTestId("goal-title-input").fill("Too big for this phone");
    await ben.page.getByTestId("goal-submit").click();
    await ben.page.getByTestId("error").filter({ hasText: "storage refused" }).waitFor();
    expect(await ben.page.getByTestId("error").first().innerText()).toContain("Nothing was deleted");

    await ben.page.reload();
    await waitForGoal(ben.page, "Cached before live");
    await ben.page.locator('html[data-views="live"]').waitFor();
    expect(await goalCard(ben.page, "From the first tab").count()).toBe(1);
    expect(await goalCard(ben.page, "Cached before live").count()).toBe(1);
  });
});
