/**
 * `RelayStorage` over any `SqlDatabase` (PGlite or PostgreSQL): every query the relay runs lives
 * here, so both implementations share one schema and one behaviour.
 */
import { assert, bytesEqual, err, ok, type Err, type Result } from "@porch/shared";
import {
  cohort,
  cohortsOf,
  createCohort,
  enrol,
  enrolment,
  enrolmentCount,
  enrolments,
  relayAggKey,
} from "./aggregation-cohorts.ts";
import { partials, putPartial, putReport, report, reportCount, reports, shares } from "./aggregation-reports.ts";
import {
  acceptSteward,
  activeRounds,
  createRound,
  markFaulty,
  putVolunteer,
  revealNonce,
  round,
  roundsOf,
  setStewards,
  stewards,
  updateRound,
  volunteers,
} from "./aggregation-rounds.ts";
import { readCatchUpPage } from "./catch-up-pages.ts";
import { appendEnvelopes, type EnvelopeRequest, type EnvelopeResult } from "./append-envelopes.ts";
import { createGroupCommit } from "./group-commit.ts";
import { claimJournal, deleteJournal, journalOwner } from "./journals.ts";
import { answerLinkMailbox, completeLinkMailbox, openLinkMailbox } from "./link-mailboxes.ts";
import { postNotice, readNotices } from "./notices.ts";
import type { AggregationStorage } from "./aggregation-storage.ts";
import type {
  CatchUp,
  CreatorQuota,
  InviteKeyOp,
  RelayStorage,
  RosterChange,
  StoredEntry,
  StoredEnvelope,
  StoredSnapshot,
} from "./relay-storage.ts";
import type { SqlDatabase, SqlExecutor } from "./sql-database.ts";

/** Thrown inside a transaction to roll it back and hand an expected failure to the caller. */
class Abort {
  constructor(readonly failure: Err) {}
}

type EntryResult = Result<{ readonly index: number; readonly releasedKey: Uint8Array | null }>;

