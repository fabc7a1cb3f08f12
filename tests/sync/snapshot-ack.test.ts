/**
 * Snapshots acknowledged by a second member, and pruning, with the real client core on Node devices
 * against the real relay (in-process, on a loopback port, over PGlite, so the test can measure what
 * it stores): a long history shrinks to its document once Ben's device acknowledges Ana's snapshot,
 * and a new device and a device whose cursor is old both catch up to the same view. A founder's
 * snapshot of what she wrote alone reaches the first to join without anyone's acknowledgement. A snapshot forged
 * by a member is never acknowledged, never prunes anything, and the members see a sentence about it.
 */
import * as A from "@automerge/automerge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveIdentity, encodeCbor, DeviceId, GroupId, randomBytes, toBase64Url } from "@porch/shared";
import { sealEnvelope } from "@porch/shared/sealing";
import { nodeDeviceSecrets } from "@porch/testing/device-secrets";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

let relay: TestRelay;
let baseUrl: string;

beforeAll(async () => {
  relay = await startTestRelay();
  baseUrl = relay.url.replace(/^ws/, "http").replace(/\/api\/sync$/, "");
}, 60_000);

afterAll(async () => {
  await relay?.stop();
});

const titles = (d: NodeDevice, g: GroupId) => (d.porch.life.goals(g) ?? []).map((x) => x.title).sort();

async function member(name: string, deviceName?: string): Promise<NodeDevice> {
  const device = await nodeDevice(baseUrl, deviceName);
  expect((await device.porch.createProfile(name, "en")).ok).toBe(true);
  return device;
}

async function invite(admin: NodeDevice, group: GroupId, joiner: NodeDevice): Promise<void> {
  const link = await admin.porch.createInviteLink(group);
  if (!link.ok) throw new Error(link.code);
  expect((await joiner.porch.joinWithInvite(new URL(link.value).hash)).ok).toBe(true);
}

/** What the relay holds for a group's envelopes: rows, bytes, snapshots. */
async function stored(group: GroupId) {
  const id = GroupId.toBytes(group);
  const [row] = await relay.sql.query<{ rows: number; newest: number | null }>(
    `select count(*)::int as rows, max(seq) filter (where kind = 'snapshot') as newest
       from envelopes where group_id = $1`,
    [id],
  );
  return {
    rows: row?.rows ?? 0,
    newestSnapshot: Number(row?.newest ?? 0),
    bytes: await relay.storage.storedBytes(id),
    prunedThrough: await relay.storage.prunedThrough(id),
  };
}

