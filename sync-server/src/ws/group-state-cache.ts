/**
 * The replayed membership state of each group, so a publish does not replay the whole log.
 * A cached state is extended with the log's tail (entries after `state.length`), which is the same
 * as keying it by head hash but never replays what was already checked.
 */
import { applyEntry, assert, toBase64Url, type GroupState } from "@porch/shared";
import type { RelayStorage, StoredEntry } from "../storage/relay-storage.ts";

export class GroupStateCache {
  private readonly states = new Map<string, GroupState>();

  /** The cached state if any, else the replayed log; `null` when the group does not exist. */
  async get(storage: RelayStorage, groupId: Uint8Array): Promise<GroupState | null> {
    return this.states.get(toBase64Url(groupId)) ?? this.refresh(storage, groupId);
  }

  /**
   * The state at the stored head, reading only the entries the cache has not seen. Used before
   * appending (compare-and-set needs the true head) and when another relay may have appended.
   */
  async refresh(storage: RelayStorage, groupId: Uint8Array): Promise<GroupState | null> {
    return (await this.advance(storage, groupId)).state;
  }

  /** `refresh`, also returning the entries it read (the fan-out sends them to subscribed sockets). */
  async advance(
    storage: RelayStorage,
    groupId: Uint8Array,
  ): Promise<{ readonly state: GroupState | null; readonly tail: readonly StoredEntry[] }> {
    const key = toBase64Url(groupId);
    let state = this.states.get(key) ?? null;
    const tail = await storage.readLog(groupId, state?.length ?? 0);
    for (const stored of tail) {
      // Stored entries passed every rule (with the clock) when appended; replay without `now`.
      const applied = applyEntry(state, stored.bytes);
      assert(applied.ok, `stored log of a group fails validation at index ${stored.index}`);
      state = applied.value.state;
    }
    if (state !== null) this.remember(state);
    return { state: this.states.get(key) ?? state, tail };
  }

  /** The cached state, without reading anything. */
  peek(groupId: Uint8Array): GroupState | null {
    return this.states.get(toBase64Url(groupId)) ?? null;
  }

  /** Records a state after an append; never moves a group's cached state backwards. */
  remember(state: GroupState): void {
    const key = state.groupId;
    const cached = this.states.get(key);
    if (cached === undefined || cached.length < state.length) this.states.set(key, state);
  }

  /** Drops a group (another relay appended, or storage was rolled back in a test). */
  forget(groupId: Uint8Array): void {
    this.states.delete(toBase64Url(groupId));
  }
}
