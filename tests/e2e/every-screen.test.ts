/**
 * Every main screen, at 360 × 740 px, in English and in Spanish, passes `auditScreen`: every form
 * control has an accessible name, every tap target is at least 44 × 44 px, nothing is wider than the
 * screen, and axe finds no serious or critical violation. To check a new screen, add one line to a
 * list below (`BEFORE_ACCOUNT` for a phone without Porch, `MEMBER` for a member with a group).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { formatEnrolToken } from "@porch/shared/aggregation";
import { randomBytes, toBase64Url } from "@porch/shared";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import { addLifeGoal, addProgress, openTab, postCheckIn, postOffer, setUpGroup } from "@porch/testing/life-page";
import { inviteLink, openMembers } from "@porch/testing/porch-page";
import { openJournal } from "@porch/testing/journal-page";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { auditScreen } from "@porch/testing/screen-audit";

const PHONE = { width: 360, height: 740 };
type Lang = "en" | "es";

/** A screen: how to open it on the page, ending once it is on screen. */
interface Screen {
  readonly name: string;
  readonly open: (page: Page) => Promise<void>;
}

let relay: RelayProcess;
let browser: Browser;
let ana: Device;
let openLink = "";
let usedLink = "";

/** Opens a hash route with a reload (the shell reads the address at start). */
const visit = async (page: Page, hash: string, testId: string) => {
  await page.goto(`/${hash}`);
  await page.getByTestId(testId).first().waitFor({ timeout: 30_000 });
};

const BEFORE_ACCOUNT: readonly Screen[] = [
  { name: "welcome", open: (p) => visit(p, "#/", "onboard-name") },
  { name: "recover", open: (p) => visit(p, "#/recover", "recover-phrase") },
  { name: "invitation landing", open: (p) => visit(p, new URL(openLink).hash, "landing-continue") },
  { name: "used invitation", open: (p) => visit(p, new URL(usedLink).hash, "landing-dead") },
];

const MEMBER: readonly Screen[] = [
  { name: "home", open: (p) => visit(p, "#/", "group-link") },
  ...(["goals", "checkins", "offers", "circles"] as const).map((tab) => ({
    name: `group: ${tab}`,
    open: async (p: Page) => {
      await visit(p, "#/", "group-link");
      await p.getByTestId("group-link").first().click();
      await openTab(p, tab);
    },
  })),
  // The same tabs with their folded form open: the form's controls are audited too (the Goal box).
  ...(
    [
      ["goals", "goal-form-open"],
      ["checkins", "checkin-form-open"],
      ["offers", "offer-form-open"],
      ["circles", "circle-form-open"],
    ] as const
  ).map(([tab, opener]) => ({
    name: `group: ${tab}, its form open`,
    open: async (p: Page) => {
      await visit(p, "#/", "group-link");
      await p.getByTestId("group-link").first().click();
      await openTab(p, tab);
      const button = p.getByTestId(opener);
      if (await button.isVisible()) {
        await button.click();
        await p.getByTestId(`${opener}-cancel`).waitFor();
      }
    },
  })),
  {
    name: "group: members, invitation form open",
    open: async (p: Page) => {
      await visit(p, "#/", "group-link");
      await p.getByTestId("group-link").first().click();
      await openMembers(p);
      await p.getByTestId("invite-open").click();
      await p.getByTestId("invite-open-cancel").waitFor();
    },
  },
  { name: "journal", open: (p) => openJournal(p) },
  { name: "my progress", open: (p) => openJournal(p, "progress") },
  { name: "what you share", open: (p) => openJournal(p, "sharing") },
  { name: "settings", open: (p) => visit(p, "#/settings", "settings-name") },
  {
    name: "settings: recovery words confirmation",
    open: async (p) => {
      await visit(p, "#/settings", "words-show");
      await p.getByTestId("words-show").click();
      await p.getByTestId("words-confirm").waitFor();
    },
  },
  { name: "add another device", open: (p) => visit(p, "#/devices", "device-link-button") },
  {
    name: "program enrolment",
    open: (p) =>
      visit(
        p,
        `#/enrol/${formatEnrolToken({
          cohortId: toBase64Url(randomBytes(16)),
          name: "Oakland 2026",
          orgKey: randomBytes(32),
          orgBoxKey: randomBytes(32),
          secret: randomBytes(32),
        })}`,
        "enrol-program",
      ),
  },
];

