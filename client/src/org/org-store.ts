/**
 * Where the dashboard keeps the organization's root seed: its own IndexedDB database, `porch-org`,
 * never the member app's (`porch`) — a browser can hold a member's profile and an organization's key
 * without either reading the other. The seed is stored wrapped by a non-extractable AES-GCM key that
 * lives in the same database and never leaves WebCrypto (the member app's pattern: local-db.ts).
 *
 * Signing out deletes the whole database: nothing of the organization is left in the browser.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { unwrapSecret, wrapSecret } from "../core/store/local-db.ts";
import type { Lang } from "../core/api/porch-api.ts";

export const ORG_DB_NAME = "porch-org";

/** The organization on this browser: its wrapped seed, this browser's device id, the language chosen. */
export interface OrgRecord {
  readonly wrappedSeed: Uint8Array;
  readonly deviceId: string;
  readonly createdAt: number;
}

interface OrgDb extends DBSchema {
  meta: { key: string; value: CryptoKey | OrgRecord | Lang };
}

const open = (): Promise<IDBPDatabase<OrgDb>> =>
  openDB<OrgDb>(ORG_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore("meta");
    },
  });

/** The stored organization's seed and device id, or null when none is stored (or it cannot be opened). */
export async function loadOrg(): Promise<{ readonly seed: Uint8Array; readonly deviceId: string } | null> {
  const db = await open();
  try {
    const [key, record] = [await db.get("meta", "wrapping-key"), await db.get("meta", "org")];
    if (!(key instanceof CryptoKey) || record === undefined || typeof record !== "object" || !("wrappedSeed" in record))
      return null;
    return { seed: await unwrapSecret(key, record.wrappedSeed), deviceId: record.deviceId };
  } finally {
    db.close();
  }
}

/** Stores the organization's seed, wrapped by a fresh non-extractable key. */
export async function saveOrg(seed: Uint8Array, deviceId: string, now: number): Promise<void> {
  // Crypto first: an IndexedDB transaction commits at any await that is not IndexedDB's.
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const wrappedSeed = await wrapSecret(key, seed);
  const db = await open();
  try {
    const tx = db.transaction("meta", "readwrite");
    await Promise.all([
      tx.store.put(key, "wrapping-key"),
      tx.store.put({ wrappedSeed, deviceId, createdAt: now } satisfies OrgRecord, "org"),
      tx.done,
    ]);
  } finally {
    db.close();
  }
}

/** The language chosen on the dashboard, if any. */
export async function loadLang(): Promise<Lang | null> {
  const db = await open();
  try {
    const lang = await db.get("meta", "lang");
    return lang === "en" || lang === "es" ? lang : null;
  } finally {
    db.close();
  }
}

/** Remembers the dashboard's language on this browser (signing out forgets it with the rest). */
export async function saveLang(lang: Lang): Promise<void> {
  const db = await open();
  try {
    await db.put("meta", lang, "lang");
  } finally {
    db.close();
  }
}

/** Forgets the organization on this browser: the whole `porch-org` database goes. */
export function forgetOrg(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(ORG_DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Another tab of the dashboard holds it open: the deletion completes once that tab closes it.
    request.onblocked = () => resolve();
  });
}
