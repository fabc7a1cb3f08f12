/**
 * Porch's core behind the `PorchApi` boundary: the device identity, its groups, and one sealed sync
 * engine per group over one relay connection. No UI code here.
 */
import { Repo } from "@automerge/automerge-repo";
import { IndexedDBStorageAdapter } from "@automerge/automerge-repo-storage-indexeddb";
import {
  DeviceId,
  GroupId,
  deriveIdentity,
  err,
  ok,
  randomBytes,
  readySodium,
  seedToPhrase,
  type ErrorCode,
  type Identity,
  type Result,
} from "@porch/shared";
import type { CoreContext, CoreParts } from "./core-context.ts";
import { groupName, initGroupDoc, isInitialised, membersOf, putMember } from "./doc/group-doc.ts";
import { GroupLifeService } from "./features/life/group-life-service.ts";
import { NewsService } from "./features/news/news-service.ts";
import { JournalService } from "./features/journal/journal-service.ts";
import { JournalStore } from "./features/journal/journal-store.ts";
import { CohortsService } from "./features/cohorts/cohorts-service.ts";
import type { JournalDoc } from "./doc/journal/journal-schema.ts";
import { DeviceService } from "./features/devices/device-service.ts";
import { MembershipService } from "./features/membership/membership-service.ts";
import { createGroupOnRelay, joinOnRelay } from "./features/membership/group-flows.ts";
import { parseInviteFragment } from "./features/membership/invite-link.ts";
import { lookupInvite, previewOf, previewWithoutAccount } from "./features/membership/invite-lookup.ts";
import { renameInGroups } from "./features/profile/rename-member.ts";
import {
  loadDevice,
  openLocalDb,
  saveDevice,
  unwrapSecret,
  wrapSecret,
  wrappingKey,
  type DeviceRecord,
  type LocalDb,
} from "./store/local-db.ts";
import { GroupStore, type OpenGroup } from "./features/membership/group-store.ts";
import type { GroupSummary, GroupView, InvitePreview, Lang, PorchApi, Profile, SyncState } from "./api/porch-api.ts";
import { RelayConnection, type ConnectionState } from "./engine/relay-connection.ts";
import { cleanName, LIFE_LIMITS } from "./api/validate.ts";

/** Where and how to run; the defaults are the browser's. */
export interface PorchOptions {
  /** WebSocket URL of the relay; default: `/api/sync` on this page's host. */
  readonly relayUrl?: string;
  /** Origin used in invitation links; default: `location.origin`. */
  readonly origin?: string;
  readonly dbName?: string;
  readonly WebSocketImpl?: typeof WebSocket;
  /** Whether the network is up; default `navigator.onLine` (the core's worker is told by its page). */
  readonly isOnline?: () => boolean;
}

/** Opens Porch on this device. */
export async function createPorch(options: PorchOptions = {}): Promise<PorchApi> {
  await readySodium();
  const dbName = options.dbName ?? "porch";
  const db = await openLocalDb(dbName);
  const key = await wrappingKey(db);
  const device = await loadDevice(db);
  const repo = new Repo({ storage: new IndexedDBStorageAdapter(`${dbName}-docs`), network: [] });
  const core = new PorchCore(db, key, repo, options);
  await core.devices.load();
  if (device !== null) await core.start(device, await unwrapSecret(key, device.wrappedSeed));
  return core;
}

class PorchCore implements PorchApi {
  readonly life: GroupLifeService;
  readonly membership: MembershipService;
  readonly news: NewsService;
  readonly devices: DeviceService;
  readonly journal: JournalService;
  readonly cohorts: CohortsService;
  private journalStore: JournalStore<JournalDoc> | null = null;
  private device: DeviceRecord | null = null;
  private identity: Identity | null = null;
  private connection: RelayConnection | null = null;
  private connectionState: ConnectionState = "offline";
  /**
   * Why the relay last refused this device's socket (`device-taken`, `too-many-connections`,
   * `hello-timeout`, …), shown as the sync problem until a connection is accepted again.
   */
  private refused: ErrorCode | null = null;
  private store: GroupStore | null = null;
  private readonly listeners = new Set<() => void>();
  private readyWaiters: (() => void)[] = [];

