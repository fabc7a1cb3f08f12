/** A device's document storage in memory, for automerge-repo; `copy()` is the disk as a closed app left it. */
import type { Chunk, StorageAdapterInterface, StorageKey } from "@automerge/automerge-repo";

const SEP = "\u0000";

export class MemoryStorage implements StorageAdapterInterface {
  constructor(private readonly data = new Map<string, Uint8Array>()) {}

  /** What is stored now, apart from this storage: whatever the running app writes later does not reach it. */
  copy(): MemoryStorage {
    return new MemoryStorage(new Map(this.data));
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    return this.data.get(key.join(SEP));
  }
  async save(key: StorageKey, bytes: Uint8Array): Promise<void> {
    this.data.set(key.join(SEP), bytes);
  }
  async remove(key: StorageKey): Promise<void> {
    this.data.delete(key.join(SEP));
  }
  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const p = prefix.join(SEP);
    return [...this.data]
      .filter(([k]) => k === p || k.startsWith(p + SEP))
      .map(([k, data]) => ({ key: k.split(SEP), data }));
  }
  async removeRange(prefix: StorageKey): Promise<void> {
    for (const { key } of await this.loadRange(prefix)) this.data.delete(key.join(SEP));
  }
}
