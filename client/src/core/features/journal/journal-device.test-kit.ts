/**
 * One of a member's devices syncing a personal document through the in-memory relay: a real Automerge
 * document in automerge-repo, the engine's DocSync, the journal's channel (the product's personal
 * document: one member's devices, no log), and a disk the app can be closed on and reopened from.
 */
import * as A from "@automerge/automerge";
import { Repo, type AutomergeUrl, type DocHandle } from "@automerge/automerge-repo";
import { DeviceId, deriveIdentity, type GroupId } from "@porch/shared";
import { JournalChannel } from "./journal-channel.ts";
import { journalKeys } from "./journal-keys.ts";
import { DocSync, type SnapshotPolicy } from "../../engine/doc-sync.ts";
import type { InMemoryConnection, InMemoryRelay } from "../../engine/in-memory-relay.test-kit.ts";
import { MemoryStorage } from "../../engine/memory-storage.test-kit.ts";
import { FRESH_SYNC_RECORD, type SyncRecord } from "../../engine/sync-record.ts";

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
  readonly channel: JournalChannel<Notes>;
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
  /** The engine's snapshot policy (a group's when absent, so the stories count envelopes simply). */
  readonly snapshotPolicy?: SnapshotPolicy;
}

export async function openPersonalDevice(
  relay: InMemoryRelay,
  seed: Uint8Array,
  options: OpenOptions = {},
): Promise<PersonalDevice> {
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

  const keys = journalKeys(deriveIdentity(seed), deviceId);
  const connection = relay.connect(keys.writer, keys.deviceId, {
    onLive: ({ seq, bytes }) => void sync.onEnvelope({ seq, bytes }),
    onReady: () => void sync.onReady(),
  });
  if (options.offline === true) connection.goOffline();
  const channel = new JournalChannel<Notes>({ keys, handle, connection });
  const sync: DocSync<Notes, SyncRecord> = new DocSync(
    {
      writer: keys.writer,
      deviceId: keys.deviceId,
      handle,
      channel,
      connection,
      persist: async (record) => {
        persisted = record;
        writes.push(record);
      },
      flushDoc: () => repo.flush([handle.documentId]),
      onChange: changed,
      ...(options.snapshotPolicy ? { snapshotPolicy: options.snapshotPolicy } : {}),
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

/** The id the relay holds a member's personal document under (their journal id). */
export function personalDocId(seed: Uint8Array): GroupId {
  return journalKeys(deriveIdentity(seed), DeviceId.random()).journalId;
}
