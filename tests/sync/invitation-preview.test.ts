/**
 * An invitation link, read before the person has an account: a new device with no profile opens the
 * card Ana's device sealed under the link's secret (group name, Ana's name, her note), and a dead link
 * says why at once. The relay stores only the sealed card (it never sees the secret). Then: a member's
 * new display name reaches the group, and the recovery words come back unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupId } from "@porch/shared";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { startTestRelay } from "@porch/testing/start-test-relay";

let relay: RelayProcess;
let ana: NodeDevice;
let groupId: GroupId;

beforeAll(async () => {
  relay = await startRelay();
  ana = await nodeDevice(relay.url);
  expect((await ana.porch.createProfile("Ana", "en")).ok).toBe(true);
  const created = await ana.porch.createGroup("Maple Street Families");
  if (!created.ok) throw new Error(created.code);
  groupId = created.value;
});

afterAll(async () => {
  await relay?.stop();
});

async function invite(note?: string): Promise<string> {
  const link = await ana.porch.membership.createInvite(groupId, note === undefined ? {} : { note });
  if (!link.ok) throw new Error(link.code);
  return new URL(link.value).hash;
}

describe("an invitation link before onboarding", () => {
  it("Ben, with no account yet, sees the group's name, that Ana invited him, and her note", async () => {
    const link = await invite("Ben — bring the kids on Saturday!");
    const ben = await nodeDevice(relay.url);
    expect(ben.porch.profile()).toBeNull();
    const preview = await ben.porch.previewInvite(link);
    expect(preview).toMatchObject({
      ok: true,
      value: { groupName: "Maple Street Families", inviterName: "Ana", note: "Ben — bring the kids on Saturday!" },
    });
    // Previewing spends nothing: Ben can still set up Porch and join with the same link.
    expect((await ben.porch.createProfile("Ben", "en")).ok).toBe(true);
    expect(await ben.porch.joinWithInvite(link)).toEqual({ ok: true, value: groupId });
  });

  it("a used, a revoked and a made-up link are each refused with their own reason, before any account", async () => {
    const used = await invite();
    const cara = await nodeDevice(relay.url);
    expect((await cara.porch.createProfile("Cara", "en")).ok).toBe(true);
    expect((await cara.porch.joinWithInvite(used)).ok).toBe(true);

    const revokedLink = await invite("for Dee");
    const pending = ana.porch.membership.view(groupId)?.pendingInvites ?? [];
    const revokedId = pending.find((p) => p.note === "for Dee")?.id;
    expect((await ana.porch.membership.revokeInvite(groupId, revokedId!)).ok).toBe(true);

    const dee = await nodeDevice(relay.url);
    expect(await dee.porch.previewInvite(used)).toMatchObject({ ok: false, code: "invite-used" });
    expect(await dee.porch.previewInvite(revokedLink)).toMatchObject({ ok: false, code: "invite-revoked" });
    const madeUp = `#/join/${groupId}.${"A".repeat(43)}`;
    expect(await dee.porch.previewInvite(madeUp)).toMatchObject({ ok: false, code: "invite-not-found" });
    expect(await dee.porch.previewInvite("#/join/nonsense")).toMatchObject({ ok: false, code: "invite-not-found" });
  });
});

describe("an invitation whose time ran out", () => {
  it("is refused as expired on a phone with no account", async () => {
    const relayWithClock = await startTestRelay();
    try {
      const gil = await nodeDevice(relayWithClock.url);
      expect((await gil.porch.createProfile("Gil", "en")).ok).toBe(true);
      const group = await gil.porch.createGroup("Oak Court");
      if (!group.ok) throw new Error(group.code);
      const link = await gil.porch.membership.createInvite(group.value, { ttlMs: 60 * 60 * 1000 });
      if (!link.ok) throw new Error(link.code);
      relayWithClock.advanceClock(2 * 60 * 60 * 1000);
      const newcomer = await nodeDevice(relayWithClock.url);
      expect(await newcomer.porch.previewInvite(new URL(link.value).hash)).toMatchObject({
        ok: false,
        code: "invite-expired",
      });
    } finally {
      await relayWithClock.stop();
    }
  });
});

describe("settings", () => {
  it("Ana renames herself to 'Ana M.': her groups show the new name to the other members", async () => {
    const link = await invite();
    const eli = await nodeDevice(relay.url);
    expect((await eli.porch.createProfile("Eli", "en")).ok).toBe(true);
    expect((await eli.porch.joinWithInvite(link)).ok).toBe(true);
    expect(await ana.porch.setDisplayName("  Ana M. ")).toEqual({ ok: true, value: undefined });
    expect(ana.porch.profile()?.displayName).toBe("Ana M.");
    await eli.until(() => eli.porch.group(groupId)?.members.some((m) => m.displayName === "Ana M.") === true);
    expect((await ana.porch.setDisplayName("   ")).ok).toBe(false);
  });

  it("the recovery words come back, the same 24 as at onboarding, even after switching language", async () => {
    const fay = await nodeDevice(relay.url);
    const created = await fay.porch.createProfile("Fay", "es");
    if (!created.ok) throw new Error(created.code);
    await fay.porch.setLanguage("en");
    expect(await fay.porch.recoveryPhrase()).toEqual({ ok: true, value: created.value.recoveryPhrase });
  });

  it("Gus's phone and the tablet he recovers on each list the other among his devices", async () => {
    const phone = await nodeDevice(relay.url);
    const created = await phone.porch.createProfile("Gus", "en");
    if (!created.ok) throw new Error(created.code);
    const phoneId = phone.porch.profile()!.deviceId;
    expect(phone.porch.membership.otherDevices()).toEqual([]);
    // The phone's own announcement reaches the relay before the tablet arrives.
    await phone.untilReceived((f) => f.type === "notice-posted");
    const tablet = await nodeDevice(relay.url);
    expect((await tablet.porch.membership.recover(created.value.recoveryPhrase, "Gus", "en")).ok).toBe(true);
    const tabletId = tablet.porch.profile()!.deviceId;
    await tablet.until(() => tablet.porch.membership.otherDevices().some((d) => d.deviceId === phoneId));
    // The phone reads its notices when it connects: open it again.
    await phone.close();
    const reopened = await nodeDevice(relay.url, phone.name);
    await reopened.until(() => reopened.porch.membership.otherDevices().some((d) => d.deviceId === tabletId));
    expect(tablet.porch.membership.otherDevices().map((d) => d.deviceId)).toEqual([phoneId]);
  });
});
