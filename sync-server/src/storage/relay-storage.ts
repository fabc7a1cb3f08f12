/**
 * What the relay persists. Everything here is public metadata (membership log entries, ids, counters,
 * a journal's owner key) or ciphertext; the relay never holds a key that opens group or journal content.
 *
 * Every implementation (PGlite embedded, PostgreSQL scale-out) runs the same contract suite
 * (`relay-storage.contract.ts`). Methods resolve only after the write is committed, so the relay may
 * acknowledge as soon as a promise resolves.
 */
import type { Result } from "@porch/shared";
import type { AggregationStorage } from "./aggregation-storage.ts";
import type { Change, ChangeListener } from "./change-feed.ts";

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

/** A second member's (a journal: a second device's) signed acknowledgement of a snapshot. */
export interface SnapshotAck {
  /** The snapshot envelope's seq. */
  readonly seq: number;
  /** The acknowledging identity (32 bytes): a member, or the journal's owner key. */
  readonly memberId: Uint8Array;
  /** The acknowledging device (16 bytes). */
  readonly deviceId: Uint8Array;
  /** `signSnapshotAck(groupId, seq, deviceId, envelope bytes)` by `memberId`. */
  readonly signature: Uint8Array;
}

/**
 * The snapshot a catch-up sends to be loaded, and the relay sequence number it covers: the latest
 * acknowledged one, or a newer one whose device was the document's only writer when it was stored.
 */
export interface StoredSnapshot extends StoredEnvelope {
  /** Every update with `seq <= coversSeq` is contained in this snapshot. */
  readonly coversSeq: number;
  /** Its first acknowledgement, for receivers to check; absent on a sole writer's snapshot. */
  readonly ack?: Omit<SnapshotAck, "seq">;
}

/** What a member needs to catch up after `afterSeq`, in one read. */
export interface CatchUp {
  /** Present only when the latest acknowledged snapshot covers more than `afterSeq`. */
  readonly snapshot: StoredSnapshot | null;
  /**
   * Every other envelope after `max(afterSeq, snapshot.coversSeq)`, in seq order: updates, and the
   * snapshots not yet pruned (to be checked and acknowledged, never loaded; their device counters
   * must reach every receiver).
   */
  readonly updates: readonly StoredEnvelope[];
  /** The highest seq assigned in this group so far (0 when none). */
  readonly headSeq: number;
}

/** What a whole catch-up covers: fixed by its first page, so later pages never overlap live frames. */
export interface CatchUpBounds {
  /** The group's head seq when the catch-up began. */
  readonly headSeq: number;
  /** The number of log entries when the catch-up began (0 for a journal). */
  readonly logLength: number;
  /** The acknowledged snapshot this catch-up sends as its snapshot: later pages leave it out of the stream. */
  readonly snapshotSeq?: number;
}

/** Where one page of a catch-up starts, and how large it may be. */
export interface CatchUpPageRequest {
  /** The first log entry wanted (entries before it are the client's already). */
  readonly fromIndex: number;
  /** The client has every envelope up to this seq (or the page before said so). */
  readonly afterSeq: number;
  /** A continued catch-up's bounds (from its first page); absent: the group's head and log length now. */
  readonly bounds?: CatchUpBounds;
  /** Bytes of entries and envelopes in the page at most; a first item larger than this goes alone. */
  readonly maxBytes: number;
  /** Entries and envelopes in the page at most (at least 1). */
  readonly maxItems: number;
}

/**
 * One page of a catch-up: log entries first, then (once the log is complete) the latest acknowledged
 * snapshot if it covers more than `afterSeq`, then the other envelopes in seq order (as in `CatchUp`). A later page whose envelopes were pruned since the first
 * (`afterSeq` below what was pruned) carries the acknowledged snapshot even past the bounds. Reads are bounded: sizes are read first
 * (`octet_length`, `limit maxItems + 1`), then only the bytes that fit.
 */
export interface CatchUpPage {
  readonly entries: readonly StoredEntry[];
  readonly snapshot: StoredSnapshot | null;
  readonly updates: readonly StoredEnvelope[];
  readonly bounds: CatchUpBounds;
  /**
   * Every seq up to this one is in this page or an earlier one, or needs no sending (covered by the
   * snapshot, or a superseded snapshot): the next page starts after it. `bounds.headSeq` on the last page.
   */
  readonly throughSeq: number;
  /** Entries or envelopes within `bounds` remain after this page. */
  readonly more: boolean;
}

