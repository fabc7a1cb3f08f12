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
import type {
  CatchUpBounds,
  CatchUpPage,
  CatchUpPageRequest,
  StoredEntry,
  StoredEnvelope,
  StoredSnapshot,
} from "./relay-storage.ts";
import type { SqlExecutor } from "./sql-database.ts";

const HEAD = `
  select g.head_seq, coalesce(g.head_idx + 1, 0) as log_length, g.pruned_through,
         s.seq as snap_seq, s.covers_seq as snap_covers, octet_length(e.bytes) as snap_size,
         a.member_id as ack_member, a.device_id as ack_device, a.signature as ack_signature,
         p.seq as sole_seq, p.covers_seq as sole_covers, octet_length(pe.bytes) as sole_size
    from groups g
    left join acked_snapshots s on s.group_id = g.group_id
    left join envelopes e on e.group_id = s.group_id and e.seq = s.seq
    left join snapshot_acks a on a.group_id = s.group_id and a.seq = s.seq
    left join sole_snapshots p on p.group_id = g.group_id
    left join envelopes pe on pe.group_id = p.group_id and pe.seq = p.seq
   where g.group_id = $1`;

type HeadRow = {
  head_seq: number;
  log_length: number;
  pruned_through: number;
  snap_seq: number | null;
  snap_covers: number | null;
  snap_size: number | null;
  ack_member: Uint8Array | null;
  ack_device: Uint8Array | null;
  ack_signature: Uint8Array | null;
  sole_seq: number | null;
  sole_covers: number | null;
  sole_size: number | null;
};

/** The snapshot a catch-up may send to be loaded: acknowledged (with its acknowledgement), or its sole writer's. */
interface Servable {
  readonly seq: number;
  readonly coversSeq: number;
  readonly size: number;
  /** Null for a sole writer's snapshot (`sole_snapshots`), which needs none. */
  readonly ack: StoredSnapshot["ack"] | null;
}

/** Whichever of the acknowledged and the sole writer's snapshot covers more, or null when there is neither. */
function servable(head: HeadRow): Servable | null {
  const acked =
    head.snap_seq !== null &&
    head.snap_covers !== null &&
    head.snap_size !== null &&
    head.ack_member !== null &&
    head.ack_device !== null &&
    head.ack_signature !== null
      ? {
          seq: Number(head.snap_seq),
          coversSeq: Number(head.snap_covers),
          size: Number(head.snap_size),
          ack: { memberId: head.ack_member, deviceId: head.ack_device, signature: head.ack_signature },
        }
      : null;
  const sole =
    head.sole_seq !== null && head.sole_covers !== null && head.sole_size !== null
      ? { seq: Number(head.sole_seq), coversSeq: Number(head.sole_covers), size: Number(head.sole_size), ack: null }
      : null;
  if (sole === null) return acked;
  return acked !== null && acked.coversSeq >= sole.coversSeq ? acked : sole;
}

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
  const headSeq = Math.min(head.head_seq, request.bounds?.headSeq ?? Infinity);
  // The first page decides which snapshot this catch-up sends as its snapshot.
  const served = servable(head);
  const sends =
    request.bounds === undefined
      ? served !== null && served.coversSeq > request.afterSeq
        ? served.seq
        : undefined
      : request.bounds.snapshotSeq;
  const bounds: CatchUpBounds = {
    headSeq,
    logLength: Math.min(head.log_length, request.bounds?.logLength ?? Infinity),
    ...(sends !== undefined ? { snapshotSeq: sends } : {}),
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

  // 2. The snapshot to load (acknowledged, or its sole writer's), when it is within the bounds and
  //    covers more than the client has. A newer one past the bounds is not this catch-up's (updates are
  //    then sent from `afterSeq`) — unless it pruned updates this catch-up still had to send (a later
  //    page, after an acknowledgement landed between pages): then it is sent anyway, and its seq comes
  //    live too (a harmless duplicate).
  const snapshotDue =
    served !== null &&
    served.coversSeq > afterSeq &&
    (served.seq <= bounds.headSeq || Number(head.pruned_through) > afterSeq);
  if (snapshotDue && !budget.take(served.size)) return partial(true);
  const from = snapshotDue ? Math.max(afterSeq, served.coversSeq) : afterSeq;
  // Snapshots not yet pruned come in seq order like updates (their device counters must reach every
  // receiver, or it would see a gap); members check and acknowledge them, nobody loads them. The one
  // this catch-up sends as its snapshot (on this page or an earlier one) is left out.
  const slot = snapshotDue ? served.seq : (bounds.snapshotSeq ?? -1);

  // 3. Envelopes after it, up to the bounds.
  const sizes = await db.query<{ seq: number; size: number }>(
    `select seq, octet_length(bytes) as size from envelopes
      where group_id = $1 and seq <> $5 and seq > $2 and seq <= $3
      order by seq limit $4`,
    [groupId, from, bounds.headSeq, budget.itemsLeft + 1, slot],
  );
  let last = from;
  let taken = 0;
  for (const row of sizes) {
    if (!budget.take(Number(row.size))) break;
    last = Number(row.seq);
    taken++;
  }
  const more = taken < sizes.length;
  const throughSeq = more ? last : Math.max(bounds.headSeq, snapshotDue ? from : 0);
  if (!snapshotDue && taken === 0)
    return { entries, snapshot: null, updates: [], bounds, throughSeq: more ? afterSeq : bounds.headSeq, more };

  const rows = await db.query<{ seq: number; bytes: Uint8Array }>(
    `select seq, bytes from envelopes
      where group_id = $1 and ((seq > $2 and seq <= $3 and seq <> $4) or seq = $5)
      order by seq`,
    [groupId, from, last, slot, snapshotDue ? served.seq : -1],
  );
  let snapshot: CatchUpPage["snapshot"] = null;
  const updates: StoredEnvelope[] = [];
  for (const r of rows) {
    const seq = Number(r.seq);
    if (snapshotDue && seq === served.seq)
      snapshot = {
        seq,
        coversSeq: served.coversSeq,
        bytes: r.bytes,
        ...(served.ack !== null ? { ack: served.ack } : {}),
      };
    else updates.push({ seq, bytes: r.bytes });
  }
  return { entries, snapshot, updates, bounds, throughSeq, more };
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
