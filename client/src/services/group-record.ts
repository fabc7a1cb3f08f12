/**
 * Everything this device keeps about one group, persisted as ONE record so that the outbox, the
 * queued heads and the relay cursor always change together (persisting them separately produced
 * duplicate and missing changes in randomized tests).
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

/** The persisted state of one group on this device. */
export interface GroupRecord {
  readonly groupId: string;
  /** Membership-log entries (wire bytes) in order; the client re-validates them on load. */
  readonly log: readonly Uint8Array[];
  /** Epoch keys this device holds, wrapped by the device key: CBOR map epoch → key, sealed. */
  readonly wrappedKeys: Uint8Array;
  /** Everything up to these heads is in the outbox, on the relay, or came from it. */
  readonly queuedHeads: readonly string[];
  readonly outbox: readonly OutboxItem[];
  /** Highest relay seq such that every seq up to it has been applied. */
  readonly cursor: number;
  /** The next device counter to use in this group. */
  readonly nextCounter: number;
  /** Last counter seen per other device (base64url deviceId → counter), to detect withheld updates. */
  readonly counters: Readonly<Record<string, number>>;
  /** Automerge actor (hex) → memberId that first signed a change by it. */
  readonly actors: Readonly<Record<string, string>>;
  /** Number of updates received since the last snapshot, and that snapshot's size. */
  readonly tailCount: number;
  readonly tailBytes: number;
  readonly snapshotBytes: number;
  /** True until this member's display name is written into the document. */
  readonly needsProfileWrite: boolean;
  /**
   * True once this member is out of the group (removed, or left): the document stays readable on this
   * device, and nothing is sent or received for it any more. Absent in records stored before it existed.
   */
  readonly removed?: boolean;
}
