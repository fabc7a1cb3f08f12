/**
 * A member's private journal through the relay: its sockets authenticate with the journal signing
 * key, the first subscribe claims the id, only that key reads, writes or deletes it, and a deletion
 * leaves nothing of it in the database.
 */
import { MemberId, randomBytes, signSnapshotAck, type ServerFrame } from "@porch/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anaAndBenInAGroup } from "@porch/testing/group-scenario";
import { anotherDevice, journalOf, type TestJournal } from "@porch/testing/journals";
import { createEntry, member, seal, type SealOptions, type TestMember } from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";
import { rowsContaining } from "../storage/relay-storage-journals.contract.ts";

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
}, 60_000);
afterAll(async () => {
  await relay?.stop();
});

const subscribe = (client: TestClient, id: Uint8Array, afterSeq = 0, kind?: "group" | "journal") =>
  client.request({ type: "subscribe", groupId: id, afterSeq, afterIndex: 0, ...(kind ? { kind } : {}) });
const subscribeJournal = (client: TestClient, journal: TestJournal, afterSeq = 0) =>
  subscribe(client, journal.doc.bytes, afterSeq, "journal");
const publish = (client: TestClient, device: TestMember, journal: TestJournal, options: SealOptions) =>
  client.request({ type: "publish", envelope: seal(device, journal.doc, options) });
const deleteJournal = (client: TestClient, journalId: Uint8Array) =>
  client.request({ type: "journal-delete", journalId });

/** Ana's journal on her phone and laptop, both connected with the journal key and subscribed. */
async function anasJournalOnTwoDevices() {
  const ana = member("Ana");
  const journal = journalOf(ana);
  const laptop = anotherDevice(journal);
  const phoneClient = await TestClient.as(relay.url, journal.author);
  const laptopClient = await TestClient.as(relay.url, laptop);
  expect(await subscribeJournal(phoneClient, journal)).toEqual({
    v: 1,
    type: "catch-up",
    id: 1,
    groupId: journal.doc.bytes,
    entries: [],
    snapshot: null,
    updates: [],
    headSeq: 0,
  });
  expect(await subscribeJournal(laptopClient, journal)).toMatchObject({ type: "catch-up", headSeq: 0 });
  return { ana, journal, phone: journal.author, laptop, phoneClient, laptopClient };
}

/** Waits for an answer on `client`: any live frame sent to it before now has arrived by then. */
async function roundTrip(client: TestClient): Promise<void> {
  expect(await client.request({ type: "notices", after: 0 })).toMatchObject({ type: "notice-list" });
}

const envelopesIn = (client: TestClient): ServerFrame[] => client.unclaimed.filter((f) => f.type === "envelope");

