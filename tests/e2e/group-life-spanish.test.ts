/**
 * A whole goal flow in Spanish: Ana and Ben switch language, Ana sets a goal with an amount and a
 * date, Ben cheers and comments offline, and both see Spanish sentences with es-US formatting.
 * (es-US writes dollars like en-US — "$1,500" — and dates the Spanish way — "15 mar 2031".)
 */
import { describe, expect, it } from "vitest";
import type { Device } from "@porch/testing/browser";
import { addLifeGoal, addProgress, cheerGoal, commentOnGoal, goalCard, groupOfDevices } from "@porch/testing/life-page";
import { waitForSync } from "@porch/testing/porch-page";

let ana: Device;
let ben: Device;

groupOfDevices(
  "Familias de la Calle Maple",
  ["Ana", "Ben"],
  "goals",
  (devices) => void ([ana, ben] = devices as [Device, Device]),
);

describe("en español", () => {
  it("switching language changes every group-life sentence at once", async () => {
    for (const d of [ana, ben]) {
      await d.page.getByTestId("lang-switch").click();
      await d.page.getByTestId("tab-offers").filter({ hasText: "Ofrezco y pido" }).waitFor();
      expect(await d.page.locator("html").getAttribute("lang")).toBe("es");
    }
    expect(await ana.page.getByTestId("tab-checkins").innerText()).toBe("Puestas al día");
  });

  it("Ana's goal shows es-US amounts and dates; Ben cheers and comments offline; both converge", async () => {
    await addLifeGoal(ana.page, { title: "Fondo de emergencia", target: 1500, date: "2031-03-15" });
    await addProgress(ana.page, "Fondo de emergencia", { amount: 600, note: "Devolución de impuestos" });
    const anas = goalCard(ana.page, "Fondo de emergencia");
    await anas.getByTestId("goal-current").filter({ hasText: "$600 de $1,500" }).waitFor();

    const bens = goalCard(ben.page, "Fondo de emergencia");
    await bens.getByTestId("goal-percent").filter({ hasText: "40%" }).waitFor({ timeout: 20_000 });
    expect(await bens.getByTestId("goal-target").innerText()).toBe("$1,500");
    expect(await bens.getByTestId("goal-date").innerText()).toBe("15 mar 2031");
    expect(await bens.getByTestId("goal-cheers").innerText()).toBe("Todavía sin aplausos");

    await ben.context.setOffline(true);
    await waitForSync(ben.page, "offline");
    expect(await ben.page.getByTestId("sync-status").innerText()).toContain("Sin conexión");
    await cheerGoal(ben.page, "Fondo de emergencia");
    expect(await bens.getByTestId("goal-cheer").innerText()).toBe("Aplaudiste ✓");
    await commentOnGoal(ben.page, "Fondo de emergencia", "¡Qué orgullo!");
    await ben.context.setOffline(false);

    await anas.getByTestId("goal-cheers").filter({ hasText: "1 aplauso" }).waitFor({ timeout: 20_000 });
    await anas.getByTestId("goal-comment-text").filter({ hasText: "¡Qué orgullo!" }).waitFor();
    await waitForSync(ben.page, "synced");
  });

  it("a negative amount is refused in Spanish", async () => {
    await addProgress(ana.page, "Fondo de emergencia", { amount: -5 });
    await goalCard(ana.page, "Fondo de emergencia")
      .getByTestId("error")
      .filter({ hasText: "no pueden ser negativas" })
      .waitFor();
  });
});