export function createSqlRelayStorage(db: SqlDatabase, onClose: () => Promise<void> = async () => {}): RelayStorage {
  let closed = false;
  const envelopes = createGroupCommit<EnvelopeRequest, EnvelopeResult>((batch) =>
    db.transaction((tx) => appendEnvelopes(tx, batch)),
  );

  return {
    async readLog(groupId, fromIndex) {
      assert(!closed, "storage is open");
      const rows = await db.query<{ idx: number; hash: Uint8Array; bytes: Uint8Array }>(
        "select idx, hash, bytes from log_entries where group_id = $1 and idx >= $2 order by idx",
        [groupId, fromIndex],
      );
      return rows.map((r): StoredEntry => ({ index: r.idx, hash: r.hash, bytes: r.bytes }));
    },

    async appendEntry(groupId, expectedHead, entry, invite, roster, creator) {
      assert(!closed, "storage is open");
      try {
        return await db.transaction((tx) => appendEntryIn(tx, groupId, expectedHead, entry, invite, roster, creator));
      } catch (e) {
        if (e instanceof Abort) return e.failure;
        throw e;
      }
    },

    appendEnvelope(groupId, envelope, journalOwner, maxGroupBytes) {
      assert(!closed, "storage is open");
      return envelopes.submit({ groupId, envelope, journalOwner, maxGroupBytes });
    },

    async storedBytes(groupId) {
      assert(!closed, "storage is open");
      const [row] = await db.query<{ stored_bytes: number }>("select stored_bytes from groups where group_id = $1", [
        groupId,
      ]);
      return Number(row?.stored_bytes ?? 0);
    },

    async bindDevice(deviceId, memberId) {
      assert(!closed, "storage is open");
      // Every reconnect of a known device is one read; only a device's first hello writes.
      const read = () =>
        db.query<{ member_id: Uint8Array }>("select member_id from device_owners where device_id = $1", [deviceId]);
      const [known] = await read();
      if (known) return known.member_id;
      // "on conflict do nothing" waits for a concurrent first bind to commit and then does nothing,
      // so the read that follows sees whichever bind won, on PGlite and on PostgreSQL alike.
      await db.query("insert into device_owners (device_id, member_id) values ($1, $2) on conflict do nothing", [
        deviceId,
        memberId,
      ]);
      const [owner] = await read();
      assert(owner, "a device id is bound once inserted");
      return owner.member_id;
    },

    async nextCounter(groupId, deviceId) {
      assert(!closed, "storage is open");
      const [row] = await db.query<{ last_counter: number }>(
        "select last_counter from device_counters where group_id = $1 and device_id = $2",
        [groupId, deviceId],
      );
      return (row?.last_counter ?? 0) + 1;
    },

    async readSince(groupId, afterSeq) {
      assert(!closed, "storage is open");
      return readSince(db, groupId, afterSeq);
    },

    async readCatchUpPage(groupId, request) {
      assert(!closed, "storage is open");
      assert(
        Number.isSafeInteger(request.maxBytes) && Number.isSafeInteger(request.maxItems),
        "page limits are integers",
      );
      return readCatchUpPage(db, groupId, request);
    },

    async hasInviteKey(groupId, inviteId) {
      assert(!closed, "storage is open");
      const rows = await db.query("select 1 as one from invite_keys where group_id = $1 and invite_id = $2", [
        groupId,
        inviteId,
      ]);
      return rows.length > 0;
    },

    async inviteCard(groupId, inviteId) {
      assert(!closed, "storage is open");
      const rows = await db.query<{ card: Uint8Array | null }>(
        "select card from invite_keys where group_id = $1 and invite_id = $2",
        [groupId, inviteId],
      );
      return rows[0]?.card ?? null;
    },

    async groupsOf(memberId) {
      assert(!closed, "storage is open");
      const rows = await db.query<{ group_id: Uint8Array }>(
        "select group_id from member_groups where member_id = $1 order by group_id",
        [memberId],
      );
      return rows.map((r) => r.group_id);
    },

    openLinkMailbox(mailbox, now, maxOpen) {
      assert(!closed, "storage is open");
      return openLinkMailbox(db, mailbox, now, maxOpen);
    },

    answerLinkMailbox(mailbox, answer, now) {
      assert(!closed, "storage is open");
      return answerLinkMailbox(db, mailbox, answer, now);
    },

    completeLinkMailbox(mailbox, owner, now) {
      assert(!closed, "storage is open");
      return completeLinkMailbox(db, mailbox, owner, now);
    },

    postNotice(memberId, sealed, time, keep) {
      assert(!closed, "storage is open");
      return postNotice(db, memberId, sealed, time, keep);
    },

    readNotices(memberId, after) {
      assert(!closed, "storage is open");
      return readNotices(db, memberId, after);
    },

    claimJournal(journalId, owner) {
      assert(!closed, "storage is open");
      return claimJournal(db, journalId, owner);
    },

    journalOwner(journalId) {
      assert(!closed, "storage is open");
      return journalOwner(db, journalId);
    },

    deleteJournal(journalId, owner) {
      assert(!closed, "storage is open");
      return deleteJournal(db, journalId, owner);
    },

    ...aggregationOn(db, () => closed),

    async close() {
      if (closed) return;
      closed = true;
      await envelopes.drain();
      await db.close();
      await onClose();
    },
  };
}

