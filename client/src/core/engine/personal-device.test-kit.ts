/**
 * One of a member's devices syncing a personal document through the in-memory relay: a real Automerge
 * document in automerge-repo, the engine's DocSync, the personal channel, and a disk the app can be
 * closed on and reopened from.
 */
import * as A from "@automerge/automerge";
import { Repo, type AutomergeUrl, type DocHandle } from "@automerge/automerge-repo";
import { DeviceId } from "@porch/shared";
import { DocSync } from "./doc-sync.ts";
import type { InMemoryConnection, InMemoryRelay } from "./in-memory-relay.test-kit.ts";
import { MemoryStorage } from "./memory-storage.test-kit.ts";
import { PersonalChannel, personalKeys } from "./personal-channel.test-kit.ts";
import { FRESH_SYNC_RECORD, type SyncRecord } from "./sync-record.ts";

/** The personal document of the stories: a member's notes. */
export interface Notes {
  notes?: string[];
}

/** What a device keeps across a closed app: the document's storage and the engine's persisted record. */
export interface DeviceDisk {
  readonly deviceId: DeviceId;
  readonly storage: MemoryStorage;
  readonly url: AutomergeUrl;
  readonly record: SyncRecord;
}

export interface PersonalDevice {
  readonly sync: DocSync<Notes, SyncRecord>;
  readonly channel: PersonalChannel<Notes>;
  readonly connection: InMemoryConnection;
  readonly handle: DocHandle<Notes>;
  /** Every record the engine persisted since this app was opened, in order. */
  readonly writes: readonly SyncRecord[];
  notes(): readonly string[];
  /** Adds a note, as the member would: durable on the device, then sent when possible. */
  write(text: string): Promise<void>;
  /** Resolves once `check` holds, re-checked whenever the engine reports a change. */
  until(check: () => boolean): Promise<void>;
  /** Closes the app at once; the disk as it was at that moment is what a reopened app finds. */
  close(): Promise<DeviceDisk>;
}

export interface OpenOptions {
  /** Reopen an app from what it left on the device. */
  readonly disk?: DeviceDisk;
  /** The engine's record for a fresh device (e.g. a long tail since the last snapshot). */
  readonly record?: SyncRecord;
  /** Start with no network. */
  readonly offline?: boolean;
}

export async function openPersonalDevice(
  relay: InMemoryRelay,
  seed: Uint8Array,
  options: OpenOptions = {},
): Promise<PersonalDevice> {
  const { identity } = personalKeys(seed);
  const deviceId = options.disk?.deviceId ?? DeviceId.random();
  const storage = options.disk?.storage ?? new MemoryStorage();
  const repo = new Repo({ storage, network: [] });
  // A new device's document starts with no change at all, so it has nothing of its own to send.
  const handle =
    options.disk === undefined ? repo.import<Notes>(A.save(A.init())) : await repo.find<Notes>(options.disk.url);
  // The document exists on the device from the start (its edits may still be only in memory).
  if (options.disk === undefined) await repo.flush([handle.documentId]);
  let persisted = options.disk?.record ?? options.record ?? FRESH_SYNC_RECORD;
  const writes: SyncRecord[] = [];
  const watchers = new Set<() => void>();
  const changed = () => [...watchers].forEach((watch) => watch());

  const connection = relay.connect(identity.memberId, deviceId, {
    onLive: ({ seq, bytes }) => void sync.onEnvelope({ seq, bytes }),
    onReady: () => void sync.onReady(),
  });
  if (options.offline === true) connection.goOffline();
  const channel = new PersonalChannel<Notes>({ seed, deviceId, handle, connection });
  const sync: DocSync<Notes, SyncRecord> = new DocSync(
    {
      writer: identity.memberId,
      deviceId,
      handle,
      channel,
      connection,
      persist: async (record) => {
        persisted = record;
        writes.push(record);
      },
      flushDoc: () => repo.flush([handle.documentId]),
      onChange: changed,
    },
    persisted,
  );
  await sync.recover();
  if (connection.ready) await sync.onReady();

  return {
    sync,
    channel,
    connection,
    handle,
    writes,
    notes: () => handle.doc().notes ?? [],
    write: (text) =>
      sync.change((d) => {
        if (d.notes === undefined) d.notes = [];
        d.notes.push(text);
      }),
    until: (check) =>
      new Promise((resolve) => {
        const watch = () => {
          if (!check()) return;
          watchers.delete(watch);
          resolve();
        };
        watchers.add(watch);
        watch();
      }),
    async close() {
      const disk: DeviceDisk = { deviceId, storage: storage.copy(), url: handle.url, record: persisted };
      connection.goOffline();
      await repo.shutdown();
      return disk;
    },
  };
}
