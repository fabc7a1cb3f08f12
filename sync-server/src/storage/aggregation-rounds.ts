/**
 * Aggregation in SQL, part two: rounds (the signed call and the phase, moved by compare-and-set on
 * the phase so a change is applied once), volunteers with their lottery commitments and nonces, and the
 * drawn stewards with their round keys, acceptances and faulty flags.
 */
import { err, ok, type Result, type RoundPhase } from "@porch/shared";
import type {
  NewRound,
  PartialPart,
  RoundChange,
  StoredRound,
  StoredSteward,
  StoredVolunteer,
} from "./aggregation-storage.ts";
import type { SqlDatabase, SqlExecutor, SqlValue } from "./sql-database.ts";

export async function createRound(db: SqlExecutor, r: NewRound): Promise<Result<true>> {
  // No conflict target: the round id and (cohort, period) are both unique, and either means "exists".
  const inserted = await db.query(
    `insert into agg_rounds (round_id, cohort_id, period, call, call_signature, phase)
     values ($1, $2, $3, $4, $5, 'volunteering') on conflict do nothing returning round_id`,
    [r.roundId, r.cohortId, r.period, r.call, r.callSignature],
  );
  return inserted.length > 0 ? ok(true) : err("round-exists");
}

type RoundRow = {
  round_id: Uint8Array;
  cohort_id: Uint8Array;
  period: string;
  call: Uint8Array;
  call_signature: Uint8Array;
  phase: RoundPhase;
  aborted: string | null;
  counts: Uint8Array | null;
  sums: Uint8Array | null;
  freeze_batch_hash: Uint8Array | null;
  freeze_contributors: number | null;
  freeze_groups: number | null;
  freeze_aborted: string | null;
  freeze_signature: Uint8Array | null;
  release: Uint8Array | null;
  release_signature: Uint8Array | null;
};

const ROUND_COLUMNS = `round_id, cohort_id, period, call, call_signature, phase, aborted, counts, sums,
  freeze_batch_hash, freeze_contributors, freeze_groups, freeze_aborted, freeze_signature, release, release_signature`;

function toRound(r: RoundRow): StoredRound {
  return {
    roundId: r.round_id,
    cohortId: r.cohort_id,
    period: r.period,
    call: r.call,
    callSignature: r.call_signature,
    phase: r.phase,
    aborted: r.aborted,
    counts: r.counts,
    sums: r.sums,
    freeze:
      r.freeze_batch_hash === null || r.freeze_signature === null
        ? null
        : {
            batchHash: r.freeze_batch_hash,
            contributors: r.freeze_contributors ?? 0,
            groups: r.freeze_groups ?? 0,
            aborted: r.freeze_aborted,
            signature: r.freeze_signature,
          },
    release:
      r.release === null || r.release_signature === null ? null : { bytes: r.release, signature: r.release_signature },
  };
}

export async function round(db: SqlExecutor, roundId: Uint8Array): Promise<StoredRound | null> {
  const [row] = await db.query<RoundRow>(`select ${ROUND_COLUMNS} from agg_rounds where round_id = $1`, [roundId]);
  return row === undefined ? null : toRound(row);
}

export async function roundsOf(db: SqlExecutor, cohortId: Uint8Array): Promise<StoredRound[]> {
  const rows = await db.query<RoundRow>(
    `select ${ROUND_COLUMNS} from agg_rounds where cohort_id = $1 order by period, round_id`,
    [cohortId],
  );
  return rows.map(toRound);
}

export async function activeRounds(db: SqlExecutor): Promise<Uint8Array[]> {
  const rows = await db.query<{ round_id: Uint8Array }>(
    "select round_id from agg_rounds where phase not in ('published', 'aborted') order by round_id",
  );
  return rows.map((r) => r.round_id);
}

