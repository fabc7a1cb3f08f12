/**
 * Snapshot acknowledgements and pruning (`RelayStorage.acknowledgeSnapshot`). One transaction under
 * the group's row lock (the lock every append takes first), so the byte count, the acknowledged
 * snapshot and the pruned rows move together, and an append never interleaves with a prune.
 *
 * What an acknowledged snapshot at seq S covering C prunes: every envelope with seq <= C (updates and
 * older snapshots). It keeps S itself and everything after C — a device whose cursor is behind C gets
 * S (whose device counters account for everything pruned) and that tail; a device past C gets the tail
 * after its cursor. A superseded snapshot after C stays until a later snapshot covers its seq: deleting
 * it would leave a hole in its author's device counters that receivers would take for withholding.
 * Device counters live in their own table, so pruning never resets one.
 */
import { err, ok, type Result } from "@porch/shared";
import type { SnapshotAck } from "./relay-storage.ts";
import type { SqlExecutor } from "./sql-database.ts";

/** What acknowledging did: the rows and bytes it pruned (0 when a snapshot covering as much was acknowledged already). */
export interface Pruned {
  readonly prunedRows: number;
  readonly prunedBytes: number;
}

export async function acknowledgeSnapshot(
  tx: SqlExecutor,
  groupId: Uint8Array,
  ack: SnapshotAck,
): Promise<Result<Pruned>> {
  const [group] = await tx.query<{ head_seq: number }>("select head_seq from groups where group_id = $1 for update", [
    groupId,
  ]);
  if (!group) return err("group-not-found");
  const [snapshot] = await tx.query<{ kind: string; covers_seq: number | null }>(
    "select kind, covers_seq from envelopes where group_id = $1 and seq = $2",
    [groupId, ack.seq],
  );
  if (!snapshot || snapshot.kind !== "snapshot" || snapshot.covers_seq === null) return err("snapshot-not-found");
  const covers = Number(snapshot.covers_seq);
  await tx.query(
    `insert into snapshot_acks (group_id, seq, member_id, device_id, signature) values ($1, $2, $3, $4, $5)
     on conflict (group_id, seq) do nothing`,
    [groupId, ack.seq, ack.memberId, ack.deviceId, ack.signature],
  );
  const [current] = await tx.query<{ covers_seq: number }>(
    "select covers_seq from acked_snapshots where group_id = $1",
    [groupId],
  );
  if (current && Number(current.covers_seq) >= covers) return ok({ prunedRows: 0, prunedBytes: 0 });
  await tx.query(
    `insert into acked_snapshots (group_id, seq, covers_seq) values ($1, $2, $3)
     on conflict (group_id) do update set seq = excluded.seq, covers_seq = excluded.covers_seq`,
    [groupId, ack.seq, covers],
  );
  const pruned = await tx.query<{ size: number }>(
    `delete from envelopes
      where group_id = $1 and seq <= $2
      returning octet_length(bytes) as size`,
    [groupId, covers],
  );
  const prunedBytes = pruned.reduce((sum, r) => sum + Number(r.size), 0);
  // The newest-published pointer goes with a snapshot it pruned; acknowledgements of pruned snapshots too.
  await tx.query("delete from snapshots where group_id = $1 and covers_seq <= $2 and seq <> $3", [
    groupId,
    covers,
    ack.seq,
  ]);
  await tx.query(
    `delete from snapshot_acks a where a.group_id = $1
       and not exists (select 1 from envelopes e where e.group_id = a.group_id and e.seq = a.seq)`,
    [groupId],
  );
  await tx.query(
    `update groups set stored_bytes = stored_bytes - $2, pruned_through = greatest(pruned_through, $3)
      where group_id = $1`,
    [groupId, prunedBytes, covers],
  );
  return ok({ prunedRows: pruned.length, prunedBytes });
}

/** One stored envelope of a group or journal, or null (never stored, or pruned). */
export async function readEnvelope(
  db: SqlExecutor,
  groupId: Uint8Array,
  seq: number,
): Promise<{ readonly kind: "update" | "snapshot"; readonly coversSeq: number; readonly bytes: Uint8Array } | null> {
  const [row] = await db.query<{ kind: "update" | "snapshot"; covers_seq: number | null; bytes: Uint8Array }>(
    "select kind, covers_seq, bytes from envelopes where group_id = $1 and seq = $2",
    [groupId, seq],
  );
  return row ? { kind: row.kind, coversSeq: Number(row.covers_seq ?? 0), bytes: row.bytes } : null;
}
