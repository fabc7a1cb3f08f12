/**
 * Ordered schema migrations (tldraw-style). Each `up` runs inside a normal Automerge change, so it
 * syncs like any edit. Migrations must be idempotent and safe to run on two devices at once: they
 * may set scalars to fixed values, and must never create an object under a key another device could
 * create too (concurrently created objects under one key: one wins, the other's contents are lost).
 */
import { GROUP_DOC_VERSION, type GroupDoc } from "./schema.ts";

export interface Migration {
  readonly version: number;
  readonly up: (doc: GroupDoc) => void;
}

export const migrations: readonly Migration[] = [
  {
    // v2: group life as `type:id` root records (schema.ts). Nothing to move: v1 goals stay where they
    // are, and the v2 fields a v1 goal lacks are read as their defaults.
    version: 2,
    up: (doc) => {
      doc.schemaVersion = 2;
    },
  },
];

/** True when the document is older than this client's schema. */
export const needsMigration = (doc: Partial<GroupDoc> | undefined): boolean =>
  typeof doc?.schemaVersion === "number" && doc.schemaVersion >= 1 && doc.schemaVersion < GROUP_DOC_VERSION;

/** Runs, in order, every migration above the document's version (call inside a change). */
export function migrateGroupDoc(doc: GroupDoc): void {
  for (const m of migrations) if (doc.schemaVersion < m.version) m.up(doc);
}
