/**
 * Offers and asks between three devices: Ana offers, Ben and Cleo both claim it while offline, and
 * after they reconnect every device agrees on one winner; the other sees who claimed first. Then the
 * two parties confirm it happened and the help shows as given and received, never as a debt.
 */
import { describe, expect, it } from "vitest";
import type { Device } from "@porch/testing/browser";
import { confirmOffer, offerCard, postOffer, groupOfDevices } from "@porch/testing/life-page";
import { openForm, waitForSync } from "@porch/testing/porch-page";

let ana: Device;
let ben: Device;
let cleo: Device;
const OFFER = "I can watch two kids on Saturday morning";

groupOfDevices(
  "Helping Hands",
  ["Ana", "Ben", "Cleo"],
  "offers",
  (devices) => void ([ana, ben, cleo] = devices as [Device, Device, Device]),
);

describe("offers and asks", () => {
  it("shows a clear empty state, then Ana's offer reaches Ben and Cleo", async () => {
    await ben.page.getByTestId("offers-empty").waitFor();
    await postOffer(ana.page, { kind: "offer", category: "childcare-swap", description: OFFER, when: "Saturday 9–12" });
    await offerCard(ben.page, OFFER).waitFor({ timeout: 20_000 });
    await offerCard(cleo.page, OFFER).waitFor({ timeout: 20_000 });
    expect(await offerCard(cleo.page, OFFER).getAttribute("data-status")).toBe("open");
    // Nobody can claim their own offer.
    expect(await offerCard(ana.page, OFFER).getByTestId("offer-claim").count()).toBe(0);
  });

  it("Ben and Cleo claim it offline at once; after reconnecting all agree on one winner", async () => {
    await ben.context.setOffline(true);
    await cleo.context.setOffline(true);
    await waitForSync(ben.page, "offline");
    await waitForSync(cleo.page, "offline");
    await offerCard(ben.page, OFFER).getByTestId("offer-claim").click();
    await offerCard(cleo.page, OFFER).getByTestId("offer-claim").click();
    // Offline, each believes they have it.
    await offerCard(ben.page, OFFER).locator("[data-testid=offer-claimant]").filter({ hasText: "Ben" }).waitFor();
    await offerCard(cleo.page, OFFER).locator("[data-testid=offer-claimant]").filter({ hasText: "Cleo" }).waitFor();

    await ben.context.setOffline(false);
    await cleo.context.setOffline(false);
    await waitForSync(ben.page, "synced");
    await waitForSync(cleo.page, "synced");

    // Both claims are known everywhere once one device shows a "claimed first" message.
    const loserMessage = async (d: Device) => offerCard(d.page, OFFER).getByTestId("offer-claimed-first").count();
    await Promise.race([
      offerCard(ben.page, OFFER).getByTestId("offer-claimed-first").waitFor({ timeout: 20_000 }),
      offerCard(cleo.page, OFFER).getByTestId("offer-claimed-first").waitFor({ timeout: 20_000 }),
    ]);
    const [benLost, cleoLost] = [await loserMessage(ben), await loserMessage(cleo)];
    expect(benLost + cleoLost).toBe(1);
    const [winner, loser] = benLost ? (["Cleo", ben] as const) : (["Ben", cleo] as const);
    for (const d of [ana, ben, cleo]) {
      await offerCard(d.page, OFFER)
        .getByTestId("offer-claimant")
        .filter({ hasText: `${winner} is taking this.` })
        .waitFor({ timeout: 20_000 });
    }
    expect(await offerCard(loser.page, OFFER).getByTestId("offer-claimed-first").innerText()).toContain(
      `${winner} took this up first`,
    );
    expect(await offerCard(loser.page, OFFER).getByTestId("offer-confirm").count()).toBe(0);
  });

  it("the two parties confirm it happened; the tally shows given and received, no balance", async () => {
    const winnerDevice = (await offerCard(ben.page, OFFER).getByTestId("offer-claimed-first").count()) ? cleo : ben;
    const winnerName = winnerDevice === ben ? "Ben" : "Cleo";
    await confirmOffer(ana.page, OFFER, { hours: 3 });
    await offerCard(ana.page, OFFER).getByTestId("offer-waiting").waitFor();
    await offerCard(winnerDevice.page, OFFER).getByTestId("offer-confirm").waitFor({ timeout: 20_000 });
    await confirmOffer(winnerDevice.page, OFFER, { hours: 3, dollars: 40 });
    for (const d of [ana, ben, cleo]) {
      await d.page.getByTestId("offer-filter-all").check();
      await d.page
        .locator(`[data-testid="offer"][data-status="done"]`)
        .filter({ hasText: OFFER })
        .waitFor({ timeout: 20_000 });
    }
    const recorded = await offerCard(cleo.page, OFFER).getByTestId("offer-recorded").innerText();
    expect(recorded).toContain(`Ana helped ${winnerName}`);
    expect(recorded).toContain("3 h");

    const tally = await ben.page.getByTestId("tally").innerText();
    expect(tally).toContain("Given");
    expect(tally).toContain("Received");
    expect(tally.toLowerCase()).not.toMatch(/owe|debt|balance|-\s*\$/);

    await offerCard(winnerDevice.page, OFFER).getByTestId("offer-thanks-input").fill("Thank you, Ana!");
    await offerCard(winnerDevice.page, OFFER).getByTestId("offer-thanks-submit").click();
    await offerCard(ana.page, OFFER)
      .getByTestId("offer-thanks")
      .filter({ hasText: "Thank you, Ana!" })
      .waitFor({ timeout: 20_000 });
  });

  it("filters by mine and by category, with a clear message when nothing matches", async () => {
    await postOffer(ben.page, { kind: "ask", category: "rides", description: "Ride to the clinic on Tuesday?" });
    await cleo.page.getByTestId("offer-filter-open").check();
    await offerCard(cleo.page, "Ride to the clinic on Tuesday?").waitFor({ timeout: 20_000 });
    await cleo.page.getByTestId("offer-filter-category").selectOption("meals");
    await cleo.page.getByTestId("offers-empty").filter({ hasText: "Nothing matches these filters." }).waitFor();
    await cleo.page.getByTestId("offer-filter-category").selectOption("rides");
    await offerCard(cleo.page, "Ride to the clinic on Tuesday?").waitFor();
    await ben.page.getByTestId("offer-filter-mine").check();
    await offerCard(ben.page, "Ride to the clinic on Tuesday?").waitFor();
  });

  it("says what is wrong with an empty description, in plain words", async () => {
    await openForm(cleo.page, "offer-form-open", "offer-description-input");
    await cleo.page.getByTestId("offer-description-input").fill("   ");
    await cleo.page.getByTestId("offer-submit").click();
    await cleo.page.getByTestId("error").filter({ hasText: "Please write something first." }).waitFor();
  });
});
