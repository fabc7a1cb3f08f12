/**
 * An ask inside a check-in goes somewhere, in Spanish on a 360 px phone: Ana asks in her check-in
 * whether anyone can watch the kids on Saturday, taps "Convertir en pedido", edits the prefilled ask
 * and posts it; Ben sees it in "Ofrezco y pido" on his own device, marked as coming from her check-in.
 */
import { describe, expect, it } from "vitest";
import type { Device } from "@porch/testing/browser";
import {
  checkInBy,
  groupOfDevices,
  offerCard,
  openTab,
  PHONE,
  postCheckIn,
  switchToSpanish,
} from "@porch/testing/life-page";

let ana: Device;
let ben: Device;
const ASK = "¿Alguien puede cuidar a los niños el sábado?";
const EDITED = "¿Alguien puede cuidar a los niños el sábado por la mañana?";

groupOfDevices(
  "Familias del Parque",
  ["Ana", "Ben"],
  "checkins",
  (devices) => void ([ana, ben] = devices as [Device, Device]),
  PHONE,
);

describe("de la puesta al día a un pedido", () => {
  it("Ana convierte lo que pidió en su puesta al día en un pedido que Ben ve en Ofrezco y pido", async () => {
    for (const d of [ana, ben]) await switchToSpanish(d.page);
    await postCheckIn(ana.page, { wins: "Terminé el curso de inglés", asks: ASK });
    const post = checkInBy(ana.page, "Ana");
    await post.waitFor();
    // Someone else's check-in offers no such button.
    await checkInBy(ben.page, "Ana").waitFor({ timeout: 20_000 });
    expect(await checkInBy(ben.page, "Ana").getByTestId("checkin-turn-into-ask").count()).toBe(0);

    await post.getByTestId("checkin-turn-into-ask").click();
    await ana.page.getByTestId("panel-offers").waitFor();
    const description = ana.page.getByTestId("offer-description-input");
    expect(await description.inputValue()).toBe(ASK);
    expect(await ana.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "offer-description-input",
    );
    expect(await ana.page.getByTestId("offer-kind-ask").isChecked()).toBe(true);
    expect(await ana.page.getByTestId("offer-from-checkin-note").innerText()).toContain("Viene de tu puesta al día");
    await description.fill(EDITED);
    await ana.page.getByTestId("offer-category-input").selectOption("childcare-swap");
    await ana.page.getByTestId("offer-submit").click();
    await offerCard(ana.page, EDITED).waitFor();

    await openTab(ben.page, "offers");
    const card = offerCard(ben.page, EDITED);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getAttribute("data-kind")).toBe("ask");
    expect(await card.getByTestId("offer-from-checkin").innerText()).toBe("De la puesta al día de Ana");
    expect(await card.getByTestId("offer-claim").innerText()).toBe("Yo puedo ayudar");

    // Back on her check-in, Ana sees it was done instead of the button.
    await openTab(ana.page, "checkins");
    await post.getByTestId("checkin-ask-made").waitFor();
    expect(await post.getByTestId("checkin-turn-into-ask").count()).toBe(0);
  });
});