/** Off-log data tied to an invitation: the current epoch key sealed to the invitation's key. */
export interface InviteKeyOp {
  /** Store a sealed key for the invitation whose `invite` entry is being appended. */
  readonly put?: {
    readonly inviteId: Uint8Array;
    readonly sealedKey: Uint8Array;
    /** The invitation card sealed under the link's secret (the relay cannot open it), if the inviter left one. */
    readonly card?: Uint8Array | null;
  };
  /** Release (and delete) the sealed key of this invitation, in the same transaction as the append. */
  readonly take?: { readonly inviteId: Uint8Array };
  /** Delete the sealed key of a revoked invitation (nothing to release), in the same transaction. */
  readonly discard?: { readonly inviteId: Uint8Array };
}

/** How an entry changes the roster, for the member → groups index (computed by the caller from `applyEntry`). */
export interface RosterChange {
  /** Member ids (32 bytes) who are members after the entry and were not before. */
  readonly added: readonly Uint8Array[];
  /** Member ids who were members before the entry and are not after. */
  readonly removed: readonly Uint8Array[];
}

/** A second-device link mailbox being opened. */
export interface NewLinkMailbox {
  /** `linkMailboxId(secret)`: 32 bytes. */
  readonly mailbox: Uint8Array;
  /** The member who opened it (32 bytes). */
  readonly owner: Uint8Array;
  /** The relay socket that opened it (opaque, unique across relays). */
  readonly ownerSocket: string;
  /** When it stops accepting answers (ms; already clamped by the caller). */
  readonly expiresAt: number;
}

/** A new device's answer to a link mailbox. */
export interface LinkAnswer {
  readonly ephemeralKey: Uint8Array;
  readonly mac: Uint8Array;
  /** The socket to deliver the result to. */
  readonly answerSocket: string;
}

/** A sealed note to a member's own devices. */
export interface StoredNotice {
  /** Per member, rising from 1. */
  readonly seq: number;
  readonly sealed: Uint8Array;
  /** When the relay stored it (ms). */
  readonly time: number;
}

/** A group's creator and how many groups that identity may create in all (`appendEntry` of a `create`). */
export interface CreatorQuota {
  /** The creating identity (32 bytes). */
  readonly memberId: Uint8Array;
  /** Creations allowed per identity, this one included (at least 1). */
  readonly maxGroups: number;
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
  /** The socket that sent it (opaque, never stored): this process's change names it, so it is not echoed back. */
  readonly origin?: string;
}

/** An answered link mailbox's request, for its owner's sockets. */
export interface LinkRequest {
  readonly owner: Uint8Array;
  readonly ephemeralKey: Uint8Array;
  readonly mac: Uint8Array;
}

/** Where a document's envelopes and log stand. */
export interface DocumentHead {
  readonly headSeq: number;
  /** Log entries (0 for a journal). */
  readonly logLength: number;
}

/** One member's signature of a checkpoint body. */
export interface CheckpointSigner {
  readonly signer: Uint8Array;
  readonly signature: Uint8Array;
}

/** A checkpoint enough members signed: the state after entries 0..index−1 and its signatures. */
export interface StoredCheckpoint {
  readonly index: number;
  readonly body: Uint8Array;
  readonly signers: readonly CheckpointSigner[];
}

/** The relay's persistence (aggregation's part: aggregation-storage.ts). */
export interface RelayStorage extends AggregationStorage {
  /** The group's log entries with index >= fromIndex, in order (empty if the group does not exist). */
  readLog(groupId: Uint8Array, fromIndex: number): Promise<readonly StoredEntry[]>;

  /**
   * Appends one entry if and only if the group's current head hash equals `expectedHead`
   * (`null` means the group must not exist yet: this is how groups are created).
   * Fails with `stale-head` when the head moved, `group-exists` when creating an existing group,
   * `group-not-found` when appending to a missing one, `invite-not-found` when `invite.take` names
   * no stored key. `invite.take` returns the sealed key in the same transaction; `invite.discard`
   * deletes it (a missing key is not an error). `roster` updates the member → groups index in the
   * same transaction. `creator` (with a `null` head) counts the creation against that identity's
   * quota in the same transaction: `too-many-groups` when it has created `maxGroups` already, and
   * nothing is stored. Two concurrent creations by one identity are counted one after the other.
   */
  appendEntry(
    groupId: Uint8Array,
    expectedHead: Uint8Array | null,
    entry: { readonly hash: Uint8Array; readonly bytes: Uint8Array },
    invite?: InviteKeyOp,
    roster?: RosterChange,
    creator?: CreatorQuota,
  ): Promise<Result<{ readonly index: number; readonly releasedKey: Uint8Array | null }>>;

  /**
   * Keeps a member's signature of the checkpoint at `index` (the caller checked that `body` is its own
   * replay of the log prefix and that the signature verifies); the first signature stores the body, a
   * member's second signature is ignored. Returns every signature held for that checkpoint.
   */
  addCheckpointSignature(
    groupId: Uint8Array,
    index: number,
    body: Uint8Array,
    signer: CheckpointSigner,
  ): Promise<readonly CheckpointSigner[]>;

