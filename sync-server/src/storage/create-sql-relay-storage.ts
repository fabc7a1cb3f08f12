/**
 * `RelayStorage` over any `SqlDatabase` (PGlite or PostgreSQL): every query the relay runs lives
 * here, so both implementations share one schema and one behaviour.
 */
import { assert, bytesEqual, err, ok, toBase64Url, type Err, type Result } from "@porch/shared";
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
import { createLocalChangeFeed, type AppendedEnvelope, type Change, type ChangeFeed } from "./change-feed.ts";
import {
  answerLinkMailbox,
  completeLinkMailbox,
  linkRequest,
  openLinkMailbox,
  takeLinkResult,
} from "./link-mailboxes.ts";
import { postNotice, readNotices } from "./notices.ts";
import { addCheckpointSignature, completeCheckpoint, latestCheckpoint } from "./checkpoints.ts";
import { acknowledgeSnapshot, readEnvelope } from "./snapshot-acks.ts";
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

/**
 * `feed` carries committed changes to listeners (change-feed.ts): the in-process emitter by default
 * (one process), PostgreSQL LISTEN/NOTIFY when several relay processes share the database.
 */
export function createSqlRelayStorage(
  db: SqlDatabase,
  onClose: () => Promise<void> = async () => {},
  feed: ChangeFeed = createLocalChangeFeed(),
): RelayStorage {
  let closed = false;
  const envelopes = createGroupCommit<EnvelopeRequest, EnvelopeResult>(async (batch) => {
    const { results, changes } = await db.transaction(async (tx) => {
      const results = await appendEnvelopes(tx, batch);
      const changes = envelopeChanges(batch, results);
      for (const change of changes) await feed.announce(tx, change);
      return { results, changes };
    });
    for (const change of changes) await feed.emit(change);
    return results;
  });
  /** A change raised outside any write's transaction: to the other processes, then to this one. */
  const announce = async (change: Change): Promise<void> => {
    await feed.announce(db, change);
    await feed.emit(change);
  };

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
      let appended: EntryResult;
      try {
        appended = await db.transaction(async (tx) => {
          const result = await appendEntryIn(tx, groupId, expectedHead, entry, invite, roster, creator);
          if (result.ok) await feed.announce(tx, { kind: "entry", groupId, index: result.value.index });
          return result;
        });
      } catch (e) {
        if (e instanceof Abort) return e.failure;
        throw e;
      }
      if (appended.ok) await feed.emit({ kind: "entry", groupId, index: appended.value.index, bytes: entry.bytes });
      return appended;
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

    readEnvelope(groupId, seq) {
      assert(!closed, "storage is open");
      return readEnvelope(db, groupId, seq);
    },

    acknowledgeSnapshot(groupId, ack) {
      assert(!closed, "storage is open");
      assert(Number.isSafeInteger(ack.seq), "a snapshot seq is an integer");
      return db.transaction((tx) => acknowledgeSnapshot(tx, groupId, ack));
    },

    async prunedThrough(groupId) {
      assert(!closed, "storage is open");
      const [row] = await db.query<{ pruned_through: number }>(
        "select pruned_through from groups where group_id = $1",
        [groupId],
      );
      return Number(row?.pruned_through ?? 0);
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

    async answerLinkMailbox(mailbox, answer, now) {
      assert(!closed, "storage is open");
      const answered = await answerLinkMailbox(db, mailbox, answer, now, feed);
      if (answered.ok) await feed.emit({ kind: "link-answered", mailbox });
      return answered;
    },

    async completeLinkMailbox(mailbox, owner, now, sealed = null) {
      assert(!closed, "storage is open");
      const completed = await completeLinkMailbox(db, mailbox, owner, now, sealed, feed);
      if (completed.ok)
        await feed.emit({ kind: "link-completed", mailbox, answerSocket: completed.value.answerSocket });
      return completed;
    },

    linkRequest(mailbox) {
      assert(!closed, "storage is open");
      return linkRequest(db, mailbox);
    },

    takeLinkResult(mailbox, answerSocket) {
      assert(!closed, "storage is open");
      return takeLinkResult(db, mailbox, answerSocket);
    },

    addCheckpointSignature(groupId, index, body, signer) {
      assert(!closed, "storage is open");
      return addCheckpointSignature(db, groupId, index, body, signer);
    },

    completeCheckpoint(groupId, index) {
      assert(!closed, "storage is open");
      return completeCheckpoint(db, groupId, index);
    },

    latestCheckpoint(groupId) {
      assert(!closed, "storage is open");
      return latestCheckpoint(db, groupId);
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

    async deleteJournal(journalId, owner) {
      assert(!closed, "storage is open");
      const deleted = await deleteJournal(db, journalId, owner);
      if (deleted.ok && deleted.value.deleted) await announce({ kind: "journal-deleted", journalId });
      return deleted;
    },

    async readEnvelopes(groupId, afterSeq, throughSeq, maxItems) {
      assert(!closed, "storage is open");
      assert(Number.isSafeInteger(maxItems) && maxItems >= 1, "at least one envelope per read");
      return db.query<{ seq: number; bytes: Uint8Array }>(
        "select seq, bytes from envelopes where group_id = $1 and seq > $2 and seq <= $3 order by seq limit $4",
        [groupId, afterSeq, throughSeq, maxItems],
      );
    },

    async documentHead(groupId) {
      assert(!closed, "storage is open");
      const [row] = await db.query<{ head_seq: number; head_idx: number; kind: string }>(
        "select head_seq, head_idx, kind from groups where group_id = $1",
        [groupId],
      );
      if (!row) return { headSeq: 0, logLength: 0 };
      return { headSeq: row.head_seq, logLength: row.kind === "group" ? row.head_idx + 1 : 0 };
    },

    onChange: (listener) => feed.listen(listener),

    announce(change) {
      assert(!closed, "storage is open");
      return announce(change);
    },

    ...aggregationOn(db, () => closed),

    async close() {
      if (closed) return;
      closed = true;
      await envelopes.drain();
      await feed.close();
      await db.close();
      await onClose();
    },
  };
}

/**
 * One `envelopes` change per document a batch appended to, at its new head, with what was appended
 * (local fan-out sends these bytes; other processes read them back).
 */
function envelopeChanges(batch: readonly EnvelopeRequest[], results: readonly EnvelopeResult[]): Change[] {
  const byGroup = new Map<string, { groupId: Uint8Array; appended: AppendedEnvelope[] }>();
  batch.forEach((request, i) => {
    const result = results[i];
    if (!result?.ok || result.value.duplicate) return;
    const key = toBase64Url(request.groupId);
    const group = byGroup.get(key) ?? { groupId: request.groupId, appended: [] };
    const { bytes, origin } = request.envelope;
    group.appended.push({ seq: result.value.seq, bytes, ...(origin === undefined ? {} : { origin }) });
    byGroup.set(key, group);
  });
  return [...byGroup.values()].map(({ groupId, appended }) => ({
    kind: "envelopes",
    groupId,
    headSeq: Math.max(...appended.map((e) => e.seq)),
    appended,
  }));
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

/**
 * One statement, so the snapshot, the updates and headSeq come from one consistent view: the snapshot
 * a catch-up serves (catch-up-pages.ts: the acknowledged one with its acknowledgement, or the sole
 * writer's if it covers more) when it covers more than afterSeq, then every other envelope after
 * max(afterSeq, its coversSeq) — unacknowledged snapshots included, in seq order.
 */
const READ_SINCE = `
  with served as (
    select * from (
      select 0 as rank, s.seq, s.covers_seq, a.member_id, a.device_id, a.signature
        from acked_snapshots s join snapshot_acks a on a.group_id = s.group_id and a.seq = s.seq
       where s.group_id = $1
      union all
      select 1, p.seq, p.covers_seq, null::bytea, null::bytea, null::bytea
        from sole_snapshots p where p.group_id = $1
    ) c where covers_seq > $2::bigint order by covers_seq desc, rank limit 1
  )
  select 0 as part, e.seq, s.covers_seq, e.bytes, s.member_id, s.device_id, s.signature
    from served s join envelopes e on e.group_id = $1 and e.seq = s.seq
  union all
  select 1, e.seq, null::bigint, e.bytes, null::bytea, null::bytea, null::bytea
    from envelopes e
   where e.group_id = $1 and e.seq not in (select seq from served)
     and e.seq > greatest($2::bigint, coalesce((select covers_seq from served), 0))
  union all
  select 2, head_seq, null::bigint, null::bytea, null::bytea, null::bytea, null::bytea from groups where group_id = $1
  order by part, seq`;

type SinceRow = {
  part: number;
  seq: number;
  covers_seq: number | null;
  bytes: Uint8Array | null;
  member_id: Uint8Array | null;
  device_id: Uint8Array | null;
  signature: Uint8Array | null;
};

async function readSince(db: SqlExecutor, groupId: Uint8Array, afterSeq: number): Promise<CatchUp> {
  const rows = await db.query<SinceRow>(READ_SINCE, [groupId, afterSeq]);
  let snapshot: StoredSnapshot | null = null;
  const updates: StoredEnvelope[] = [];
  let headSeq = 0;
  for (const r of rows) {
    if (r.part === 2) headSeq = Number(r.seq);
    else if (r.part === 0 && r.bytes && r.covers_seq !== null)
      snapshot = {
        seq: Number(r.seq),
        coversSeq: Number(r.covers_seq),
        bytes: r.bytes,
        ...(r.member_id && r.device_id && r.signature
          ? { ack: { memberId: r.member_id, deviceId: r.device_id, signature: r.signature } }
          : {}),
      };
    else if (r.part === 1 && r.bytes) updates.push({ seq: Number(r.seq), bytes: r.bytes });
  }
  return { snapshot, updates, headSeq };
}
