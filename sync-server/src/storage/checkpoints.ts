/**
 * Membership-log checkpoints in SQL: one body per (group, index) — the relay's own replay of the log
 * prefix, stored with its first signature — the members' signatures of it, and whether enough members
 * signed for it to be served to newcomers (the handler decides; see ws/handle-checkpoint-sign.ts).
 */
import type { CheckpointSigner, StoredCheckpoint } from "./relay-storage.ts";
import type { SqlDatabase } from "./sql-database.ts";

export async function addCheckpointSignature(
  db: SqlDatabase,
  groupId: Uint8Array,
  index: number,
  body: Uint8Array,
  signer: CheckpointSigner,
): Promise<readonly CheckpointSigner[]> {
  return db.transaction(async (tx) => {
    // The body is a pure function of the log prefix, so a second insert would carry the same bytes.
    await tx.query(
      "insert into checkpoints (group_id, idx, body) values ($1, $2, $3) on conflict (group_id, idx) do nothing",
      [groupId, index, body],
    );
    // A member signing again (a retry after a lost answer) keeps its first signature.
    await tx.query(
      `insert into checkpoint_signatures (group_id, idx, signer, signature) values ($1, $2, $3, $4)
       on conflict (group_id, idx, signer) do nothing`,
      [groupId, index, signer.signer, signer.signature],
    );
    return tx.query<{ signer: Uint8Array; signature: Uint8Array }>(
      "select signer, signature from checkpoint_signatures where group_id = $1 and idx = $2 order by signer",
      [groupId, index],
    );
  });
}

export async function completeCheckpoint(db: SqlDatabase, groupId: Uint8Array, index: number): Promise<void> {
  await db.query("update checkpoints set complete = true where group_id = $1 and idx = $2", [groupId, index]);
}

export async function latestCheckpoint(db: SqlDatabase, groupId: Uint8Array): Promise<StoredCheckpoint | null> {
  const [row] = await db.query<{ idx: number; body: Uint8Array }>(
    "select idx, body from checkpoints where group_id = $1 and complete order by idx desc limit 1",
    [groupId],
  );
  if (row === undefined) return null;
  const signers = await db.query<{ signer: Uint8Array; signature: Uint8Array }>(
    "select signer, signature from checkpoint_signatures where group_id = $1 and idx = $2 order by signer",
    [groupId, row.idx],
  );
  return { index: row.idx, body: row.body, signers };
}
