/**
 * What the engine keeps about one synced document, persisted as ONE record with whatever the kind of
 * document adds (a group's log and keys), so that the outbox, the queued heads and the relay cursor
 * always change together (persisting them separately produced duplicate and missing changes in
 * randomized tests).
 */

/**
 * Something waiting for the relay's acknowledgement: local changes, or a snapshot. Plaintext until
 * first sent; a snapshot goes through the outbox too, so device counters never skip.
 */
export interface OutboxItem {
  readonly kind: "update" | "snapshot";
  /** The plaintext payload: CBOR array of Automerge changes, or the snapshot's CBOR payload. */
  readonly payload: Uint8Array;
  /** For updates: the Automerge changes (binary), kept to re-apply after a crash. Empty for snapshots. */
  readonly changes: readonly Uint8Array[];
  /** Document heads (hex) after these changes. */
  readonly heads: readonly string[];
  /** For snapshots: the relay seq it covers. */
  readonly coversSeq: number;
  /** Once sent: the device counter and the exact sealed bytes, so a resend is byte-identical. */
  readonly sealed: { readonly counter: number; readonly epoch: number; readonly bytes: Uint8Array } | null;
}

/** The engine's part of a document's persisted record. */
export interface SyncRecord {
  /** Everything up to these heads is in the outbox, on the relay, or came from it. */
  readonly queuedHeads: readonly string[];
  readonly outbox: readonly OutboxItem[];
  /** Highest relay seq such that every seq up to it has been applied. */
  readonly cursor: number;
  /** The next device counter to use for this document. */
  readonly nextCounter: number;
  /** Last counter seen per other device (base64url deviceId → counter), to detect withheld updates. */
  readonly counters: Readonly<Record<string, number>>;
  /** Automerge actor (hex) → the writer that first signed a change by it. */
  readonly actors: Readonly<Record<string, string>>;
  /** Number of updates received since the last snapshot, and that snapshot's size. */
  readonly tailCount: number;
  readonly tailBytes: number;
  readonly snapshotBytes: number;
  /**
   * True once this device may no longer sync the document (a member removed from a group, or who
   * left): it stays readable here, and nothing is sent or received for it any more.
   */
  readonly removed?: boolean;
}

/** The engine's fields of a document nobody has synced yet. */
export const FRESH_SYNC_RECORD: SyncRecord = {
  queuedHeads: [],
  outbox: [],
  cursor: 0,
  nextCounter: 1,
  counters: {},
  actors: {},
  tailCount: 0,
  tailBytes: 0,
  snapshotBytes: 0,
};
