/**
 * The groups on this device: their persisted records, documents (automerge-repo, IndexedDB) and
 * sync engines. Epoch keys are persisted wrapped by the device's non-extractable key.
 */
import * as A from "@automerge/automerge";
import { stringifyAutomergeUrl, type DocHandle, type Repo } from "@automerge/automerge-repo";
import { GroupId, decodeCbor, encodeCbor, err, ok, type DeviceId, type Identity, type Result } from "@porch/shared";
import type { GroupDoc } from "./group-doc.ts";
import { GroupKeys } from "./group-keys.ts";
import type { GroupRecord } from "./group-record.ts";
import { GroupSync } from "./group-sync.ts";
import { unwrapSecret, wrapSecret, type LocalDb } from "./local-db.ts";
import type { RelayConnection } from "./relay-connection.ts";

/** A group open on this device. */
export interface OpenGroup {
  readonly groupId: GroupId;
  readonly handle: DocHandle<GroupDoc>;
  readonly keys: GroupKeys;
  readonly sync: GroupSync;
}

/** The group's document handle: its Automerge id is the group id's 16 bytes. */
async function openHandle(repo: Repo, groupId: GroupId): Promise<DocHandle<GroupDoc>> {
  const url = stringifyAutomergeUrl({ documentId: GroupId.toBytes(groupId) as never });
  try {
    return await repo.find<GroupDoc>(url);
  } catch (error) {
    // Only "not stored" may start an empty document. Any other failure (storage refusing to read, a
    // quota error) goes up to the member: an empty document here would later be saved over the real one.
    if (!(error instanceof Error && error.message === `Document ${url} is unavailable`)) throw error;
    // Not stored yet (a new group, a join, or storage that was evicted): start empty and let sync fill it.
    // The failed find left the handle "unavailable"; importing and marking it loaded makes it ready.
    const handle = repo.import<GroupDoc>(A.save(A.init()), { docId: url.slice("automerge:".length) as never });
    if (!handle.isReady()) handle.doneLoading();
    return handle;
  }
}

/** Every group on this device. */
export class GroupStore {
  private readonly open = new Map<GroupId, OpenGroup>();
  private readonly wrapped = new Map<GroupId, Uint8Array>();

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
      const keys = new Map<number, Uint8Array>(decodeCbor(await unwrapSecret(this.key, record.wrappedKeys)) as [number, Uint8Array][]);
      this.wrapped.set(groupId, record.wrappedKeys);
      const opened = await this.openGroup(groupId, record, keys);
      if (opened.ok) await opened.value.sync.recover();
    }
  }

  /** Stores and opens a group this member just created or joined. */
  async add(groupId: GroupId, log: readonly Uint8Array[], keys: Map<number, Uint8Array>, joined: boolean): Promise<Result<OpenGroup>> {
    const record: GroupRecord = {
      groupId,
      log,
      wrappedKeys: await this.wrapKeys(groupId, keys),
      queuedHeads: [],
      outbox: [],
      cursor: 0,
      nextCounter: 1,
      counters: {},
      actors: {},
      tailCount: 0,
      tailBytes: 0,
      snapshotBytes: 0,
      needsProfileWrite: joined,
    };
    await this.db.put("groups", record);
    return this.openGroup(groupId, record, keys);
  }

  /** Notes that this member's display name is now in the group document. */
  markProfileWritten(group: OpenGroup): Promise<void> {
    return group.sync.patch({ needsProfileWrite: false });
  }

  private async openGroup(groupId: GroupId, record: GroupRecord, keyMap: Map<number, Uint8Array>): Promise<Result<OpenGroup>> {
    const keys = GroupKeys.fromLog(groupId, this.identity, record.log, keyMap);
    if (!keys.ok) return err(keys.code, keys.detail);
    const handle = await openHandle(this.repo, groupId);
    const sync = new GroupSync(
      {
        groupId,
        identity: this.identity,
        deviceId: this.deviceId,
        handle,
        keys: keys.value,
        connection: this.connection,
        persist: async (next, keysChanged) => {
          const wrappedKeys = keysChanged ? await this.wrapKeys(groupId, keys.value.keys) : (this.wrapped.get(groupId) ?? next.wrappedKeys);
          await this.db.put("groups", { ...next, wrappedKeys });
        },
        flushDoc: () => this.repo.flush([handle.documentId]),
        onChange: this.onChange,
      },
      record,
    );
    const group: OpenGroup = { groupId, handle, keys: keys.value, sync };
    this.open.set(groupId, group);
    this.onChange();
    return ok(group);
  }

  private async wrapKeys(groupId: GroupId, keys: ReadonlyMap<number, Uint8Array>): Promise<Uint8Array> {
    const wrapped = await wrapSecret(this.key, encodeCbor([...keys]));
    this.wrapped.set(groupId, wrapped);
    return wrapped;
  }
}
