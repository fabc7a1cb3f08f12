/**
 * A relay upgraded in place keeps its groups: a database created by the previous schema, with a
 * group, its log and envelopes in it, takes the journals migration (and every later one) and still
 * serves that group.
 */
import { describe, expect, it } from "vitest";
import { createSqlRelayStorage } from "./create-sql-relay-storage.ts";
import { openBlankPglite } from "./pglite-storage.ts";
import { MIGRATIONS, migrate } from "./schema.ts";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe("schema migrations", () => {
  it(
    "a version 2 database with a group migrates to journals and the group still works",
    { timeout: 30_000 },
    async () => {
      const db = await openBlankPglite();
      expect(await migrate(db, MIGRATIONS.slice(0, 2))).toEqual([1, 2]);
      const group = bytes(1, 1);
      const device = bytes(9);
      await db.query("insert into groups (group_id, head_hash, head_idx, head_seq) values ($1, $2, 0, 1)", [
        group,
        bytes(0xa0),
      ]);
      await db.query("insert into log_entries (group_id, idx, hash, bytes) values ($1, 0, $2, $3)", [
        group,
        bytes(0xa0),
        bytes(0xc0),
      ]);
      await db.query(
        "insert into envelopes (group_id, seq, device_id, counter, kind, covers_seq, bytes) values ($1, 1, $2, 1, 'update', null, $3)",
        [group, device, bytes(0xe1)],
      );
      await db.query("insert into device_counters (group_id, device_id, last_counter) values ($1, $2, 1)", [
        group,
        device,
      ]);

      expect(await migrate(db)).toEqual(MIGRATIONS.slice(2).map((m) => m.version));
      const storage = createSqlRelayStorage(db);
      // Migration 5 counts the bytes already stored (the quota's running total starts from them).
      expect(await storage.storedBytes(group)).toBe(1);
      expect(await storage.claimJournal(group, bytes(0xb0))).toMatchObject({ ok: false, code: "group-exists" });
      expect(
        await storage.appendEnvelope(group, {
          deviceId: device,
          counter: 2,
          kind: "update",
          coversSeq: 0,
          bytes: bytes(0xe2),
        }),
      ).toEqual({ ok: true, value: { seq: 2, duplicate: false } });
      expect((await storage.readSince(group, 0)).updates.map((u) => u.bytes)).toEqual([bytes(0xe1), bytes(0xe2)]);
      expect(await storage.storedBytes(group)).toBe(2);
      expect(await storage.appendEntry(group, bytes(0xa0), { hash: bytes(0xa1), bytes: bytes(0xc1) })).toEqual({
        ok: true,
        value: { index: 1, releasedKey: null },
      });
      // The shape check holds for rows written before it existed, and refuses a journal with a log head.
      await expect(
        db.query("insert into groups (group_id, head_hash, head_idx, kind, owner) values ($1, $2, 0, 'journal', $3)", [
          bytes(2),
          bytes(0xa0),
          bytes(0xb0),
        ]),
      ).rejects.toThrow();
      await storage.close();
    },
  );
});
