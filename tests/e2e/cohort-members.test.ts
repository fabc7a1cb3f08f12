/**
 * A program as its members live it, in real Chromium against a real relay: three friends (Ana, Ben,
 * Cara) keep their journals, turn on sharing for their income, and join the organization's program
 * from its link; Ana volunteers and is drawn as a steward. Twenty-seven more families are simulated
 * (real identities, groups and cohort agents in Node: @porch/testing/cohort-sim), and the organization
 * is its real agent in Node (the dashboard has its own browser test). Then:
 *
 * - each member's app sends its report by itself and shows it as sent, then counted;
 * - Ana's phone does its steward duty while Porch is open and says so ("…: done");
 * - the published totals appear on Ben's progress page, in Spanish;
 * - joining with a broken link says so, and sends nothing; a code pasted in Sharing works like the link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { WebSocket } from "ws";
import { DeviceId, deriveIdentity, randomBytes, readySodium } from "@porch/shared";
import { OrgAgent, RelayConnection, type OrgRoundView } from "@porch/client/aggregation";
import { launchBrowser, type Device } from "@porch/testing/browser";
import { simulatedCohort } from "@porch/testing/cohort-data";
import { enrolFamilies } from "@porch/testing/cohort-sim";
import { fillMonth, monthFromNow, openJournal } from "@porch/testing/journal-page";
import { setUpGroup } from "@porch/testing/life-page";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

const PROGRAM = "Oakland 2026";
const period = monthFromNow(-1);
const baseline = monthFromNow(-3);

let relay: RelayProcess;
let browser: Browser;
let ana: Device;
let ben: Device;
let cara: Device;
let org: OrgAgent;
let orgConnection: RelayConnection;
let cohortId: string;
let enrolLink: string;
let pushes = 0;
let wake: () => void = () => {};
let closeFamilies: () => void = () => {};

/** Saves a screenshot when PORCH_SCREENSHOTS names a folder (to look at the screens; never asserted). */
async function shoot(device: Device, name: string, testId?: string): Promise<void> {
  const dir = process.env.PORCH_SCREENSHOTS;
  if (dir === undefined) return;
  await device.page.setViewportSize({ width: 360, height: 740 });
  const path = `${dir}/${name}.png`;
  if (testId === undefined) await device.page.screenshot({ path, fullPage: true });
  else await device.page.getByTestId(testId).first().screenshot({ path });
}

/** The organization's view of the round once `check` holds, re-read whenever the relay announces a change. */
async function roundWhen(roundId: string, check: (r: OrgRoundView) => boolean): Promise<OrgRoundView> {
  for (;;) {
    const seen = pushes;
    const state = await org.state(cohortId);
    if (!state.ok) throw new Error(state.code);
    const round = state.value.rounds.find((r) => r.roundId === roundId);
    if (round !== undefined && (check(round) || round.phase === "aborted")) return round;
    if (pushes === seen) await new Promise<void>((resolve) => (wake = resolve));
  }
}

beforeAll(async () => {
  await readySodium();
  relay = await startRelay();
  browser = await launchBrowser();
  [ana, ben, cara] = (await setUpGroup(browser, relay.url, "Maple Street Families", ["Ana", "Ben", "Cara"])) as [
    Device,
    Device,
    Device,
  ];
  const seed = randomBytes(32);
  const identity = deriveIdentity(seed);
  let ready: () => void = () => {};
  const welcomed = new Promise<void>((resolve) => (ready = resolve));
  orgConnection = new RelayConnection({
    url: relay.syncUrl,
    identity,
    deviceId: DeviceId.random(),
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    onLive: () => {},
    onPush: () => {
      pushes++;
      wake();
    },
    onState: () => {},
    onReady: () => ready(),
  });
  orgConnection.start();
  await welcomed;
  org = new OrgAgent({ connection: orgConnection, identity, seed, origin: relay.url, now: Date.now });
  const created = await org.createCohort(PROGRAM);
  if (!created.ok) throw new Error(created.code);
  cohortId = created.value.cohortId;
  const state = await org.state(cohortId);
  if (!state.ok) throw new Error(state.code);
  enrolLink = state.value.enrolLink;
});

afterAll(async () => {
  closeFamilies();
  orgConnection?.stop();
  await browser?.close();
  await relay?.stop();
});