describe("a member's journal through the relay", () => {
  it("Ana's phone and laptop see each other's journal envelopes live, and a new device through catch-up", async () => {
    const { journal, phone, laptop, phoneClient, laptopClient } = await anasJournalOnTwoDevices();
    const fromPhone = seal(phone, journal.doc, { counter: 1 });
    expect(await phoneClient.request({ type: "publish", envelope: fromPhone })).toMatchObject({ type: "ack", seq: 1 });
    expect(await laptopClient.nextLive("envelope")).toEqual({
      v: 1,
      type: "envelope",
      groupId: journal.doc.bytes,
      seq: 1,
      bytes: fromPhone,
    });
    const fromLaptop = seal(laptop, journal.doc, { counter: 1 });
    expect(await laptopClient.request({ type: "publish", envelope: fromLaptop })).toMatchObject({ seq: 2 });
    expect(await phoneClient.nextLive("envelope")).toMatchObject({ seq: 2, bytes: fromLaptop });
    // A lost ack: the same bytes again get the same seq and reach nobody twice.
    expect(await phoneClient.request({ type: "publish", envelope: fromPhone })).toMatchObject({ type: "ack", seq: 1 });
    const snapshot = seal(laptop, journal.doc, { counter: 2, kind: "snapshot", coversSeq: 2, size: 500 });
    expect(await laptopClient.request({ type: "publish", envelope: snapshot })).toMatchObject({ seq: 3 });
    const later = seal(phone, journal.doc, { counter: 2 });
    expect(await phoneClient.request({ type: "publish", envelope: later })).toMatchObject({ seq: 4 });
    // A journal's snapshot is acknowledged by another device of its owner, never by the one that wrote it.
    const sign = (device: TestMember) =>
      signSnapshotAck(journal.doc.bytes, 3, device.deviceId, snapshot, device.identity.signing.privateKey);
    const ack = (client: TestClient, signature: Uint8Array) =>
      client.request({ type: "snapshot-ack", groupId: journal.doc.bytes, seq: 3, signature });
    expect(await ack(laptopClient, sign(laptop))).toMatchObject({ type: "error", code: "snapshot-own" });
    const signature = sign(phone);
    expect(await ack(phoneClient, signature)).toMatchObject({ type: "ack", seq: 3 });

    const tablet = await TestClient.as(relay.url, anotherDevice(journal));
    expect(await subscribeJournal(tablet, journal)).toEqual({
      v: 1,
      type: "catch-up",
      id: 1,
      groupId: journal.doc.bytes,
      entries: [],
      snapshot: {
        seq: 3,
        coversSeq: 2,
        bytes: snapshot,
        ack: { memberId: MemberId.toBytes(phone.identity.memberId), deviceId: phone.deviceId, signature },
      },
      updates: [{ seq: 4, bytes: later }],
      headSeq: 4,
    });
    expect(await subscribeJournal(laptopClient, journal, 1)).toMatchObject({
      snapshot: { seq: 3 },
      updates: [{ seq: 4 }],
      headSeq: 4,
    });
    await roundTrip(phoneClient);
    // The laptop's snapshot reached the phone; nothing of the phone's own came back, nothing came twice.
    expect(envelopesIn(phoneClient).map((f) => f.type === "envelope" && f.seq)).toEqual([3]);
  });

  it("the journal keeps the group path's counter rules: a skipped counter and a reused one are refused", async () => {
    const { journal, phone, phoneClient } = await anasJournalOnTwoDevices();
    expect(await publish(phoneClient, phone, journal, { counter: 1 })).toMatchObject({ type: "ack", seq: 1 });
    expect(await publish(phoneClient, phone, journal, { counter: 3 })).toMatchObject({ code: "counter-gap" });
    expect(await publish(phoneClient, phone, journal, { counter: 1, size: 40 })).toMatchObject({
      code: "counter-reused",
    });
  });

  it("another key is refused on subscribe, publish and delete — Ben's journal key and Ana's own group key alike", async () => {
    const { ana, journal, phone, phoneClient } = await anasJournalOnTwoDevices();
    await publish(phoneClient, phone, journal, { counter: 1 });
    const bensJournal = journalOf(member("Ben"));
    const ben = await TestClient.as(relay.url, bensJournal.author);
    const anaAsMember = await TestClient.as(relay.url, ana);
    for (const [client, author] of [
      [ben, bensJournal.author],
      [anaAsMember, ana],
    ] as const) {
      expect(await subscribeJournal(client, journal)).toMatchObject({
        type: "error",
        code: "not-a-member",
        fatal: false,
      });
      expect(await publish(client, author, journal, { counter: 1 })).toMatchObject({ code: "not-a-member" });
      expect(await deleteJournal(client, journal.doc.bytes)).toMatchObject({ code: "not-a-member" });
    }
    expect(await relay.storage.readSince(journal.doc.bytes, 0)).toMatchObject({ headSeq: 1 });
    expect(await relay.storage.journalOwner(journal.doc.bytes)).toEqual(MemberId.toBytes(phone.identity.memberId));
  });

  it("a journal envelope must be epoch 0 with no log head, and an id nobody claimed is group-not-found", async () => {
    const { journal, phone, phoneClient } = await anasJournalOnTwoDevices();
    expect(await publish(phoneClient, phone, journal, { counter: 1, epoch: 1 })).toMatchObject({
      code: "bad-envelope",
    });
    expect(await publish(phoneClient, phone, journal, { counter: 1, logHead: randomBytes(32) })).toMatchObject({
      code: "bad-envelope",
    });
    const unclaimed = journalOf(member("Cleo"));
    const cleo = await TestClient.as(relay.url, unclaimed.author);
    expect(await publish(cleo, unclaimed.author, unclaimed, { counter: 1 })).toMatchObject({
      code: "group-not-found",
    });
    expect(await publish(phoneClient, phone, journal, { counter: 1 })).toMatchObject({ type: "ack", seq: 1 });
  });

  it("a group's id is no journal and a journal's id is no group, whichever way it is asked", async () => {
    const { ana, group, anaClient } = await anaAndBenInAGroup(relay.url);
    const anasJournal = journalOf(ana);
    const journalClient = await TestClient.as(relay.url, anasJournal.author);
    expect(await subscribe(journalClient, group.bytes, 0, "journal")).toMatchObject({ code: "group-exists" });
    expect(await deleteJournal(journalClient, group.bytes)).toMatchObject({ code: "group-exists" });
    // A journal-shaped envelope for the group, from the journal key: the group's rules refuse it.
    const intoGroup = seal(anasJournal.author, { ...group, epoch: 0, head: new Uint8Array(32) }, { counter: 1 });
    expect(await journalClient.request({ type: "publish", envelope: intoGroup })).toMatchObject({
      code: "not-a-member",
    });

    expect(await subscribeJournal(journalClient, anasJournal)).toMatchObject({ type: "catch-up" });
    expect(await subscribe(anaClient, anasJournal.doc.bytes)).toMatchObject({ code: "group-not-found" });
    expect(await subscribe(anaClient, anasJournal.doc.bytes, 0, "group")).toMatchObject({ code: "group-not-found" });
    const create = createEntry(ana, anasJournal.doc, Date.now());
    expect(
      await anaClient.request({ type: "append", groupId: anasJournal.doc.bytes, entry: create.wire }),
    ).toMatchObject({ code: "group-exists" });
    expect(await relay.storage.readLog(anasJournal.doc.bytes, 0)).toEqual([]);
    expect(await subscribe(anaClient, group.bytes)).toMatchObject({ type: "catch-up" });
  });

  it("Ana deletes her journal: confirmed, her laptop gets nothing more of it, and the database holds none of it", async () => {
    const { journal, phone, laptop, phoneClient, laptopClient } = await anasJournalOnTwoDevices();
    const sent = [
      seal(phone, journal.doc, { counter: 1 }),
      seal(laptop, journal.doc, { counter: 1 }),
      seal(phone, journal.doc, { counter: 2, kind: "snapshot", coversSeq: 2, size: 300 }),
    ];
    for (const [i, envelope] of sent.entries()) {
      const client = i === 1 ? laptopClient : phoneClient;
      expect(await client.request({ type: "publish", envelope })).toMatchObject({ type: "ack", seq: i + 1 });
    }
    // What each device received live before the deletion.
    expect((await laptopClient.nextLive("envelope")).seq).toBe(1);
    expect((await laptopClient.nextLive("envelope")).seq).toBe(3);
    expect((await phoneClient.nextLive("envelope")).seq).toBe(2);
    const owner = MemberId.toBytes(phone.identity.memberId);
    for (const needle of [journal.doc.bytes, owner, ...sent])
      expect(await rowsContaining(relay.sql, needle)).toBeGreaterThan(0);

    expect(await deleteJournal(phoneClient, journal.doc.bytes)).toEqual({ v: 1, type: "journal-deleted", id: 4 });
    for (const needle of [journal.doc.bytes, owner, ...sent]) expect(await rowsContaining(relay.sql, needle)).toBe(0);
    expect(await relay.sql.query("select * from groups where group_id = $1", [journal.doc.bytes])).toEqual([]);
    expect(await deleteJournal(phoneClient, journal.doc.bytes)).toMatchObject({ type: "journal-deleted" });

    // The laptop, still subscribed from before, can no longer write to it...
    expect(await publish(laptopClient, laptop, journal, { counter: 2 })).toMatchObject({ code: "group-not-found" });
    // ...and when the phone starts the journal over, the laptop's old subscription receives none of it.
    expect(await subscribeJournal(phoneClient, journal)).toMatchObject({ type: "catch-up", headSeq: 0 });
    expect(await publish(phoneClient, phone, journal, { counter: 1, size: 64 })).toMatchObject({ seq: 1 });
    await roundTrip(laptopClient);
    expect(envelopesIn(laptopClient)).toEqual([]);
  });
});
