/**
 * This member's devices: linking a second device, recovering from the phrase, bringing back every
 * group the member is in (`my-groups`, then each log from the start: keys come from the lockboxes), and
 * the sealed notices devices leave each other ("a new device was added on …").
 */
import { DeviceId, err, GroupId, ok, phraseToSeed, type LinkPayload, type Result } from "@porch/shared";
import type { CoreParts } from "../../core-context.ts";
import { LinkOwner, makeDeviceLink, parseDeviceLink, receiveLink } from "./device-link.ts";
import { openDeviceNotice, sealDeviceNotice } from "./device-notices.ts";
import { loadNotices, saveNotices, type LocalDb, type NoticeState } from "../../store/local-db.ts";
import type { DeviceLinkOffer, DeviceNotice, RecoverResult } from "../../api/membership-api.ts";
import type { DeviceOps } from "../membership/membership-service.ts";
import type { Lang } from "../../api/porch-api.ts";
import type { PushFrame } from "../../engine/relay-connection.ts";
import { cleanName, LIFE_LIMITS } from "../../api/validate.ts";

/** What the core lends the device operations. */
export interface DeviceDeps {
  readonly db: LocalDb;
  readonly relayUrl: string;
  readonly origin: string;
  readonly WebSocketImpl?: typeof WebSocket;
  parts(): CoreParts | null;
  whenOnline(timeoutMs?: number): Promise<boolean>;
  /** The root seed, unwrapped for the moment it is needed. */
  seed(): Promise<Uint8Array>;
  /** Makes this device (no profile yet) a device of the member with this seed, and starts it. */
  adopt(seed: Uint8Array, displayName: string, lang: Lang): Promise<void>;
  notify(): void;
}

/** Implements the device half of `MembershipApi`. */
export class DeviceService implements DeviceOps {
  private readonly owner: LinkOwner;
  private noticeState: NoticeState | null = null;
  private restoring: Promise<void> | null = null;
  private readonly restoringGroups = new Set<GroupId>();

  constructor(private readonly deps: DeviceDeps) {
    this.owner = new LinkOwner(
      () => deps.parts()?.connection ?? null,
      async (): Promise<LinkPayload> => {
        const { device } = this.need();
        return {
          rootSeed: await deps.seed(),
          displayName: device.displayName.slice(0, LIFE_LIMITS.displayName),
          lang: device.lang,
        };
      },
      () => deps.notify(),
    );
  }

  /** Loads stored notices (once, at start-up). */
  async load(): Promise<void> {
    this.noticeState = await loadNotices(this.deps.db);
  }

  /** After every authentication: bring back groups this member is in elsewhere, and read new notices. */
  async onReady(): Promise<void> {
    await this.restoreGroups();
    await this.fetchNotices();
  }

  /** Relay pushes: a new device answering one of our links. */
  onPush(frame: PushFrame): void {
    if (frame.type === "link-request") void this.owner.onRequest(frame);
  }

  async openDeviceLink(): Promise<Result<DeviceLinkOffer>> {
    this.need();
    if (!(await this.deps.whenOnline())) return err("offline");
    const opened = await this.owner.start(Date.now());
    if (!opened.ok) return opened;
    return ok({ link: makeDeviceLink(this.deps.origin, opened.value.secret), expiresAt: opened.value.expiresAt });
  }

  async linkThisDevice(fragment: string, lang: Lang): Promise<Result<void>> {
    if (this.deps.parts() !== null) return err("bad-entry", "this device already has a profile");
    const secret = parseDeviceLink(fragment);
    if (secret === null) return err("link-not-found");
    const payload = await receiveLink(
      { url: this.deps.relayUrl, ...(this.deps.WebSocketImpl ? { WebSocketImpl: this.deps.WebSocketImpl } : {}) },
      secret,
    );
    if (!payload.ok) return payload;
    await this.arrive(payload.value.rootSeed, payload.value.displayName, payload.value.lang ?? lang);
    return ok(undefined);
  }

  async recover(phrase: string, displayName: string, lang: Lang): Promise<RecoverResult> {
    if (this.deps.parts() !== null) return err("bad-entry", "this device already has a profile");
    const name = cleanName(displayName, LIFE_LIMITS.displayName);
    if (name === null) return err("bad-entry", "display name length");
    const seed = phraseToSeed(phrase);
    if (!seed.ok)
      return seed.phraseError === undefined ? err(seed.code) : { ...err(seed.code), phraseError: seed.phraseError };
    await this.arrive(seed.value, name, lang);
    return ok(undefined);
  }

