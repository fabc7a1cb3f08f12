/**
 * The secrets a Porch device keeps, read back from its own IndexedDB (the root seed and every group's
 * epoch keys, unwrapped with the device's non-extractable wrapping key). Tests take a member's keys
 * this way to open what the relay stored, as the member's own device would.
 */
import { decodeCbor } from "@porch/shared";
import type { Page } from "playwright-core";

/** A device's secrets: its root seed and, per group (base64url id), its epoch keys. */
export interface DeviceSecrets {
  readonly seed: Uint8Array;
  readonly groups: ReadonlyMap<string, ReadonlyMap<number, Uint8Array>>;
}

type RawSecrets = { seed: number[]; groups: [string, number[]][] };

/**
 * Runs where the device runs (in the page through `page.evaluate`, or in Node over fake-indexeddb),
 * so it imports nothing: it opens the database as it is, unwraps, and returns plain arrays.
 */
async function readRawSecrets(dbName: string): Promise<RawSecrets> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const read = <T>(store: string, key?: string) =>
    new Promise<T>((resolve, reject) => {
      const os = db.transaction(store).objectStore(store);
      const request = key === undefined ? os.getAll() : os.get(key);
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error);
    });
  const key = await read<CryptoKey>("meta", "wrapping-key");
  const device = await read<{ wrappedSeed: Uint8Array }>("meta", "device");
  const records = await read<{ groupId: string; wrappedKeys: Uint8Array }[]>("groups");
  db.close();
  const unwrap = async (wrapped: Uint8Array) =>
    Array.from(
      new Uint8Array(
        await crypto.subtle.decrypt({ name: "AES-GCM", iv: wrapped.slice(0, 12) }, key, wrapped.slice(12)),
      ),
    );
  const groups: [string, number[]][] = [];
  for (const r of records) groups.push([r.groupId, await unwrap(r.wrappedKeys)]);
  return { seed: await unwrap(device.wrappedSeed), groups };
}

function decode(raw: RawSecrets): DeviceSecrets {
  const groups = new Map<string, Map<number, Uint8Array>>();
  for (const [groupId, cbor] of raw.groups) {
    const pairs = decodeCbor(Uint8Array.from(cbor)) as [number, Uint8Array][];
    groups.set(groupId, new Map(pairs.map(([epoch, k]) => [epoch, new Uint8Array(k)])));
  }
  return { seed: Uint8Array.from(raw.seed), groups };
}

/** The secrets of the browser device on `page` (the PWA's database is named "porch"). */
export async function browserDeviceSecrets(page: Page, dbName = "porch"): Promise<DeviceSecrets> {
  return decode(await page.evaluate(readRawSecrets, dbName));
}

/** The secrets of a Node device (see node-device.ts) by its database name. */
export async function nodeDeviceSecrets(dbName: string): Promise<DeviceSecrets> {
  return decode(await readRawSecrets(dbName));
}