  constructor(
    private readonly db: LocalDb,
    private readonly key: CryptoKey,
    private readonly repo: Repo,
    private readonly options: PorchOptions,
  ) {
    const ctx: CoreContext = {
      db,
      need: () => this.need(),
      parts: () =>
        this.identity && this.store && this.device && this.connection
          ? { identity: this.identity, store: this.store, device: this.device, connection: this.connection }
          : null,
      whenOnline: (timeoutMs) => this.whenOnline(timeoutMs),
      notify: () => this.notify(),
    };
    this.life = new GroupLifeService(ctx);
    this.devices = new DeviceService({
      db,
      relayUrl: this.relayUrl(),
      origin: this.origin(),
      ...(options.WebSocketImpl ? { WebSocketImpl: options.WebSocketImpl } : {}),
      parts: ctx.parts,
      whenOnline: ctx.whenOnline,
      notify: ctx.notify,
      seed: () => unwrapSecret(this.key, this.need().device.wrappedSeed),
      adopt: (seed, displayName, lang) => this.adopt(seed, displayName, lang).then(() => undefined),
    });
    this.membership = new MembershipService(ctx, this.devices, () => this.origin());
    this.news = new NewsService(ctx, this.life, this.membership);
    this.journal = new JournalService({
      store: () => this.journalStore,
      locale: () => (this.device?.lang === "es" ? "es-US" : "en-US"),
      life: this.life,
      groupIds: () => this.groups().map((g) => g.groupId),
      me: () => this.identity?.memberId ?? null,
      onWrite: () => this.cohorts.onJournalChanged(),
    });
    this.cohorts = new CohortsService({
      db,
      key,
      journal: this.journal,
      whenOnline: ctx.whenOnline,
      notify: ctx.notify,
    });
  }

  private relayUrl(): string {
    return this.options.relayUrl ?? `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/sync`;
  }
  private origin(): string {
    return this.options.origin ?? location.origin;
  }

  /** Unlocks the identity, opens every stored group and connects. */
  async start(device: DeviceRecord, seed: Uint8Array): Promise<void> {
    this.device = device;
    const identity = deriveIdentity(seed);
    this.identity = identity;
    const deviceId = DeviceId.parse(device.deviceId)!;
    const connection = new RelayConnection({
      url: this.relayUrl(),
      identity,
      deviceId,
      ...(this.options.WebSocketImpl ? { WebSocketImpl: this.options.WebSocketImpl } : {}),
      onLive: (frame) => {
        const group = this.store?.get(GroupId.fromBytes(frame.groupId));
        if (group === undefined) return;
        if (frame.type === "entry") void group.applyEntries(frame.index, [frame.bytes]);
        else void group.sync.onEnvelope(frame);
      },
      onPush: (frame) => {
        if (frame.type === "agg-changed") this.cohorts.onPush(frame);
        else this.devices.onPush(frame);
      },
      onState: (state, fatal) => {
        this.connectionState = state;
        if (fatal !== undefined) this.refused = fatal;
        else if (state === "online") this.refused = null;
        this.notify();
      },
      onReady: () => {
        for (const g of this.store?.all() ?? []) void g.sync.onReady().then(() => this.writeProfileIfNeeded(g));
        void this.devices.onReady();
        this.cohorts.onReady();
        for (const resolve of this.readyWaiters.splice(0)) resolve();
      },
    });
    this.connection = connection;
    this.store = new GroupStore(this.db, this.key, this.repo, identity, deviceId, connection, () => this.notify());
    await this.news.load();
    await this.store.openAll();
    // The journal has a socket of its own, authenticated with the journal's key (journal-store.ts).
    const journal = new JournalStore<JournalDoc>({
      db: this.db,
      repo: this.repo,
      identity,
      deviceId,
      relayUrl: this.relayUrl(),
      ...(this.options.WebSocketImpl ? { WebSocketImpl: this.options.WebSocketImpl } : {}),
      onChange: () => this.notify(),
    });
    this.journalStore = journal;
    await journal.open();
    await this.cohorts.start(connection, identity);
    // A page or the core's worker (both have online/offline events); Node devices have neither.
    const scope = globalThis as { addEventListener?: (type: string, listener: () => void) => void };
    if (typeof scope.addEventListener === "function") {
      scope.addEventListener("online", () => {
        connection.start();
        journal.connection.start();
      });
      scope.addEventListener("offline", () => {
        connection.stop();
        journal.connection.stop();
        // The socket may have closed already (no state change left to report): "offline" is news anyway.
        this.notify();
      });
      if (!this.networkUp()) return this.notify();
    }
    connection.start();
    journal.connection.start();
    this.notify();
  }

