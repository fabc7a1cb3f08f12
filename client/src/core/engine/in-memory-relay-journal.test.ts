/**
 * The in-memory relay keeps the real relay's journal rules (sync-server/src/ws/journal.test.ts tells
 * the same stories against it), so engine stories about a journal can run on it: the first journal
 * subscribe claims the id, only that identity reads, writes and deletes it, and a deletion ends every
 * subscription to it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DeviceId, GroupId, MemberId, randomBytes, readySodium, type Result } from "@porch/shared";
import { anotherDevice, journalOf, type TestJournal } from "@porch/testing/journals";
import { member, newGroup, seal, type SealOptions, type TestMember } from "@porch/testing/members";
import { InMemoryRelay, type EnvelopeFrameLive } from "./in-memory-relay.test-kit.ts";
import type { Answer } from "./sync-connection.ts";

beforeAll(async () => {
  await readySodium();
});

/** A connection as `device`, with the live envelopes it received. */
function connect(relay: InMemoryRelay, device: TestMember) {
  const live: EnvelopeFrameLive[] = [];
  const connection = relay.connect(device.identity.memberId, DeviceId.fromBytes(device.deviceId)!, {
    onLive: (frame) => live.push(frame),
  });
  return { connection, live, device };
}
type Device = ReturnType<typeof connect>;

const subscribe = (d: Device, id: Uint8Array, kind?: "journal" | "group") =>
  d.connection.request({ v: 1, type: "subscribe", groupId: id, afterSeq: 0, afterIndex: 0, ...(kind ? { kind } : {}) });
const subscribeJournal = (d: Device, journal: TestJournal) => subscribe(d, journal.doc.bytes, "journal");
const publish = (d: Device, journal: TestJournal, options: SealOptions) =>
  d.connection.request({ v: 1, type: "publish", envelope: seal(d.device, journal.doc, options) });
const deleteJournal = (d: Device, id: Uint8Array) =>
  d.connection.request({ v: 1, type: "journal-delete", journalId: id });
const refused = (code: string) => expect.objectContaining({ ok: false, code });
const answered = (answer: Result<Answer>) => (answer.ok ? answer.value : null);

function anasJournal() {
  const relay = new InMemoryRelay();
  const ana = member("Ana");
  const journal = journalOf(ana);
  return { relay, ana, journal, phone: connect(relay, journal.author), laptop: connect(relay, anotherDevice(journal)) };
}

describe("journals on the in-memory relay", () => {
  it("Ana's phone claims her journal; her laptop sees the phone's envelope live and through catch-up", async () => {
    const { relay, journal, phone, laptop } = anasJournal();
    expect(answered(await subscribeJournal(phone, journal))).toMatchObject({
      type: "catch-up",
      entries: [],
      headSeq: 0,
    });
    expect(relay.journalOwner(journal.doc.id)).toBe(journal.author.identity.memberId);
    expect(answered(await subscribeJournal(laptop, journal))).toMatchObject({ type: "catch-up", headSeq: 0 });
    const envelope = seal(phone.device, journal.doc, { counter: 1 });
    expect(answered(await phone.connection.request({ v: 1, type: "publish", envelope }))).toMatchObject({ seq: 1 });
    expect(laptop.live.map((f) => f.bytes)).toEqual([envelope]);
    expect(answered(await subscribeJournal(laptop, journal))).toMatchObject({ updates: [{ seq: 1, bytes: envelope }] });
  });

  it("another identity is refused on subscribe, publish and delete — Ben's journal key and Ana's group key alike", async () => {
    const { relay, ana, journal, phone } = anasJournal();
    await subscribeJournal(phone, journal);
    for (const stranger of [connect(relay, journalOf(member("Ben")).author), connect(relay, ana)]) {
      expect(await subscribeJournal(stranger, journal)).toEqual(refused("not-a-member"));
      expect(await publish(stranger, journal, { counter: 1 })).toEqual(refused("not-a-member"));
      expect(await deleteJournal(stranger, journal.doc.bytes)).toEqual(refused("not-a-member"));
    }
    expect(relay.stored(journal.doc.id)).toEqual([]);
  });

  it("a journal envelope must be epoch 0 with an all-zero log head", async () => {
    const { journal, phone } = anasJournal();
    await subscribeJournal(phone, journal);
    expect(await publish(phone, journal, { counter: 1, epoch: 1 })).toEqual(refused("bad-envelope"));
    expect(await publish(phone, journal, { counter: 1, logHead: randomBytes(32) })).toEqual(refused("bad-envelope"));
    expect(answered(await publish(phone, journal, { counter: 1 }))).toMatchObject({ type: "ack", seq: 1 });
  });

  it("a journal is no plain document, and a plain document is no journal", async () => {
    const { relay, journal, phone } = anasJournal();
    await subscribeJournal(phone, journal);
    expect(await subscribe(phone, journal.doc.bytes)).toEqual(refused("group-not-found"));
    expect(await subscribe(phone, journal.doc.bytes, "group")).toEqual(refused("group-not-found"));
    const plain = newGroup();
    expect(answered(await subscribe(phone, plain.bytes))).toMatchObject({ type: "catch-up" });
    expect(await subscribe(phone, plain.bytes, "journal")).toEqual(refused("group-exists"));
    expect(await deleteJournal(phone, plain.bytes)).toEqual(refused("group-exists"));
    expect(relay.journalOwner(plain.id)).toBeNull();
  });

  it("Ana deletes her journal: confirmed, nothing stored, and her laptop's subscription ends", async () => {
    const { relay, journal, phone, laptop } = anasJournal();
    await subscribeJournal(phone, journal);
    await subscribeJournal(laptop, journal);
    await publish(phone, journal, { counter: 1 });
    expect(laptop.live).toHaveLength(1);

    expect(await deleteJournal(phone, journal.doc.bytes)).toEqual({
      ok: true,
      value: { v: 1, type: "journal-deleted", id: 3 },
    });
    expect(relay.stored(journal.doc.id)).toEqual([]);
    expect(relay.journalOwner(journal.doc.id)).toBeNull();
    expect(answered(await deleteJournal(phone, GroupId.toBytes(journal.doc.id)))).toMatchObject({
      type: "journal-deleted",
    });
    // The phone starts over; the laptop, subscribed before the deletion, receives none of it.
    expect(answered(await subscribeJournal(phone, journal))).toMatchObject({ headSeq: 0 });
    expect(answered(await publish(phone, journal, { counter: 1, size: 40 }))).toMatchObject({ seq: 1 });
    expect(laptop.live).toHaveLength(1);
    expect(MemberId.toBytes(relay.journalOwner(journal.doc.id)!)).toEqual(
      journal.author.identity.journalSigning.publicKey,
    );
  });
});
