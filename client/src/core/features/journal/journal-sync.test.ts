/**
 * The sync engine's stories, told with the member's journal (one member's devices, no membership log)
 * over the in-memory relay: offline edits, dropped connections, lost acks, a closed app, snapshots.
 */
import * as A from "@automerge/automerge";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeCbor, GroupId, parseEnvelope, randomBytes, readySodium, toBase64Url } from "@porch/shared";
import { SNAPSHOT_MAX_TAIL, snapshotDue } from "../../engine/doc-sync.ts";
import { JOURNAL_SNAPSHOT_POLICY } from "./journal-store.ts";
import { InMemoryRelay } from "../../engine/in-memory-relay.test-kit.ts";
import { openPersonalDevice, personalDocId } from "./journal-device.test-kit.ts";
import { FRESH_SYNC_RECORD } from "../../engine/sync-record.ts";

let relay: InMemoryRelay;
let anasSeed: Uint8Array;
const stored = () => relay.stored(personalDocId(anasSeed));

beforeAll(async () => {
  await readySodium();
});
beforeEach(() => {
  relay = new InMemoryRelay();
  anasSeed = randomBytes(32);
});

describe("a personal document synced between a member's devices", () => {
  it("Ana edits offline on her phone; the relay drops the connection; she reconnects; her tablet catches up with every edit exactly once", async () => {
    const phone = await openPersonalDevice(relay, anasSeed);
    const tablet = await openPersonalDevice(relay, anasSeed);
    await phone.write("milk");
    await tablet.until(() => tablet.notes().includes("milk"));

    tablet.connection.goOffline();
    phone.connection.goOffline();
    await phone.write("eggs");
    await phone.write("bread");
    expect(phone.sync.pending).toBe(2);
    expect(stored()).toHaveLength(1);

    // Back online, the relay stores her offline edits but the connection drops before its ack arrives.
    phone.connection.holdAcks();
    phone.connection.goOnline();
    await relay.until(() => stored().length === 2);
    phone.connection.goOffline();
    expect(phone.sync.pending).toBeGreaterThan(0);

    phone.connection.goOnline();
    await phone.until(() => phone.sync.pending === 0);
    tablet.connection.goOnline();
    await tablet.until(() => tablet.sync.current.cursor === 2);

    expect(tablet.notes()).toEqual(["milk", "eggs", "bread"]);
    expect(tablet.channel.merged).toEqual([1, 2]);
    expect(stored().map((e) => e.counter)).toEqual([1, 2]);
    expect(tablet.sync.current.cursor).toBe(2);
  });

  it("an ack lost in flight: the resend is byte-identical and acknowledged, nothing duplicated", async () => {
    const phone = await openPersonalDevice(relay, anasSeed);
    const tablet = await openPersonalDevice(relay, anasSeed);
    phone.connection.holdAcks();
    await phone.write("milk");
    await relay.until(() => stored().length === 1);
    const sent = stored()[0]!.bytes;
    expect(phone.sync.current.outbox[0]?.sealed?.bytes).toEqual(sent);

    phone.connection.goOffline();
    // Written while the first is unacknowledged: it must travel on its own, not re-sealed into the first.
    await phone.write("eggs");
    phone.connection.goOnline();
    await phone.until(() => phone.sync.pending === 0);
    await tablet.until(() => tablet.notes().length === 2);

    expect(relay.acks).toEqual([
      { seq: 1, resend: false },
      { seq: 1, resend: true },
      { seq: 2, resend: false },
    ]);
    expect(stored()[0]!.bytes).toBe(sent);
    expect(stored()).toHaveLength(2);
    expect(tablet.notes()).toEqual(["milk", "eggs"]);
    expect(tablet.channel.merged).toEqual([1, 2]);
  });

  it("a live edit is merged and its cursor recorded in one record write, after the document is on the device", async () => {
    const phone = await openPersonalDevice(relay, anasSeed);
    const tablet = await openPersonalDevice(relay, anasSeed);
    const before = tablet.writes.length;
    await phone.write("milk");
    await tablet.until(() => tablet.sync.current.cursor === 1);
    expect(tablet.writes.slice(before).map((r) => r.cursor)).toEqual([1]);

    // The document was stored before that record: the tablet's app closed now reopens with the note.
    const disk = await tablet.close();
    const reopened = await openPersonalDevice(relay, anasSeed, { disk, offline: true });
    expect(reopened.notes()).toEqual(["milk"]);
    expect(reopened.sync.current.cursor).toBe(1);
  });

  it("a new device's catch-up (snapshot and tail) is stored in one record write", async () => {
    const record = { ...FRESH_SYNC_RECORD, tailCount: SNAPSHOT_MAX_TAIL };
    const phone = await openPersonalDevice(relay, anasSeed, { record });
    await phone.write("milk");
    await relay.until(() => stored().length === 2); // the update, then the snapshot it was due
    await phone.write("eggs");
    await relay.until(() => stored().length === 3);

    const tablet = await openPersonalDevice(relay, anasSeed);
    expect(tablet.notes()).toEqual(["milk", "eggs"]);
    // One write for the whole catch-up: the phone's snapshot (its only writer's, so served without an
    // acknowledgement) and the one update after it.
    expect(tablet.writes.map((r) => r.cursor)).toEqual([3]);
    expect(tablet.writes.map((r) => r.tailCount)).toEqual([1]);
    expect(tablet.channel.merged).toEqual([2, 3]);
  });

  it("a catch-up in pages: the tablet applies them in order, and an edit published between pages is merged once, after them", async () => {
    relay = new InMemoryRelay({ pageItems: 2 });
    const noSnapshots = { tailShare: 1, minTail: 10_000, maxTail: 10_000 };
    const phone = await openPersonalDevice(relay, anasSeed, { snapshotPolicy: noSnapshots });
    for (const note of ["a", "b", "c", "d", "e"]) await phone.write(note);
    await phone.until(() => phone.sync.pending === 0);

    const tablet = await openPersonalDevice(relay, anasSeed, { offline: true, snapshotPolicy: noSnapshots });
    const betweenPages = tablet.connection.holdPages();
    tablet.connection.goOnline();
    await betweenPages;
    expect(tablet.notes()).toEqual(["a", "b"]);
    expect(tablet.sync.current.cursor).toBe(2);

    await phone.write("f"); // live to the tablet, which is still catching up
    await relay.until(() => stored().length === 6);
    tablet.connection.releasePages();
    await tablet.until(() => tablet.sync.current.cursor === 6);

    expect(tablet.notes()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(tablet.channel.merged).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("a closed app re-sends its outbox when opened again", async () => {
    const tablet = await openPersonalDevice(relay, anasSeed);
    const phone = await openPersonalDevice(relay, anasSeed, { offline: true });
    await phone.write("milk");
    await phone.write("eggs");
    const disk = await phone.close();
    expect(disk.record.outbox).toHaveLength(2);

    const reopened = await openPersonalDevice(relay, anasSeed, { disk });
    expect(reopened.notes()).toEqual(["milk", "eggs"]);
    await reopened.until(() => reopened.sync.pending === 0);
    await tablet.until(() => tablet.notes().length === 2);

    expect(tablet.notes()).toEqual(["milk", "eggs"]);
    expect(stored().map((e) => e.counter)).toEqual([1]);
    expect(reopened.sync.current.nextCounter).toBe(2);
  });

  it("a phone that keeps writing still uploads a snapshot — of what the relay holds — and the tablet acknowledges it", async () => {
    const noSnapshots = { tailShare: 1, minTail: 10_000, maxTail: 10_000 };
    const tablet = await openPersonalDevice(relay, anasSeed, { snapshotPolicy: noSnapshots });
    await tablet.write("bread");
    await relay.until(() => stored().length === 1);
    // The phone's tail since its last snapshot is long enough for the next flush to snapshot it.
    const record = { ...FRESH_SYNC_RECORD, tailCount: SNAPSHOT_MAX_TAIL };
    const phone = await openPersonalDevice(relay, anasSeed, { record, offline: true });
    await phone.write("milk");
    phone.connection.holdAcks();
    phone.connection.goOnline();
    await relay.until(() => relay.acks.length === 2);
    // Its ack never comes: "milk" stays in the outbox, and the snapshot due is queued behind it anyway.
    phone.connection.timeOut();
    await phone.until(() => phone.sync.current.outbox.length === 2);
    const [pending, queued] = phone.sync.current.outbox;
    expect([pending?.kind, queued?.kind, queued?.coversSeq]).toEqual(["update", "snapshot", 1]);
    // The snapshot holds only what the relay has ("bread"), and claims none of the phone's counters yet.
    const [save, counters] = decodeCbor(queued!.payload) as [Uint8Array, [string, number][]];
    expect(A.load<{ notes?: string[] }>(save).notes).toEqual(["bread"]);
    const header = parseEnvelope(stored()[1]!.bytes); // the phone's "milk"
    const phonesDevice = header.ok ? header.value.header.deviceId : null;
    expect(counters.find(([device]) => device === phonesDevice)?.[1]).toBe(0);

    phone.connection.goOffline();
    phone.connection.goOnline();
    await phone.until(() => phone.sync.current.outbox.length === 0);
    expect(stored().map((e) => [e.kind, e.coversSeq])).toEqual([
      ["update", 0],
      ["update", 0],
      ["snapshot", 1],
    ]);
    // The tablet holds every change of it and acknowledges it; a new laptop then starts from it.
    await relay.until(() => relay.acknowledgedSnapshot(personalDocId(anasSeed)) === 3);
    const laptop = await openPersonalDevice(relay, anasSeed);
    // (Both devices made a notes list on their own: Automerge keeps one, the same everywhere.)
    await tablet.until(() => tablet.sync.current.cursor === 3);
    expect(laptop.notes()).toEqual(tablet.notes());
    expect(laptop.sync.error).toBeNull();
    expect(laptop.channel.merged).toEqual([3, 2]);
  });

  it("a snapshot nobody acknowledged is never loaded once another device had written: a new device replays the updates", async () => {
    const tablet = await openPersonalDevice(relay, anasSeed);
    await tablet.write("bread");
    await relay.until(() => stored().length === 1);
    await tablet.close();
    const record = { ...FRESH_SYNC_RECORD, tailCount: SNAPSHOT_MAX_TAIL };
    const phone = await openPersonalDevice(relay, anasSeed, { record });
    await phone.write("milk");
    await relay.until(() => stored().length === 3);
    // The snapshot was due before "milk" went: it holds what the relay had ("bread").
    expect(stored().map((e) => e.kind)).toEqual(["update", "snapshot", "update"]);
    const laptop = await openPersonalDevice(relay, anasSeed, { offline: true });
    laptop.connection.goOnline();
    await laptop.until(() => laptop.notes().length === 2);
    expect(laptop.channel.merged).toEqual([1, 3]);
  });

  it("a snapshot by the only device that ever wrote is loaded without acknowledgement", async () => {
    const record = { ...FRESH_SYNC_RECORD, tailCount: SNAPSHOT_MAX_TAIL };
    const phone = await openPersonalDevice(relay, anasSeed, { record });
    await phone.write("milk");
    await relay.until(() => stored().length === 2);
    expect(stored().map((e) => e.kind)).toEqual(["update", "snapshot"]);
    expect(relay.acknowledgedSnapshot(personalDocId(anasSeed))).toBeNull();
    const laptop = await openPersonalDevice(relay, anasSeed, { offline: true });
    laptop.connection.goOnline();
    await laptop.until(() => laptop.notes().length === 1);
    expect(laptop.channel.merged).toEqual([2]);
    expect(laptop.sync.error).toBeNull();
  });

  it("deleted from the phone: the tablet stops syncing its copy instead of writing the journal back", async () => {
    const phone = await openPersonalDevice(relay, anasSeed);
    const tablet = await openPersonalDevice(relay, anasSeed);
    await phone.write("milk");
    await phone.write("eggs");
    await tablet.until(() => tablet.notes().length === 2);
    tablet.connection.goOffline();
    expect(
      await phone.connection.request({
        v: 1,
        type: "journal-delete",
        journalId: GroupId.toBytes(personalDocId(anasSeed)),
      }),
    ).toMatchObject({ ok: true });
    expect(stored()).toHaveLength(0);

    await tablet.write("bread"); // written while it did not know
    tablet.connection.goOnline();
    await tablet.until(() => tablet.sync.removed);
    expect(tablet.notes()).toEqual(["milk", "eggs", "bread"]); // its copy stays readable here
    expect(stored()).toHaveLength(0); // and nothing of it went back to the relay
  });

  it("under the journal's snapshot policy, a new device downloads one snapshot and almost no tail", async () => {
    const phone = await openPersonalDevice(relay, anasSeed, { snapshotPolicy: JOURNAL_SNAPSHOT_POLICY });
    for (let i = 0; i < 12; i++) {
      await phone.write(toBase64Url(randomBytes(300)));
      // A month apart in real life: the engine uploads any snapshot due in the pause after a write.
      await phone.until(
        () => phone.sync.current.outbox.length === 0 && !snapshotDue(JOURNAL_SNAPSHOT_POLICY, phone.sync.current),
      );
    }
    const snapshots = stored().filter((e) => e.kind === "snapshot");
    expect(snapshots.length).toBeGreaterThan(1); // one every time the tail reaches 5% of the last
    const tablet = await openPersonalDevice(relay, anasSeed);
    await tablet.until(() => tablet.notes().length === 12);
    const latest = snapshots.at(-1)!;
    expect(stored().filter((e) => e.kind === "update" && e.seq > latest.coversSeq).length).toBeLessThanOrEqual(1);
  });
});
