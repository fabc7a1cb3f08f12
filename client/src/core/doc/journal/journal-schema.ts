/**
 * The member's private journal document (schema v1): its stored shape and key names.
 *
 * Concurrency rule (see ../schema.ts): never create an object under a key another device could create
 * too — Automerge keeps one of two concurrently created objects and everything written into the other
 * is lost. A member fills in the journal on their phone and their laptop, offline, so this document
 * has NO nested objects at all: only root keys holding scalars and `A.ImmutableString`s (a plain JS
 * string would become collaborative text in Automerge 3, which a journal never needs). Two devices
 * answering different questions of the same month touch different keys and both answers survive;
 * the same question answered twice keeps one answer (Automerge's deterministic winner) and both
 * devices' edit records.
 *
 * Root keys:
 * - `schemaVersion` = 1
 * - `v:<YYYY-MM>:<fieldId>` → number (cents, a count, a rating) | boolean | ImmutableString (a choice,
 *   the reflection). Removing an answer deletes the key.
 * - `saved:<YYYY-MM>` → ms of the month's last save. A month "has an entry" when this key exists.
 * - `baseline` → ImmutableString "YYYY-MM", the month progress is measured from (absent: the first entry).
 * - `edit:<YYYY-MM>:<at>:<8 hex>` → ImmutableString JSON `EditRecord` (the month's visible history).
 * - `consent:<at>:<8 hex>` → ImmutableString JSON `ConsentEvent` (@porch/shared/journal).
 * - `sent:<period>:<8 hex>` → ImmutableString JSON `SentRecord` (what left the device, and when).
 * The random suffix keeps two devices' records apart even when written in the same millisecond.
 */
import type * as A from "@automerge/automerge";
import type { FieldId, JournalValue } from "@porch/shared/journal";

/** Current schema version of the journal document. */
export const JOURNAL_DOC_VERSION = 1;

/** What a `v:` key holds. */
export type StoredValue = number | boolean | A.ImmutableString;

/** The stored shape (v1). */
export interface JournalDoc {
  schemaVersion: number;
  baseline?: A.ImmutableString;
  [value: `v:${string}`]: StoredValue | undefined;
  [saved: `saved:${string}`]: number | undefined;
  [edit: `edit:${string}`]: A.ImmutableString | undefined;
  [consent: `consent:${string}`]: A.ImmutableString | undefined;
  [sent: `sent:${string}`]: A.ImmutableString | undefined;
}

/**
 * One save of a month, as the member sees it in the month's history: field → [before, after]. The
 * month's first save is `{ at, first: true, changes: {} }`: its answers are the `v:` keys themselves
 * (or, once changed, the "before" of the next record), so they are not stored twice.
 */
export interface EditRecord {
  readonly at: number;
  readonly first?: true;
  readonly changes: Readonly<Partial<Record<FieldId, readonly [JournalValue | null, JournalValue | null]>>>;
}

/** Key of an answer. */
export const valueKey = (month: string, field: FieldId): `v:${string}` => `v:${month}:${field}`;
/** Key of a month's last save. */
export const savedKey = (month: string): `saved:${string}` => `saved:${month}`;
/** Key of one edit record. */
export const editKey = (month: string, at: number, tag: string): `edit:${string}` => `edit:${month}:${at}:${tag}`;
/** Key of one consent event. */
export const consentKey = (at: number, tag: string): `consent:${string}` => `consent:${at}:${tag}`;
/** Key of one sent record. */
export const sentKey = (period: string, tag: string): `sent:${string}` => `sent:${period}:${tag}`;
