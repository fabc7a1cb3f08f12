/**
 * Implements `MembershipApi`: roles, invitations, removal, leaving (this file), and second devices and
 * recovery (device-link.ts, recovery.ts, through the core). Every change is one signed log entry,
 * appended with compare-and-set on the head; losing the race re-reads the log and retries once.
 */
import { err, fromBase64Url, GroupId, MemberId, ok, toBase64Url, type Result, type Role } from "@porch/shared";
import type { CoreContext } from "../../core-context.ts";
import { displayNameOf, groupName, membersOf } from "../../doc/group-doc.ts";
import { sealInviteCard } from "@porch/shared/sealing";
import { buildInvite } from "./group-flows.ts";
import type { OpenGroup } from "./group-store.ts";
import { makeInviteLink } from "./invite-link.ts";
import { inviteNoteOf, MAX_INVITE_NOTE, putInviteNote } from "./invite-notes.ts";
import {
  INVITE_TTL_DEFAULT_MS,
  INVITE_TTL_MAX_MS,
  INVITE_TTL_MIN_MS,
  type DeviceLinkOffer,
  type DeviceNotice,
  type InviteOptions,
  type MembershipApi,
  type MembershipView,
  type PendingInvite,
  type RecoverResult,
} from "../../api/membership-api.ts";
import { membershipEvents } from "./membership-events.ts";
import type { Lang } from "../../api/porch-api.ts";

/** What the core provides for the device operations (they create or unlock an identity). */
export interface DeviceOps {
  openDeviceLink(): Promise<Result<DeviceLinkOffer>>;
  linkThisDevice(fragment: string, lang: Lang): Promise<Result<void>>;
  recover(phrase: string, displayName: string, lang: Lang): Promise<RecoverResult>;
  notices(): readonly DeviceNotice[];
  dismissNotices(): Promise<void>;
  otherDevices(): readonly DeviceNotice[];
}

/** An entry to append: its wire bytes and, for an invitation, the sealed key the relay holds off the log. */
interface Built {
  readonly wire: Uint8Array;
  readonly sealedKey?: Uint8Array;
  /** For an invitation: its card sealed under the link's secret (crypto/invite-card.ts). */
  readonly inviteCard?: Uint8Array;
}

/** Membership operations over the open groups and the relay. */
export class MembershipService implements MembershipApi {
  constructor(
    private readonly ctx: CoreContext,
    private readonly devices: DeviceOps,
    private readonly origin: () => string,
  ) {}

  view(groupId: GroupId): MembershipView | null {
    const parts = this.ctx.parts();
    const g = parts?.store.get(groupId);
    if (parts === null || g === undefined) return null;
    const doc = g.handle.doc();
    const state = g.keys.state;
    const nameOf = (id: MemberId) => membersOf(doc, new Map([[id, { role: "member" as const }]]))[0]?.displayName ?? "";
    const myRole = g.sync.removed ? null : g.keys.myRole;
    const now = Date.now();
    const pendingInvites: PendingInvite[] =
      myRole !== "admin"
        ? []
        : [...state.invites]
            .filter(([, i]) => !i.used && !i.revoked && i.expiresAt > now)
            .map(([id, i]) => ({
              id,
              expiresAt: i.expiresAt,
              note: inviteNoteOf(doc, id),
              createdBy: i.author,
              createdByName: nameOf(i.author),
            }));
    const former = state.former.get(parts.identity.memberId);
    return {
      groupId,
      myRole,
      gone: g.sync.removed ? (former?.how === "left" ? "left" : "removed") : null,
      members: membersOf(doc, state.members),
      pendingInvites,
      events: membershipEvents(g.keys.log, nameOf),
    };
  }

