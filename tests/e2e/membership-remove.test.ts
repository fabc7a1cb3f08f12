/**
 * Invite → join → remove in real Chromium against a real relay: the removed device shows the notice,
 * keeps what it had, and cannot read anything written after removal (its screen, and the relay's
 * refusal of its subscribe), while the others keep syncing. Two contexts race one invitation link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import {
  addGoal,
  backToGroup,
  createGroup,
  goalTitles,
  inviteLink,
  onboard,
  openForm,
  openMembers,
  waitForGoal,
} from "@porch/testing/porch-page";
import { TestClient } from "@porch/testing/test-client";
import { deriveIdentity, GroupId, phraseToSeed, randomBytes, readySodium } from "@porch/shared";

let relay: RelayProcess;
let browser: Browser;
let ana: Device;
let ben: Device;
let cara: Device;
let caraWords: string[] = [];
const GROUP = "Maple Street Families";
const path = (link: string) => new URL(link).pathname + new URL(link).hash;

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  ana = await newDevice(browser, relay.url);
  ben = await newDevice(browser, relay.url);
  cara = await newDevice(browser, relay.url);
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe("removing a member", () => {
  it("Ana invites Ben and Cara; everyone reads who invited whom", async () => {
    await onboard(ana.page, "Ana");
    await createGroup(ana.page, GROUP);
    // Membership lives on its own screen, reached from the group screen's header.
    await openMembers(ana.page);
    await openForm(ana.page, "invite-open", "invite-note");
    await ana.page.getByTestId("invite-note").fill("for Ben");
    const benLink = await inviteLink(ana.page);
    await ana.page.getByTestId("pending-invite").filter({ hasText: "for Ben" }).waitFor();
    await onboard(ben.page, "Ben", path(benLink));
    await ben.page.getByTestId("group-name").filter({ hasText: GROUP }).waitFor({ timeout: 30_000 });
    await openMembers(ben.page);
    await ben.page.getByTestId("membership-event").filter({ hasText: "Ben joined (invited by Ana)" }).waitFor();
    await ana.page.getByTestId("pending-invite").filter({ hasText: "for Ben" }).waitFor({ state: "detached" });

    const caraLink = await inviteLink(ana.page);
    caraWords = await onboard(cara.page, "Cara", path(caraLink));
    await cara.page.getByTestId("group-name").filter({ hasText: GROUP }).waitFor({ timeout: 30_000 });
    await addGoal(cara.page, "Cara's goal before removal", "savings");
    await backToGroup(ana.page);
    await waitForGoal(ana.page, "Cara's goal before removal");
  });

  it("Ana removes Cara: Cara sees the notice, keeps what she had, and receives nothing written afterwards", async () => {
    await openMembers(ana.page);
    await ana.page.getByTestId("member").filter({ hasText: "Cara" }).getByTestId("member-remove").click();
    await ana.page.getByTestId("confirm-remove").click();
    await ana.page.getByTestId("membership-event").filter({ hasText: "Ana removed Cara" }).waitFor();
    await ben.page.getByTestId("membership-event").filter({ hasText: "Ana removed Cara" }).waitFor({ timeout: 20_000 });
    await backToGroup(ana.page);
    await backToGroup(ben.page);

    await cara.page
      .getByTestId("removed-notice")
      .filter({ hasText: "You are no longer in this group" })
      .waitFor({ timeout: 20_000 });
    expect(await cara.page.getByTestId("removed-notice").innerText()).toContain(
      "cannot take back what a member already saw",
    );

    await addGoal(ana.page, "Written after removal", "family");
    await waitForGoal(ben.page, "Written after removal");
    // Cara reloads: her screen still shows only what she had, with the notice.
    await cara.page.reload();
    await cara.page.getByTestId("group-name").filter({ hasText: GROUP }).waitFor();
    await cara.page.getByTestId("removed-notice").waitFor();
    // The relay refuses Cara's identity a subscription (her keys, from the words she was shown).
    await readySodium();
    const seed = phraseToSeed(caraWords.join(" "));
    if (!seed.ok) throw new Error(seed.code);
    const raw = await TestClient.as(relay.syncUrl, { identity: deriveIdentity(seed.value), deviceId: randomBytes(16) });
    const groupId = GroupId.parse(new URL(cara.page.url()).hash.slice("#/group/".length))!;
    expect(
      await raw.request({ type: "subscribe", groupId: GroupId.toBytes(groupId), afterSeq: 0, afterIndex: 0 }),
    ).toMatchObject({ type: "error", code: "not-a-member" });
    await raw.close();
    expect(await goalTitles(cara.page)).toEqual(["Cara's goal before removal"]);
    // Ana and Ben keep syncing.
    await addGoal(ben.page, "Ben still syncs", "income");
    await waitForGoal(ana.page, "Ben still syncs");
    expect(await goalTitles(cara.page)).not.toContain("Ben still syncs");
  });

  it("two devices race one invitation link: exactly one joins, the other is told it was already used", async () => {
    const link = await inviteLink(ana.page);
    const dee = await newDevice(browser, relay.url);
    const eli = await newDevice(browser, relay.url);
    await Promise.all([onboard(dee.page, "Dee", "/"), onboard(eli.page, "Eli", "/")]);
    await Promise.all([dee.page.goto(path(link)), eli.page.goto(path(link))]);
    const outcome = async (d: Device) => {
      const joined = d.page.getByTestId("group-name").filter({ hasText: GROUP });
      const refused = d.page.getByTestId("error").filter({ hasText: "already used" });
      await joined.or(refused).first().waitFor({ timeout: 30_000 });
      return (await joined.count()) > 0 ? "joined" : "refused";
    };
    const results = (await Promise.all([outcome(dee), outcome(eli)])).sort();
    expect(results).toEqual(["joined", "refused"]);
  });
});
