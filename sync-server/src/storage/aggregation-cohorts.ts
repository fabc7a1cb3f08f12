/**
 * Aggregation in SQL, part one: the relay's aggregation signing key (one row, made on first use),
 * cohorts (the organization's signed record, kept byte for byte) and enrolments (one per member and
 * cohort; enrolling again moves it to another group and name).
 */
import { bytesEqual, err, ok, type KeyPair, type Result } from "@porch/shared";
import { newRelayAggKey } from "@porch/shared/aggregation";
import type { CohortListing, StoredCohort, StoredEnrolment } from "./aggregation-storage.ts";
import type { SqlExecutor } from "./sql-database.ts";

export async function relayAggKey(db: SqlExecutor): Promise<KeyPair> {
  const read = () =>
    db.query<{ public_key: Uint8Array; private_key: Uint8Array }>(
      "select public_key, private_key from agg_relay_key where id = 1",
    );
  let [row] = await read();
  if (row === undefined) {
    // Two relays starting at once both try; "do nothing" keeps the first key and both read it back.
    const key = newRelayAggKey();
    await db.query(
      "insert into agg_relay_key (id, public_key, private_key) values (1, $1, $2) on conflict do nothing",
      [key.publicKey, key.privateKey],
    );
    [row] = await read();
  }
  if (row === undefined) throw new Error("the relay's aggregation key was not stored");
  return { publicKey: row.public_key, privateKey: row.private_key };
}

type CohortRow = { cohort_id: Uint8Array; org_key: Uint8Array; record: Uint8Array; signature: Uint8Array };
const toCohort = (r: CohortRow): StoredCohort => ({
  cohortId: r.cohort_id,
  orgKey: r.org_key,
  record: r.record,
  signature: r.signature,
});

export async function createCohort(db: SqlExecutor, c: StoredCohort): Promise<Result<{ readonly created: boolean }>> {
  const inserted = await db.query(
    `insert into agg_cohorts (cohort_id, org_key, record, signature) values ($1, $2, $3, $4)
     on conflict (cohort_id) do nothing returning cohort_id`,
    [c.cohortId, c.orgKey, c.record, c.signature],
  );
  if (inserted.length > 0) return ok({ created: true });
  const stored = await cohort(db, c.cohortId);
  const same = stored !== null && bytesEqual(stored.record, c.record) && bytesEqual(stored.signature, c.signature);
  return same ? ok({ created: false }) : err("cohort-exists");
}

export async function cohort(db: SqlExecutor, cohortId: Uint8Array): Promise<StoredCohort | null> {
  const [row] = await db.query<CohortRow>(
    "select cohort_id, org_key, record, signature from agg_cohorts where cohort_id = $1",
    [cohortId],
  );
  return row === undefined ? null : toCohort(row);
}

export async function cohortsOf(db: SqlExecutor, identity: Uint8Array): Promise<CohortListing[]> {
  const rows = await db.query<CohortRow & { is_org: boolean; enrolled: number }>(
    `select c.cohort_id, c.org_key, c.record, c.signature, c.org_key = $1 as is_org,
            (select count(*)::int from agg_enrolments e where e.cohort_id = c.cohort_id) as enrolled
       from agg_cohorts c
      where c.org_key = $1
         or exists (select 1 from agg_enrolments e where e.cohort_id = c.cohort_id and e.member_id = $1)
      order by c.cohort_id`,
    [identity],
  );
  return rows.map((r) => ({ cohort: toCohort(r), role: r.is_org ? "org" : "member", enrolled: r.enrolled }));
}

export async function enrol(db: SqlExecutor, e: StoredEnrolment): Promise<void> {
  await db.query(
    `insert into agg_enrolments (cohort_id, member_id, group_id, sealed_name) values ($1, $2, $3, $4)
     on conflict (cohort_id, member_id) do update set group_id = excluded.group_id, sealed_name = excluded.sealed_name`,
    [e.cohortId, e.memberId, e.groupId, e.sealedName],
  );
}

type EnrolmentRow = { cohort_id: Uint8Array; member_id: Uint8Array; group_id: Uint8Array; sealed_name: Uint8Array };
const toEnrolment = (r: EnrolmentRow): StoredEnrolment => ({
  cohortId: r.cohort_id,
  memberId: r.member_id,
  groupId: r.group_id,
  sealedName: r.sealed_name,
});

export async function enrolment(
  db: SqlExecutor,
  cohortId: Uint8Array,
  memberId: Uint8Array,
): Promise<StoredEnrolment | null> {
  const [row] = await db.query<EnrolmentRow>(
    "select cohort_id, member_id, group_id, sealed_name from agg_enrolments where cohort_id = $1 and member_id = $2",
    [cohortId, memberId],
  );
  return row === undefined ? null : toEnrolment(row);
}

export async function enrolmentCount(db: SqlExecutor, cohortId: Uint8Array): Promise<number> {
  const [row] = await db.query<{ n: number }>("select count(*)::int as n from agg_enrolments where cohort_id = $1", [
    cohortId,
  ]);
  return Number(row?.n ?? 0);
}

export async function enrolments(db: SqlExecutor, cohortId: Uint8Array): Promise<StoredEnrolment[]> {
  const rows = await db.query<EnrolmentRow>(
    "select cohort_id, member_id, group_id, sealed_name from agg_enrolments where cohort_id = $1 order by member_id",
    [cohortId],
  );
  return rows.map(toEnrolment);
}