  async createInvite(groupId: GroupId, options: InviteOptions = {}): Promise<Result<string>> {
    const ttl = options.ttlMs ?? INVITE_TTL_DEFAULT_MS;
    if (!Number.isFinite(ttl) || ttl < INVITE_TTL_MIN_MS || ttl > INVITE_TTL_MAX_MS)
      return err("bad-entry", "invitation lifetime");
    const note = (options.note ?? "").trim().slice(0, MAX_INVITE_NOTE);
    const { identity, device } = this.ctx.need();
    let secret: Uint8Array | null = null;
    let inviteId = "";
    const appended = await this.append(groupId, (g) => {
      const built = buildInvite(identity, g.keys, Date.now(), ttl);
      if (!built.ok) return built;
      secret = built.value.secret;
      inviteId = toBase64Url(built.value.entry.hash);
      // What the link shows before the person sets up Porch, sealed so only the link opens it.
      const doc = g.handle.doc();
      const inviteCard = sealInviteCard(secret, GroupId.toBytes(groupId), {
        groupName: groupName(doc),
        inviterName: displayNameOf(doc, identity.memberId) || device.displayName,
        note: note.length > 0 ? note : null,
      });
      return ok({ wire: built.value.entry.wire, sealedKey: built.value.sealedKey, inviteCard });
    });
    if (!appended.ok) return appended;
    if (note.length > 0) await appended.value.sync.change((d) => putInviteNote(d, inviteId, note, identity.memberId));
    return ok(makeInviteLink(this.origin(), groupId, secret!));
  }

  revokeInvite(groupId: GroupId, inviteId: string): Promise<Result<void>> {
    const hash = fromBase64Url(inviteId);
    if (hash === null || hash.length !== 32) return Promise.resolve(err("invite-not-found"));
    return this.done(
      this.append(groupId, (g) => ok({ wire: g.keys.sign("revoke-invite", { invite: hash }, Date.now()).wire })),
    );
  }

  remove(groupId: GroupId, memberId: MemberId): Promise<Result<void>> {
    return this.done(
      this.append(groupId, (g) => {
        if (!g.keys.state.members.has(memberId)) return err("member-not-found");
        if (!g.keys.isAdmin) return err("not-admin");
        const rotation = g.keys.buildRotation(Date.now(), memberId);
        return rotation === null ? err("stale-epoch") : ok({ wire: rotation.entry.wire });
      }),
    );
  }

  leave(groupId: GroupId, successor: MemberId | null): Promise<Result<void>> {
    return this.done(
      this.append(groupId, (g) =>
        ok({
          wire: g.keys.sign("leave", { successor: successor === null ? null : MemberId.toBytes(successor) }, Date.now())
            .wire,
        }),
      ),
    );
  }

  setRole(groupId: GroupId, memberId: MemberId, role: Role): Promise<Result<void>> {
    return this.done(
      this.append(groupId, (g) =>
        ok({ wire: g.keys.sign("set-role", { member: MemberId.toBytes(memberId), role }, Date.now()).wire }),
      ),
    );
  }

  openDeviceLink(): Promise<Result<DeviceLinkOffer>> {
    return this.devices.openDeviceLink();
  }
  linkThisDevice(fragment: string, lang: Lang): Promise<Result<void>> {
    return this.devices.linkThisDevice(fragment, lang);
  }
  recover(phrase: string, displayName: string, lang: Lang): Promise<RecoverResult> {
    return this.devices.recover(phrase, displayName, lang);
  }
  notices(): readonly DeviceNotice[] {
    return this.devices.notices();
  }
  dismissNotices(): Promise<void> {
    return this.devices.dismissNotices();
  }
  otherDevices(): readonly DeviceNotice[] {
    return this.devices.otherDevices();
  }

  /**
   * Builds (on the current head), signs and appends one entry, then applies it on this device. On
   * `stale-head` someone appended first: re-read the log (subscribe catch-up) and rebuild once.
   */
  private async append(groupId: GroupId, build: (g: OpenGroup) => Result<Built>): Promise<Result<OpenGroup>> {
    const { store, connection } = this.ctx.need();
    const g = store.get(groupId);
    if (g === undefined) return err("group-not-found");
    if (g.sync.removed) return err("removed-from-group");
    if (!(await this.ctx.whenOnline())) return err("offline");
    for (let attempt = 0; ; attempt++) {
      const built = build(g);
      if (!built.ok) return built;
      const answer = await connection.request({
        v: 1,
        type: "append",
        groupId: GroupId.toBytes(groupId),
        entry: built.value.wire,
        sealedKey: built.value.sealedKey ?? null,
        inviteCard: built.value.inviteCard ?? null,
      });
      if (answer.ok) {
        if (answer.value.type !== "appended") return err("internal");
        await g.applyEntries(answer.value.index, [built.value.wire]);
        this.ctx.notify();
        return ok(g);
      }
      if (answer.code !== "stale-head" || attempt > 0) return answer;
      await g.sync.onReady();
    }
  }

  private async done(result: Promise<Result<OpenGroup>>): Promise<Result<void>> {
    const r = await result;
    return r.ok ? ok(undefined) : r;
  }
}
