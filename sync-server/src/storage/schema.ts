/**
 * The relay's SQL schema as an ordered list of migrations. Plain SQL that runs unchanged on PGlite
 * and on PostgreSQL 15+. Never edit a migration that has shipped: append a new one.
 */
import type { SqlDatabase } from "./sql-database.ts";

/** One schema step; `version` is its position, from 1. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "membership log, invite keys, envelopes, snapshots",
    sql: `
      -- One row per group: the log head for compare-and-set and the last envelope seq. Every write
      -- to a group locks this row first, which serialises appends per group across relays.
      create table groups (
        group_id bytea primary key,
        head_hash bytea not null,
        head_idx integer not null,
        head_seq bigint not null default 0
      );

      create table log_entries (
        group_id bytea not null references groups (group_id),
        idx integer not null,
        hash bytea not null,
        bytes bytea not null,
        primary key (group_id, idx)
      );

      -- Sealed epoch keys waiting for an invitee; deleted when released.
      create table invite_keys (
        group_id bytea not null references groups (group_id),
        invite_id bytea not null,
        sealed_key bytea not null,
        primary key (group_id, invite_id)
      );

      -- Updates and snapshots share one seq space per group. (device, counter) is unique so a
      -- retried send is recognised instead of stored twice.
      create table envelopes (
        group_id bytea not null,
        seq bigint not null,
        device_id bytea not null,
        counter bigint not null,
        kind text not null check (kind in ('update', 'snapshot')),
        covers_seq bigint,
        bytes bytea not null,
        primary key (group_id, seq),
        unique (group_id, device_id, counter)
      );

      -- Kept apart from envelopes so that pruning old envelopes never resets a device's counter.
      create table device_counters (
        group_id bytea not null,
        device_id bytea not null,
        last_counter bigint not null,
        primary key (group_id, device_id)
      );

      -- Points at the envelope holding the latest snapshot (the bytes are stored once).
      create table snapshots (
        group_id bytea primary key,
        seq bigint not null,
        covers_seq bigint not null
      );
    `,
  },
  {
    version: 2,
    description: "member → groups index, second-device link mailboxes, notices to one's own devices",
    sql: `
      -- Current members of each group, maintained in the append's transaction (for "my groups").
      create table member_groups (
        member_id bytea not null,
        group_id bytea not null references groups (group_id),
        primary key (member_id, group_id)
      );

      -- A second-device link: opened by an existing device, answered once by the new one, then
      -- completed (and deleted) by its owner. Sockets are opaque ids unique across relays.
      create table link_mailboxes (
        mailbox bytea primary key,
        owner bytea not null,
        owner_socket text not null,
        expires_at bigint not null,
        ephemeral_key bytea,
        mac bytea,
        answer_socket text
      );
      create index link_mailboxes_expiry on link_mailboxes (expires_at);

      -- The last seq per member; an upsert hands out seqs atomically.
      create table notice_heads (
        member_id bytea primary key,
        last_seq bigint not null
      );

      create table notices (
        member_id bytea not null,
        seq bigint not null,
        sealed bytea not null,
        time bigint not null,
        primary key (member_id, seq)
      );
    `,
  },
  {
    version: 3,
    description: "journals: a member's private document, a head row of kind 'journal' bound to its owner key",
    sql: `
      -- The head row becomes the head of any document with envelopes: a group (with a log) or a
      -- journal (no log, one owner: the journal signing public key that claimed it). Sharing the row
      -- keeps one id space (a journal id can never also be a group), one lock point and one seq
      -- counter, so journal envelopes go through the same append and catch-up queries as a group's.
      alter table groups
        add column kind text not null default 'group' check (kind in ('group', 'journal')),
        add column owner bytea,
        alter column head_hash drop not null,
        alter column head_idx drop not null,
        add constraint groups_kind_fields check (
          (kind = 'group' and head_hash is not null and head_idx is not null and owner is null) or
          (kind = 'journal' and head_hash is null and head_idx is null and owner is not null)
        );
    `,
  },
  {
    version: 4,
    description: "consented aggregation: the relay's signing key, cohorts, enrolments, rounds and their records",
    sql: `
      -- The relay's aggregation signing key (receipts, freezes, releases): one row, made on first use.
      create table agg_relay_key (
        id integer primary key check (id = 1),
        public_key bytea not null,
        private_key bytea not null
      );

      -- A cohort record exactly as the organization signed it; org_key is the identity that runs it.
      create table agg_cohorts (
        cohort_id bytea primary key,
        org_key bytea not null,
        record bytea not null,
        signature bytea not null
      );
      create index agg_cohorts_org on agg_cohorts (org_key);

      -- One enrolment per member and cohort; the name is sealed to the organization.
      create table agg_enrolments (
        cohort_id bytea not null references agg_cohorts (cohort_id),
        member_id bytea not null,
        group_id bytea not null,
        sealed_name bytea not null,
        primary key (cohort_id, member_id)
      );
      create index agg_enrolments_member on agg_enrolments (member_id);

      -- A round: the signed call, its phase, and the relay's records as they come.
      create table agg_rounds (
        round_id bytea primary key,
        cohort_id bytea not null references agg_cohorts (cohort_id),
        period text not null,
        call bytea not null,
        call_signature bytea not null,
        phase text not null check (phase in
          ('volunteering', 'revealing', 'accepting', 'open', 'counts', 'values', 'published', 'aborted')),
        aborted text,
        counts bytea,
        sums bytea,
        freeze_batch_hash bytea,
        freeze_contributors integer,
        freeze_groups integer,
        freeze_aborted text,
        freeze_signature bytea,
        release bytea,
        release_signature bytea,
        unique (cohort_id, period)
      );

      create table agg_volunteers (
        round_id bytea not null references agg_rounds (round_id),
        member_id bytea not null,
        group_id bytea not null,
        commitment bytea not null,
        nonce bytea,
        primary key (round_id, member_id)
      );

      create table agg_stewards (
        round_id bytea not null references agg_rounds (round_id),
        x integer not null check (x between 1 and 15),
        member_id bytea not null,
        group_id bytea not null,
        round_key bytea,
        acceptance bytea,
        faulty boolean not null default false,
        primary key (round_id, x),
        unique (round_id, member_id)
      );

      -- A member's report (its shares apart, one row per steward, so a steward's page reads only its own).
      create table agg_reports (
        round_id bytea not null references agg_rounds (round_id),
        member_id bytea not null,
        group_id bytea not null,
        manifest_hash bytea not null,
        signature bytea not null,
        report_hash bytea not null,
        received_at bigint not null,
        primary key (round_id, member_id)
      );
      create table agg_report_shares (
        round_id bytea not null,
        member_id bytea not null,
        x integer not null,
        share bytea not null,
        primary key (round_id, x, member_id),
        foreign key (round_id, member_id) references agg_reports (round_id, member_id) on delete cascade
      );

      -- One report per member and period across every cohort: the round that holds it.
      create table agg_member_periods (
        member_id bytea not null,
        period text not null,
        round_id bytea not null references agg_rounds (round_id),
        primary key (member_id, period)
      );

      create table agg_partials (
        round_id bytea not null references agg_rounds (round_id),
        x integer not null,
        part text not null check (part in ('counts', 'values')),
        elements bytea not null,
        signature bytea not null,
        primary key (round_id, x, part)
      );
    `,
  },
  {
    version: 5,
    description: "limits of a public relay: device ids bound to their member, per-identity quotas, bytes per group",
    sql: `
      -- Counters are per (group, device id): a device id belongs to the first member that
      -- authenticated with it, so no other member can spend its counters (ws/connection.ts).
      -- Devices that authenticated before this migration are bound at their next hello.
      create table device_owners (
        device_id bytea primary key,
        member_id bytea not null
      );

      -- One row per identity that created a group or opened a link mailbox: how many groups it has
      -- created (groups are never deleted, so this only grows), and the row its quota checks lock,
      -- which makes two concurrent requests of one identity count one after the other. Groups
      -- created before this migration are not counted.
      create table identity_quotas (
        identity bytea primary key,
        groups_created integer not null default 0
      );

      create index link_mailboxes_owner on link_mailboxes (owner);

      -- Stored envelope bytes per group or journal, moved in the append's transaction, for the
      -- per-group storage quota.
      alter table groups add column stored_bytes bigint not null default 0;
      update groups g set stored_bytes = coalesce(
        (select sum(octet_length(e.bytes)) from envelopes e where e.group_id = g.group_id), 0);
    `,
  },
  {
    version: 6,
    description: "link results wait in their mailbox for the answering socket, on whichever relay process it is",
    sql: `
      -- A completed mailbox keeps the owner's result (the identity sealed to the new device's
      -- ephemeral key, or null for a refusal) until the process holding the answering socket takes
      -- it and deletes the row; expired rows are swept as before.
      alter table link_mailboxes add column completed boolean not null default false;
      alter table link_mailboxes add column sealed bytea;
    `,
  },
  {
    version: 7,
    description: "membership-log checkpoints: the relay's replay of a log prefix and the members' signatures of it",
    sql: `
      -- body = checkpointBody of the relay's own replay of entries 0..idx-1; complete once two members of
      -- that roster, one an admin, signed it (then newcomers get it instead of the entries before idx).
      create table checkpoints (
        group_id bytea not null references groups (group_id),
        idx integer not null,
        body bytea not null,
        complete boolean not null default false,
        primary key (group_id, idx)
      );

      create table checkpoint_signatures (
        group_id bytea not null,
        idx integer not null,
        signer bytea not null,
        signature bytea not null,
        primary key (group_id, idx, signer),
        foreign key (group_id, idx) references checkpoints (group_id, idx)
      );
      `,
  },
  {
    version: 8,
    description: "snapshot acknowledgements by a second member, the acknowledged snapshot, and pruning",
    sql: `
      -- The newest snapshot a second member (a journal: a second device) acknowledged: catch-up
      -- serves it, and every envelope it covers is pruned. The snapshots table keeps pointing at the newest
      -- snapshot published, acknowledged or not (sent in the stream so that it can be acknowledged).
      create table acked_snapshots (
        group_id bytea primary key,
        seq bigint not null,
        covers_seq bigint not null
      );

      -- The first acknowledgement of each snapshot, exactly as signed (signSnapshotAck), so a
      -- receiver can check it: the relay holds no member key and cannot forge one.
      create table snapshot_acks (
        group_id bytea not null,
        seq bigint not null,
        member_id bytea not null,
        device_id bytea not null,
        signature bytea not null,
        primary key (group_id, seq)
      );

      -- Every envelope with seq <= pruned_through (but the acknowledged snapshot) has been deleted.
      alter table groups add column pruned_through bigint not null default 0;
    `,
  },
  {
    version: 9,
    description: "invitation cards: sealed under the link's secret, held beside the invitation's sealed key",
    sql: `
      -- What the invited person sees before setting up Porch (group name, inviter, note), sealed under
      -- a key only the invitation link derives. Deleted with the row when the invitation is used or revoked.
      alter table invite_keys add column card bytea;
    `,
  },
  {
    version: 10,
    description: "the newest snapshot stored while its device was the only one to have written",
    sql: `
      -- No other device had written to the group (or journal) when this snapshot was stored, so
      -- nobody else's change can be missing from it: catch-up serves it, while it covers more than the
      -- acknowledged one, before a second member (a journal: a second device) acknowledges it.
      -- Receivers check what they can: it binds every change and names every device counter of its
      -- author alone (docs/threat-model.md). Kept once another device writes, until pruning passes it.
      create table sole_snapshots (
        group_id bytea primary key,
        seq bigint not null,
        covers_seq bigint not null
      );
    `,
  },
];

/** Arbitrary constant naming the advisory lock that keeps two relays from migrating at once. */
const MIGRATION_LOCK_ID = 7_106_732_011;

/**
 * Brings the database to the latest schema, recording each applied version in `schema_migrations`.
 * Safe to run from several relays at once (an advisory lock serialises them). Returns the versions
 * it applied.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
    await tx.exec(
      `create table if not exists schema_migrations (
         version integer primary key,
         applied_at timestamptz not null default now()
       )`,
    );
    const rows = await tx.query<{ version: number }>("select version from schema_migrations");
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    const known = migrations.length;
    if (newest > known) {
      throw new Error(
        `The relay database has schema version ${newest}, but this relay only knows up to ${known}. ` +
          `Run a newer relay, or point it at another database.`,
      );
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query("insert into schema_migrations (version) values ($1)", [m.version]);
      done.push(m.version);
    }
    return done;
  });
}
