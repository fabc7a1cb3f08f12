/**
 * What one kind of document tells the sync engine: how to fetch what the relay holds for it, how to
 * seal an outbox item, and how to open and check what others sent. A group document answers from its
 * membership log and epoch keys (features/membership/group-channel.ts); a member's private journal
 * will answer from keys derived from the member's seed, with no log.
 */
import type { ErrorCode, Result } from "@porch/shared";
import type { OutboxItem, SyncRecord } from "./sync-record.ts";

/** Who acknowledged a snapshot, as the relay hands it over with the catch-up's snapshot. */
export interface DeliveredAck {
  readonly memberId: Uint8Array;
  readonly deviceId: Uint8Array;
  readonly signature: Uint8Array;
}

/** The catch-up's snapshot as a delivered envelope: `ack` null when the relay sent none (a sole writer's). */
export function catchUpSnapshot(snapshot: {
  readonly seq: number;
  readonly bytes: Uint8Array;
  readonly ack?: DeliveredAck | undefined;
}): Delivered {
  return { seq: snapshot.seq, bytes: snapshot.bytes, ack: snapshot.ack ?? null };
}

/** An envelope as the relay delivered it. */
export interface Delivered {
  readonly seq: number;
  readonly bytes: Uint8Array;
  /**
   * Only on the catch-up's snapshot (the one to load): its acknowledgement, which must be valid; or
   * null when the relay serves it as its device's alone, which it must show (`isSoleWriters`).
   */
  readonly ack?: DeliveredAck | null;
}

/** A snapshot another writer published, opened, for this device to check and perhaps acknowledge. */
export interface SnapshotCandidate {
  readonly seq: number;
  /** The envelope's exact bytes (the acknowledgement signs their hash). */
  readonly bytes: Uint8Array;
  /** The snapshot's `A.save()`. */
  readonly save: Uint8Array;
  /** The heads (hex) its header claims. */
  readonly heads: readonly string[];
  readonly coversSeq: number;
}

/** What applying a batch did. `applied` are the seqs now done with (merged, duplicate or refused). */
export interface RemoteResult<R extends SyncRecord> {
  readonly record: R;
  readonly applied: readonly number[];
  readonly problem: ErrorCode | null;
  /** Updates merged, by seq, with the hashes of their changes (what a snapshot must contain to be acknowledged). */
  readonly verified?: readonly (readonly [number, readonly string[]])[];
  /** Snapshots by another writer (a journal: another device) that this device may acknowledge once checked. */
  readonly snapshots?: readonly SnapshotCandidate[];
}

/** The engine's record, for a channel to read and change in order with everything else. */
export interface RecordAccess<R extends SyncRecord> {
  readonly record: R;
  /** Persists the record (the document first), then tells the UI. */
  save(next: R): Promise<void>;
  /** This device may no longer sync the document: stop sending and receiving, keep it readable. */
  stop(): Promise<void>;
  /** Shows a problem to the member. */
  problem(code: ErrorCode): void;
}

/** One page of a catch-up, as a channel hands it to the engine. */
export interface CatchUpPage {
  readonly envelopes: readonly Delivered[];
  /** Every seq up to this one was delivered in this page or an earlier one, or needs no delivery. */
  readonly headSeq: number;
  /** Asks the relay for the next page (`catch-up-more`); null on the last page. */
  readonly next: (() => Promise<Result<CatchUpPage>>) | null;
}

/** One kind of synced document. */
export interface DocChannel<R extends SyncRecord> {
  /**
   * Asks the relay for everything after the record's cursor: its first page, each page leading to the
   * next (the relay bounds a page in bytes). Data of the channel's own (a group's new log entries) is
   * applied through `access` before a page's envelopes are returned.
   */
  catchUp(access: RecordAccess<R>): Promise<Result<CatchUpPage>>;
  /** Verifies, opens and merges envelopes in relay order; pure with respect to storage. */
  applyRemote(record: R, envelopes: readonly Delivered[]): RemoteResult<R>;
  /** The epoch new envelopes are sealed under, or null while no key is held. */
  sealEpoch(): number | null;
  /** Seals `item` under device counter `counter` in the current epoch (only when `sealEpoch()` is not null). */
  seal(item: OutboxItem, counter: number): Uint8Array;
  /** The document's id and this device's signed acknowledgement of the snapshot envelope `bytes` at `seq`. */
  signAck(seq: number, bytes: Uint8Array): { readonly docId: Uint8Array; readonly signature: Uint8Array };
  /** Relay answers that mean this device may no longer sync the document. */
  readonly goneCodes: readonly ErrorCode[];
}
