/**
 * Part of the `RelayStorage` contract (called by `runRelayStorageContract`): snapshots, their
 * acknowledgement and pruning. Catch-up serves an acknowledged snapshot, or one by the only device that
 * ever wrote to the document; acknowledging one prunes
 * exactly what it covers — checked row by row with SQL — and keeps what any device still needs: a new
 * device or one whose cursor is behind gets the snapshot plus the tail, a device past it the tail.
 */
import { describe, expect, it } from "vitest";
import type { NewEnvelope, RelayStorage, SnapshotAck } from "./relay-storage.ts";
import type { SqlExecutor } from "./sql-database.ts";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const filled = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);
const random = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

const update = (deviceId: Uint8Array, counter: number, body = filled(100, counter)): NewEnvelope => ({
  deviceId,
  counter,
  kind: "update",
  coversSeq: 0,
  bytes: body,
});
const snapshot = (deviceId: Uint8Array, counter: number, coversSeq: number, body = filled(300, 0x50 + coversSeq)) => ({
  deviceId,
  counter,
  kind: "snapshot" as const,
  coversSeq,
  bytes: body,
});

export function describeSnapshots(current: () => RelayStorage, sql: () => SqlExecutor): void {
  describe("snapshots, acknowledgements and pruning", () => {
    const ana = random(16); // Ana's phone writes updates
    const ben = random(16); // Ben's phone writes snapshots
    const cara = { memberId: random(32), deviceId: random(16), signature: random(64) }; // acknowledges

    async function newGroup(): Promise<Uint8Array> {
      const id = random(16);
      expect(await current().appendEntry(id, null, { hash: random(32), bytes: bytes(0xc0) })).toMatchObject({
        ok: true,
      });
      return id;
    }
    async function send(id: Uint8Array, envelope: NewEnvelope, maxGroupBytes?: number): Promise<number> {
      const result = await current().appendEnvelope(id, envelope, undefined, maxGroupBytes);
      if (!result.ok) throw new Error(`append failed: ${result.code}`);
      return result.value.seq;
    }
    const ack = (id: Uint8Array, seq: number, by: Omit<SnapshotAck, "seq"> = cara) =>
      current().acknowledgeSnapshot(id, { seq, ...by });
    const storedSeqs = async (id: Uint8Array) =>
      (await sql().query<{ seq: number }>("select seq from envelopes where group_id = $1 order by seq", [id])).map(
        (r) => Number(r.seq),
      );
    const sumOfRows = async (id: Uint8Array) => {
      const [row] = await sql().query<{ n: number | string | null }>(
        "select sum(octet_length(bytes)) as n from envelopes where group_id = $1",
        [id],
      );
      return Number(row?.n ?? 0);
    };

    /** Updates at seqs 1..10 by Ana, Ben's snapshot covering 8 at seq 11, Ana's updates at 12 and 13. */
    async function history(): Promise<Uint8Array> {
      const id = await newGroup();
      for (let c = 1; c <= 10; c++) await send(id, update(ana, c));
      expect(await send(id, snapshot(ben, 1, 8))).toBe(11);
      await send(id, update(ana, 11));
      await send(id, update(ana, 12));
      return id;
    }

    it("an unacknowledged snapshot is never served as the catch-up's snapshot: it comes in seq order, and nothing is pruned", async () => {
      const id = await history();
      const fresh = await current().readSince(id, 0);
      expect(fresh.snapshot).toBeNull();
      expect(fresh.updates.map((u) => u.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      expect(await storedSeqs(id)).toHaveLength(13);
      expect(await current().prunedThrough(id)).toBe(0);
    });

    it("a snapshot by the only device that ever wrote is served unacknowledged, page by page as in one read, until an acknowledged one covers more", async () => {
      const id = await newGroup();
      for (let c = 1; c <= 5; c++) await send(id, update(ana, c));
      expect(await send(id, snapshot(ana, 6, 4))).toBe(6);
      await send(id, update(ana, 7));
      const fresh = await current().readSince(id, 0);
      expect([fresh.snapshot?.seq, fresh.snapshot?.coversSeq, fresh.snapshot?.ack]).toEqual([6, 4, undefined]);
      expect(fresh.updates.map((u) => u.seq)).toEqual([5, 7]);
      const first = await current().readCatchUpPage(id, { fromIndex: 0, afterSeq: 0, maxBytes: 1_000, maxItems: 3 });
      const second = await current().readCatchUpPage(id, {
        fromIndex: 1,
        afterSeq: first.throughSeq,
        bounds: first.bounds,
        maxBytes: 1_000,
        maxItems: 2,
      });
      expect([first.snapshot?.seq, first.snapshot?.ack, ...first.updates.map((u) => u.seq), first.more]).toEqual([
        6,
        undefined,
        5,
        true,
      ]);
      expect([second.snapshot, ...second.updates.map((u) => u.seq), second.more]).toEqual([null, 7, false]);
      // A cursor past what it covers: the tail alone. Nothing was pruned.
      expect((await current().readSince(id, 4)).snapshot).toBeNull();
      expect(await storedSeqs(id)).toHaveLength(7);

      // Ben writes: Ana's next snapshot is not hers alone, so the older one stays the one served.
      await send(id, update(ben, 1));
      expect(await send(id, snapshot(ana, 8, 8))).toBe(9);
      const after = await current().readSince(id, 0);
      expect([after.snapshot?.seq, ...after.updates.map((u) => u.seq)]).toEqual([6, 5, 7, 8, 9]);
      // Cara acknowledges the newer one: it covers more, so it is served (with her acknowledgement).
      expect(await ack(id, 9)).toMatchObject({ ok: true });
      const acked = await current().readSince(id, 0);
      expect([acked.snapshot?.seq, acked.snapshot?.ack?.signature, acked.updates.length]).toEqual([
        9,
        cara.signature,
        0,
      ]);
    });

    it("acknowledging prunes exactly what the snapshot covers, and the byte count follows", async () => {
      const id = await history();
      const before = await current().storedBytes(id);
      expect(before).toBe(await sumOfRows(id));
      expect(await ack(id, 11)).toEqual({ ok: true, value: { prunedRows: 8, prunedBytes: 800 } });
      expect(await storedSeqs(id)).toEqual([9, 10, 11, 12, 13]);
      expect(await current().storedBytes(id)).toBe(before - 800);
      expect(await current().storedBytes(id)).toBe(await sumOfRows(id));
      expect(await current().prunedThrough(id)).toBe(8);

      // A new device, and one whose cursor is behind the snapshot: the snapshot (with its ack) and the tail.
      for (const after of [0, 5]) {
        const caughtUp = await current().readSince(id, after);
        expect(caughtUp.snapshot).toEqual({ seq: 11, coversSeq: 8, bytes: filled(300, 0x58), ack: cara });
        expect(caughtUp.updates.map((u) => u.seq)).toEqual([9, 10, 12, 13]);
      }
      // A device past what it covers: only the tail after its cursor.
      expect(await current().readSince(id, 9)).toMatchObject({ snapshot: null, headSeq: 13 });
      expect((await current().readSince(id, 9)).updates.map((u) => u.seq)).toEqual([10, 11, 12, 13]);
      // Pages say the same as one read.
      const page = await current().readCatchUpPage(id, { fromIndex: 1, afterSeq: 0, maxBytes: 1 << 20, maxItems: 100 });
      expect(page.snapshot).toEqual({ seq: 11, coversSeq: 8, bytes: filled(300, 0x58), ack: cara });
      expect(page.updates.map((u) => u.seq)).toEqual([9, 10, 12, 13]);
    });

    it("acknowledging again, or an older snapshot after a newer one, prunes nothing more; a newer one prunes what it covers", async () => {
      const id = await history();
      await ack(id, 11);
      expect(await ack(id, 11)).toEqual({ ok: true, value: { prunedRows: 0, prunedBytes: 0 } });
      expect(await send(id, snapshot(ben, 2, 5))).toBe(14); // a late snapshot covering less
      expect(await ack(id, 14)).toEqual({ ok: true, value: { prunedRows: 0, prunedBytes: 0 } });
      expect((await current().readSince(id, 0)).snapshot?.seq).toBe(11);
      expect(await send(id, snapshot(ben, 3, 13))).toBe(15);
      // Unacknowledged snapshots come in the stream, in seq order, after the acknowledged one's tail.
      expect((await current().readSince(id, 0)).updates.map((u) => u.seq)).toEqual([9, 10, 12, 13, 14, 15]);
      expect(await ack(id, 15)).toMatchObject({ ok: true, value: { prunedRows: 5 } });
      // The late snapshot at 14 is past what 15 covers: it stays (its counter must reach every receiver).
      expect(await storedSeqs(id)).toEqual([14, 15]);
      expect(await current().readSince(id, 0)).toMatchObject({ snapshot: { seq: 15, coversSeq: 13 } });
      expect((await current().readSince(id, 0)).updates.map((u) => u.seq)).toEqual([14]);
      expect(await current().storedBytes(id)).toBe(await sumOfRows(id));
      // Acknowledgements of pruned snapshots go with them (11's); 14's and 15's stay.
      const acks = await sql().query<{ seq: number }>(
        "select seq from snapshot_acks where group_id = $1 order by seq",
        [id],
      );
      expect(acks.map((a) => Number(a.seq))).toEqual([14, 15]);
    });

    it("acknowledging an update, a pruned snapshot or a missing seq is snapshot-not-found and changes nothing", async () => {
      const id = await history();
      expect(await ack(id, 3)).toMatchObject({ ok: false, code: "snapshot-not-found" });
      expect(await ack(id, 99)).toMatchObject({ ok: false, code: "snapshot-not-found" });
      expect(await ack(random(16), 1)).toMatchObject({ ok: false, code: "group-not-found" });
      expect(await storedSeqs(id)).toHaveLength(13);
      await ack(id, 11);
      await send(id, snapshot(ben, 2, 12)); // seq 14
      await ack(id, 14);
      expect(await ack(id, 11)).toMatchObject({ ok: false, code: "snapshot-not-found" });
    });

    it("device counters survive pruning: the next counter goes on, and a pruned counter is never taken again", async () => {
      const id = await history();
      await ack(id, 11);
      expect(await current().nextCounter(id, ana)).toBe(13);
      expect(await current().appendEnvelope(id, update(ana, 3, filled(100, 0xee)))).toMatchObject({
        ok: false,
        code: "counter-reused",
      });
      expect(await send(id, update(ana, 13))).toBe(14);
    });

    it("the group quota counts what remains after pruning: a full group takes envelopes again", async () => {
      const id = await history();
      const quota = await current().storedBytes(id);
      expect(await current().appendEnvelope(id, update(ana, 13), undefined, quota)).toMatchObject({
        ok: false,
        code: "group-full",
      });
      await ack(id, 11);
      expect(await send(id, update(ana, 13), quota)).toBe(14);
    });

    it("a later page whose updates were pruned since the first page carries the acknowledged snapshot", async () => {
      const id = await newGroup();
      for (let c = 1; c <= 6; c++) await send(id, update(ana, c, filled(400, c)));
      const first = await current().readCatchUpPage(id, { fromIndex: 1, afterSeq: 0, maxBytes: 900, maxItems: 100 });
      expect(first).toMatchObject({ throughSeq: 2, more: true, bounds: { headSeq: 6 } });
      await send(id, snapshot(ben, 1, 6)); // seq 7: past the first page's bounds
      await ack(id, 7);
      const rest = await current().readCatchUpPage(id, {
        fromIndex: 1,
        afterSeq: first.throughSeq,
        bounds: first.bounds,
        maxBytes: 100_000,
        maxItems: 100,
      });
      expect(rest).toMatchObject({ snapshot: { seq: 7, coversSeq: 6 }, updates: [], more: false });
      expect(rest.throughSeq).toBeGreaterThanOrEqual(6);
    });
  });
}
