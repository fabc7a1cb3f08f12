/**
 * The contract every `RelayStorage` must pass. An implementation's test file calls
 * `runRelayStorageContract("name", setup, { durable })` with a setup that opens a fresh, empty store
 * (and, for a durable store, a `reopen()` that closes it and opens it again on the same data).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeAggregation } from "./relay-storage-aggregation.contract.ts";
import { describeIndexLinksAndNotices } from "./relay-storage-extras.contract.ts";
import { describeCheckpoints } from "./relay-storage-checkpoints.contract.ts";
import { describeJournals } from "./relay-storage-journals.contract.ts";
import { describeLimits } from "./relay-storage-limits.contract.ts";
import { describeSnapshots } from "./relay-storage-snapshots.contract.ts";
import type { CatchUpPage, CatchUpPageRequest, NewEnvelope, RelayStorage } from "./relay-storage.ts";
import type { SqlExecutor } from "./sql-database.ts";

export interface ContractSetup {
  readonly storage: RelayStorage;
  /** SQL on the store's current database, to prove what is stored and what is not. */
  sql(): SqlExecutor;
  teardown(): Promise<void>;
  /** Closes the store and opens it again on the same data (only for stores that persist). */
  reopen?(): Promise<RelayStorage>;
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const filled = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);

/** What the store under test can do beyond the interface. */
export interface ContractOptions {
  /** The store keeps its data across close and reopen (everything but in-memory stores); `setup` must then give `reopen`. */
  readonly durable: boolean;
}