  notices(): readonly DeviceNotice[] {
    return this.noticeState?.shown ?? [];
  }

  otherDevices(): readonly DeviceNotice[] {
    const own = this.deps.parts()?.device.deviceId;
    return (this.noticeState?.known ?? []).filter((n) => n.deviceId !== own);
  }

  /**
   * The account's first device announces itself too (linked and recovered devices do on arrival), so
   * the member's later devices can list it. If the relay is not reached within 20 s, this device stays
   * off the others' lists (nothing else depends on it).
   */
  async announceFirstDevice(): Promise<void> {
    if (!(await this.deps.whenOnline(20_000))) return;
    await this.announce();
  }

  private async announce(): Promise<void> {
    const { identity, connection, device } = this.need();
    const notice: DeviceNotice = {
      kind: "device-added",
      at: device.createdAt,
      deviceId: DeviceId.parse(device.deviceId)!,
    };
    await connection.request({ v: 1, type: "notice-post", sealed: sealDeviceNotice(identity.box.publicKey, notice) });
  }

  async dismissNotices(): Promise<void> {
    if (this.noticeState === null) return;
    this.noticeState = { ...this.noticeState, shown: [] };
    await saveNotices(this.deps.db, this.noticeState);
    this.deps.notify();
  }

  /** A new device of this member: start it, tell the other devices, bring back the groups. */
  private async arrive(seed: Uint8Array, displayName: string, lang: Lang): Promise<void> {
    await this.deps.adopt(seed, displayName, lang);
    if (!(await this.deps.whenOnline(20_000))) return; // groups come back on the next connection
    await this.announce();
    await this.restoreGroups();
  }

  /** Every group the relay says this member is in and this device lacks: fetch its whole log, open it. */
  private restoreGroups(): Promise<void> {
    this.restoring ??= this.doRestore().finally(() => (this.restoring = null));
    return this.restoring;
  }

  private async doRestore(): Promise<void> {
    const parts = this.deps.parts();
    if (parts === null) return;
    const { connection, store } = parts;
    const answer = await connection.request({ v: 1, type: "my-groups" });
    if (!answer.ok || answer.value.type !== "groups") return;
    for (const bytes of answer.value.groupIds) {
      const groupId = GroupId.fromBytes(bytes);
      if (groupId === null || store.get(groupId) !== undefined || this.restoringGroups.has(groupId)) continue;
      this.restoringGroups.add(groupId);
      try {
        const log = await connection.request({ v: 1, type: "subscribe", groupId: bytes, afterSeq: 0, afterIndex: 0 });
        if (!log.ok || log.value.type !== "catch-up" || store.get(groupId) !== undefined) continue;
        const added = await store.add(groupId, log.value.entries, new Map(), false);
        if (added.ok) await added.value.sync.onReady();
      } finally {
        this.restoringGroups.delete(groupId);
      }
    }
  }

  private async fetchNotices(): Promise<void> {
    const parts = this.deps.parts();
    if (parts === null) return;
    const first = this.noticeState === null;
    const state = this.noticeState ?? { after: 0, shown: [] };
    const answer = await parts.connection.request({ v: 1, type: "notices", after: state.after });
    if (!answer.ok || answer.value.type !== "notice-list" || answer.value.notices.length === 0) {
      if (first) this.noticeState = state;
      return;
    }
    const own = parts.device.deviceId;
    const fresh = answer.value.notices
      .map((n) => openDeviceNotice(parts.identity.box, n.sealed))
      .filter((n): n is DeviceNotice => n !== null && n.deviceId !== own && n.at >= parts.device.createdAt);
    const after = Math.max(state.after, ...answer.value.notices.map((n) => n.seq));
    const opened = answer.value.notices
      .map((n) => openDeviceNotice(parts.identity.box, n.sealed))
      .filter((n): n is DeviceNotice => n !== null && n.deviceId !== own);
    const known = new Map((state.known ?? []).map((n) => [n.deviceId, n]));
    for (const n of opened) if (!known.has(n.deviceId)) known.set(n.deviceId, n);
    this.noticeState = {
      after,
      shown: [...state.shown, ...fresh].slice(-20),
      known: [...known.values()].sort((a, b) => a.at - b.at).slice(-50),
    };
    await saveNotices(this.deps.db, this.noticeState);
    if (opened.length > 0) this.deps.notify();
  }

  private need(): CoreParts {
    const parts = this.deps.parts();
    if (parts === null) throw new Error("Porch used before onboarding");
    return parts;
  }
}
