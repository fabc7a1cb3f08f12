/**
 * The device's own IndexedDB database (automerge-repo keeps the documents in its own database).
 * Secrets are stored wrapped by a non-extractable AES-GCM key that never leaves WebCrypto.
 * Remember: an IndexedDB transaction auto-commits at any non-IndexedDB await — do all crypto first.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { GroupRecord } from "../features/membership/group-record.ts";
import type { DeviceNotice } from "../api/membership-api.ts";
import type { SyncRecord } from "../engine/sync-record.ts";

/** The stored device profile: who this device is. `wrappedSeed` is the root seed under `wrappingKey`. */
export interface DeviceRecord {
  readonly deviceId: string;
  readonly displayName: string;
  readonly lang: "en" | "es";
  readonly wrappedSeed: Uint8Array;
  readonly createdAt: number;
  /**
   * The word list the recovery phrase was first shown in on this device, so Settings shows the same
   * words the member wrote down whatever the interface language is now. Absent on records from before
   * it was kept, and on linked or recovered devices: then the interface language.
   */
  readonly phraseLang?: "en" | "es";
}

/** Notices from this member's other devices: the relay's last seq read, and those still to show. */
export interface NoticeState {
  readonly after: number;
  readonly shown: readonly DeviceNotice[];
  /** Every other device of this member that announced itself (one per device id), for Settings. */
  readonly known?: readonly DeviceNotice[];
}

/** The last views the core sent, encrypted under the wrapping key (view-cache.ts). */
export interface ViewCacheRecord {
  readonly sealedViews: Uint8Array;
  readonly at: number;
}

/**
 * When this device's member last looked at each group (ms, by group id): what is new is counted from
 * here. Only on this device — never in the group document, never sent to the relay.
 */
export interface SeenMarkers {
  readonly seen: Readonly<Record<string, number>>;
}

/** A record sealed under the wrapping key (cohort enrolments and steward round secrets, cohort-storage.ts). */
export interface SealedRecord {
  readonly sealed: Uint8Array;
}

interface PorchDb extends DBSchema {
  /** Also the journal's sync record under "journal", and "journal-dormant" (features/journal/journal-store.ts). */
  meta: {
    key: string;
    value:
      | CryptoKey
      | DeviceRecord
      | NoticeState
      | ViewCacheRecord
      | SyncRecord
      | { readonly dormant: true }
      | SealedRecord
      | SeenMarkers;
  };
  groups: { key: string; value: GroupRecord };
}

/** Porch's local database handle. */
export type LocalDb = IDBPDatabase<PorchDb>;

/** Opens (and on first use creates) the local database. */
export function openLocalDb(name = "porch"): Promise<LocalDb> {
  return openDB<PorchDb>(name, 1, {
    upgrade(db) {
      db.createObjectStore("meta");
      db.createObjectStore("groups", { keyPath: "groupId" });
    },
  });
}

/** The device's wrapping key if it exists (never creates one: only the core does). */
export async function existingWrappingKey(db: LocalDb): Promise<CryptoKey | null> {
  const existing = await db.get("meta", "wrapping-key");
  return existing instanceof CryptoKey ? existing : null;
}

/** The device's wrapping key, created non-extractable on first use. */
export async function wrappingKey(db: LocalDb): Promise<CryptoKey> {
  const existing = await db.get("meta", "wrapping-key");
  if (existing instanceof CryptoKey) return existing;
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  await db.put("meta", key, "wrapping-key");
  return key;
}

/** Encrypts a secret under the wrapping key: iv ‖ ciphertext. */
export async function wrapSecret(key: CryptoKey, secret: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, secret as Uint8Array<ArrayBuffer>),
  );
  const out = new Uint8Array(12 + ct.length);
  out.set(iv);
  out.set(ct, 12);
  return out;
}

/** Decrypts a secret wrapped by `wrapSecret`. */
export async function unwrapSecret(key: CryptoKey, wrapped: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: wrapped.subarray(0, 12) as Uint8Array<ArrayBuffer> },
      key,
      wrapped.subarray(12) as Uint8Array<ArrayBuffer>,
    ),
  );
}

/** The device profile, or null before onboarding. */
export async function loadDevice(db: LocalDb): Promise<DeviceRecord | null> {
  const record = await db.get("meta", "device");
  return record !== undefined && !(record instanceof CryptoKey) && "wrappedSeed" in record ? record : null;
}

/** The stored notice state, or null before the first read. */
export async function loadNotices(db: LocalDb): Promise<NoticeState | null> {
  const record = await db.get("meta", "notices");
  return record !== undefined && !(record instanceof CryptoKey) && "after" in record ? record : null;
}

/** Stores the notice state. */
export async function saveNotices(db: LocalDb, state: NoticeState): Promise<void> {
  await db.put("meta", state, "notices");
}

/** Stores the device profile. */
export async function saveDevice(db: LocalDb, record: DeviceRecord): Promise<void> {
  await db.put("meta", record, "device");
}