export async function updateRound(
  db: SqlDatabase,
  roundId: Uint8Array,
  from: RoundPhase,
  change: RoundChange,
): Promise<boolean> {
  const params: SqlValue[] = [roundId, from, change.phase];
  const sets = ["phase = $3"];
  const set = (column: string, value: SqlValue) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (change.aborted !== undefined) set("aborted", change.aborted);
  if (change.counts !== undefined) set("counts", change.counts);
  if (change.sums !== undefined) set("sums", change.sums);
  if (change.freeze !== undefined) {
    set("freeze_batch_hash", change.freeze.batchHash);
    set("freeze_contributors", change.freeze.contributors);
    set("freeze_groups", change.freeze.groups);
    set("freeze_aborted", change.freeze.aborted);
    set("freeze_signature", change.freeze.signature);
  }
  if (change.release !== undefined) {
    set("release", change.release.bytes);
    set("release_signature", change.release.signature);
  }
  return db.transaction(async (tx) => {
    const moved = await tx.query(
      `update agg_rounds set ${sets.join(", ")} where round_id = $1 and phase = $2 returning round_id`,
      params,
    );
    if (moved.length === 0) return false;
    if (change.phase === "aborted") await tx.query("delete from agg_report_shares where round_id = $1", [roundId]);
    return true;
  });
}

export async function putVolunteer(
  db: SqlExecutor,
  roundId: Uint8Array,
  v: Omit<StoredVolunteer, "nonce">,
): Promise<void> {
  await db.query(
    `insert into agg_volunteers (round_id, member_id, group_id, commitment, nonce) values ($1, $2, $3, $4, null)
     on conflict (round_id, member_id) do update
       set group_id = excluded.group_id, commitment = excluded.commitment, nonce = null`,
    [roundId, v.memberId, v.groupId, v.commitment],
  );
}

export async function revealNonce(
  db: SqlExecutor,
  roundId: Uint8Array,
  memberId: Uint8Array,
  nonce: Uint8Array,
): Promise<void> {
  await db.query("update agg_volunteers set nonce = $3 where round_id = $1 and member_id = $2", [
    roundId,
    memberId,
    nonce,
  ]);
}

export async function volunteers(db: SqlExecutor, roundId: Uint8Array): Promise<StoredVolunteer[]> {
  const rows = await db.query<{
    member_id: Uint8Array;
    group_id: Uint8Array;
    commitment: Uint8Array;
    nonce: Uint8Array | null;
  }>("select member_id, group_id, commitment, nonce from agg_volunteers where round_id = $1 order by member_id", [
    roundId,
  ]);
  return rows.map((r) => ({ memberId: r.member_id, groupId: r.group_id, commitment: r.commitment, nonce: r.nonce }));
}

export async function setStewards(
  db: SqlDatabase,
  roundId: Uint8Array,
  stewards: readonly Pick<StoredSteward, "x" | "memberId" | "groupId">[],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const moved = await tx.query(
      "update agg_rounds set phase = 'accepting' where round_id = $1 and phase = 'revealing' returning round_id",
      [roundId],
    );
    if (moved.length === 0) return false;
    for (const s of stewards)
      await tx.query("insert into agg_stewards (round_id, x, member_id, group_id) values ($1, $2, $3, $4)", [
        roundId,
        s.x,
        s.memberId,
        s.groupId,
      ]);
    return true;
  });
}

export async function acceptSteward(
  db: SqlExecutor,
  roundId: Uint8Array,
  x: number,
  roundKey: Uint8Array,
  acceptance: Uint8Array,
): Promise<void> {
  await db.query("update agg_stewards set round_key = $3, acceptance = $4 where round_id = $1 and x = $2", [
    roundId,
    x,
    roundKey,
    acceptance,
  ]);
}

export async function stewards(db: SqlExecutor, roundId: Uint8Array): Promise<StoredSteward[]> {
  const rows = await db.query<{
    x: number;
    member_id: Uint8Array;
    group_id: Uint8Array;
    round_key: Uint8Array | null;
    acceptance: Uint8Array | null;
    faulty: boolean;
  }>("select x, member_id, group_id, round_key, acceptance, faulty from agg_stewards where round_id = $1 order by x", [
    roundId,
  ]);
  return rows.map((r) => ({
    x: r.x,
    memberId: r.member_id,
    groupId: r.group_id,
    roundKey: r.round_key,
    acceptance: r.acceptance,
    faulty: r.faulty,
  }));
}

export async function markFaulty(db: SqlDatabase, roundId: Uint8Array, x: number, part: PartialPart): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query("update agg_stewards set faulty = true where round_id = $1 and x = $2", [roundId, x]);
    await tx.query("delete from agg_partials where round_id = $1 and x = $2 and part = $3", [roundId, x, part]);
  });
}
