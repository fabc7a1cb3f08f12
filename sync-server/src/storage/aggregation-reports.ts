/**
 * Aggregation in SQL, part three: members' sealed reports (one per member and round, replaceable
 * until the freeze; one per member and period across every cohort), each steward's sealed shares read
 * back a page at a time, and stewards' partial sums (one per steward and part).
 */
import { bytesEqual, err, ok, type Result } from "@porch/shared";
import type { NewReport, PartialPart, SharePage, StoredPartial, StoredReport } from "./aggregation-storage.ts";
import type { SqlDatabase, SqlExecutor } from "./sql-database.ts";

export async function putReport(
  db: SqlDatabase,
  roundId: Uint8Array,
  period: string,
  r: NewReport,
): Promise<Result<true>> {
  return db.transaction(async (tx) => {
    // The round's row lock orders this against the freeze: a report either makes the batch or is late.
    const [row] = await tx.query<{ phase: string }>("select phase from agg_rounds where round_id = $1 for update", [
      roundId,
    ]);
    if (row === undefined) return err("round-not-found");
    if (row.phase !== "open") return err("late-report", `round is ${row.phase}`);
    const claimed = await tx.query(
      `insert into agg_member_periods (member_id, period, round_id) values ($1, $2, $3)
       on conflict (member_id, period) do nothing returning round_id`,
      [r.memberId, period, roundId],
    );
    if (claimed.length === 0) {
      const [held] = await tx.query<{ round_id: Uint8Array }>(
        "select round_id from agg_member_periods where member_id = $1 and period = $2",
        [r.memberId, period],
      );
      if (held !== undefined && !bytesEqual(held.round_id, roundId))
        return err("already-reported", "the member reported this period in another round");
    }
    // Replacing drops the old shares with the old report (on delete cascade).
    await tx.query("delete from agg_reports where round_id = $1 and member_id = $2", [roundId, r.memberId]);
    await tx.query(
      `insert into agg_reports (round_id, member_id, group_id, manifest_hash, signature, report_hash, received_at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [roundId, r.memberId, r.groupId, r.manifestHash, r.signature, r.reportHash, r.receivedAt],
    );
    for (const [i, share] of r.shares.entries())
      await tx.query("insert into agg_report_shares (round_id, member_id, x, share) values ($1, $2, $3, $4)", [
        roundId,
        r.memberId,
        i + 1,
        share,
      ]);
    return ok(true as const);
  });
}

type ReportRow = { member_id: Uint8Array; group_id: Uint8Array; report_hash: Uint8Array; received_at: number };
const toReport = (r: ReportRow): StoredReport => ({
  memberId: r.member_id,
  groupId: r.group_id,
  reportHash: r.report_hash,
  receivedAt: r.received_at,
});

export async function reports(db: SqlExecutor, roundId: Uint8Array): Promise<StoredReport[]> {
  const rows = await db.query<ReportRow>(
    "select member_id, group_id, report_hash, received_at from agg_reports where round_id = $1 order by member_id",
    [roundId],
  );
  return rows.map(toReport);
}

export async function reportCount(db: SqlExecutor, roundId: Uint8Array): Promise<number> {
  const [row] = await db.query<{ n: number }>("select count(*)::int as n from agg_reports where round_id = $1", [
    roundId,
  ]);
  return Number(row?.n ?? 0);
}

export async function report(db: SqlExecutor, roundId: Uint8Array, memberId: Uint8Array): Promise<StoredReport | null> {
  const [row] = await db.query<ReportRow>(
    "select member_id, group_id, report_hash, received_at from agg_reports where round_id = $1 and member_id = $2",
    [roundId, memberId],
  );
  return row === undefined ? null : toReport(row);
}

/** Rows read per query while filling a page. */
const CHUNK = 128;

export async function shares(
  db: SqlExecutor,
  roundId: Uint8Array,
  x: number,
  after: number,
  maxBytes: number,
): Promise<SharePage> {
  const items: { memberId: Uint8Array; share: Uint8Array }[] = [];
  let size = 0;
  for (let position = after; ; position += CHUNK) {
    const rows = await db.query<{ member_id: Uint8Array; share: Uint8Array }>(
      `select member_id, share from agg_report_shares where round_id = $1 and x = $2
        order by member_id offset $3 limit $4`,
      [roundId, x, position, CHUNK],
    );
    for (const r of rows) {
      if (items.length > 0 && size + r.share.length > maxBytes) return { items, next: after + items.length };
      items.push({ memberId: r.member_id, share: r.share });
      size += r.share.length;
    }
    if (rows.length < CHUNK) return { items, next: null };
  }
}

export async function putPartial(
  db: SqlExecutor,
  roundId: Uint8Array,
  p: StoredPartial,
): Promise<Result<{ readonly duplicate: boolean }>> {
  const inserted = await db.query(
    `insert into agg_partials (round_id, x, part, elements, signature) values ($1, $2, $3, $4, $5)
     on conflict (round_id, x, part) do nothing returning x`,
    [roundId, p.x, p.part, p.elements, p.signature],
  );
  if (inserted.length > 0) return ok({ duplicate: false });
  const [stored] = await db.query<{ elements: Uint8Array; signature: Uint8Array }>(
    "select elements, signature from agg_partials where round_id = $1 and x = $2 and part = $3",
    [roundId, p.x, p.part],
  );
  const same =
    stored !== undefined && bytesEqual(stored.elements, p.elements) && bytesEqual(stored.signature, p.signature);
  return same ? ok({ duplicate: true }) : err("bad-partial", "another partial for this part is stored");
}

export async function partials(db: SqlExecutor, roundId: Uint8Array, part: PartialPart): Promise<StoredPartial[]> {
  const rows = await db.query<{ x: number; elements: Uint8Array; signature: Uint8Array }>(
    "select x, elements, signature from agg_partials where round_id = $1 and part = $2 order by x",
    [roundId, part],
  );
  return rows.map((r) => ({ x: r.x, part, elements: r.elements, signature: r.signature }));
}
