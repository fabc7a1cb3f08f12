/**
 * Part of the `RelayStorage` contract (called by `runRelayStorageContract`): members' private
 * journals. A journal is claimed by its first key, shares the group's append and catch-up path, and
 * once deleted leaves nothing behind — checked with SQL over every bytea column of the schema, so a
 * table added later that kept a journal's id, owner or bytes would fail here.
 */
import { describe, expect, it } from "vitest";
import type { NewEnvelope, RelayStorage } from "./relay-storage.ts";
import type { SqlExecutor } from "./sql-database.ts";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
/** Random bytes: ids, keys and bodies no other row can contain by chance. */
const random = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

const update = (deviceId: Uint8Array, counter: number, body: Uint8Array = bytes(counter)): NewEnvelope => ({
  deviceId,
  counter,
  kind: "update",
  coversSeq: 0,
  bytes: body,
});
const snapshot = (deviceId: Uint8Array, counter: number, coversSeq: number, body: Uint8Array): NewEnvelope => ({
  deviceId,
  counter,
  kind: "snapshot",
  coversSeq,
  bytes: body,
});

/** How many rows, in any table and any bytea column of the schema, contain `needle`. */
export async function rowsContaining(sql: SqlExecutor, needle: Uint8Array): Promise<number> {
  const columns = await sql.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and data_type = 'bytea' order by table_name, column_name`,
  );
  expect(columns.length).toBeGreaterThan(10); // the search covers the real schema
  let found = 0;
  for (const { table_name, column_name } of columns) {
    const [row] = await sql.query<{ n: number }>(
      `select count(*)::int as n from "${table_name}" where position($1::bytea in "${column_name}") > 0`,
      [needle],
    );
    found += row?.n ?? 0;
  }
  return found;
}

export function describeJournals(current: () => RelayStorage, sql: () => SqlExecutor): void {
  describe("journals", () => {
    const journal = random(16);
    const owner = random(32); // Ana's journal signing key
    const stranger = random(32);
    const phone = random(16);
    const laptop = random(16);

    async function claim(id = journal, key = owner): Promise<void> {
      expect(await current().claimJournal(id, key)).toMatchObject({ ok: true });
    }
    async function send(envelope: NewEnvelope, id = journal, key = owner): Promise<number> {
      const result = await current().appendEnvelope(id, envelope, key);
      if (!result.ok) throw new Error(`append failed: ${result.code}`);
      return result.value.seq;
    }
    async function createGroup(id: Uint8Array): Promise<void> {
      expect(await current().appendEntry(id, null, { hash: bytes(1), bytes: bytes(2) })).toMatchObject({ ok: true });
    }

    it("the first key claims a journal; the same key again changes nothing; another key is not-a-member", async () => {
      const storage = current();
      expect(await storage.journalOwner(journal)).toBeNull();
      expect(await storage.claimJournal(journal, owner)).toEqual({ ok: true, value: { created: true } });
      expect(await storage.claimJournal(journal, owner)).toEqual({ ok: true, value: { created: false } });
      expect(await storage.claimJournal(journal, stranger)).toMatchObject({ ok: false, code: "not-a-member" });
      expect(await storage.journalOwner(journal)).toEqual(owner);
      expect((await storage.journalOwner(journal))?.constructor).toBe(Uint8Array);
      expect(await storage.readSince(journal, 0)).toEqual({ snapshot: null, updates: [], headSeq: 0 });
      expect(await storage.readLog(journal, 0)).toEqual([]);
    });

    it("of two first claims at once exactly one creates the journal, and the other key is refused", async () => {
      const [a, b] = await Promise.all([
        current().claimJournal(journal, owner),
        current().claimJournal(journal, stranger),
      ]);
      const outcomes = [a, b].map((r) => (r.ok ? `created ${r.value.created}` : r.code)).sort();
      expect(outcomes).toEqual(["created true", "not-a-member"]);
    });

    it("groups and journals share one id space: neither can take the other's id", async () => {
      const group = random(16);
      await createGroup(group);
      expect(await current().claimJournal(group, owner)).toMatchObject({ ok: false, code: "group-exists" });
      expect(await current().journalOwner(group)).toBeNull();
      await claim();
      expect(await current().appendEntry(journal, null, { hash: bytes(3), bytes: bytes(4) })).toMatchObject({
        ok: false,
        code: "group-exists",
      });
      // An entry on a journal finds no group (a journal has no log and no head to compare).
      expect(await current().appendEntry(journal, bytes(3), { hash: bytes(5), bytes: bytes(6) })).toMatchObject({
        ok: false,
        code: "group-not-found",
      });
      expect(await current().readLog(journal, 0)).toEqual([]);
      expect(await current().groupsOf(owner)).toEqual([]);
    });

    it("a journal's envelopes: gap-free seqs, per-device counters, catch-up, a resend, a reuse and a gap", async () => {
      await claim();
      expect(await current().nextCounter(journal, phone)).toBe(1);
      expect(await send(update(phone, 1, bytes(7, 7)))).toBe(1);
      expect(await send(update(laptop, 1))).toBe(2);
      expect(await send(update(phone, 2))).toBe(3);
      expect(await current().nextCounter(journal, phone)).toBe(3);
      // The phone lost its first ack and sends the same bytes again.
      expect(await current().appendEnvelope(journal, update(phone, 1, bytes(7, 7)), owner)).toEqual({
        ok: true,
        value: { seq: 1, duplicate: true },
      });
      expect(await current().appendEnvelope(journal, update(phone, 1, bytes(6, 6)), owner)).toMatchObject({
        ok: false,
        code: "counter-reused",
      });
      expect(await current().appendEnvelope(journal, update(laptop, 3), owner)).toMatchObject({
        ok: false,
        code: "counter-gap",
      });
      expect(await current().readSince(journal, 1)).toEqual({
        snapshot: null,
        updates: [
          { seq: 2, bytes: bytes(1) },
          { seq: 3, bytes: bytes(2) },
        ],
        headSeq: 3,
      });
      const body = random(40);
      expect(await send(snapshot(laptop, 2, 3, body))).toBe(4);
      await send(update(phone, 3)); // seq 5
      // The phone acknowledges the laptop's snapshot (a journal's second device), which prunes seqs 1..3.
      const ack = { memberId: owner, deviceId: phone, signature: random(64) };
      expect(await current().acknowledgeSnapshot(journal, { seq: 4, ...ack })).toMatchObject({ ok: true });
      expect(await current().readSince(journal, 0)).toEqual({
        snapshot: { seq: 4, coversSeq: 3, bytes: body, ack },
        updates: [{ seq: 5, bytes: bytes(3) }],
        headSeq: 5,
      });
    });

    it("only the owner writes to a journal, only as a journal, and never to an id it has not claimed", async () => {
      const group = random(16);
      await createGroup(group);
      await claim();
      expect(await current().appendEnvelope(journal, update(phone, 1), stranger)).toMatchObject({
        ok: false,
        code: "not-a-member",
      });
      // Without an owner the id must be a group, and with one it must be a journal.
      expect(await current().appendEnvelope(journal, update(phone, 1))).toMatchObject({
        ok: false,
        code: "group-not-found",
      });
      expect(await current().appendEnvelope(group, update(phone, 1), owner)).toMatchObject({
        ok: false,
        code: "group-not-found",
      });
      expect(await current().appendEnvelope(random(16), update(phone, 1), owner)).toMatchObject({
        ok: false,
        code: "group-not-found",
      });
      expect(await current().readSince(journal, 0)).toEqual({ snapshot: null, updates: [], headSeq: 0 });
      expect(await current().nextCounter(journal, phone)).toBe(1);
      expect(await send(update(phone, 1))).toBe(1);
    });

    it("journal and group envelopes committed in one batch each get their own seqs", async () => {
      const group = random(16);
      await createGroup(group);
      await claim();
      const results = await Promise.all([
        current().appendEnvelope(group, update(phone, 1)),
        current().appendEnvelope(journal, update(phone, 1), owner),
        current().appendEnvelope(group, update(phone, 2)),
        current().appendEnvelope(journal, update(phone, 2), owner),
        current().appendEnvelope(journal, update(laptop, 1), stranger),
      ]);
      expect(results.map((r) => (r.ok ? r.value.seq : r.code))).toEqual([1, 1, 2, 2, "not-a-member"]);
    });

    it("deleting a journal removes its row, envelopes, snapshot and counters, and nothing of anyone else's", async () => {
      const group = random(16);
      await createGroup(group);
      expect(await current().appendEnvelope(group, update(phone, 1))).toMatchObject({ ok: true });
      await claim();
      const bodies = [random(24), random(24), random(24), random(48)];
      await send(update(phone, 1, bodies[0]));
      await send(update(laptop, 1, bodies[1]));
      await send(update(phone, 2, bodies[2]));
      await send(snapshot(laptop, 2, 3, bodies[3]!));
      for (const needle of [journal, owner, ...bodies]) expect(await rowsContaining(sql(), needle)).toBeGreaterThan(0);

      expect(await current().deleteJournal(journal, stranger)).toMatchObject({ ok: false, code: "not-a-member" });
      expect((await current().readSince(journal, 0)).headSeq).toBe(4);
      expect(await current().deleteJournal(journal, owner)).toEqual({ ok: true, value: { deleted: true } });

      for (const needle of [journal, owner, ...bodies]) expect(await rowsContaining(sql(), needle)).toBe(0);
      expect(await current().journalOwner(journal)).toBeNull();
      expect(await current().readSince(journal, 0)).toEqual({ snapshot: null, updates: [], headSeq: 0 });
      expect(await current().appendEnvelope(journal, update(phone, 3), owner)).toMatchObject({
        ok: false,
        code: "group-not-found",
      });
      // The group on the same device ids is untouched.
      expect((await current().readSince(group, 0)).headSeq).toBe(1);
      expect(await current().nextCounter(group, phone)).toBe(2);
    });

    it("deleting a missing journal is fine, a group's id is refused, and a deleted id can be claimed anew", async () => {
      expect(await current().deleteJournal(journal, owner)).toEqual({ ok: true, value: { deleted: false } });
      const group = random(16);
      await createGroup(group);
      expect(await current().deleteJournal(group, owner)).toMatchObject({ ok: false, code: "group-exists" });
      expect(await current().readLog(group, 0)).toHaveLength(1);

      await claim();
      await send(update(phone, 1));
      await current().deleteJournal(journal, owner);
      expect(await current().claimJournal(journal, stranger)).toEqual({ ok: true, value: { created: true } });
      expect(await current().nextCounter(journal, phone)).toBe(1);
      expect(await send(update(phone, 1), journal, stranger)).toBe(1);
    });

    it("a delete racing a device's sends leaves nothing behind, whichever commits first", async () => {
      await claim();
      const bodies = Array.from({ length: 6 }, () => random(20));
      const sends = bodies.map((body, i) => current().appendEnvelope(journal, update(phone, i + 1, body), owner));
      const deleted = current().deleteJournal(journal, owner);
      const results = await Promise.all(sends);
      expect(await deleted).toMatchObject({ ok: true });
      for (const r of results) if (!r.ok) expect(r.code).toBe("group-not-found");
      for (const needle of [journal, ...bodies]) expect(await rowsContaining(sql(), needle)).toBe(0);
    });
  });
}