/** Switches the interface language with the header's button if it is not `lang` already. */
async function useLang(page: Page, lang: Lang): Promise<void> {
  if ((await page.getAttribute("html", "lang")) !== lang) await page.getByTestId("lang-switch").click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Audits each screen in each language; returns one line per problem, naming the screen and language. */
async function auditAll(page: Page, screens: readonly Screen[]): Promise<string[]> {
  const problems: string[] = [];
  for (const lang of ["en", "es"] as const) {
    for (const screen of screens) {
      await screen.open(page);
      await useLang(page, lang);
      for (const p of await auditScreen(page)) problems.push(`[${lang}] ${screen.name}: ${p}`);
    }
  }
  return problems;
}

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  const [first, ben] = (await setUpGroup(browser, relay.url, "Maple Street Families", ["Ana", "Ben"])) as [
    Device,
    Device,
  ];
  ana = first;
  await ben.context.close();
  await ana.page.setViewportSize(PHONE);
  await addLifeGoal(ana.page, { title: "Emergency fund", target: 1500, percentOnly: true });
  await addProgress(ana.page, "Emergency fund", { amount: 600, note: "Tax refund" });
  await openTab(ana.page, "checkins");
  await postCheckIn(ana.page, { wins: "Paid rent on time", asks: "Rides to the clinic?" });
  await openTab(ana.page, "offers");
  await postOffer(ana.page, { kind: "offer", category: "meals", description: "Tamales for two families" });
  usedLink = await inviteLink(ana.page);
  const cleo = await newDevice(browser, relay.url);
  await cleo.page.goto(new URL(usedLink).hash === "" ? usedLink : `/${new URL(usedLink).hash}`);
  await cleo.page.getByTestId("landing-continue").click();
  await cleo.page.getByTestId("onboard-name").fill("Cleo");
  await cleo.page.getByTestId("onboard-submit").click();
  await cleo.page.getByTestId("recovery-confirm").check();
  await cleo.page.getByTestId("recovery-continue").click();
  await cleo.page.getByTestId("group-name").waitFor({ timeout: 30_000 });
  await cleo.context.close();
  openLink = await inviteLink(ana.page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe("the audit", () => {
  it("catches a label pointing at a heading's id, a 19 px link, a box wider than the screen and an unnamed field", async () => {
    const { page, context } = await newDevice(browser, relay.url, { viewport: PHONE });
    await page.goto("/");
    await page.getByTestId("onboard-name").waitFor();
    await page.evaluate(() => {
      // Styles set from script: the page's CSP refuses inline style attributes.
      const main = document.querySelector("main")!;
      main.insertAdjacentHTML(
        "beforeend",
        `<section aria-labelledby="t"><h2 id="t">Add a goal</h2><label for="t">Goal</label><input id="t" type="text"></section>
         <p><a href="#/devices" data-testid="small-link">Add another device</a></p>
         <div data-testid="wide"></div>
         <input type="text" data-testid="nameless">`,
      );
      const link = document.querySelector<HTMLElement>('[data-testid="small-link"]')!;
      Object.assign(link.style, { display: "block", lineHeight: "19px" });
      Object.assign(document.querySelector<HTMLElement>('[data-testid="wide"]')!.style, {
        width: "500px",
        height: "10px",
      });
    });
    const problems = await auditScreen(page);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no accessible name: <input t>/),
        expect.stringMatching(/^label points at no form control \(id "t"\)/),
        expect.stringMatching(/^id "t" is used 2 times/),
        expect.stringMatching(/^tap target \d+×19 px: <a small-link> "Add another device"/),
        expect.stringMatching(/^wider than the screen \(16–516 px\): <div wide>/),
        expect.stringMatching(/^page scrolls sideways/),
        expect.stringMatching(/^no accessible name: <input nameless>/),
      ]),
    );
    await context.close();
  });
});

describe("every main screen on a 360 px phone, in English and Spanish", () => {
  it("before an account: welcome, recovery, an invitation's landing, a used invitation", async () => {
    const { page, context } = await newDevice(browser, relay.url, { viewport: PHONE });
    expect(await auditAll(page, BEFORE_ACCOUNT)).toEqual([]);
    await context.close();
  });

  it("a member with a group: home, each group tab, the journal's screens, settings, devices, enrolment", async () => {
    expect(await auditAll(ana.page, MEMBER)).toEqual([]);
  });
});
