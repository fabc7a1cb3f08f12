import { it } from "vitest";
import type { Page } from "playwright-core";
import type { Device } from "@porch/testing/browser";
import {
  addLifeGoal,
  cheerGoal,
  commentOnGoal,
  confirmOffer,
  groupOfDevices,
  offerCard,
  openTab,
  PHONE,
  postCheckIn,
  postOffer,
} from "@porch/testing/life-page";
import { openMembers, backToGroup, waitForSync } from "@porch/testing/porch-page";

let ana: Device;
let ben: Device;
groupOfDevices(
  "Maple Street Families",
  ["Ana", "Ben"],
  "goals",
  (d) => void ([ana, ben] = d as [Device, Device]),
  PHONE,
);
const shot = (p: Page, name: string) => p.screenshot({ path: `/tmp/wt-group-shots/${name}.png`, fullPage: true });

it("shots", async () => {
  await addLifeGoal(ana.page, { title: "Emergency fund", target: 1000 });
  await openTab(ana.page, "offers");
  await postOffer(ana.page, {
    kind: "offer",
    category: "rides",
    description: "I can drive the kids to school on Monday",
  });
  await openTab(ben.page, "offers");
  await offerCard(ben.page, "I can drive the kids to school on Monday")
    .getByTestId("offer-claim")
    .click({ timeout: 20000 });
  await offerCard(ana.page, "I can drive the kids to school on Monday")
    .getByTestId("offer-confirm")
    .waitFor({ timeout: 20000 });
  await ana.page.locator("a.back").click();
  await confirmOffer(ben.page, "I can drive the kids to school on Monday");
  await openTab(ben.page, "goals");
  await cheerGoal(ben.page, "Emergency fund");
  await commentOnGoal(ben.page, "Emergency fund", "You've got this!");
  await openTab(ben.page, "checkins");
  await postCheckIn(ben.page, { wins: "Found a new job", asks: "Anyone free to watch the kids Saturday?" });
  await waitForSync(ben.page, "synced");
  await ana.page.reload();
  await ana.page.getByTestId("group-news-count").waitFor({ timeout: 20000 });
  for (const lang of ["en", "es"]) {
    if (lang === "es") {
      for (const d of [ana, ben]) await d.page.getByTestId("lang-switch").click();
      await ana.page
        .locator("a.back")
        .click()
        .catch(() => undefined);
      await ana.page.goto("/");
    }
    await ana.page
      .getByTestId("group-news-count")
      .waitFor({ timeout: 20000 })
      .catch(() => undefined);
    await shot(ana.page, `${lang}-home`);
    if (lang === "en") {
      await ana.page.getByTestId("group-link").click();
      await ana.page.getByTestId("group-news").waitFor();
      await shot(ana.page, `${lang}-group-news`);
    } else {
      await ana.page.getByTestId("group-link").click();
      await ana.page.getByTestId("group-name").waitFor();
      await shot(ana.page, `${lang}-group`);
    }
    await openTab(ben.page, "offers");
    await shot(ben.page, `${lang}-ben-offers-done`);
    await openTab(ben.page, "checkins");
    await shot(ben.page, `${lang}-ben-checkins`);
    await ben.page.getByTestId("checkin-turn-into-ask").click();
    await ben.page.getByTestId("offer-description-input").waitFor();
    await shot(ben.page, `${lang}-ben-ask-draft`);
    await ben.page.getByTestId("offer-form-open-cancel").click();
    await openTab(ana.page, "offers");
    await shot(ana.page, `${lang}-ana-offers`);
    await openMembers(ana.page);
    await ana.page.getByTestId("invite-open").click();
    await shot(ana.page, `${lang}-members`);
    await backToGroup(ana.page);
    await openTab(ana.page, "goals");
    await ana.page.getByTestId("goal-form-open").click();
    await shot(ana.page, `${lang}-goal-form-open`);
    await ana.page.getByTestId("goal-form-open-cancel").click();
  }
});
