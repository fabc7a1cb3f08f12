/**
 * A catch-up one bounded page at a time (`RelayStorage.readCatchUpPage`). No statement reads more
 * bytes than the page holds: sizes come first (`octet_length`, which PostgreSQL answers from a TOASTed
 * value's header without reading it), at most `maxItems + 1` rows of them, and only the rows that fit
 * are then read in full.
 *
 * Consistency: the first statement reads the head row and the snapshot pointer together; everything
 * after it reads rows at or below those bounds, which never change once assigned (seqs and log
 * indexes are committed with the head that covers them), so a page is the same whatever is appended
 * meanwhile. A journal deleted meanwhile simply yields fewer rows.
 */
import type { CatchUpBounds, CatchUpPage, CatchUpPageRequest, StoredEntry, StoredEnvelope } from "./relay-storage.ts";
import type { SqlExecutor } from "./sql-database.ts";

const HEAD = `
  select g.head_seq, coalesce(g.head_idx + 1, 0) as log_length,
         s.seq as snap_seq, s.covers_seq as snap_covers, octet_length(e.bytes) as snap_size
    from groups g
    left join snapshots s on s.group_id = g.group_id
    left join envelopes e on e.group_id = s.group_id and e.seq = s.seq
   where g.group_id = $1`;

type HeadRow = {
  head_seq: number;
  log_length: number;
  snap_seq: number | null;
  snap_covers: number | null;
  snap_size: number | null;
};

/** How much of a page is left as items are added; the first item always fits. */
class Budget {
  private bytes: number;
  private items: number;
  taken = 0;
  constructor(maxBytes: number, maxItems: number) {
    this.bytes = maxBytes;
    this.items = Math.max(1, maxItems);
  }
  get itemsLeft(): number {
    return this.items;
  }
  /** Takes an item of `size` bytes if it fits (or is the page's first); false when it does not. */
  take(size: number): boolean {
    if (this.items <= 0 || (this.taken > 0 && size > this.bytes)) return false;
    this.bytes -= size;
    this.items--;
    this.taken++;
    return true;
  }
}

export async function readCatchUpPage(
  db: SqlExecutor,
  groupId: Uint8Array,
  request: CatchUpPageRequest,
): Promise<CatchUpPage> {
  const [head] = await db.query<HeadRow>(HEAD, [groupId]);
  if (head === undefined) {
    const bounds = { headSeq: 0, logLength: 0 };
    return { entries: [], snapshot: null, updates: [], bounds, throughSeq: 0, more: false };
  }
  const bounds: CatchUpBounds = {
    headSeq: Math.min(head.head_seq, request.bounds?.headSeq ?? Infinity),
    logLength: Math.min(head.log_length, request.bounds?.logLength ?? Infinity),
  };
  const budget = new Budget(request.maxBytes, request.maxItems);
  const { afterSeq } = request;

  // 1. The log tail: a member needs the log (and its keys) before the envelopes sealed under them.
  const entries = await readEntries(db, groupId, request.fromIndex, bounds.logLength, budget);
  const partial = (more: boolean): CatchUpPage => ({
    entries,
    snapshot: null,
    updates: [],
    bounds,
    throughSeq: more ? afterSeq : bounds.headSeq,
    more,
  });
  if (request.fromIndex + entries.length < bounds.logLength) return partial(true);

  // 2. The latest snapshot, when it is within the bounds and covers more than the client has. A newer
  //    snapshot past the bounds is not this catch-up's: the updates are then sent from `afterSeq`.
  const snapshotDue =
    head.snap_seq !== null &&
    head.snap_covers !== null &&
    head.snap_size !== null &&
    head.snap_seq <= bounds.headSeq &&
    head.snap_covers > afterSeq;
  if (snapshotDue && !budget.take(head.snap_size!)) return partial(true);
  const from = snapshotDue ? Math.max(afterSeq, head.snap_covers!) : afterSeq;

  // 3. Updates after it, up to the bounds.
  const sizes = await db.query<{ seq: number; size: number }>(
    `select seq, octet_length(bytes) as size from envelopes
      where group_id = $1 and kind = 'update' and seq > $2 and seq <= $3
      order by seq limit $4`,
    [groupId, from, bounds.headSeq, budget.itemsLeft + 1],
  );
  let last = from;
  let taken = 0;
  for (const row of sizes) {
    if (!budget.take(row.size)) break;
    last = row.seq;
    taken++;
  }
  const more = taken < sizes.length;
  if (!snapshotDue && taken === 0)
    return { entries, snapshot: null, updates: [], bounds, throughSeq: more ? afterSeq : bounds.headSeq, more };

  const rows = await db.query<{ seq: number; covers_seq: number | null; bytes: Uint8Array }>(
    `select seq, covers_seq, bytes from envelopes
      where group_id = $1 and ((kind = 'update' and seq > $2 and seq <= $3) or seq = $4)
      order by seq`,
    [groupId, from, last, snapshotDue ? head.snap_seq : -1],
  );
  let snapshot: CatchUpPage["snapshot"] = null;
  const updates: StoredEnvelope[] = [];
  for (const r of rows) {
    if (snapshotDue && r.seq === head.snap_seq) snapshot = { seq: r.seq, coversSeq: head.snap_covers!, bytes: r.bytes };
    else updates.push({ seq: r.seq, bytes: r.bytes });
  }
  return { entries, snapshot, updates, bounds, throughSeq: more ? last : bounds.headSeq, more };
}

/** Log entries from `fromIndex` below `logLength`, as many as fit in the budget. */
async function readEntries(
  db: SqlExecutor,
  groupId: Uint8Array,
  fromIndex: number,
  logLength: number,
  budget: Budget,
): Promise<StoredEntry[]> {
  if (fromIndex >= logLength) return [];
  const sizes = await db.query<{ idx: number; size: number }>(
    `select idx, octet_length(bytes) as size from log_entries
      where group_id = $1 and idx >= $2 and idx < $3
      order by idx limit $4`,
    [groupId, fromIndex, logLength, budget.itemsLeft],
  );
  let last = -1;
  for (const row of sizes) {
    if (!budget.take(row.size)) break;
    last = row.idx;
  }
  if (last < 0) return [];
  const rows = await db.query<{ idx: number; hash: Uint8Array; bytes: Uint8Array }>(
    "select idx, hash, bytes from log_entries where group_id = $1 and idx >= $2 and idx <= $3 order by idx",
    [groupId, fromIndex, last],
  );
  return rows.map((r) => ({ index: r.idx, hash: r.hash, bytes: r.bytes }));
}
