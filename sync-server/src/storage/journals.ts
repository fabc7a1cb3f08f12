/**
 * A member's private journal in SQL. A journal is a head row in `groups` of kind 'journal', bound to
 * its owner (the journal signing public key) by the first claim; its envelopes, snapshot pointer and
 * device counters are the same rows a group's are (written by `append-envelopes.ts`, read by
 * `readSince`). The relay never learns which member a journal belongs to: the owner key and the id
 * are both derived from the member's seed on the device and appear nowhere else.
 */
import { bytesEqual, err, ok, type Err, type Result } from "@porch/shared";
import type { SqlDatabase, SqlExecutor } from "./sql-database.ts";

type HeadKind = { readonly kind: "group" | "journal"; readonly owner: Uint8Array | null };

/** Claims can race a deletion of the same id; past this many rounds something is wrong. */
const CLAIM_ATTEMPTS = 3;

export async function claimJournal(
  db: SqlDatabase,
  journalId: Uint8Array,
  owner: Uint8Array,
): Promise<Result<{ readonly created: boolean }>> {
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    // "on conflict do nothing" makes two first claims safe: exactly one gets the row back.
    const created = await db.query(
      `insert into groups (group_id, kind, owner) values ($1, 'journal', $2)
       on conflict (group_id) do nothing returning group_id`,
      [journalId, owner],
    );
    if (created.length > 0) return ok({ created: true });
    const [row] = await db.query<HeadKind>("select kind, owner from groups where group_id = $1", [journalId]);
    if (row === undefined) continue; // deleted between the two statements: claim again
    return refusal(row, owner) ?? ok({ created: false });
  }
  throw new Error(`journal claim did not settle after ${CLAIM_ATTEMPTS} attempts`);
}

export async function journalOwner(db: SqlExecutor, journalId: Uint8Array): Promise<Uint8Array | null> {
  const [row] = await db.query<{ owner: Uint8Array }>(
    "select owner from groups where group_id = $1 and kind = 'journal'",
    [journalId],
  );
  return row?.owner ?? null;
}

export async function deleteJournal(
  db: SqlDatabase,
  journalId: Uint8Array,
  owner: Uint8Array,
): Promise<Result<{ readonly deleted: boolean }>> {
  return db.transaction(async (tx) => {
    // The row lock orders this after any append batch holding the journal, and every later
    // append finds no row (`group-not-found`).
    const [row] = await tx.query<HeadKind>("select kind, owner from groups where group_id = $1 for update", [
      journalId,
    ]);
    // The journal signing key authenticates journal sockets only: its device ids' bindings
    // (device_owners) go with the journal, so nothing of it stays; a later hello binds them again.
    const unbind = () => tx.query("delete from device_owners where member_id = $1", [owner]);
    if (row === undefined) {
      await unbind();
      return ok({ deleted: false });
    }
    const refused = refusal(row, owner);
    if (refused) return refused;
    for (const table of [
      "snapshots",
      "sole_snapshots",
      "acked_snapshots",
      "snapshot_acks",
      "device_counters",
      "envelopes",
      "groups",
    ])
      await tx.query(`delete from ${table} where group_id = $1`, [journalId]);
    await unbind();
    return ok({ deleted: true });
  });
}

/** Why `owner` may not use this row: `group-exists` for a group's, `not-a-member` for another owner's journal. */
function refusal(row: HeadKind, owner: Uint8Array): Err | null {
  if (row.kind !== "journal" || row.owner === null) return err("group-exists", "the id is a group");
  if (!bytesEqual(row.owner, owner)) return err("not-a-member", "another key owns the journal");
  return null;
}
