/**
 * What one kind of document tells the sync engine: how to fetch what the relay holds for it, how to
 * seal an outbox item, and how to open and check what others sent. A group document answers from its
 * membership log and epoch keys (features/membership/group-channel.ts); a member's private journal
 * will answer from keys derived from the member's seed, with no log.
 */
import type { ErrorCode, Result } from "@porch/shared";
import type { OutboxItem, SyncRecord } from "./sync-record.ts";

/** An envelope as the relay delivered it. */
export interface Delivered {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** What applying a batch did. `applied` are the seqs now done with (merged, duplicate or refused). */
export interface RemoteResult<R extends SyncRecord> {
  readonly record: R;
  readonly applied: readonly number[];
  readonly problem: ErrorCode | null;
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
  /** Relay answers that mean this device may no longer sync the document. */
  readonly goneCodes: readonly ErrorCode[];
}
