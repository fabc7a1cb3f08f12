/**
 * Membership has its own place, in Spanish on a 360 px phone: none of the life tabs carries the
 * invitation form, the members' management or "Leave this group"; one line under the group's name
 * says who can read it and leads to the members screen, where all of that lives. Forms fold behind a
 * button, close once saved, and hand focus back to the button that opened them.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Device } from "@porch/testing/browser";
import { goalCard, groupOfDevices, openTab, PHONE, switchToSpanish, type Tab } from "@porch/testing/life-page";
import { backToGroup, openForm, openMembers } from "@porch/testing/porch-page";

let ana: Device;
let ben: Device;

groupOfDevices(
  "Vecinos de la Calle 5",
  ["Ana", "Ben"],
  "goals",
  (devices) => void ([ana, ben] = devices as [Device, Device]),
  PHONE,
);

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);
const ADMIN = [
  "invite-open",
  "invite-button",
  "invite-note",
  "leave-button",
  "member",
  "pending-invite",
  "membership-event",
];

describe("el lugar de los miembros", () => {
  it("ninguna pestaña repite la administración del grupo; los miembros tienen su propia pantalla", async () => {
    for (const d of [ana, ben]) await switchToSpanish(d.page);
    for (const tab of ["goals", "checkins", "offers", "circles"] as Tab[]) {
      await openTab(ana.page, tab);
      for (const id of ADMIN) expect(await ana.page.getByTestId(id).count(), `${id} on ${tab}`).toBe(0);
      // A tab on a phone is short now: at most two screens, not four.
      const height = await ana.page.evaluate(() => document.documentElement.scrollHeight);
      expect(height, tab).toBeLessThan(2 * 740);
    }
    const who = await ana.page.getByTestId("group-who").innerText();
    expect(who).toContain("Solo los miembros ven este grupo: Ana, Ben.");

    await openMembers(ana.page);
    expect(await ana.page.getByTestId("members-screen-title").innerText()).toBe("Miembros de Vecinos de la Calle 5");
    expect((await ana.page.getByTestId("member").locator(".member-name").allInnerTexts()).sort()).toEqual([
      "Ana",
      "Ben",
    ]);
    expect(await ana.page.getByTestId("invite-open").innerText()).toBe("Invitar a alguien");
    await ana.page.getByTestId("leave-button").waitFor();
    await ana.page.getByTestId("membership-event").filter({ hasText: "Ben" }).first().waitFor();
    // The invitation form opens on demand and closes once the link is made.
    await openForm(ana.page, "invite-open", "invite-note");
    expect(await ana.page.getByTestId("invite-open").getAttribute("aria-expanded")).toBe("true");
    await ana.page.getByTestId("invite-button").click();
    await ana.page.getByTestId("invite-link").waitFor();
    expect(await ana.page.getByTestId("invite-note").count()).toBe(0);
    await backToGroup(ana.page);
    await ana.page.getByTestId("panel-goals").waitFor();
  });

  it("un formulario se abre con un botón, se cierra al guardar y devuelve el foco al botón", async () => {
    await openTab(ana.page, "goals");
    expect(await ana.page.getByTestId("goal-title-input").count()).toBe(0);
    await ana.page.getByTestId("goal-form-open").click();
    await ana.page.getByTestId("goal-title-input").waitFor();
    expect(await focusedTestId(ana.page)).toBe("goal-title-input");
    await ana.page.getByTestId("goal-title-input").fill("Ahorrar para la renta");
    await ana.page.getByTestId("goal-submit").click();
    await goalCard(ana.page, "Ahorrar para la renta").waitFor();
    await ana.page.getByTestId("goal-title-input").waitFor({ state: "detached" });
    expect(await focusedTestId(ana.page)).toBe("goal-form-open");
    expect(await ana.page.getByTestId("goal-form-open").getAttribute("aria-expanded")).toBe("false");
    await ana.page.getByRole("status").filter({ hasText: "Guardado." }).waitFor();
    await goalCard(ben.page, "Ahorrar para la renta").waitFor({ timeout: 20_000 });
  });
});
