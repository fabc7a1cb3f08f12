/**
 * The member's journal on this device: its Automerge document (automerge-repo, IndexedDB; its id is
 * the journal id's 16 bytes), the engine's record (IndexedDB `meta` → "journal"), the sync engine with
 * the journal's channel, and a relay connection of its own, authenticated with the journal signing key
 * — never on the member's group socket, so the relay is not told whose journal it is.
 */
import type { DocHandle, Repo } from "@automerge/automerge-repo";
import { err, GroupId, ok, type DeviceId, type Identity, type Result } from "@porch/shared";
import { DocSync, type SnapshotPolicy } from "../../engine/doc-sync.ts";
import { RelayConnection } from "../../engine/relay-connection.ts";
import { FRESH_SYNC_RECORD, type SyncRecord } from "../../engine/sync-record.ts";
import type { LocalDb } from "../../store/local-db.ts";
import { openDocHandle } from "../../store/open-doc-handle.ts";
import { JournalChannel } from "./journal-channel.ts";
import { journalKeys, type JournalKeys } from "./journal-keys.ts";

const RECORD_KEY = "journal";

/**
 * The journal's snapshot policy: one large change a month, so a group's "at least 50 updates" would
 * leave four years of updates for a new device to download (3.0× a plain `A.save()` after ten years,
 * bench/README.md "Journal"). A snapshot whenever the tail reaches 5% of the last one keeps a new
 * device's download within ~1.05× of `A.save()`, for about one snapshot upload a month.
 */
export const JOURNAL_SNAPSHOT_POLICY: SnapshotPolicy = { tailShare: 0.05, minTail: 1, maxTail: 300 };
/** Set after this device deleted the journal: it does not ask the relay for one until the member writes again. */
const DORMANT_KEY = "journal-dormant";

export interface JournalStoreDeps {
  readonly db: LocalDb;
  readonly repo: Repo;
  readonly identity: Identity;
  readonly deviceId: DeviceId;
  readonly relayUrl: string;
  readonly WebSocketImpl?: typeof WebSocket;
  readonly onChange: () => void;
}

/** The journal open on this device. */
export class JournalStore<D> {
  readonly keys: JournalKeys;
  readonly connection: RelayConnection;
  private opened: { readonly handle: DocHandle<D>; readonly sync: DocSync<D, SyncRecord> } | null = null;
  /**
   * True after a deletion on this device: subscribing would claim the journal's id on the relay again
   * (an empty row under the same id), so nothing is asked of the relay until the member writes again.
   */
  private dormant = false;
  /** Callers waiting for the journal's socket to be authenticated (`whenReady`). */
  private readonly readyWaiters: (() => void)[] = [];

  constructor(private readonly deps: JournalStoreDeps) {
    this.keys = journalKeys(deps.identity, deps.deviceId);
    this.connection = new RelayConnection({
      url: deps.relayUrl,
      identity: { memberId: this.keys.writer, signing: this.keys.signing },
      deviceId: this.keys.deviceId,
      ...(deps.WebSocketImpl ? { WebSocketImpl: deps.WebSocketImpl } : {}),
      onLive: (frame) => {
        if (frame.type === "envelope" && this.opened !== null) void this.opened.sync.onEnvelope(frame);
      },
      onState: () => deps.onChange(),
      onReady: () => {
        if (!this.dormant) void this.opened?.sync.onReady();
        for (const resolve of this.readyWaiters.splice(0)) resolve();
      },
    });
  }

  /** The document and its engine (after `open`). */
  get handle(): DocHandle<D> | null {
    return this.opened?.handle ?? null;
  }
  get sync(): DocSync<D, SyncRecord> | null {
    return this.opened?.sync ?? null;
  }

  /** Opens the stored journal, or an empty one the relay (or the first entry) fills. */
  async open(): Promise<void> {
    const marker = await this.deps.db.get("meta", DORMANT_KEY);
    this.dormant = typeof marker === "object" && marker !== null && "dormant" in marker;
    const stored = await this.deps.db.get("meta", RECORD_KEY);
    const record = isSyncRecord(stored) ? stored : FRESH_SYNC_RECORD;
    const handle = await openDocHandle<D>(this.deps.repo, GroupId.toBytes(this.keys.journalId));
    const sync = new DocSync<D, SyncRecord>(
      {
        writer: this.keys.writer,
        deviceId: this.keys.deviceId,
        handle,
        channel: new JournalChannel({ keys: this.keys, handle, connection: this.connection }),
        connection: this.connection,
        persist: async (next) => {
          await this.deps.db.put("meta", next, RECORD_KEY);
        },
        flushDoc: () => this.deps.repo.flush([handle.documentId]),
        onChange: this.deps.onChange,
        snapshotPolicy: JOURNAL_SNAPSHOT_POLICY,
      },
      record,
    );
    this.opened = { handle, sync };
    await sync.recover();
    if (this.connection.ready && !this.dormant) void sync.onReady();
  }

  /** Resolves true once the journal's socket is authenticated (reconnecting at once if it was waiting), false after `timeoutMs`. */
  private whenReady(timeoutMs: number): Promise<boolean> {
    if (this.connection.ready) return Promise.resolve(true);
    this.connection.nudge();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const i = this.readyWaiters.indexOf(done);
        if (i >= 0) this.readyWaiters.splice(i, 1);
        resolve(false);
      }, timeoutMs);
      this.readyWaiters.push(done);
    });
  }

  /** The member writes to a journal deleted on this device: it syncs again (a new journal on the relay). */
  async wake(): Promise<void> {
    if (!this.dormant) return;
    this.dormant = false;
    await this.deps.db.delete("meta", DORMANT_KEY);
    if (this.connection.ready) void this.opened?.sync.onReady();
  }

  /**
   * Deletes the journal from the relay (the relay confirms), then from this device, and opens a new,
   * empty one. Offline, or if the relay refuses, nothing is deleted anywhere.
   */
  async delete(): Promise<Result<true>> {
    // The member asked now: a socket that is reconnecting (after a relay restart, say) is given a moment.
    if (!(await this.whenReady(10_000))) return err("offline");
    const answer = await this.connection.request({
      v: 1,
      type: "journal-delete",
      journalId: GroupId.toBytes(this.keys.journalId),
    });
    if (!answer.ok) return answer;
    const handle = this.opened?.handle;
    this.opened = null;
    if (handle !== undefined) this.deps.repo.delete(handle.documentId);
    await this.deps.db.delete("meta", RECORD_KEY);
    await this.deps.db.put("meta", { dormant: true }, DORMANT_KEY);
    await this.open();
    this.deps.onChange();
    return ok(true);
  }
}

function isSyncRecord(value: unknown): value is SyncRecord {
  return typeof value === "object" && value !== null && "outbox" in value && "cursor" in value;
}