describe("a long history, acknowledged and pruned", () => {
  it("Ben's device acknowledges Ana's snapshot; the relay keeps the document, not its history; Dan (new) and Cara (old cursor) catch up to the same view", async () => {
    const ana = await member("Ana");
    const created = await ana.porch.createGroup("Long history");
    if (!created.ok) throw new Error(created.code);
    const group = created.value;
    const ben = await member("Ben");
    await invite(ana, group, ben);
    const cara = await member("Cara");
    await invite(ana, group, cara);
    await ana.porch.life.addGoal(group, { title: "before the history", category: "savings", targetAmount: null });
    for (const d of [ben, cara]) await d.until(() => titles(d, group).includes("before the history"));
    await ana.until(() => ana.porch.sync().kind === "synced");
    // Ben and Cara close the app: nobody but Ana is online while the history grows.
    await ben.close();
    await cara.close();

    // One envelope per edit (edits waiting together would leave as one), as a group's life goes.
    for (let i = 0; i < 200; i++) {
      const added = await ana.porch.life.addGoal(group, { title: `goal ${i}`, category: "other", targetAmount: i });
      expect(added.ok).toBe(true);
      await ana.until(() => ana.porch.sync().kind === "synced");
    }
    await ana.until(() => ana.porch.sync().kind === "synced");
    const before = await stored(group);
    // Ana's device uploaded snapshots as it went, but nobody else acknowledged one: nothing is pruned.
    expect(before.newestSnapshot).toBeGreaterThan(0);
    expect(before.prunedThrough).toBe(0);

    // Ben opens the app again: he catches up, checks Ana's newest snapshot against what he verified, acknowledges it.
    const benAgain = await nodeDevice(baseUrl, ben.name);
    // (Ana's last snapshot may have reached the relay after `before` was read: Ben acknowledges the newest.)
    const acked = await benAgain.untilReceived((f) => f.type === "ack");
    expect(acked.type === "ack" && acked.seq).toBeGreaterThanOrEqual(before.newestSnapshot);
    const after = await stored(group);
    expect(after.prunedThrough).toBeGreaterThan(0);
    expect(after.rows).toBeLessThan(before.rows / 3);
    expect(after.bytes).toBeLessThan(before.bytes / 2);
    console.log(
      `stored for a 200-edit group: ${before.rows} rows / ${before.bytes} bytes before the acknowledgement, ` +
        `${after.rows} rows / ${after.bytes} bytes after`,
    );

    // Dan is new: he gets the acknowledged snapshot and the short tail after it.
    const dan = await member("Dan");
    await invite(ana, group, dan);
    const all = titles(ana, group);
    await dan.until(() => titles(dan, group).length === all.length);
    const catchUp = dan.received.find(
      (f) => f.type === "catch-up" && toBase64Url(f.groupId) === group && f.snapshot !== null,
    );
    expect(catchUp?.type === "catch-up" && catchUp.snapshot?.ack !== undefined).toBe(true);
    // Cara's cursor is from before the history, which is gone from the relay: the snapshot brings it back.
    const caraAgain = await nodeDevice(baseUrl, cara.name);
    await caraAgain.until(() => titles(caraAgain, group).length === all.length);
    await benAgain.until(() => titles(benAgain, group).length === all.length);
    for (const d of [dan, caraAgain, benAgain]) {
      expect(titles(d, group)).toEqual(all);
      expect(d.porch.sync().kind).not.toBe("error");
    }
    // They keep writing to one another after the pruning.
    await caraAgain.porch.life.addGoal(group, { title: "after the pruning", category: "family", targetAmount: null });
    await dan.until(() => titles(dan, group).includes("after the pruning"));
    await ana.until(() => titles(ana, group).includes("after the pruning"));
  }, 240_000);
});

describe("a founder writing alone", () => {
  it("Ana's snapshot of the group she wrote alone reaches Ben, the first to join, with no acknowledgement: he downloads it and a short tail, not her history", async () => {
    const ana = await member("Ana");
    const created = await ana.porch.createGroup("Written alone");
    if (!created.ok) throw new Error(created.code);
    const group = created.value;
    for (let i = 0; i < 130; i++) {
      expect((await ana.porch.life.addGoal(group, { title: `goal ${i}`, category: "other", targetAmount: i })).ok).toBe(
        true,
      );
      await ana.until(() => ana.porch.sync().kind === "synced");
    }
    const before = await stored(group);
    expect(before.newestSnapshot).toBeGreaterThan(0);
    expect(before.prunedThrough).toBe(0);

    const ben = await member("Ben");
    await invite(ana, group, ben);
    const all = titles(ana, group);
    await ben.until(() => titles(ben, group).length === all.length);
    expect(titles(ben, group)).toEqual(all);
    expect(ben.porch.sync().kind).not.toBe("error");
    const catchUp = ben.received.find((f) => f.type === "catch-up" && toBase64Url(f.groupId) === group);
    if (catchUp?.type !== "catch-up") throw new Error("no catch-up frame");
    expect(catchUp.snapshot?.seq).toBe(before.newestSnapshot);
    expect(catchUp.snapshot?.ack).toBeUndefined();
    expect(catchUp.updates.length).toBeLessThan(before.rows / 3);

    // Ben has written (his name): Ana's snapshots are no longer hers alone, and Ben acknowledges the next.
    await ben.until(() => ben.porch.sync().kind === "synced");
    const acknowledging = ben.holdOutgoing((f) => f.type === "snapshot-ack");
    for (let i = 0; i < 130; i++) {
      await ana.porch.life.addGoal(group, { title: `later ${i}`, category: "other", targetAmount: i });
      await ana.until(() => ana.porch.sync().kind === "synced");
    }
    const sent = await acknowledging.held;
    acknowledging.release();
    const seq = sent.type === "snapshot-ack" ? sent.seq : -1;
    expect(seq).toBeGreaterThan(before.newestSnapshot);
    await ben.untilReceived((f) => f.type === "ack" && f.seq === seq);
    expect((await stored(group)).prunedThrough).toBeGreaterThan(0);
  }, 240_000);
});