  /** Marks the checkpoint at `index` as signed by enough members to be served. */
  completeCheckpoint(groupId: Uint8Array, index: number): Promise<void>;

  /** The newest complete checkpoint of a group, with its signatures; `null` if none. */
  latestCheckpoint(groupId: Uint8Array): Promise<StoredCheckpoint | null>;

  /** True when an invitation's sealed key is still stored (tests and audits; never released here). */
  hasInviteKey(groupId: Uint8Array, inviteId: Uint8Array): Promise<boolean>;

  /** An open invitation's sealed card (opaque to the relay), or null if it has none or is gone. */
  inviteCard(groupId: Uint8Array, inviteId: Uint8Array): Promise<Uint8Array | null>;

  /** The groups a member currently belongs to, per the index `appendEntry` maintains (sorted bytewise). */
  groupsOf(memberId: Uint8Array): Promise<readonly Uint8Array[]>;

  /**
   * Opens a link mailbox. Expired mailboxes (of anyone) are deleted first. Re-opening an unexpired
   * mailbox replaces it only for the same owner; another owner's fails with `link-not-found`. With
   * `maxOpen`, an owner who already has that many other unexpired mailboxes gets `too-many-links`
   * (concurrent opens by one owner are counted one after the other).
   */
  openLinkMailbox(mailbox: NewLinkMailbox, now: number, maxOpen?: number): Promise<Result<true>>;

  /**
   * Binds a device id (16 bytes) to the first member (32 bytes) that authenticates with it and
   * returns the member it is bound to: `memberId` itself, or the member that bound it first. A
   * binding is never moved. Of two concurrent first binds exactly one wins, and both see the winner.
   */
  bindDevice(deviceId: Uint8Array, memberId: Uint8Array): Promise<Uint8Array>;

  /**
   * Records the one answer of an open mailbox and returns its owner. Fails with `link-not-found`
   * (unknown, or already answered) or `link-expired` (the mailbox is then deleted).
   */
  answerLinkMailbox(
    mailbox: Uint8Array,
    answer: LinkAnswer,
    now: number,
  ): Promise<Result<{ readonly owner: Uint8Array }>>;

  /**
   * Completes an answered mailbox on behalf of its owner (single use) and keeps the owner's result —
   * the identity sealed to the new device's key, or `null` for a refusal — until the answering socket
   * takes it (`takeLinkResult`), wherever that socket is connected. Returns the answer. Fails with
   * `link-not-found` (unknown, unanswered or completed already), `not-a-member` (another member's
   * mailbox) or `link-expired` (deleted). Raises a `link-completed` change.
   */
  completeLinkMailbox(
    mailbox: Uint8Array,
    owner: Uint8Array,
    now: number,
    sealed?: Uint8Array | null,
  ): Promise<Result<LinkAnswer>>;

  /** An answered, not yet completed mailbox's request (`null` otherwise). */
  linkRequest(mailbox: Uint8Array): Promise<LinkRequest | null>;

  /**
   * Deletes a completed mailbox whose answer came from `answerSocket` and returns the owner's result
   * (`sealed: null` for a refusal); `null` when there is none (not completed, or taken already).
   */
  takeLinkResult(mailbox: Uint8Array, answerSocket: string): Promise<{ readonly sealed: Uint8Array | null } | null>;

  /** Stores a member's sealed notice and returns its seq; only the newest `keep` are kept. */
  postNotice(memberId: Uint8Array, sealed: Uint8Array, time: number, keep: number): Promise<number>;

  /** A member's notices with seq > after, oldest first. */
  readNotices(memberId: Uint8Array, after: number): Promise<readonly StoredNotice[]>;

  /**
   * Appends a sealed envelope and assigns the next seq. Idempotent for retries: the same
   * (device, counter) with identical bytes returns the original seq with `duplicate: true`;
   * different bytes under a used counter fail with `counter-reused`; a counter that skips fails
   * with `counter-gap`. A snapshot also becomes the group's latest snapshot if it covers more than
   * the previous one. Concurrent appends may be batched into one transaction (group commit).
   *
   * Without `journalOwner` the id must be a group (`group-not-found` otherwise, also for a
   * journal's id). With it, the id must be a journal owned by that key, checked under the same row
   * lock as the append: `not-a-member` for another owner's journal, `group-not-found` when the id is
   * no journal (never claimed, deleted, or a group).
   *
   * The stored envelope bytes of each group or journal are counted in its head row, in the append's
   * transaction. With `maxGroupBytes`, an envelope that would take the total over it fails with
   * `group-full` and is not stored (an identical resend is still acknowledged).
   */
  appendEnvelope(
    groupId: Uint8Array,
    envelope: NewEnvelope,
    journalOwner?: Uint8Array,
    maxGroupBytes?: number,
  ): Promise<Result<{ readonly seq: number; readonly duplicate: boolean }>>;

