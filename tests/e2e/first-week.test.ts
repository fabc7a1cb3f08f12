/**
 * A member's first week, on a 360 px phone, in English and Spanish: no "offline" line before there is
 * anything to sync (and the truth once there is); an invitation link shows the group's name, who
 * invited them and the note before any onboarding; a used or revoked link is refused on that first
 * screen with its reason and what to do; settings keep the name and the language across a reload; the
 * recovery words come back only after a confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import {
  backToGroup,
  createGroup,
  inviteLink,
  onboard,
  openForm,
  openMembers,
  waitForSync,
} from "@porch/testing/porch-page";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

const PHONE = { viewport: { width: 360, height: 740 } };
const GROUP = "Maple Street Families";
const LOCALE = { en: "en-US", es: "es-US" } as const;

let relay: RelayProcess;
let browser: Browser;
let ana: Device;
let anaWords: string[] = [];

/** A phone without Porch whose browser speaks `lang` (Porch starts in the browser's language). */
const phone = (lang: "en" | "es") => newDevice(browser, relay.url, { ...PHONE, locale: LOCALE[lang] });
const hashOf = (link: string) => `/${new URL(link).hash}`;
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).trim();

/** Ana makes an invitation link with this note, on her group's members screen, and comes back. */
async function invite(note: string): Promise<string> {
  await openMembers(ana.page);
  await openForm(ana.page, "invite-open", "invite-note");
  await ana.page.getByTestId("invite-note").fill(note);
  const link = await inviteLink(ana.page);
  await backToGroup(ana.page);
  return link;
}

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  ana = await phone("en");
  anaWords = await onboard(ana.page, "Ana");
  await createGroup(ana.page, GROUP);
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe("a member's first week", () => {
  it("no 'offline' line on the welcome screen or an invitation's landing while online; the truth once there is something to sync", async () => {
    const link = await invite("for Dee");
    for (const lang of ["en", "es"] as const) {
      const { page, context } = await phone(lang);
      await page.goto("/");
      await page.getByTestId("onboard-name").waitFor();
      expect(await page.getByTestId("sync-status").count()).toBe(0);
      expect(await page.locator("body").innerText()).not.toMatch(/offline|sin conexión/i);
      await page.goto(hashOf(link));
      await page.getByTestId("landing-invited").waitFor();
      expect(await page.getByTestId("sync-status").count()).toBe(0);
      expect(await page.locator("body").innerText()).not.toMatch(/offline|sin conexión/i);
      await context.close();
    }
    // With an account, the line appears and tells the truth both ways.
    const { page, context } = await phone("en");
    await onboard(page, "Dee");
    await waitForSync(page, "synced");
    await context.setOffline(true);
    await waitForSync(page, "offline");
    await context.setOffline(false);
    await waitForSync(page, "synced");
    await context.close();
  });

  it("Ben (Spanish) and Cleo (English) see the group, who invited them and Ana's note before setting up, then join", async () => {
    const cases = [
      {
        lang: "es",
        name: "Ben",
        note: "¡Ben, trae a los niños el sábado!",
        invited: `Ana te invitó a unirte a “${GROUP}” en Porch.`,
        from: "Una nota de Ana",
      },
      {
        lang: "en",
        name: "Cleo",
        note: "Cleo, welcome to the porch!",
        invited: `Ana invited you to join “${GROUP}” on Porch.`,
        from: "A note from Ana",
      },
    ] as const;
    for (const c of cases) {
      const link = await invite(c.note);
      const { page, context } = await phone(c.lang);
      await page.goto(hashOf(link));
      await page.getByTestId("landing-invited").waitFor({ timeout: 30_000 });
      expect(await page.getAttribute("html", "lang")).toBe(c.lang);
      expect(await text(page, "landing-invited")).toBe(c.invited);
      expect(await text(page, "landing-note")).toBe(c.note);
      expect(await page.locator(".landing-note figcaption").innerText()).toBe(c.from);
      // Nothing of onboarding yet: no name to type, no recovery words.
      expect(await page.getByTestId("onboard-name").count()).toBe(0);
      await page.getByTestId("landing-continue").click();
      await page.getByTestId("onboard-name").fill(c.name);
      await page.getByTestId("onboard-submit").click();
      await page.getByTestId("recovery-confirm").check();
      await page.getByTestId("recovery-continue").click();
      await page.getByTestId("group-name").filter({ hasText: GROUP }).waitFor({ timeout: 30_000 });
      await context.close();
    }
  });

  it("a used link (English) and a revoked link (Spanish) are refused on the first screen, saying why and what to do", async () => {
    const used = await invite("for Eli");
    const eli = await phone("en");
    await onboard(eli.page, "Eli", hashOf(used));
    await eli.page.getByTestId("group-name").filter({ hasText: GROUP }).waitFor({ timeout: 30_000 });
    await eli.context.close();

    const revoked = await invite("for Fay");
    await openMembers(ana.page);
    await ana.page.getByTestId("pending-invite").filter({ hasText: "for Fay" }).getByTestId("revoke-invite").click();
    await ana.page.getByTestId("pending-invite").filter({ hasText: "for Fay" }).waitFor({ state: "detached" });
    await backToGroup(ana.page);

    const cases = [
      {
        lang: "en",
        link: used,
        reason: "invite-used",
        says: "Someone already used this invitation link. Each link works only once.",
        todo: "Ask the person who invited you to send you a new link.",
      },
      {
        lang: "es",
        link: revoked,
        reason: "invite-revoked",
        says: "La persona que hizo esta invitación la canceló.",
        todo: "Pídele a la persona que te invitó que te mande un enlace nuevo.",
      },
    ] as const;
    for (const c of cases) {
      const { page, context } = await phone(c.lang);
      await page.goto(hashOf(c.link));
      const dead = page.getByTestId("landing-dead");
      await dead.waitFor({ timeout: 30_000 });
      expect(await dead.getAttribute("data-reason")).toBe(c.reason);
      expect(await dead.innerText()).toContain(c.says);
      expect(await dead.innerText()).toContain(c.todo);
      expect(await page.getByTestId("landing-continue").count()).toBe(0);
      expect(await page.getByTestId("onboard-name").count()).toBe(0);
      // Setting up Porch without the dead link leaves no failed join behind.
      await page.getByTestId("landing-without").click();
      await page.getByTestId("onboard-name").waitFor();
      expect(new URL(page.url()).hash).toBe("#/");
      await context.close();
    }
  });

  it("Ana renames herself and picks Spanish in Settings: both survive a reload", async () => {
    await ana.page.getByTestId("settings-link").click();
    await ana.page.getByTestId("settings-name").fill("Ana M.");
    await ana.page.getByTestId("settings-name-save").click();
    await ana.page.getByTestId("settings-name-status").filter({ hasText: "Saved" }).waitFor();
    await ana.page.getByTestId("settings-lang-es").check();
    await ana.page.waitForFunction(() => document.documentElement.lang === "es");

    await ana.page.reload();
    await ana.page.getByTestId("settings-name").waitFor();
    expect(await ana.page.getAttribute("html", "lang")).toBe("es");
    expect(await text(ana.page, "settings-link")).toBe("Ajustes");
    expect(await ana.page.getByTestId("settings-lang-es").isChecked()).toBe(true);
    expect(await ana.page.getByTestId("settings-name").inputValue()).toBe("Ana M.");
    // The group shows the new name too.
    await ana.page.goto("/");
    await ana.page.getByTestId("group-link").click();
    await openMembers(ana.page);
    await ana.page.getByTestId("member").filter({ hasText: "Ana M." }).waitFor();
  });

  it("the recovery words come back only after Ana confirms nobody is looking, and they are her words", async () => {
    await ana.page.goto("/#/settings");
    await ana.page.getByTestId("words-show").click();
    await ana.page.getByTestId("words-confirm-panel").waitFor();
    expect(await ana.page.getByTestId("recovery-word").count()).toBe(0);
    await ana.page.getByTestId("words-cancel").click();
    await ana.page.getByTestId("words-show").click();
    await ana.page.getByTestId("words-confirm").click();
    await ana.page.getByTestId("recovery-word").nth(23).waitFor();
    // The very words she wrote down at onboarding (in English), though her screen is in Spanish now.
    expect((await ana.page.getByTestId("recovery-word").allInnerTexts()).map((w) => w.trim())).toEqual(anaWords);
    await ana.page.getByTestId("words-hide").click();
    expect(await ana.page.getByTestId("recovery-word").count()).toBe(0);
  });

  it("details: the check-ins tab reads 'Puestas al día', and a goal's date is spelled out in the member's language", async () => {
    await ana.page.goto("/");
    await ana.page.getByTestId("group-link").click();
    await ana.page.getByTestId("settings-link").waitFor();
    const spelled = ana.page.locator('[data-testid="date-in-words"]').first();
    for (const c of [
      { lang: "es", tab: "Puestas al día", words: "Fecha: sábado, 6 de marzo de 2027" },
      { lang: "en", tab: "Check-ins", words: "Date: Saturday, March 6, 2027" },
    ] as const) {
      if ((await ana.page.getAttribute("html", "lang")) !== c.lang) await ana.page.getByTestId("lang-switch").click();
      await ana.page.waitForFunction((l) => document.documentElement.lang === l, c.lang);
      // The page's lang attribute and its words change in separate updates: wait for the words.
      await expect.poll(() => text(ana.page, "tab-checkins")).toBe(c.tab);
      await openForm(ana.page, "goal-form-open", "goal-date-input");
      // The switch re-renders the open form: wait for it before typing, rather than type mid-update.
      await expect.poll(() => ana.page.getByTestId("goal-date-input").getAttribute("lang")).toBe(c.lang);
      await ana.page.getByTestId("goal-date-input").fill("2027-03-06");
      await expect.poll(async () => (await spelled.innerText()).trim()).toBe(c.words);
    }
  });
});