describe("a forged snapshot", () => {
  it("Mallory's snapshot with a change nobody sent (bound to Ana) is never acknowledged and prunes nothing; Ana and Ben are told", async () => {
    const ana = await member("Ana");
    const created = await ana.porch.createGroup("Forgery");
    if (!created.ok) throw new Error(created.code);
    const group = created.value;
    const ben = await member("Ben");
    await invite(ana, group, ben);
    const mallory = await member("Mallory");
    await invite(ana, group, mallory);
    await ana.porch.life.addGoal(group, { title: "real", category: "savings", targetAmount: null });
    for (const d of [ben, mallory]) await d.until(() => titles(d, group).includes("real"));
    for (const d of [ana, ben, mallory]) await d.until(() => d.porch.sync().kind === "synced");

    // Mallory seals snapshots by hand with her own keys, from a second socket of hers.
    const secrets = await nodeDeviceSecrets(mallory.name);
    const identity = deriveIdentity(secrets.seed);
    const keys = secrets.groups.get(group);
    if (keys === undefined) throw new Error("Mallory holds no key");
    const epoch = Math.max(...keys.keys());
    const log = await relay.storage.readLog(GroupId.toBytes(group), 0);
    const logHead = log.at(-1)!.hash;
    const deviceId = randomBytes(16);
    const socket = await TestClient.as(relay.url, { identity, deviceId });
    const headSeq = (await relay.storage.readSince(GroupId.toBytes(group), 0)).headSeq;
    const anaId = ana.porch.profile()!.memberId;
    const forgedDoc = A.change(A.init<{ note?: string }>(), (d) => {
      d.note = "Ana never wrote this";
    });
    const actor = A.getActorId(forgedDoc);
    const forge = (counter: number, heads: Uint8Array[]) =>
      sealEnvelope(
        {
          kind: "snapshot",
          groupId: group,
          epoch,
          memberId: identity.memberId,
          deviceId: DeviceId.fromBytes(deviceId)!,
          counter,
          logHead,
          heads,
          coversSeq: headSeq,
        },
        encodeCbor([A.save(forgedDoc), [], [[actor, anaId]]]),
        keys.get(epoch)!,
        identity.signing.privateKey,
      );
    const unhex = (h: string) => Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16));
    const before = await stored(group);

    // 1. A change under an actor she claims is Ana's: nobody's device holds it.
    const first = await socket.request({ type: "publish", envelope: forge(1, A.getHeads(forgedDoc).map(unhex)) });
    expect(first.type).toBe("ack");
    await ana.until(() => ana.porch.sync().kind === "error");
    await ben.until(() => ben.porch.sync().kind === "error");
    for (const d of [ana, ben]) expect(d.porch.sync()).toMatchObject({ kind: "error", code: "forged-snapshot" });
    // 2. Heads that are not the document's.
    const second = await socket.request({ type: "publish", envelope: forge(2, [randomBytes(32)]) });
    expect(second.type).toBe("ack");
    // 3. She cannot acknowledge her own.
    const seq = second.type === "ack" ? second.seq : 0;
    expect(
      await socket.request({ type: "snapshot-ack", groupId: GroupId.toBytes(group), seq, signature: randomBytes(64) }),
    ).toMatchObject({ type: "error", code: "snapshot-own" });

    // An honest write afterwards proves Ben's device went on past both: no acknowledgement was sent.
    await ana.porch.life.addGoal(group, { title: "after the forgery", category: "income", targetAmount: null });
    await ben.until(() => titles(ben, group).includes("after the forgery"));
    const sentByBen = ben.received.filter((f) => f.type === "ack").map((f) => (f.type === "ack" ? f.seq : 0));
    const forgedSeqs = [first.type === "ack" ? first.seq : -1, seq];
    expect(sentByBen.filter((s) => forgedSeqs.includes(s))).toEqual([]);
    const after = await stored(group);
    expect(after.prunedThrough).toBe(before.prunedThrough);
    const [acked] = await relay.sql.query<{ n: number }>(
      "select count(*)::int as n from acked_snapshots where group_id = $1",
      [GroupId.toBytes(group)],
    );
    expect(acked?.n).toBe(0);
    // A new device never loads it: "Ana never wrote this" appears nowhere.
    const eve = await member("Eve");
    await invite(ana, group, eve);
    await eve.until(() => titles(eve, group).includes("after the forgery"));
    expect(titles(eve, group)).toEqual(titles(ana, group));
  }, 120_000);
});