  /** The envelope bytes stored for a group or journal (0 when it has none or does not exist). */
  storedBytes(groupId: Uint8Array): Promise<number>;

  /** The envelope stored at `seq` in a group or journal, or null (never stored, or pruned). */
  readEnvelope(
    groupId: Uint8Array,
    seq: number,
  ): Promise<{ readonly kind: "update" | "snapshot"; readonly coversSeq: number; readonly bytes: Uint8Array } | null>;

  /**
   * Records a checked acknowledgement (the caller verified the signature, the acknowledger's right and
   * that it is not the snapshot's author) and, if the snapshot covers more than the acknowledged one so
   * far, makes it the one catch-up serves and prunes in the same transaction: every envelope with seq <=
   * its `coversSeq` (updates and older snapshots), subtracting their bytes from the stored count. Fails with `snapshot-not-found` when `seq` holds no snapshot (never, or pruned) and
   * `group-not-found` for a missing id. Acknowledging again changes nothing.
   */
  acknowledgeSnapshot(
    groupId: Uint8Array,
    ack: SnapshotAck,
  ): Promise<Result<{ readonly prunedRows: number; readonly prunedBytes: number }>>;

  /** Every seq at or below this was pruned (but the acknowledged snapshot's); 0 when nothing was. */
  prunedThrough(groupId: Uint8Array): Promise<number>;

  /** The next counter a device must use in a group or journal (1 when it has sent nothing). */
  nextCounter(groupId: Uint8Array, deviceId: Uint8Array): Promise<number>;

  /**
   * Latest snapshot (if it covers more than afterSeq) plus the later updates, of a group or a journal,
   * in one unbounded read: for tests and tools. The relay answers members with `readCatchUpPage`.
   */
  readSince(groupId: Uint8Array, afterSeq: number): Promise<CatchUp>;

  /**
   * One page of a group's or journal's catch-up (see `CatchUpPage`). Read page after page (each starting
   * at the last one's `throughSeq`, its entries counted into `fromIndex`, with the first page's
   * `bounds`) it returns the same entries, snapshot and updates, in the same order, as `readLog` and
   * `readSince` up to those bounds. A missing id gives an empty last page with zero bounds.
   */
  readCatchUpPage(groupId: Uint8Array, request: CatchUpPageRequest): Promise<CatchUpPage>;

  /**
   * Binds a journal id (16 bytes) to its owner (the journal signing public key, 32 bytes); the
   * first claim creates the journal, empty. Claiming again with the same owner changes nothing
   * (`created: false`). Fails with `not-a-member` when another key owns the journal and with
   * `group-exists` when the id is a group's. Of two concurrent first claims exactly one creates it.
   */
  claimJournal(journalId: Uint8Array, owner: Uint8Array): Promise<Result<{ readonly created: boolean }>>;

  /** The key that owns a journal, or `null` when the id is no journal (unclaimed, deleted, or a group). */
  journalOwner(journalId: Uint8Array): Promise<Uint8Array | null>;

  /**
   * Deletes a journal for its owner, in one transaction: its envelopes, snapshot pointer, device
   * counters and the row binding it to the owner, so nothing with that id remains. Fails with
   * `not-a-member` for another owner's journal and `group-exists` for a group's id; deleting a
   * journal that does not exist succeeds (`deleted: false`). The id may be claimed again afterwards,
   * starting from seq 1 and counter 1.
   */
  deleteJournal(journalId: Uint8Array, owner: Uint8Array): Promise<Result<{ readonly deleted: boolean }>>;

  /**
   * Envelopes of a group or journal with `afterSeq < seq <= throughSeq`, in seq order, at most
   * `maxItems` (live fan-out reads what another process appended, or fills a socket's hole).
   */
  readEnvelopes(
    groupId: Uint8Array,
    afterSeq: number,
    throughSeq: number,
    maxItems: number,
  ): Promise<readonly StoredEnvelope[]>;

  /** A document's head seq and log length now (zeros when it does not exist). */
  documentHead(groupId: Uint8Array): Promise<DocumentHead>;

  /**
   * Listens to what is committed — by this process and, on PostgreSQL, by every other relay process
   * on the same database (change-feed.ts). Returns the function that stops listening.
   */
  onChange(listener: ChangeListener): () => void;

  /** Raises a change no write carries (aggregation's `agg-changed`): to this process and the others. */
  announce(change: Change): Promise<void>;

  /** Releases the database (and the data-directory lock for the embedded store). */
  close(): Promise<void>;
}
