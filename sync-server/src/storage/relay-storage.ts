/**
 * What the relay persists. Everything here is public metadata (membership log entries, ids, counters)
 * or ciphertext; the relay never holds a key that opens group content.
 *
 * Every implementation (PGlite embedded, PostgreSQL scale-out) runs the same contract suite
 * (`relay-storage.contract.ts`). Methods resolve only after the write is committed, so the relay may
 * acknowledge as soon as a promise resolves.
 */
import type { Result } from "@porch/shared";

/** One stored membership-log entry, exactly as the member sent it. */
export interface StoredEntry {
  /** Position in the group's log, from 0 (the `create` entry). */
  readonly index: number;
  /** BLAKE2b-256 of the entry's signed body (computed by the caller, stored for the compare-and-set). */
  readonly hash: Uint8Array;
  /** The wire bytes of the signed entry. */
  readonly bytes: Uint8Array;
}

/** A sealed envelope as the relay keeps it. */
export interface StoredEnvelope {
  /** Per-group sequence number assigned by the relay, gap-free from 1. */
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** The latest snapshot of a group and the relay sequence number it covers. */
export interface StoredSnapshot extends StoredEnvelope {
  /** Every update with `seq <= coversSeq` is contained in this snapshot. */
  readonly coversSeq: number;
}

/** What a member needs to catch up after `afterSeq`, in one read. */
export interface CatchUp {
  /** Present only when the latest snapshot covers more than `afterSeq`. */
  readonly snapshot: StoredSnapshot | null;
  /** Updates after `max(afterSeq, snapshot.coversSeq)`, in seq order. */
  readonly updates: readonly StoredEnvelope[];
  /** The highest seq assigned in this group so far (0 when none). */
  readonly headSeq: number;
}

/** Off-log data tied to an invitation: the current epoch key sealed to the invitation's key. */
export interface InviteKeyOp {
  /** Store a sealed key for the invitation whose `invite` entry is being appended. */
  readonly put?: { readonly inviteId: Uint8Array; readonly sealedKey: Uint8Array };
  /** Release (and delete) the sealed key of this invitation, in the same transaction as the append. */
  readonly take?: { readonly inviteId: Uint8Array };
}

/** A new envelope to append. */
export interface NewEnvelope {
  readonly deviceId: Uint8Array;
  /** Must be exactly one more than the last counter stored for (group, device), starting at 1. */
  readonly counter: number;
  readonly kind: "update" | "snapshot";
  /** For snapshots: the seq it covers. Ignored for updates. */
  readonly coversSeq: number;
  readonly bytes: Uint8Array;
}

/** The relay's persistence. */
export interface RelayStorage {
  /** The group's log entries with index >= fromIndex, in order (empty if the group does not exist). */
  readLog(groupId: Uint8Array, fromIndex: number): Promise<readonly StoredEntry[]>;

  /**
   * Appends one entry if and only if the group's current head hash equals `expectedHead`
   * (`null` means the group must not exist yet: this is how groups are created).
   * Fails with `stale-head` when the head moved, `group-exists` when creating an existing group,
   * `group-not-found` when appending to a missing one, `invite-not-found` when `invite.take` names
   * no stored key. `invite.take` returns the sealed key in the same transaction.
   */
  appendEntry(
    groupId: Uint8Array,
    expectedHead: Uint8Array | null,
    entry: { readonly hash: Uint8Array; readonly bytes: Uint8Array },
    invite?: InviteKeyOp,
  ): Promise<Result<{ readonly index: number; readonly releasedKey: Uint8Array | null }>>;

  /**
   * Appends a sealed envelope and assigns the next seq. Idempotent for retries: the same
   * (device, counter) with identical bytes returns the original seq with `duplicate: true`;
   * different bytes under a used counter fail with `counter-reused`; a counter that skips fails
   * with `counter-gap`. A snapshot also becomes the group's latest snapshot if it covers more than
   * the previous one. Concurrent appends may be batched into one transaction (group commit).
   */
  appendEnvelope(groupId: Uint8Array, envelope: NewEnvelope): Promise<Result<{ readonly seq: number; readonly duplicate: boolean }>>;

  /** The next counter a device must use in a group (1 when it has sent nothing). */
  nextCounter(groupId: Uint8Array, deviceId: Uint8Array): Promise<number>;

  /** Latest snapshot (if it covers more than afterSeq) plus the later updates. */
  readSince(groupId: Uint8Array, afterSeq: number): Promise<CatchUp>;

  /** Releases the database (and the data-directory lock for the embedded store). */
  close(): Promise<void>;
}
