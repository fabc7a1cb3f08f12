import { MAX_FRAME_BYTES, MAX_UPDATE_BYTES, MemberId, signSnapshotAck } from "@porch/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anaAndBenInAGroup } from "@porch/testing/group-scenario";
import { member, seal } from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const subscribe = (client: TestClient, groupId: Uint8Array, afterSeq = 0, afterIndex = 0) =>
  client.request({ type: "subscribe", groupId, afterSeq, afterIndex });

describe("sealed envelopes through the relay", () => {
  it("Ana publishes an update: Ana gets an ack, Ben receives it live, and it is not echoed to Ana", async () => {
    const { ana, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    const catchUp = await subscribe(anaClient, group.bytes);
    expect(catchUp).toMatchObject({ type: "catch-up", snapshot: null, updates: [], headSeq: 0 });
    expect(catchUp.type === "catch-up" && catchUp.entries).toHaveLength(3);
    await subscribe(benClient, group.bytes, 0, 3);

    const envelope = seal(ana, group, { counter: 1 });
    expect(await anaClient.request({ type: "publish", envelope })).toEqual({ v: 1, type: "ack", id: 4, seq: 1 });
    expect(await benClient.nextLive("envelope")).toEqual({
      v: 1,
      type: "envelope",
      groupId: group.bytes,
      seq: 1,
      bytes: envelope,
    });
    // Ana's next frame is the ack of her next publish, not her own envelope coming back.
    const second = seal(ana, group, { counter: 2 });
    expect(await anaClient.request({ type: "publish", envelope: second })).toMatchObject({ type: "ack", seq: 2 });
    expect(anaClient.unclaimed).toEqual([]);
  });

  it("a resend after a lost ack is acknowledged with the same seq and not delivered twice", async () => {
    const { ana, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    await subscribe(benClient, group.bytes);
    const first = seal(ana, group, { counter: 1 });
    expect(await anaClient.request({ type: "publish", envelope: first })).toMatchObject({ type: "ack", seq: 1 });
    expect(await anaClient.request({ type: "publish", envelope: first })).toMatchObject({ type: "ack", seq: 1 });
    await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 2 }) });

    expect((await benClient.nextLive("envelope")).seq).toBe(1);
    // A second delivery of seq 1 would have been sent before seq 2 on Ben's socket.
    expect((await benClient.nextLive("envelope")).seq).toBe(2);
  });

  it("a device that skips a counter is refused (the relay cannot hide a withheld update)", async () => {
    const { ana, group, anaClient } = await anaAndBenInAGroup(relay.url);
    await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 1 }) });
    expect(await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 3 }) })).toMatchObject({
      type: "error",
      code: "counter-gap",
      fatal: false,
    });
    expect(await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 1 }) })).toMatchObject({
      type: "error",
      code: "counter-reused",
    });
  });

  it("someone outside the group can neither subscribe nor publish", async () => {
    const { group } = await anaAndBenInAGroup(relay.url);
    const eve = member("Eve");
    const eveClient = await TestClient.as(relay.url, eve);
    expect(await subscribe(eveClient, group.bytes)).toMatchObject({
      type: "error",
      code: "not-a-member",
      fatal: false,
    });
    expect(await eveClient.request({ type: "publish", envelope: seal(eve, group, { counter: 1 }) })).toMatchObject({
      type: "error",
      code: "not-a-member",
    });
    expect(await subscribe(eveClient, new Uint8Array(16))).toMatchObject({ type: "error", code: "group-not-found" });
  });

  it("an envelope with a flipped signature byte is refused with bad-signature", async () => {
    const { ana, group, anaClient } = await anaAndBenInAGroup(relay.url);
    const forged = seal(ana, group, { counter: 1 });
    forged[forged.length - 1]! ^= 1;
    expect(await anaClient.request({ type: "publish", envelope: forged })).toMatchObject({
      type: "error",
      code: "bad-signature",
      fatal: false,
    });
  });

  it("Ben cannot publish an envelope that names Ana as its author, nor forward one Ana signed", async () => {
    const { ana, ben, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    const claimsAna = seal(ben, group, { counter: 1, claimedAuthor: ana });
    expect(await benClient.request({ type: "publish", envelope: claimsAna })).toMatchObject({
      type: "error",
      code: "bad-signature",
    });
    const anasOwn = seal(ana, group, { counter: 1 });
    expect(await benClient.request({ type: "publish", envelope: anasOwn })).toMatchObject({
      type: "error",
      code: "bad-signature",
    });
    // Ana's counter 1 is still hers to use.
    expect(await anaClient.request({ type: "publish", envelope: anasOwn })).toMatchObject({ type: "ack", seq: 1 });
  });

  it("an envelope from an old epoch or an unknown log head is refused", async () => {
    const { ana, group, anaClient } = await anaAndBenInAGroup(relay.url);
    expect(
      await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 1, epoch: 1 }) }),
    ).toMatchObject({ code: "stale-epoch" });
    expect(
      await anaClient.request({
        type: "publish",
        envelope: seal(ana, group, { counter: 1, logHead: new Uint8Array(32) }),
      }),
    ).toMatchObject({
      code: "unknown-log-head",
    });
  });

  it("an update over the update cap is refused with frame-too-large and the socket stays usable", async () => {
    const { ana, group, anaClient } = await anaAndBenInAGroup(relay.url);
    const big = seal(ana, group, { counter: 1, size: MAX_UPDATE_BYTES });
    expect(big.length).toBeGreaterThan(MAX_UPDATE_BYTES);
    expect(big.length).toBeLessThan(MAX_FRAME_BYTES);
    expect(await anaClient.request({ type: "publish", envelope: big })).toMatchObject({
      type: "error",
      code: "frame-too-large",
      fatal: false,
    });
    expect(await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 1 }) })).toMatchObject({
      type: "ack",
      seq: 1,
    });
  });

  it("catching up after a snapshot returns the snapshot and only the updates after it", async () => {
    const { ana, ben, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    for (const counter of [1, 2, 3])
      await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter }) });
    const snapshot = seal(ben, group, { counter: 1, kind: "snapshot", coversSeq: 3, size: 2000 });
    expect(await benClient.request({ type: "publish", envelope: snapshot })).toMatchObject({ type: "ack", seq: 4 });
    const later = seal(ana, group, { counter: 4 });
    await anaClient.request({ type: "publish", envelope: later });
    // Unacknowledged, it is only in the stream: a new device replays the updates.
    const early = await subscribe(await TestClient.as(relay.url, ana), group.bytes, 0, 3);
    expect(early.type === "catch-up" && [early.snapshot, early.updates.map((u) => u.seq)]).toEqual([
      null,
      [1, 2, 3, 4, 5],
    ]);

    // Ben cannot vouch for his own snapshot; a signature over other bytes is refused; Ana's is taken.
    const sign = (who: typeof ana, bytes: Uint8Array) =>
      signSnapshotAck(group.bytes, 4, who.deviceId, bytes, who.identity.signing.privateKey);
    const ack = (client: TestClient, signature: Uint8Array, seq = 4) =>
      client.request({ type: "snapshot-ack", groupId: group.bytes, seq, signature });
    expect(await ack(benClient, sign(ben, snapshot))).toMatchObject({ type: "error", code: "snapshot-own" });
    expect(await ack(anaClient, sign(ana, later))).toMatchObject({ type: "error", code: "bad-signature" });
    expect(await ack(anaClient, sign(ana, snapshot), 5)).toMatchObject({ type: "error", code: "snapshot-not-found" });
    const signature = sign(ana, snapshot);
    expect(await ack(anaClient, signature)).toMatchObject({ type: "ack", seq: 4 });
    expect(await relay.storage.prunedThrough(group.bytes)).toBe(3);

    const newDevice = await TestClient.as(relay.url, ana);
    const catchUp = await subscribe(newDevice, group.bytes, 0, 3);
    expect(catchUp).toEqual({
      v: 1,
      type: "catch-up",
      id: 1,
      groupId: group.bytes,
      entries: [],
      snapshot: {
        seq: 4,
        coversSeq: 3,
        bytes: snapshot,
        ack: { memberId: MemberId.toBytes(ana.identity.memberId), deviceId: ana.deviceId, signature },
      },
      updates: [{ seq: 5, bytes: later }],
      headSeq: 5,
    });
  });
});
