/**
 * A relay that lies to one device, through a man in the middle between Ben's Node device and the real
 * relay: it withholds one of Ana's updates (Ben notices the gap in Ana's device counter when her next
 * update arrives) and it serves a forked log (an old entry where the next one should be). Ben's device
 * detects each and says so through `porch.sync()`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupId } from "@porch/shared";
import { nodeDeviceSecrets } from "@porch/testing/device-secrets";
import { startLyingRelay, type LyingRelay } from "@porch/testing/lying-relay";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

let relay: RelayProcess;
let liar: LyingRelay;
let ana: NodeDevice;
let ben: NodeDevice;
let groupId: GroupId;
const seenEntries: Uint8Array[] = [];

const titles = (d: NodeDevice) => (d.porch.life.goals(groupId) ?? []).map((g) => g.title).sort();
const syncCode = (d: NodeDevice) => {
  const s = d.porch.sync();
  return s.kind === "error" ? s.code : s.kind;
};

beforeAll(async () => {
  relay = await startRelay();
  liar = await startLyingRelay(relay.url);
  // Pass everything through, remembering every log entry Ben is shown (to replay one later).
  liar.rewrite = (frame) => {
    if (frame.type === "log" || frame.type === "catch-up") seenEntries.push(...frame.entries);
    if (frame.type === "entry") seenEntries.push(frame.bytes);
    return frame;
  };
  ana = await nodeDevice(relay.url);
  await ana.porch.createProfile("Ana", "en");
  const created = await ana.porch.createGroup("Honest friends, lying server");
  if (!created.ok) throw new Error(created.code);
  groupId = created.value;
  const link = await ana.porch.createInviteLink(groupId);
  if (!link.ok) throw new Error(link.code);
  ben = await nodeDevice(liar.url);
  await ben.porch.createProfile("Ben", "en");
  expect((await ben.porch.joinWithInvite(new URL(link.value).hash)).ok).toBe(true);
  await ana.porch.life.addGoal(groupId, { title: "first", category: "savings", targetAmount: null });
  await ben.until(() => titles(ben).includes("first"));
  await ben.until(() => syncCode(ben) === "synced");
});

afterAll(async () => {
  await liar?.stop();
  await relay?.stop();
});

describe("a lying relay is caught", () => {
  it("withholds one of Ana's updates from Ben: Ben reports counter-gap once Ana's next update arrives", async () => {
    let dropped = 0;
    const pass = liar.rewrite;
    liar.rewrite = (frame, socket) => {
      if (frame.type === "envelope" && dropped === 0) {
        dropped++;
        return null;
      }
      return pass(frame, socket);
    };
    await ana.porch.life.addGoal(groupId, { title: "withheld", category: "savings", targetAmount: null });
    await ana.until(() => ana.porch.sync().kind === "synced");
    expect(syncCode(ben)).toBe("synced"); // nothing to notice yet: the relay simply stayed silent
    await ana.porch.life.addGoal(groupId, { title: "after the gap", category: "savings", targetAmount: null });
    await ben.until(() => syncCode(ben) === "counter-gap");
    expect(dropped).toBe(1);
    expect(titles(ben)).not.toContain("withheld");
    liar.rewrite = pass;
  });

  it("serves Ben a forked log on reconnect (an old entry at his log's end): Ben reports rollback-detected, and keeps his log, roster, keys and document", async () => {
    const old = seenEntries[1];
    expect(old).toBeDefined();
    // What Ben's device holds: the log as membership events, the roster, the epoch keys, the document.
    const held = async () => ({
      membership: ben.porch.membership.view(groupId),
      members: ben.porch.group(groupId)?.members,
      keys: (await nodeDeviceSecrets(ben.name)).groups.get(groupId),
      life: ben.porch.life.life(groupId),
    });
    const before = await held();
    expect(before.membership?.events.length).toBeGreaterThan(0);
    expect(before.keys?.size).toBeGreaterThan(0);
    const pass = liar.rewrite;
    liar.rewrite = (frame, socket) => (frame.type === "catch-up" ? { ...frame, entries: [old!] } : pass(frame, socket));
    liar.dropAll();
    await ben.until(() => syncCode(ben) === "rollback-detected");
    expect(await held()).toEqual(before);
    liar.rewrite = pass;
  });
});

describe("a relay relaying another relay's challenge", () => {
  it("is refused before the device signs anything: wrong-relay, and no hello reaches the real relay", async () => {
    const relayer = await startLyingRelay(relay.url, { forwardHost: false });
    const sent: string[] = [];
    relayer.onClientFrame = (frame) => {
      sent.push(frame?.type ?? "unparsed");
      return true;
    };
    const cara = await nodeDevice(relayer.url);
    try {
      await cara.porch.createProfile("Cara", "en");
      await cara.until(() => syncCode(cara) === "wrong-relay");
      expect(sent).not.toContain("hello");
    } finally {
      await cara.close();
      await relayer.stop();
    }
  });
});
