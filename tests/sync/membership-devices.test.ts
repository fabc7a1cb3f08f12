/**
 * A member's second device and recovery on real Node devices through a real relay: a linked device
 * and a device recovered from the 24 words both end up with every group, its history and its keys;
 * the member's other devices are told a device was added; a mistyped word is named by position.
 */
import { validateMnemonic } from "@scure/bip39";
import { wordlist as english } from "@scure/bip39/wordlists/english.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupId } from "@porch/shared";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

let relay: RelayProcess;
let ana: NodeDevice;
let ben: NodeDevice;
let phrase: string;
let groupId: GroupId;

const titles = (d: NodeDevice, g: GroupId = groupId) => (d.porch.life.goals(g) ?? []).map((x) => x.title).sort();

beforeAll(async () => {
  relay = await startRelay();
  ana = await nodeDevice(relay.url, "ana-phone");
  const profile = await ana.porch.createProfile("Ana", "en");
  if (!profile.ok) throw new Error(profile.code);
  phrase = profile.value.recoveryPhrase;
  const created = await ana.porch.createGroup("Maple Street");
  if (!created.ok) throw new Error(created.code);
  groupId = created.value;
  await ana.porch.life.addGoal(groupId, { title: "Emergency fund", category: "savings", targetAmount: 1500 });
  // Ben joins, so the group has rotated past epoch 0 before any new device of Ana's arrives.
  const link = await ana.porch.createInviteLink(groupId);
  if (!link.ok) throw new Error(link.code);
  ben = await nodeDevice(relay.url);
  await ben.porch.createProfile("Ben", "en");
  expect((await ben.porch.joinWithInvite(new URL(link.value).hash)).ok).toBe(true);
  await ben.porch.life.addGoal(groupId, { title: "Finish GED", category: "education", targetAmount: null });
  await ana.until(() => titles(ana).includes("Finish GED") && ana.porch.sync().kind === "synced");
});

afterAll(async () => {
  await relay?.stop();
});

describe("Ana's other devices", () => {
  it("Ana links her tablet with a link from her phone; the tablet gets her groups, goals and keys, and writes", async () => {
    const offer = await ana.porch.membership.openDeviceLink();
    if (!offer.ok) throw new Error(offer.code);
    expect(new URL(offer.value.link).hash).toMatch(/^#\/link\/[A-Za-z0-9_-]{22}$/);
    const tablet = await nodeDevice(relay.url);
    const linked = await tablet.porch.membership.linkThisDevice(new URL(offer.value.link).hash, "en");
    expect(linked.ok ? "linked" : linked.code).toBe("linked");
    expect(tablet.porch.profile()?.memberId).toBe(ana.porch.profile()?.memberId);
    expect(tablet.porch.profile()?.deviceId).not.toBe(ana.porch.profile()?.deviceId);
    await tablet.until(() => titles(tablet).length === 2);
    expect(titles(tablet)).toEqual(["Emergency fund", "Finish GED"]);
    await tablet.porch.life.addGoal(groupId, { title: "From the tablet", category: "family", targetAmount: null });
    await ben.until(() => titles(ben).includes("From the tablet"));
    // The same link cannot be used twice.
    const again = await (
      await nodeDevice(relay.url)
    ).porch.membership.linkThisDevice(new URL(offer.value.link).hash, "en");
    expect(again.ok).toBe(false);
  });

  it("a mistyped word is named by its position, and a bad checksum is told apart", async () => {
    const fresh = await nodeDevice(relay.url);
    // A fixed, valid phrase (entropy i*37+11 mod 256): with its first two words swapped, every word is
    // still in the list but the checksum fails, as the reference implementation confirms below.
    const words =
      "arctic live gadget display excess mandate sniff autumn people disorder affair hole retreat fancy close tip deer village tuition orbit cannon owner maid spare".split(
        " ",
      );
    const typo = [...words.slice(0, 6), "zzzzqq", ...words.slice(7)].join(" ");
    const bad = await fresh.porch.membership.recover(typo, "Ana", "en");
    expect(bad.ok).toBe(false);
    expect(bad.phraseError).toEqual({ code: "phrase-unknown-word", position: 7 });
    const swapped = [words[1], words[0], ...words.slice(2)].join(" ");
    expect([validateMnemonic(words.join(" "), english), validateMnemonic(swapped, english)]).toEqual([true, false]);
    const checksum = await fresh.porch.membership.recover(swapped, "Ana", "en");
    expect(checksum.ok ? "ok" : checksum.code).toBe("phrase-bad-checksum");
    expect(checksum.phraseError?.code).not.toBe("phrase-unknown-word");
    expect(fresh.porch.profile()).toBeNull();
  });

  it("Ana recovers on a new phone from the 24 words: groups and history come back; her phone is told a device was added", async () => {
    const phone = await nodeDevice(relay.url);
    const recovered = await phone.porch.membership.recover(phrase, "Ana", "en");
    expect(recovered.ok ? "recovered" : recovered.code).toBe("recovered");
    expect(phone.porch.profile()?.memberId).toBe(ana.porch.profile()?.memberId);
    await phone.until(() => titles(phone).includes("From the tablet"));
    expect(titles(phone)).toEqual(["Emergency fund", "Finish GED", "From the tablet"]);
    // Ana's original phone hears about it the next time it opens: a sealed notice naming the new device.
    const reopened = await nodeDevice(relay.url, "ana-phone");
    await reopened.until(() =>
      reopened.porch.membership.notices().some((n) => n.deviceId === phone.porch.profile()?.deviceId),
    );
    expect(
      reopened.porch.membership
        .notices()
        .every((n) => n.kind === "device-added" && n.deviceId !== ana.porch.profile()?.deviceId),
    ).toBe(true);
    await reopened.porch.membership.dismissNotices();
    expect(reopened.porch.membership.notices()).toEqual([]);
  });
});