describe("a program, as its members live it", () => {
  it("a broken program link says so on the first screen and offers nothing to send", async () => {
    await cara.page.goto("/#/enrol/not-a-real-link");
    await cara.page.getByRole("heading", { name: "Join a program" }).waitFor();
    await cara.page.getByText("This program link doesn't work").waitFor();
    expect(await cara.page.getByTestId("enrol-submit").count()).toBe(0);
  });

  it("three friends keep their journals, share their income, and join (Cara with a code); Ana volunteers", async () => {
    const amounts = new Map([
      [ana, ["2,000", "2,600"]],
      [ben, ["1,500", "1,650"]],
      [cara, ["3,100", "3,000"]],
    ]);
    for (const [device, [before, after]] of amounts) {
      await fillMonth(device.page, baseline, { "income.wages": before! });
      await fillMonth(device.page, period, { "income.wages": after! });
      await openJournal(device.page, "sharing");
      await device.page.getByTestId("consent-org-income.wages").check();
      if (device === cara) {
        // Cara was given the code, not the link: she pastes it in Sharing.
        await device.page.getByTestId("program-code").fill(new URL(enrolLink).hash.replace("#/enrol/", ""));
        await device.page.getByTestId("program-code-submit").click();
      } else {
        const url = new URL(enrolLink);
        await device.page.goto(url.pathname + url.hash);
      }
      await device.page.getByTestId("enrol-program").filter({ hasText: PROGRAM }).waitFor();
      if (device === ana) {
        await device.page.getByTestId("enrol-volunteer").check();
        await shoot(device, "enrol-en");
      }
      await device.page.getByTestId("enrol-submit").click();
      await device.page.getByTestId("program").filter({ hasText: PROGRAM }).waitFor({ timeout: 20_000 });
    }
  });

  it("each app sends its report by itself; Ana's phone does its steward duty; the totals are published", async () => {
    // 27 more families in 4 more groups, one volunteer each: with Ana, exactly k = 5 volunteers in 5 groups.
    const file = simulatedCohort({ families: 27, groups: 4, months: 3, lastMonth: period });
    const families = await enrolFamilies(file, { syncUrl: relay.syncUrl, enrolLink, volunteersPerGroup: 1 });
    closeFamilies = families.close;
    const now = Date.now();
    const opened = await org.openRound(cohortId, period, {
      volunteersBy: now + 86_400_000,
      freezesAt: now + 2 * 86_400_000,
      partialsBy: now + 3 * 86_400_000,
    });
    if (!opened.ok) throw new Error(opened.code);
    const roundId = opened.value;
    await roundWhen(roundId, (r) => r.volunteers >= 5);
    expect((await org.advance(roundId)).ok).toBe(true);
    const open = await roundWhen(roundId, (r) => r.phase === "open");
    expect(open.phase).toBe("open");
    await ana.page
      .getByTestId("steward-status")
      .filter({ hasText: `You are a steward for ${PROGRAM}` })
      .waitFor();

    await roundWhen(roundId, (r) => r.reports >= 30);
    for (const device of [ana, ben, cara])
      await device.page.locator('[data-testid="cohort-report"][data-status="sent"]').waitFor({ timeout: 20_000 });
    expect((await org.advance(roundId)).ok).toBe(true);

    const done = await roundWhen(roundId, (r) => r.phase === "published");
    expect(done.phase).toBe("published");
    expect(done.contributors).toBe(30);
    expect(done.participation.map((p) => p.name).sort()).toContain("Ana");
    await ana.page
      .locator('[data-testid="steward-status"][data-status="done"]')
      .filter({ hasText: `You are a steward for ${PROGRAM}` })
      .waitFor({ timeout: 20_000 });
    await ben.page.locator('[data-testid="cohort-report"][data-status="included"]').waitFor({ timeout: 20_000 });
    await ana.page.getByTestId("programs").scrollIntoViewIfNeeded();
    await shoot(ana, "sharing-steward-en", "programs");
  });

  it("Ben sees the families' totals next to his own progress, in Spanish", async () => {
    await ben.page.getByTestId("lang-switch").click();
    await openJournal(ben.page, "progress");
    const release = ben.page.getByTestId("cohort-release");
    await release.waitFor({ timeout: 20_000 });
    await release.getByText(`Familias de ${PROGRAM}`).first().waitFor();
    await release.getByText("Participaron 30 familias.").waitFor();
    expect(await release.getByTestId("cohort-release-line").count()).toBe(4);
    expect(await ben.page.locator("html").getAttribute("lang")).toBe("es");
    await shoot(ben, "progress-release-es", "programs");
    await openJournal(ben.page, "sharing");
    await ben.page.getByTestId("programs").waitFor();
    await shoot(ben, "sharing-es", "programs");
  });
});