export function runRelayStorageContract(
  name: string,
  setup: () => Promise<ContractSetup>,
  options: ContractOptions,
): void {
  describe(`RelayStorage contract: ${name}`, () => {
    let ctx: ContractSetup;
    let storage: RelayStorage;
    const group = bytes(1, 1, 1);
    const ana = bytes(0xa);
    const ben = bytes(0xb);

    beforeEach(async () => {
      ctx = await setup();
      storage = ctx.storage;
    });
    afterEach(async () => {
      await ctx.teardown();
    });

    /** Creates `group` with its `create` entry and returns that entry's hash. */
    async function createGroup(id = group): Promise<Uint8Array> {
      const hash = bytes(...id, 0);
      const created = await storage.appendEntry(id, null, { hash, bytes: bytes(...id, 0xc0) });
      expect(created).toEqual({ ok: true, value: { index: 0, releasedKey: null } });
      return hash;
    }
    const update = (deviceId: Uint8Array, counter: number, body = bytes(counter)): NewEnvelope => ({
      deviceId,
      counter,
      kind: "update",
      coversSeq: 0,
      bytes: body,
    });
    const snapshot = (
      deviceId: Uint8Array,
      counter: number,
      coversSeq: number,
      body = filled(8, coversSeq),
    ): NewEnvelope => ({
      deviceId,
      counter,
      kind: "snapshot",
      coversSeq,
      bytes: body,
    });
    /** A second member's acknowledgement (storage trusts its caller: the relay checks signatures). */
    const acker = { memberId: filled(32, 0xac), deviceId: filled(16, 0xad), signature: filled(64, 0x51) };
    async function acknowledge(seq: number): Promise<void> {
      expect(await storage.acknowledgeSnapshot(group, { seq, ...acker })).toMatchObject({ ok: true });
    }
    async function send(envelope: NewEnvelope, id = group): Promise<number> {
      const result = await storage.appendEnvelope(id, envelope);
      if (!result.ok) throw new Error(`append failed: ${result.code}`);
      return result.value.seq;
    }

    describe("membership log", () => {
      it("Ana creates a group with a null head; creating it again fails with group-exists", async () => {
        await createGroup();
        expect(await storage.appendEntry(group, null, { hash: bytes(9), bytes: bytes(9) })).toMatchObject({
          ok: false,
          code: "group-exists",
        });
        expect(await storage.readLog(group, 0)).toEqual([
          { index: 0, hash: bytes(1, 1, 1, 0), bytes: bytes(1, 1, 1, 0xc0) },
        ]);
      });

      it("appending to a group nobody created fails with group-not-found", async () => {
        expect(await storage.appendEntry(group, bytes(1), { hash: bytes(2), bytes: bytes(2) })).toMatchObject({
          ok: false,
          code: "group-not-found",
        });
        expect(await storage.readLog(group, 0)).toEqual([]);
      });

      it("Ana and Ben append on the same head: Ben's stale append fails and changes nothing", async () => {
        const head = await createGroup();
        expect(await storage.appendEntry(group, head, { hash: bytes(0xa1), bytes: bytes(0xa1) })).toEqual({
          ok: true,
          value: { index: 1, releasedKey: null },
        });
        expect(await storage.appendEntry(group, head, { hash: bytes(0xb1), bytes: bytes(0xb1) })).toMatchObject({
          ok: false,
          code: "stale-head",
        });
        expect((await storage.readLog(group, 0)).map((e) => e.index)).toEqual([0, 1]);
        expect(await storage.appendEntry(group, bytes(0xa1), { hash: bytes(0xb2), bytes: bytes(0xb2) })).toMatchObject({
          ok: true,
          value: { index: 2 },
        });
      });

      it("readLog returns entries from an index on, in order, as plain Uint8Arrays", async () => {
        let head = await createGroup();
        for (let i = 1; i <= 4; i++) {
          const hash = bytes(0xe0 + i);
          expect(await storage.appendEntry(group, head, { hash, bytes: bytes(i, i) })).toMatchObject({ ok: true });
          head = hash;
        }
        const tail = await storage.readLog(group, 3);
        expect(tail).toEqual([
          { index: 3, hash: bytes(0xe3), bytes: bytes(3, 3) },
          { index: 4, hash: bytes(0xe4), bytes: bytes(4, 4) },
        ]);
        expect(tail[0]?.bytes.constructor).toBe(Uint8Array);
        expect(tail[0]?.hash.constructor).toBe(Uint8Array);
        expect(await storage.readLog(group, 5)).toEqual([]);
        expect(await storage.readLog(bytes(7, 7), 0)).toEqual([]);
      });

      it("an invitation's sealed key is released exactly once, to the append that takes it", async () => {
        const head = await createGroup();
        const inviteId = bytes(0x1d);
        const sealedKey = filled(48, 0x5e);
        const invited = await storage.appendEntry(
          group,
          head,
          { hash: bytes(0xa1), bytes: bytes(0xa1) },
          { put: { inviteId, sealedKey } },
        );
        expect(invited).toEqual({ ok: true, value: { index: 1, releasedKey: null } });
        const joined = await storage.appendEntry(
          group,
          bytes(0xa1),
          { hash: bytes(0xa2), bytes: bytes(0xa2) },
          { take: { inviteId } },
        );
        expect(joined).toEqual({ ok: true, value: { index: 2, releasedKey: sealedKey } });
        if (joined.ok) expect(joined.value.releasedKey?.constructor).toBe(Uint8Array);
        const again = await storage.appendEntry(
          group,
          bytes(0xa2),
          { hash: bytes(0xa3), bytes: bytes(0xa3) },
          { take: { inviteId } },
        );
        expect(again).toMatchObject({ ok: false, code: "invite-not-found" });
        expect((await storage.readLog(group, 0)).length).toBe(3);
      });

      it("an invitation's sealed card is kept with its key, and goes when the invitation is used", async () => {
        const head = await createGroup();
        const inviteId = bytes(0x1d);
        const card = filled(96, 0xca);
        await storage.appendEntry(
          group,
          head,
          { hash: bytes(0xa1), bytes: bytes(0xa1) },
          { put: { inviteId, sealedKey: filled(48, 0x5e), card } },
        );
        const stored = await storage.inviteCard(group, inviteId);
        expect(stored).toEqual(card);
        expect(stored?.constructor).toBe(Uint8Array);
        expect(await storage.inviteCard(group, bytes(0x99))).toBeNull();
        expect(await storage.inviteCard(bytes(2, 2, 2), inviteId)).toBeNull();
        await storage.appendEntry(
          group,
          bytes(0xa1),
          { hash: bytes(0xa2), bytes: bytes(0xa2) },
          { take: { inviteId } },
        );
        expect(await storage.inviteCard(group, inviteId)).toBeNull();
      });

      it("an invitation from an older client has no card", async () => {
        const head = await createGroup();
        await storage.appendEntry(
          group,
          head,
          { hash: bytes(0xa1), bytes: bytes(0xa1) },
          { put: { inviteId: bytes(0x1d), sealedKey: bytes(1) } },
        );
        expect(await storage.inviteCard(group, bytes(0x1d))).toBeNull();
      });

      it("taking an invitation that has no stored key appends nothing", async () => {
        const head = await createGroup();
        const result = await storage.appendEntry(
          group,
          head,
          { hash: bytes(0xa1), bytes: bytes(0xa1) },
          { take: { inviteId: bytes(0x99) } },
        );
        expect(result).toMatchObject({ ok: false, code: "invite-not-found" });
        expect((await storage.readLog(group, 0)).length).toBe(1);
        // The head did not move: the same append without the invitation still succeeds on it.
        expect(await storage.appendEntry(group, head, { hash: bytes(0xa1), bytes: bytes(0xa1) })).toMatchObject({
          ok: true,
          value: { index: 1 },
        });
      });

      it("an invitation key of one group cannot be taken in another", async () => {
        const head = await createGroup();
        const other = bytes(2, 2, 2);
        const otherHead = await createGroup(other);
        await storage.appendEntry(
          group,
          head,
          { hash: bytes(0xa1), bytes: bytes(0xa1) },
          { put: { inviteId: bytes(0x1d), sealedKey: bytes(1) } },
        );
        const stolen = await storage.appendEntry(
          other,
          otherHead,
          { hash: bytes(0xb1), bytes: bytes(0xb1) },
          { take: { inviteId: bytes(0x1d) } },
        );
        expect(stolen).toMatchObject({ ok: false, code: "invite-not-found" });
      });
    });

    describeIndexLinksAndNotices(() => storage);
    describeCheckpoints(() => storage);
    describeSnapshots(
      () => storage,
      () => ctx.sql(),
    );
    describeJournals(
      () => storage,
      () => ctx.sql(),
    );
    describeAggregation(
      () => storage,
      () => ctx.sql(),
      options.durable
        ? () => {
            if (!ctx.reopen) throw new Error(`${name} is declared durable but its setup gives no reopen()`);
            return ctx.reopen();
          }
        : null,
    );

    describeLimits(
      () => storage,
      options.durable
        ? async () => {
            if (!ctx.reopen) throw new Error(`${name} is declared durable but its setup gives no reopen()`);
            storage = await ctx.reopen();
            return storage;
          }
        : null,
    );

    describe("sealed envelopes", () => {
      beforeEach(async () => {
        await createGroup();
      });

      it("envelopes get gap-free seqs from 1, and nextCounter follows each device", async () => {
        expect(await storage.nextCounter(group, ana)).toBe(1);
        expect(await send(update(ana, 1))).toBe(1);
        expect(await send(update(ben, 1))).toBe(2);
        expect(await send(update(ana, 2))).toBe(3);
        expect(await storage.nextCounter(group, ana)).toBe(3);
        expect(await storage.nextCounter(group, ben)).toBe(2);
        expect((await storage.readSince(group, 0)).headSeq).toBe(3);
      });

      it("a device's counter must start at 1 and rise by exactly one; a gap stores nothing", async () => {
        expect(await storage.appendEnvelope(group, update(ana, 2))).toMatchObject({ ok: false, code: "counter-gap" });
        expect(await storage.appendEnvelope(group, update(ana, 0))).toMatchObject({ ok: false, code: "counter-gap" });
        await send(update(ana, 1));
        expect(await storage.appendEnvelope(group, update(ana, 3))).toMatchObject({ ok: false, code: "counter-gap" });
        const catchUp = await storage.readSince(group, 0);
        expect(catchUp.headSeq).toBe(1);
        expect(catchUp.updates.map((u) => u.seq)).toEqual([1]);
        expect(await storage.nextCounter(group, ana)).toBe(2);
      });

      it("Ana's phone resends after a lost ack: same seq, duplicate, stored once", async () => {
        await send(update(ana, 1, bytes(7, 7)));
        await send(update(ben, 1));
        expect(await storage.appendEnvelope(group, update(ana, 1, bytes(7, 7)))).toEqual({
          ok: true,
          value: { seq: 1, duplicate: true },
        });
        expect((await storage.readSince(group, 0)).updates.length).toBe(2);
      });

      it("different bytes under a used counter fail with counter-reused", async () => {
        await send(update(ana, 1, bytes(7, 7)));
        expect(await storage.appendEnvelope(group, update(ana, 1, bytes(6, 6)))).toMatchObject({
          ok: false,
          code: "counter-reused",
        });
        expect((await storage.readSince(group, 0)).updates).toEqual([{ seq: 1, bytes: bytes(7, 7) }]);
      });

      it("counters are independent per device and per group", async () => {
        const other = bytes(2, 2, 2);
        await createGroup(other);
        expect(await send(update(ana, 1))).toBe(1);
        expect(await send(update(ben, 1))).toBe(2);
        expect(await send(update(ana, 1), other)).toBe(1);
        expect(await storage.nextCounter(other, ana)).toBe(2);
        expect(await storage.nextCounter(other, ben)).toBe(1);
        expect((await storage.readSince(other, 0)).headSeq).toBe(1);
      });

      it("sending to a group that does not exist fails with group-not-found", async () => {
        expect(await storage.appendEnvelope(bytes(4, 4), update(ana, 1))).toMatchObject({
          ok: false,
          code: "group-not-found",
        });
      });

      it("readSince returns updates after a seq, in order, as plain Uint8Arrays", async () => {
        for (let c = 1; c <= 5; c++) await send(update(ana, c));
        const catchUp = await storage.readSince(group, 3);
        expect(catchUp).toEqual({
          snapshot: null,
          updates: [
            { seq: 4, bytes: bytes(4) },
            { seq: 5, bytes: bytes(5) },
          ],
          headSeq: 5,
        });
        expect(catchUp.updates[0]?.bytes.constructor).toBe(Uint8Array);
        expect(await storage.readSince(bytes(4, 4), 0)).toEqual({ snapshot: null, updates: [], headSeq: 0 });
      });
    });

    describe("snapshots", () => {
      beforeEach(async () => {
        await createGroup();
        for (let c = 1; c <= 4; c++) await send(update(ana, c)); // seqs 1..4
      });

      it("a new device gets the acknowledged snapshot plus only the updates it does not cover", async () => {
        expect(await send(snapshot(ben, 1, 3))).toBe(5);
        await send(update(ana, 5)); // seq 6
        await acknowledge(5);
        const fresh = await storage.readSince(group, 0);
        expect(fresh.snapshot).toEqual({ seq: 5, coversSeq: 3, bytes: filled(8, 3), ack: acker });
        expect(fresh.snapshot?.bytes.constructor).toBe(Uint8Array);
        expect(fresh.updates.map((u) => u.seq)).toEqual([4, 6]);
        expect(fresh.headSeq).toBe(6);
      });

      it("a device already past the snapshot gets no snapshot, only later updates", async () => {
        await send(snapshot(ben, 1, 3));
        await acknowledge(5);
        expect(await storage.readSince(group, 3)).toMatchObject({ snapshot: null, headSeq: 5 });
        // The snapshot's own envelope comes in seq order: its device counter must reach every receiver.
        expect((await storage.readSince(group, 3)).updates.map((u) => u.seq)).toEqual([4, 5]);
        expect((await storage.readSince(group, 2)).snapshot?.coversSeq).toBe(3);
      });

      it("an older snapshot arriving late never replaces a newer one", async () => {
        await send(snapshot(ben, 1, 4)); // seq 5
        await acknowledge(5);
        await send(snapshot(ana, 5, 2)); // seq 6, covers less
        await acknowledge(6);
        const fresh = await storage.readSince(group, 0);
        expect(fresh.snapshot).toMatchObject({ seq: 5, coversSeq: 4 });
        expect(fresh.updates.map((u) => u.seq)).toEqual([6]); // in seq order, never loaded
        await send(snapshot(ben, 2, 6)); // seq 7, covers more
        await acknowledge(7);
        expect((await storage.readSince(group, 0)).snapshot).toMatchObject({ seq: 7, coversSeq: 6 });
      });

      it("a snapshot cannot claim to cover seqs that do not exist yet", async () => {
        expect(await storage.appendEnvelope(group, snapshot(ben, 1, 9))).toMatchObject({
          ok: false,
          code: "bad-envelope",
        });
        expect(await storage.nextCounter(group, ben)).toBe(1);
      });
    });

    describe("catch-up pages", () => {
      /** Every page of a catch-up after `afterSeq`/`fromIndex`, following `throughSeq` and the first page's bounds. */
      async function pages(afterSeq: number, fromIndex: number, maxBytes: number, maxItems = 1000) {
        const read: CatchUpPage[] = [];
        let request: CatchUpPageRequest = { fromIndex, afterSeq, maxBytes, maxItems };
        for (;;) {
          const page = await storage.readCatchUpPage(group, request);
          read.push(page);
          if (!page.more) return read;
          expect(read.length).toBeLessThan(100);
          request = {
            fromIndex: request.fromIndex + page.entries.length,
            afterSeq: page.throughSeq,
            bounds: read[0]!.bounds,
            maxBytes,
            maxItems,
          };
        }
      }
      const joined = (read: readonly CatchUpPage[]) => ({
        entries: read.flatMap((p) => p.entries),
        snapshot: read.find((p) => p.snapshot !== null)?.snapshot ?? null,
        updates: read.flatMap((p) => p.updates),
      });
      /** Entries 1..n after the group's `create`, of `size` bytes each. */
      async function longLog(n: number, size: number): Promise<void> {
        let head = await createGroup();
        for (let i = 1; i <= n; i++) {
          const hash = bytes(0xe0, i);
          expect(await storage.appendEntry(group, head, { hash, bytes: filled(size, i) })).toMatchObject({ ok: true });
          head = hash;
        }
      }

      it("paged reads return the same entries, snapshot and updates, in the same order, as one read", async () => {
        await longLog(6, 300);
        for (let c = 1; c <= 12; c++) await send(update(ana, c, filled(100 + c * 10, c))); // seqs 1..12
        await send(snapshot(ben, 1, 5, filled(400, 5))); // seq 13, covers 5
        await acknowledge(13);
        for (let c = 13; c <= 30; c++) await send(update(ana, c, filled(100 + c * 10, c))); // seqs 14..31
        for (const [afterSeq, fromIndex] of [
          [0, 0],
          [3, 2],
          [7, 7],
          [31, 7],
        ] as const) {
          const whole = await storage.readSince(group, afterSeq);
          const log = await storage.readLog(group, fromIndex);
          for (const maxBytes of [1, 500, 1200, 4000, 1_000_000]) {
            const read = await pages(afterSeq, fromIndex, maxBytes);
            expect(joined(read), `after ${afterSeq}/${fromIndex}, pages of ${maxBytes} bytes`).toEqual({
              entries: log,
              snapshot: whole.snapshot,
              updates: whole.updates,
            });
            expect(read.at(-1)!.throughSeq).toBe(31);
            expect(read.every((p) => p.bounds.headSeq === 31 && p.bounds.logLength === 7)).toBe(true);
            if (maxBytes === 1_000_000) expect(read).toHaveLength(1);
          }
        }
      });

      it("a page holds at most maxBytes, except a first item larger than that, which goes alone", async () => {
        await createGroup();
        await send(update(ana, 1, filled(300, 1)));
        await send(update(ana, 2, filled(5000, 2)));
        await send(update(ana, 3, filled(300, 3)));
        await send(update(ana, 4, filled(300, 4)));
        const read = await pages(0, 1, 1000);
        expect(read.map((p) => p.updates.map((u) => u.seq))).toEqual([[1], [2], [3, 4]]);
        expect(read.map((p) => [p.throughSeq, p.more])).toEqual([
          [1, true],
          [2, true],
          [4, false],
        ]);
        expect((await pages(0, 1, 100_000, 3)).map((p) => p.updates.length)).toEqual([3, 1]);
      });

      it("the log comes first, then the snapshot and updates; each page says where the next starts", async () => {
        await longLog(3, 600);
        await send(update(ana, 1, filled(600, 1)));
        await send(snapshot(ben, 1, 1, filled(600, 9))); // seq 2, covers 1
        await send(update(ana, 2, filled(600, 2))); // seq 3
        await acknowledge(2);
        // The `create` entry is 4 bytes; every other item 600.
        const read = await pages(0, 0, 1300);
        expect(
          read.map((p) => [p.entries.map((e) => e.index), p.snapshot?.seq ?? null, p.updates.map((u) => u.seq)]),
        ).toEqual([
          [[0, 1, 2], null, []],
          [[3], 2, []],
          [[], null, [3]],
        ]);
        // After the snapshot the next page starts at the seq it covers.
        expect(read.map((p) => p.throughSeq)).toEqual([0, 1, 3]);
      });

      it("a page never goes past the first page's bounds, whatever is appended meanwhile", async () => {
        await createGroup();
        for (let c = 1; c <= 4; c++) await send(update(ana, c, filled(400, c)));
        const first = await storage.readCatchUpPage(group, { fromIndex: 1, afterSeq: 0, maxBytes: 900, maxItems: 100 });
        expect(first.updates.map((u) => u.seq)).toEqual([1, 2]);
        expect(first).toMatchObject({ bounds: { headSeq: 4, logLength: 1 }, throughSeq: 2, more: true });
        await send(update(ana, 5, filled(400, 5)));
        await send(snapshot(ben, 1, 5, filled(400, 9))); // seq 6: a newer snapshot, past the bounds
        const rest = await storage.readCatchUpPage(group, {
          fromIndex: 1,
          afterSeq: first.throughSeq,
          bounds: first.bounds,
          maxBytes: 100_000,
          maxItems: 100,
        });
        expect(rest).toMatchObject({ snapshot: null, throughSeq: 4, more: false });
        expect(rest.updates.map((u) => u.seq)).toEqual([3, 4]);
      });

      it("an id that is neither group nor journal has an empty last page", async () => {
        expect(
          await storage.readCatchUpPage(bytes(4, 4), { fromIndex: 0, afterSeq: 0, maxBytes: 10, maxItems: 10 }),
        ).toEqual({
          entries: [],
          snapshot: null,
          updates: [],
          bounds: { headSeq: 0, logLength: 0 },
          throughSeq: 0,
          more: false,
        });
      });
    });

    describe("group commit", () => {
      it("200 concurrent sends from 4 devices get distinct, gap-free seqs in each device's order", async () => {
        await createGroup();
        const devices = [bytes(1), bytes(2), bytes(3), bytes(4)];
        const sends = devices.flatMap((d) =>
          Array.from({ length: 50 }, (_, i) => storage.appendEnvelope(group, update(d, i + 1, bytes(d[0] ?? 0, i)))),
        );
        const results = await Promise.all(sends);
        const seqs = results.map((r) => (r.ok ? r.value.seq : -1));
        expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        for (let d = 0; d < 4; d++) {
          const mine = seqs.slice(d * 50, d * 50 + 50);
          expect(mine).toEqual([...mine].sort((a, b) => a - b));
        }
        const catchUp = await storage.readSince(group, 0);
        expect(catchUp.headSeq).toBe(200);
        expect(catchUp.updates.length).toBe(200);
      });

      it("a bad request in a batch fails alone; its neighbours are stored", async () => {
        await createGroup();
        // The first send commits alone; the four behind it queue up and share the next transaction.
        const [, good, gap, dup, other] = await Promise.all([
          storage.appendEnvelope(group, update(ben, 1)),
          storage.appendEnvelope(group, update(ana, 1)),
          storage.appendEnvelope(group, update(ben, 5)),
          storage.appendEnvelope(group, update(ana, 1)),
          storage.appendEnvelope(bytes(4, 4), update(ana, 1)),
        ]);
        expect(good).toEqual({ ok: true, value: { seq: 2, duplicate: false } });
        expect(gap).toMatchObject({ ok: false, code: "counter-gap" });
        expect(dup).toEqual({ ok: true, value: { seq: 2, duplicate: true } });
        expect(other).toMatchObject({ ok: false, code: "group-not-found" });
        expect((await storage.readSince(group, 0)).headSeq).toBe(2);
      });
    });

    // Registered only for durable stores: an in-memory store has nothing to survive a reopen.
    if (options.durable)
      it("everything survives closing and reopening the store", async () => {
        if (!ctx.reopen) throw new Error(`${name} is declared durable but its setup gives no reopen()`);
        const head = await createGroup();
        await storage.appendEntry(
          group,
          head,
          { hash: bytes(0xa1), bytes: bytes(0xa1) },
          { put: { inviteId: bytes(0x1d), sealedKey: bytes(0x5e) } },
        );
        await send(update(ana, 1));
        await send(snapshot(ben, 1, 1));
        await acknowledge(2);
        storage = await ctx.reopen();
        expect((await storage.readLog(group, 0)).length).toBe(2);
        expect(await storage.nextCounter(group, ana)).toBe(2);
        expect(await storage.readSince(group, 0)).toEqual({
          snapshot: { seq: 2, coversSeq: 1, bytes: filled(8, 1), ack: acker },
          updates: [],
          headSeq: 2,
        });
        const joined = await storage.appendEntry(
          group,
          bytes(0xa1),
          { hash: bytes(0xa2), bytes: bytes(0xa2) },
          { take: { inviteId: bytes(0x1d) } },
        );
        expect(joined).toEqual({ ok: true, value: { index: 2, releasedKey: bytes(0x5e) } });
        expect(await send(update(ana, 2))).toBe(3);
      });
  });
}