  profile(): Profile | null {
    const d = this.device;
    const id = this.identity;
    return d === null || id === null
      ? null
      : {
          memberId: id.memberId,
          deviceId: DeviceId.parse(d.deviceId)!,
          displayName: d.displayName,
          lang: d.lang,
          deviceAddedAt: d.createdAt,
        };
  }

  async createProfile(displayName: string, lang: Lang): Promise<Result<{ recoveryPhrase: string }>> {
    const name = cleanName(displayName, LIFE_LIMITS.displayName);
    if (name === null) return err("bad-entry", "display name length");
    if (this.device !== null) return err("bad-entry", "this device already has a profile");
    const seed = randomBytes(32);
    await this.adopt(seed, name, lang, lang);
    void this.devices.announceFirstDevice();
    return ok({ recoveryPhrase: seedToPhrase(seed, lang) });
  }

  /** Stores a new device record (fresh deviceId) for the member with this seed, and starts. */
  private async adopt(seed: Uint8Array, displayName: string, lang: Lang, phraseLang?: Lang): Promise<DeviceRecord> {
    const record: DeviceRecord = {
      deviceId: DeviceId.random(),
      displayName,
      lang,
      wrappedSeed: await wrapSecret(this.key, seed),
      createdAt: Date.now(),
      ...(phraseLang ? { phraseLang } : {}),
    };
    await saveDevice(this.db, record);
    await this.start(record, seed);
    return record;
  }

  async setLanguage(lang: Lang): Promise<void> {
    if (this.device === null) return;
    this.device = { ...this.device, lang };
    await saveDevice(this.db, this.device);
    this.notify();
  }

  async setDisplayName(displayName: string): Promise<Result<void>> {
    const name = cleanName(displayName, LIFE_LIMITS.displayName);
    if (name === null) return err("bad-entry", "display name length");
    const { identity, store, device } = this.need();
    this.device = { ...device, displayName: name };
    await saveDevice(this.db, this.device);
    this.notify();
    await renameInGroups(store.all(), identity.memberId, name);
    return ok(undefined);
  }

  async recoveryPhrase(): Promise<Result<string>> {
    const { device } = this.need();
    return ok(seedToPhrase(await unwrapSecret(this.key, device.wrappedSeed), device.phraseLang ?? device.lang));
  }

  async previewInvite(fragment: string): Promise<Result<InvitePreview>> {
    const parsed = parseInviteFragment(fragment);
    if (parsed === null) return err("invite-not-found");
    if (!this.networkUp()) return err("offline");
    const now = Date.now();
    const connection = this.connection;
    if (connection === null) {
      const transport = {
        url: this.relayUrl(),
        ...(this.options.WebSocketImpl ? { WebSocketImpl: this.options.WebSocketImpl } : {}),
      };
      return previewWithoutAccount(transport, parsed.groupId, parsed.secret, now);
    }
    if (!(await this.whenOnline())) return err("offline");
    const found = await lookupInvite(connection, parsed.groupId, parsed.secret, now);
    return found.ok ? ok(previewOf(found.value, parsed.groupId, parsed.secret)) : found;
  }

  groups(): readonly GroupSummary[] {
    return (this.store?.all() ?? []).map((g) => ({ groupId: g.groupId, name: groupName(g.handle.doc()) }));
  }

  async createGroup(name: string): Promise<Result<GroupId>> {
    const clean = cleanName(name, LIFE_LIMITS.groupName);
    if (clean === null) return err("bad-entry", "group name length");
    const { identity, store, device } = this.need();
    if (!(await this.whenOnline())) return err("offline");
    const created = await createGroupOnRelay(this.connection!, identity, Date.now());
    if (!created.ok) return created;
    const group = await store.add(created.value.groupId, created.value.log, new Map([[0, created.value.key]]), false);
    if (!group.ok) return group;
    await group.value.sync.change((d) => initGroupDoc(d, clean, identity.memberId, device.displayName, Date.now()));
    void group.value.sync.onReady();
    return ok(created.value.groupId);
  }

