/**
 * Ordered migrations of the journal document, the same pattern as ../migrations.ts: each `up` runs
 * inside a normal change (so it syncs like any edit), must be idempotent and safe on two devices at
 * once, and may only set root scalars or immutable strings — never create an object under a key
 * another device could create too (journal-schema.ts).
 *
 * v1 is the first version, so the list is empty; a v2 adds its migration here, a frozen v2 fixture
 * under fixtures/, and a test that the v1 fixture still reads and migrates.
 */
import { JOURNAL_DOC_VERSION, type JournalDoc } from "./journal-schema.ts";

export interface JournalMigration {
  readonly version: number;
  readonly up: (doc: JournalDoc) => void;
}

export const journalMigrations: readonly JournalMigration[] = [];

/** True when the document is older than this client's schema. */
export const needsJournalMigration = (doc: Partial<JournalDoc> | undefined): boolean =>
  typeof doc?.schemaVersion === "number" && doc.schemaVersion >= 1 && doc.schemaVersion < JOURNAL_DOC_VERSION;

/**
 * True when a newer client wrote the document: this client still reads what it knows, but should not
 * write (it could drop or misread fields of a version it does not know).
 */
export const isNewerJournal = (doc: Partial<JournalDoc> | undefined): boolean =>
  typeof doc?.schemaVersion === "number" && doc.schemaVersion > JOURNAL_DOC_VERSION;

/** Runs, in order, every migration above the document's version (call inside a change). */
export function migrateJournalDoc(doc: JournalDoc): void {
  for (const m of journalMigrations) if (doc.schemaVersion < m.version) m.up(doc);
}
