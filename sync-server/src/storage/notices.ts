/** Sealed notices to a member's own devices in SQL: per-member seqs, only the newest few kept. */
import type { StoredNotice } from "./relay-storage.ts";
import type { SqlDatabase } from "./sql-database.ts";

export async function postNotice(
  db: SqlDatabase,
  memberId: Uint8Array,
  sealed: Uint8Array,
  time: number,
  keep: number,
): Promise<number> {
  return db.transaction(async (tx) => {
    // The upsert hands out the next seq atomically, even for two posts at once.
    const [head] = await tx.query<{ last_seq: number }>(
      `insert into notice_heads (member_id, last_seq) values ($1, 1)
       on conflict (member_id) do update set last_seq = notice_heads.last_seq + 1
       returning last_seq`,
      [memberId],
    );
    const seq = head!.last_seq;
    await tx.query("insert into notices (member_id, seq, sealed, time) values ($1, $2, $3, $4)", [
      memberId,
      seq,
      sealed,
      time,
    ]);
    await tx.query("delete from notices where member_id = $1 and seq <= $2", [memberId, seq - keep]);
    return seq;
  });
}

export async function readNotices(
  db: SqlDatabase,
  memberId: Uint8Array,
  after: number,
): Promise<readonly StoredNotice[]> {
  const rows = await db.query<{ seq: number; sealed: Uint8Array; time: number }>(
    "select seq, sealed, time from notices where member_id = $1 and seq > $2 order by seq",
    [memberId, after],
  );
  return rows.map((r) => ({ seq: r.seq, sealed: r.sealed, time: r.time }));
}