  createInviteLink(groupId: GroupId): Promise<Result<string>> {
    return this.membership.createInvite(groupId);
  }

  async joinWithInvite(fragment: string): Promise<Result<GroupId>> {
    const parsed = parseInviteFragment(fragment);
    if (parsed === null) return err("invite-not-found");
    const { identity, store } = this.need();
    if (store.get(parsed.groupId) !== undefined) return ok(parsed.groupId);
    if (!(await this.whenOnline())) return err("offline");
    const joined = await joinOnRelay(this.connection!, identity, parsed.groupId, parsed.secret, Date.now());
    if (!joined.ok) return joined;
    const group = await store.add(
      parsed.groupId,
      joined.value.log,
      new Map([[joined.value.epoch, joined.value.key]]),
      true,
      joined.value.checkpoint,
    );
    if (!group.ok) return group;
    await group.value.sync.onReady();
    // The joiner's name follows in the background: the group is readable now, and a name not yet
    // written is written on the next start (the record keeps `needsProfileWrite` until it is).
    void this.writeProfileIfNeeded(group.value);
    return ok(parsed.groupId);
  }

  group(groupId: GroupId): GroupView | null {
    const g = this.store?.get(groupId);
    if (g === undefined) return null;
    const doc = g.handle.doc();
    return { groupId, name: groupName(doc), members: membersOf(doc, g.roster()), sync: this.syncOf([g.sync]) };
  }

  sync(): SyncState {
    // The header's state covers the journal too: its edits are "saved on this phone" until sent.
    const journal = this.journalStore?.sync;
    return this.syncOf([...(this.store?.all() ?? []).map((g) => g.sync), ...(journal ? [journal] : [])]);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private syncOf(
    all: readonly { readonly removed: boolean; readonly pending: number; readonly error: ErrorCode | null }[],
  ): SyncState {
    // A document this device no longer syncs (a group it left, a journal deleted elsewhere) is not "pending".
    const syncing = all.filter((s) => !s.removed);
    const pending = syncing.reduce((n, s) => n + s.pending, 0);
    const problem = syncing.map((s) => s.error).find((e) => e !== null);
    if (this.connectionState !== "online") {
      if (this.refused !== null) return { kind: "error", code: this.refused, pending };
      // "Offline" only when the network is down; otherwise the socket is on its way (or retrying).
      return this.networkUp() ? { kind: "connecting", pending } : { kind: "offline", pending };
    }
    if (problem !== undefined) return { kind: "error", code: problem, pending };
    return pending > 0 ? { kind: "syncing", pending } : { kind: "synced" };
  }

  /** A joiner writes their display name once the creator's first change has arrived. */
  private async writeProfileIfNeeded(g: OpenGroup): Promise<void> {
    const { identity, device } = this.need();
    if (!g.needsProfileWrite() || !isInitialised(g.handle.doc()) || this.writingProfile.has(g.groupId)) return;
    this.writingProfile.add(g.groupId);
    try {
      await g.sync.change((d) => putMember(d, identity.memberId, device.displayName, Date.now()));
      await this.store!.markProfileWritten(g);
    } finally {
      this.writingProfile.delete(g.groupId);
    }
  }
  /** Groups whose profile write is under way (a join and a reconnect may both ask for it). */
  private readonly writingProfile = new Set<GroupId>();

  private networkUp(): boolean {
    const online = this.options.isOnline ?? (() => typeof navigator === "undefined" || navigator.onLine !== false);
    return online();
  }

  private whenOnline(timeoutMs = 10_000): Promise<boolean> {
    if (this.connection?.ready) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private need(): CoreParts {
    if (this.identity === null || this.store === null || this.device === null || this.connection === null)
      throw new Error("Porch used before onboarding");
    return { identity: this.identity, store: this.store, device: this.device, connection: this.connection };
  }

  private notifyQueued = false;

  /** Tells listeners once per turn, however many saves a single sync step made. */
  private notify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const l of this.listeners) l();
    });
  }
}
