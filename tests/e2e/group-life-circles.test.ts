/**
 * A lending circle between two devices: tracking only. The circle started last month, so round 1 is
 * already late; Ben marks his payment sent while offline, Ana (the round's recipient) still confirms it
 * received, both see the round complete, and the CSV matches. Dates are relative to today.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Device } from "@porch/testing/browser";
import { circleCard, createCircle, payment, groupOfDevices } from "@porch/testing/life-page";
import { openForm, waitForSync } from "@porch/testing/porch-page";

let ana: Device;
let ben: Device;
const CIRCLE = "Spring savings circle";
/** "YYYY-MM-DD" of the first day of the month `months` from this one (UTC). */
const firstOfMonth = (months: number): string => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
};
const ROUND_1 = firstOfMonth(-1);
const ROUND_2 = firstOfMonth(0);

groupOfDevices(
  "Circle Friends",
  ["Ana", "Ben"],
  "circles",
  (devices) => void ([ana, ben] = devices as [Device, Device]),
);

describe("lending circles", () => {
  it("says plainly that Porch moves no money, and Ana's circle reaches Ben", async () => {
    await ben.page.getByTestId("circles-empty").waitFor();
    expect(await ben.page.getByTestId("circles-notice").innerText()).toContain("never holds or moves money");
    await createCircle(ana.page, { name: CIRCLE, members: ["Ben"], amount: 150, monthlyDay: 1, start: ROUND_1 });
    const card = circleCard(ben.page, CIRCLE);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getByTestId("circle-notice").innerText()).toContain("does not hold or move money");
    expect(await card.getByTestId("circle-terms").innerText()).toContain("$150 each");
    expect(await ben.page.locator('[data-testid="circle-round"]').count()).toBe(2);
  });

  it("Ben marks his late round-1 payment sent offline; Ana still confirms receipt; both see it complete", async () => {
    await ben.context.setOffline(true);
    await waitForSync(ben.page, "offline");
    expect(await payment(ben.page, CIRCLE, 0, "Ben").getAttribute("data-state")).toBe("late");
    await payment(ben.page, CIRCLE, 0, "Ben").getByTestId("payment-mark-sent").click();
    await ben.page
      .locator(`[data-testid="circle-round"][data-round="0"] [data-testid="circle-payment"][data-state="sent"]`)
      .waitFor();
    expect(await payment(ana.page, CIRCLE, 0, "Ben").getAttribute("data-state")).not.toBe("sent");

    await ben.context.setOffline(false);
    const anas = payment(ana.page, CIRCLE, 0, "Ben");
    await anas.getByTestId("payment-confirm-received").waitFor({ timeout: 20_000 });
    await circleCard(ana.page, CIRCLE).locator('[data-testid="circle-reminder"][data-kind="confirm"]').waitFor();
    await anas.getByTestId("payment-confirm-received").click();
    await ana.page.locator('[data-testid="circle-round"][data-round="0"][data-complete="true"]').waitFor();
    await ben.page
      .locator('[data-testid="circle-round"][data-round="0"][data-complete="true"]')
      .waitFor({ timeout: 20_000 });
    expect(await payment(ben.page, CIRCLE, 0, "Ben").getAttribute("data-state")).toBe("received");
    expect(await circleCard(ben.page, CIRCLE).getByTestId("circle-summary").innerText()).toContain(
      "1 of 2 rounds complete",
    );
  });

  it("downloads the circle as CSV with one row per payment", async () => {
    const [download] = await Promise.all([
      ben.page.waitForEvent("download"),
      circleCard(ben.page, CIRCLE).getByTestId("circle-csv").click(),
    ]);
    expect(download.suggestedFilename()).toBe("Spring-savings-circle.csv");
    const text = await readFile(await download.path(), "utf8");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("circle,round,due,payer,recipient,amount,sent_at,received_at,state");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      new RegExp(`^Spring savings circle,1,${ROUND_1},Ben,Ana,150,\\d{4}-.+Z,\\d{4}-.+Z,received$`),
    );
    expect(lines[2]).toMatch(new RegExp(`^Spring savings circle,2,${ROUND_2},Ana,Ben,150,,,(due|late)$`));
  });

  it("refuses a negative contribution with a translated sentence", async () => {
    await openForm(ana.page, "circle-form-open", "circle-name-input");
    await ana.page.getByTestId("circle-name-input").fill("Another");
    // The form opens fresh after the first circle was saved: choose who is in it again.
    await ana.page.locator('[data-testid="circle-member-input"][data-member-name="Ben"]').check();
    await ana.page.getByTestId("circle-amount-input").fill("-20");
    await ana.page.getByTestId("circle-submit").click();
    await ana.page.getByTestId("error").filter({ hasText: "can't be negative" }).waitFor();
  });
});
