/** Counts IndexedDB writes (fake-indexeddb's `IDBObjectStore.put`) per database and store. */

/** Live counts keyed by `database/store`; `stop()` restores the original `put`. */
export interface IdbPutCount {
  readonly counts: ReadonlyMap<string, number>;
  /** Puts into database `db` (only into `store`, if given). */
  of(db: string, store?: string): number;
  reset(): void;
  stop(): void;
}

/** Starts counting every `put` made through the global `IDBObjectStore` (idb wraps the same method). */
export function countIdbPuts(): IdbPutCount {
  const proto = globalThis.IDBObjectStore.prototype;
  const put = proto.put;
  const counts = new Map<string, number>();
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
    const k = `${this.transaction.db.name}/${this.name}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return put.apply(this, args);
  };
  return {
    counts,
    of: (db, store) => {
      let n = 0;
      for (const [k, c] of counts) if (store === undefined ? k.startsWith(`${db}/`) : k === `${db}/${store}`) n += c;
      return n;
    },
    reset: () => counts.clear(),
    stop: () => {
      proto.put = put;
    },
  };
}
