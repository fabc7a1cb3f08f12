/**
 * The real client core on Node devices against a real relay process: key rotation after a join,
 * snapshots, and a new device catching up from the snapshot plus the tail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEntry, GroupId, toBase64Url } from "@porch/shared";
import { nodeDeviceSecrets } from "@porch/testing/device-secrets";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

let relay: RelayProcess;
let ana: NodeDevice;
let groupId: GroupId;

beforeAll(async () => {
  relay = await startRelay();
  ana = await nodeDevice(relay.url);
  expect((await ana.porch.createProfile("Ana", "en")).ok).toBe(true);
  const created = await ana.porch.createGroup("Long history");
  if (!created.ok) throw new Error(created.code);
  groupId = created.value;
});

afterAll(async () => {
  await relay?.stop();
});

const titles = (d: NodeDevice) => (d.porch.life.goals(groupId) ?? []).map((g) => g.title).sort();
const logTypes = (d: NodeDevice) =>
  d.received
    .flatMap((f) => (f.type === "catch-up" ? f.entries : f.type === "entry" ? [f.bytes] : []))
    .map((e) => decodeEntry(e)?.type);

describe("a group with history", () => {
  it("after Ben joins, Ana's device rotates the key, and both keep writing under the new epoch", async () => {
    const link = await ana.porch.createInviteLink(groupId);
    if (!link.ok) throw new Error(link.code);
    const ben = await nodeDevice(relay.url);
    await ben.porch.createProfile("Ben", "en");
    expect((await ben.porch.joinWithInvite(new URL(link.value).hash)).ok).toBe(true);
    await ben.until(() => logTypes(ben).includes("rotate"));
    await ana.porch.life.addGoal(groupId, { title: "after rotation (Ana)", category: "savings", targetAmount: null });
    await ben.porch.life.addGoal(groupId, { title: "after rotation (Ben)", category: "income", targetAmount: 300 });
    await ana.until(() => titles(ana).includes("after rotation (Ben)"));
    await ben.until(() => titles(ben).includes("after rotation (Ana)"));
    await ana.until(() => ana.porch.sync().kind === "synced");
    expect(titles(ana)).toEqual(titles(ben));
  });

  it("Ana's 400 edits are compacted into snapshots; Cara joins and catches up from the latest snapshot plus the tail", async () => {
    for (let i = 0; i < 400; i++) {
      const added = await ana.porch.life.addGoal(groupId, { title: `goal ${i}`, category: "other", targetAmount: i });
      expect(added.ok).toBe(true);
    }
    await ana.until(() => ana.porch.sync().kind === "synced");
    const link = await ana.porch.createInviteLink(groupId);
    if (!link.ok) throw new Error(link.code);

    const cara = await nodeDevice(relay.url);
    await cara.porch.createProfile("Cara", "es");
    expect((await cara.porch.joinWithInvite(new URL(link.value).hash)).ok).toBe(true);
    await cara.until(() => titles(cara).length === titles(ana).length);
    expect(titles(cara)).toEqual(titles(ana));

    // The group's catch-up (the journal's own socket catches up too).
    const catchUp = cara.received.find(
      (f) => f.type === "catch-up" && GroupId.parse(toBase64Url(f.groupId)) === groupId,
    );
    expect(catchUp?.type === "catch-up" && catchUp.snapshot !== null).toBe(true);
    if (catchUp?.type === "catch-up") expect(catchUp.updates.length).toBeLessThan(300);
  });

  it("Dan closes the app and opens it again: his profile, group, goals and keys come back from the device", async () => {
    const dan = await nodeDevice(relay.url);
    await dan.porch.createProfile("Dan", "en");
    const created = await dan.porch.createGroup("Reopened");
    if (!created.ok) throw new Error(created.code);
    const group = created.value;
    await dan.porch.life.addGoal(group, { title: "survives a restart", category: "family", targetAmount: null });
    const link = await dan.porch.createInviteLink(group);
    if (!link.ok) throw new Error(link.code);
    const eve = await nodeDevice(relay.url);
    await eve.porch.createProfile("Eve", "en");
    expect((await eve.porch.joinWithInvite(new URL(link.value).hash)).ok).toBe(true);
    const goalsOf = (d: NodeDevice) => (d.porch.life.goals(group) ?? []).map((g) => g.title).sort();
    await eve.until(() => goalsOf(eve).includes("survives a restart"));
    await dan.until(() => dan.porch.sync().kind === "synced");
    const memberId = dan.porch.profile()?.memberId;
    const keysBefore = (await nodeDeviceSecrets(dan.name)).groups.get(group);
    expect(keysBefore?.size).toBeGreaterThan(0);
    await dan.close();
    // Written while Dan's app is closed: it reaches him only by catching up after the reopen.
    await eve.porch.life.addGoal(group, { title: "while Dan was away", category: "income", targetAmount: null });

    const reopened = await nodeDevice(relay.url, dan.name);
    expect(reopened.porch.profile()).toMatchObject({ memberId, displayName: "Dan" });
    expect(reopened.porch.groups().map((g) => g.groupId)).toEqual([group]);
    expect(goalsOf(reopened)).toContain("survives a restart");
    expect((await nodeDeviceSecrets(dan.name)).groups.get(group)).toEqual(keysBefore);
    // The keys work: he opens what Eve wrote while he was away, and Eve opens what he writes now.
    await reopened.until(() => goalsOf(reopened).includes("while Dan was away"));
    await reopened.porch.life.addGoal(group, { title: "after the reopen", category: "savings", targetAmount: null });
    await eve.until(() => goalsOf(eve).includes("after the reopen"));
    expect(goalsOf(eve)).toEqual(["after the reopen", "survives a restart", "while Dan was away"]);
  });
});
