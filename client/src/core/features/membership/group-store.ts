/**
 * The groups on this device: their persisted records, documents (automerge-repo, IndexedDB) and
 * sync engines. Epoch keys are persisted wrapped by the device's non-extractable key.
 */
import type { DocHandle, Repo } from "@automerge/automerge-repo";
import { GroupId, decodeCbor, encodeCbor, err, ok, type DeviceId, type Identity, type Result } from "@porch/shared";
import type { GroupDoc } from "../../doc/schema.ts";
import { GroupKeys } from "./group-keys.ts";
import type { GroupRecord } from "./group-record.ts";
import { DocSync } from "../../engine/doc-sync.ts";
import { FRESH_SYNC_RECORD } from "../../engine/sync-record.ts";
import { GroupChannel } from "./group-channel.ts";
import { unwrapSecret, wrapSecret, type LocalDb } from "../../store/local-db.ts";
import { openDocHandle } from "../../store/open-doc-handle.ts";
import type { RelayConnection } from "../../engine/relay-connection.ts";

/** A group open on this device. */
export interface OpenGroup {
  readonly groupId: GroupId;
  readonly handle: DocHandle<GroupDoc>;
  readonly keys: GroupKeys;
  readonly sync: DocSync<GroupDoc, GroupRecord>;
  /** Log entries from `fromIndex`: live from the relay, or one this device appended. In order with the sync. */
  applyEntries(fromIndex: number, entries: readonly Uint8Array[]): Promise<void>;
  /** Who wrote with which Automerge actor (actor → member): views ignore records written under another's actor. */
  authors(): Readonly<Record<string, string>>;
  /** The current members and their roles, as the log says. */
  roster(): GroupKeys["state"]["members"];
  /** True until this member's display name is in the group document. */
  needsProfileWrite(): boolean;
}

/** Every group on this device. */
export class GroupStore {
  private readonly open = new Map<GroupId, OpenGroup>();
  private readonly wrapped = new Map<GroupId, Uint8Array>();
  /** How many keys each group's stored wrapped keys hold. */
  private readonly wrappedCount = new Map<GroupId, number>();

  constructor(
    private readonly db: LocalDb,
    private readonly key: CryptoKey,
    private readonly repo: Repo,
    private readonly identity: Identity,
    private readonly deviceId: DeviceId,
    private readonly connection: RelayConnection,
    private readonly onChange: () => void,
  ) {}

  get(groupId: GroupId | null): OpenGroup | undefined {
    return groupId === null ? undefined : this.open.get(groupId);
  }
  all(): OpenGroup[] {
    return [...this.open.values()];
  }

  /** Opens every stored group (called once at start-up). */
  async openAll(): Promise<void> {
    for (const record of await this.db.getAll("groups")) {
      const groupId = GroupId.parse(record.groupId);
      if (groupId === null) continue;
      const keys = new Map<number, Uint8Array>(
        decodeCbor(await unwrapSecret(this.key, record.wrappedKeys)) as [number, Uint8Array][],
      );
      this.wrapped.set(groupId, record.wrappedKeys);
      this.wrappedCount.set(groupId, keys.size);
      const opened = await this.openGroup(groupId, record, keys);
      if (opened.ok) await opened.value.sync.recover();
    }
  }

  /** Stores and opens a group this member just created or joined. */
  async add(
    groupId: GroupId,
    log: readonly Uint8Array[],
    keys: Map<number, Uint8Array>,
    joined: boolean,
    checkpoint: Uint8Array | null = null,
  ): Promise<Result<OpenGroup>> {
    const record: GroupRecord = {
      groupId,
      log,
      checkpoint,
      wrappedKeys: await this.wrapKeys(groupId, keys),
      ...FRESH_SYNC_RECORD,
      needsProfileWrite: joined,
    };
    await this.db.put("groups", record);
    return this.openGroup(groupId, record, keys);
  }

  /** Notes that this member's display name is now in the group document. */
  markProfileWritten(group: OpenGroup): Promise<void> {
    return group.sync.patch({ needsProfileWrite: false });
  }

  private async openGroup(
    groupId: GroupId,
    record: GroupRecord,
    keyMap: Map<number, Uint8Array>,
  ): Promise<Result<OpenGroup>> {
    const keys = GroupKeys.fromLog(groupId, this.identity, record.log, keyMap, record.checkpoint ?? null);
    if (!keys.ok) return err(keys.code, keys.detail);
    const handle = await openDocHandle<GroupDoc>(this.repo, GroupId.toBytes(groupId));
    const channel = new GroupChannel({
      groupId,
      identity: this.identity,
      deviceId: this.deviceId,
      handle,
      keys: keys.value,
      connection: this.connection,
    });
    const sync = new DocSync<GroupDoc, GroupRecord>(
      {
        writer: this.identity.memberId,
        deviceId: this.deviceId,
        handle,
        channel,
        connection: this.connection,
        persist: async (next) => {
          // Keys only ever grow (a rotation, a previous key unlocked): re-wrap them when there are more.
          const held = keys.value.keys;
          const wrappedKeys =
            this.wrappedCount.get(groupId) === held.size
              ? (this.wrapped.get(groupId) ?? next.wrappedKeys)
              : await this.wrapKeys(groupId, held);
          await this.db.put("groups", { ...next, wrappedKeys });
        },
        flushDoc: () => this.repo.flush([handle.documentId]),
        onChange: this.onChange,
      },
      record,
    );
    const group: OpenGroup = {
      groupId,
      handle,
      keys: keys.value,
      sync,
      applyEntries: async (fromIndex, entries) => {
        await sync.exclusive((access) => channel.applyLog(access, fromIndex, entries));
        void sync.flush();
      },
      authors: () => sync.actors,
      roster: () => keys.value.state.members,
      needsProfileWrite: () => sync.current.needsProfileWrite,
    };
    this.open.set(groupId, group);
    this.onChange();
    return ok(group);
  }

  private async wrapKeys(groupId: GroupId, keys: ReadonlyMap<number, Uint8Array>): Promise<Uint8Array> {
    const wrapped = await wrapSecret(this.key, encodeCbor([...keys]));
    this.wrapped.set(groupId, wrapped);
    this.wrappedCount.set(groupId, keys.size);
    return wrapped;
  }
}