/** The aggregation methods (aggregation-*.ts), each refusing to run on a closed store. */
function aggregationOn(db: SqlDatabase, isClosed: () => boolean): AggregationStorage {
  const on =
    <A extends unknown[], R>(f: (db: SqlDatabase, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      assert(!isClosed(), "storage is open");
      return f(db, ...args);
    };
  return {
    relayAggKey: on(relayAggKey),
    createCohort: on(createCohort),
    cohort: on(cohort),
    cohortsOf: on(cohortsOf),
    enrol: on(enrol),
    enrolment: on(enrolment),
    enrolments: on(enrolments),
    enrolmentCount: on(enrolmentCount),
    createRound: on(createRound),
    round: on(round),
    roundsOf: on(roundsOf),
    activeRounds: on(activeRounds),
    updateRound: on(updateRound),
    putVolunteer: on(putVolunteer),
    revealNonce: on(revealNonce),
    volunteers: on(volunteers),
    setStewards: on(setStewards),
    acceptSteward: on(acceptSteward),
    stewards: on(stewards),
    markFaulty: on(markFaulty),
    putReport: on(putReport),
    reports: on(reports),
    report: on(report),
    reportCount: on(reportCount),
    shares: on(shares),
    putPartial: on(putPartial),
    partials: on(partials),
  };
}

async function appendEntryIn(
  tx: SqlExecutor,
  groupId: Uint8Array,
  expectedHead: Uint8Array | null,
  entry: { readonly hash: Uint8Array; readonly bytes: Uint8Array },
  invite: InviteKeyOp | undefined,
  roster: RosterChange | undefined,
  creator: CreatorQuota | undefined,
): Promise<EntryResult> {
  let index: number;
  if (expectedHead === null) {
    // "on conflict do nothing" makes two concurrent creations safe: exactly one gets the row back.
    const created = await tx.query(
      `insert into groups (group_id, head_hash, head_idx) values ($1, $2, 0)
       on conflict (group_id) do nothing returning group_id`,
      [groupId, entry.hash],
    );
    if (created.length === 0) return err("group-exists");
    if (creator !== undefined) {
      // One statement counts and checks under the identity's row lock; over the quota, the whole
      // transaction (the group's row included) rolls back.
      const counted = await tx.query(
        `insert into identity_quotas (identity, groups_created) values ($1, 1)
         on conflict (identity) do update set groups_created = identity_quotas.groups_created + 1
           where identity_quotas.groups_created < $2
         returning groups_created`,
        [creator.memberId, creator.maxGroups],
      );
      if (counted.length === 0) throw new Abort(err("too-many-groups", `${creator.maxGroups} groups created already`));
    }
    index = 0;
  } else {
    // The row lock makes the compare-and-set atomic against every other writer of this group. A
    // journal's row has no log: to an entry it is a group that does not exist.
    const [head] = await tx.query<{ head_hash: Uint8Array; head_idx: number }>(
      "select head_hash, head_idx from groups where group_id = $1 and kind = 'group' for update",
      [groupId],
    );
    if (!head) return err("group-not-found");
    if (!bytesEqual(head.head_hash, expectedHead)) return err("stale-head", `head is at index ${head.head_idx}`);
    index = head.head_idx + 1;
    await tx.query("update groups set head_hash = $2, head_idx = $3 where group_id = $1", [groupId, entry.hash, index]);
  }
  let releasedKey: Uint8Array | null = null;
  if (invite?.take) {
    const [taken] = await tx.query<{ sealed_key: Uint8Array }>(
      "delete from invite_keys where group_id = $1 and invite_id = $2 returning sealed_key",
      [groupId, invite.take.inviteId],
    );
    if (!taken) throw new Abort(err("invite-not-found"));
    releasedKey = taken.sealed_key;
  }
  if (invite?.put) {
    await tx.query(
      `insert into invite_keys (group_id, invite_id, sealed_key, card) values ($1, $2, $3, $4)
       on conflict (group_id, invite_id) do update set sealed_key = excluded.sealed_key, card = excluded.card`,
      [groupId, invite.put.inviteId, invite.put.sealedKey, invite.put.card ?? null],
    );
  }
  if (invite?.discard) {
    await tx.query("delete from invite_keys where group_id = $1 and invite_id = $2", [
      groupId,
      invite.discard.inviteId,
    ]);
  }
  await tx.query("insert into log_entries (group_id, idx, hash, bytes) values ($1, $2, $3, $4)", [
    groupId,
    index,
    entry.hash,
    entry.bytes,
  ]);
  for (const memberId of roster?.added ?? []) {
    await tx.query("insert into member_groups (member_id, group_id) values ($1, $2) on conflict do nothing", [
      memberId,
      groupId,
    ]);
  }
  for (const memberId of roster?.removed ?? []) {
    await tx.query("delete from member_groups where member_id = $1 and group_id = $2", [memberId, groupId]);
  }
  return ok({ index, releasedKey });
}

/** One statement, so the snapshot, the updates and headSeq come from one consistent view. */
const READ_SINCE = `
  select 0 as part, e.seq, s.covers_seq, e.bytes
    from snapshots s join envelopes e on e.group_id = s.group_id and e.seq = s.seq
   where s.group_id = $1 and s.covers_seq > $2::bigint
  union all
  select 1, e.seq, null::bigint, e.bytes
    from envelopes e
   where e.group_id = $1 and e.kind = 'update'
     and e.seq > greatest($2::bigint, coalesce((select covers_seq from snapshots where group_id = $1), 0))
  union all
  select 2, head_seq, null::bigint, null::bytea from groups where group_id = $1
  order by part, seq`;

async function readSince(db: SqlExecutor, groupId: Uint8Array, afterSeq: number): Promise<CatchUp> {
  const rows = await db.query<{ part: number; seq: number; covers_seq: number | null; bytes: Uint8Array | null }>(
    READ_SINCE,
    [groupId, afterSeq],
  );
  let snapshot: StoredSnapshot | null = null;
  const updates: StoredEnvelope[] = [];
  let headSeq = 0;
  for (const r of rows) {
    if (r.part === 2) headSeq = r.seq;
    else if (r.part === 0 && r.bytes && r.covers_seq !== null)
      snapshot = { seq: r.seq, coversSeq: r.covers_seq, bytes: r.bytes };
    else if (r.part === 1 && r.bytes) updates.push({ seq: r.seq, bytes: r.bytes });
  }
  return { snapshot, updates, headSeq };
}
