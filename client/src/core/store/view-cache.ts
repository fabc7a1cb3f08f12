/**
 * The first paint's source: the last snapshot the core sent, kept in IndexedDB encrypted with the
 * device's non-extractable AES-GCM wrapping key (WebCrypto, no wasm), so the main thread can show it
 * at once while the worker loads Automerge and opens the documents. Replaced by live views as soon as
 * they arrive. Nothing here is ever sent anywhere.
 */
import { EMPTY_SNAPSHOT, type CoreSnapshot } from "../api/core-protocol.ts";
import { existingWrappingKey, loadDevice, openLocalDb, unwrapSecret, wrapSecret, type LocalDb } from "./local-db.ts";

const CACHE_KEY = "view-cache";

/** What the UI can show before the core is ready: the empty state, the cached views, or nothing yet (null). */
export type StartViews = { readonly snapshot: CoreSnapshot; readonly source: "empty" | "cache" } | null;

/** Reads what to show first. Never creates keys or records (the core owns the database's contents). */
export async function readStartViews(dbName = "porch"): Promise<StartViews> {
  const db = await openLocalDb(dbName);
  try {
    if ((await loadDevice(db)) === null) return { snapshot: EMPTY_SNAPSHOT, source: "empty" };
    const key = await existingWrappingKey(db);
    const record = await db.get("meta", CACHE_KEY);
    if (key === null || record === undefined || !("sealedViews" in record)) return null;
    const snapshot = JSON.parse(new TextDecoder().decode(await unwrapSecret(key, record.sealedViews))) as CoreSnapshot;
    // The cache says what was true when it was written, not whether the relay has everything now.
    const pending = "pending" in snapshot.sync ? snapshot.sync.pending : 0;
    return { snapshot: { ...snapshot, sync: { kind: "syncing", pending } }, source: "cache" };
  } catch (error) {
    console.warn("Porch: the cached views could not be read; waiting for the core", error);
    return null;
  } finally {
    db.close();
  }
}

/**
 * Keeps the cache up to date with the latest snapshot, one write at a time (a burst of snapshots
 * writes the first and the last). Snapshots without a profile are not cached, and one equal to the
 * last written is not written again (the core re-sends its views every minute for the clock).
 */
export function makeViewCacheWriter(db: LocalDb, key: CryptoKey): (snapshot: CoreSnapshot) => void {
  let latest: CoreSnapshot | null = null;
  let writing = false;
  let written = "";
  const drain = async () => {
    writing = true;
    while (latest !== null) {
      const json = JSON.stringify(latest);
      latest = null;
      if (json === written) continue;
      const sealedViews = await wrapSecret(key, new TextEncoder().encode(json));
      await db.put("meta", { sealedViews, at: Date.now() }, CACHE_KEY);
      written = json;
    }
    writing = false;
  };
  return (snapshot) => {
    if (snapshot.profile === null) return;
    latest = snapshot;
    if (!writing)
      drain().catch((error: unknown) => {
        writing = false;
        console.warn("Porch: could not update the cached views", error);
      });
  };
}

/** Opens the cache writer for this device's database. */
export async function openViewCacheWriter(dbName = "porch"): Promise<(snapshot: CoreSnapshot) => void> {
  const db = await openLocalDb(dbName);
  const key = await existingWrappingKey(db);
  return key === null ? () => undefined : makeViewCacheWriter(db, key);
}
