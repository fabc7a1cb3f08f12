/**
 * A finished exchange stays where the member is: after Ana and Ben both tap "It happened", the card
 * is still on the default Offers & asks view under "Recently done", Ben (who was helped) is asked to
 * "Say thanks to Ana" right on it, and no sentence claims that nothing is here. On a 360 px phone.
 */
import { describe, expect, it } from "vitest";
import type { Device } from "@porch/testing/browser";
import { confirmOffer, groupOfDevices, offerCard, PHONE, postOffer } from "@porch/testing/life-page";

let ana: Device;
let ben: Device;
const OFFER = "I can drive the kids to school on Monday";

groupOfDevices(
  "School Run",
  ["Ana", "Ben"],
  "offers",
  (devices) => void ([ana, ben] = devices as [Device, Device]),
  PHONE,
);

describe("a finished exchange", () => {
  it("stays in view with its thanks prompt, and the empty state never contradicts it", async () => {
    await postOffer(ana.page, { kind: "offer", category: "rides", description: OFFER });
    await offerCard(ben.page, OFFER).getByTestId("offer-claim").click({ timeout: 20_000 });
    await offerCard(ana.page, OFFER).getByTestId("offer-confirm").waitFor({ timeout: 20_000 });
    await confirmOffer(ana.page, OFFER, { hours: 1 });
    await offerCard(ben.page, OFFER)
      .getByTestId("offer-other-confirmed")
      .filter({ hasText: "Ana says it happened." })
      .waitFor({ timeout: 20_000 });
    await confirmOffer(ben.page, OFFER);

    // Still on the default "Open" view, under "Recently done", for both of them.
    for (const d of [ana, ben]) {
      expect(await d.page.getByTestId("offer-filter-open").isChecked()).toBe(true);
      const done = d.page.getByTestId("offers-recently-done");
      await done
        .locator('[data-testid="offer"][data-status="done"]')
        .filter({ hasText: OFFER })
        .waitFor({ timeout: 20_000 });
      expect(await done.innerText()).toContain("Recently done");
      const empty = await d.page.getByTestId("offers-empty").innerText();
      expect(empty).not.toContain("Nothing here yet");
      expect(empty).toBe("Nothing open right now. Offer a hand, or ask for one.");
    }

    // Ben was helped: the card asks him, by name, until he does.
    const prompt = offerCard(ben.page, OFFER).getByTestId("offer-thanks-prompt");
    // His "It happened" moved the card; focus followed it to the thanks field.
    await ben.page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "offer-thanks-input");
    expect(await prompt.innerText()).toContain("Say thanks to Ana");
    expect(await offerCard(ana.page, OFFER).getByTestId("offer-thanks-prompt").count()).toBe(0);
    await prompt.getByTestId("offer-thanks-input").fill("Thank you, Ana! The kids loved it.");
    await prompt.getByTestId("offer-thanks-submit").click();
    await offerCard(ben.page, OFFER).getByTestId("offer-thanks-prompt").waitFor({ state: "detached" });
    await offerCard(ana.page, OFFER)
      .getByTestId("offer-thanks")
      .filter({ hasText: "Thank you, Ana! The kids loved it." })
      .waitFor({ timeout: 20_000 });
  });
});
