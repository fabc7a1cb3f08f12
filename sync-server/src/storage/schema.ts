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
