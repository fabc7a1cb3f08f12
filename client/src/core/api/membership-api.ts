/**
 * Membership as the UI sees it: roles, invitations, removal and leaving, second devices, recovery.
 * The group's signed membership log decides; names come from the sealed group document.
 */
import type { DeviceId, GroupId, MemberId, Result, Role } from "@porch/shared";
import type { GroupMember, Lang } from "./porch-api.ts";

/** Shortest and longest an invitation may stay open, and the default (docs/protocols.md "Invitations"). */
export const INVITE_TTL_MIN_MS = 60 * 60 * 1000;
export const INVITE_TTL_MAX_MS = 7 * 24 * 60 * 60 * 1000;
export const INVITE_TTL_DEFAULT_MS = 72 * 60 * 60 * 1000;

/** What an admin chooses for a new invitation. */
export interface InviteOptions {
  /** How long the link works, 1 hour to 7 days; default 72 hours. */
  readonly ttlMs?: number;
  /** Whom it is for ("for Maria"); kept in the sealed group document, never in the public log. */
  readonly note?: string;
}

/** An invitation nobody used yet (shown to admins, who may revoke it). */
export interface PendingInvite {
  /** The `invite` entry's hash, base64url. */
  readonly id: string;
  readonly expiresAt: number;
  readonly note: string | null;
  readonly createdBy: MemberId;
  readonly createdByName: string;
}

/** A member named for an event (the name may be empty if the document has not arrived yet). */
export interface Named {
  readonly memberId: MemberId;
  readonly displayName: string;
}

/** Something everyone in the group sees happen to its membership, oldest first. */
export type MembershipEvent =
  | { readonly kind: "created"; readonly at: number; readonly by: Named }
  | { readonly kind: "joined"; readonly at: number; readonly member: Named; readonly invitedBy: Named | null }
  | { readonly kind: "removed"; readonly at: number; readonly member: Named; readonly by: Named }
  | { readonly kind: "left"; readonly at: number; readonly member: Named }
  | { readonly kind: "role"; readonly at: number; readonly member: Named; readonly by: Named; readonly role: Role };

/** Everything the members section of a group shows. */
export interface MembershipView {
  readonly groupId: GroupId;
  /** This member's role, or null once out of the group. */
  readonly myRole: Role | null;
  /** Out of the group: `removed` by an admin, `left` by choice; null while a member. */
  readonly gone: "removed" | "left" | null;
  readonly members: readonly GroupMember[];
  /** Open invitations (only for admins; empty for everyone else). */
  readonly pendingInvites: readonly PendingInvite[];
  readonly events: readonly MembershipEvent[];
}

/** A second-device link this device is showing. */
export interface DeviceLinkOffer {
  /** `<origin>/#/link/<secret>`: the secret is only in the fragment. */
  readonly link: string;
  readonly expiresAt: number;
}

/** A sealed notice from another device of this member ("a new device was added"). */
export interface DeviceNotice {
  readonly kind: "device-added";
  readonly at: number;
  readonly deviceId: DeviceId;
}

/** Membership operations. Each resolves once the relay accepted the entry and this device applied it. */
export interface MembershipApi {
  /** The group's membership as this device knows it, or null if the group is not on this device. */
  view(groupId: GroupId): MembershipView | null;
  /** A fresh single-use invitation link (secret only in the fragment). Admins only. */
  createInvite(groupId: GroupId, options?: InviteOptions): Promise<Result<string>>;
  /** Withdraws an unused invitation. Admins only. */
  revokeInvite(groupId: GroupId, inviteId: string): Promise<Result<void>>;
  /** Removes a member and rotates the group key in one entry. Admins only. */
  remove(groupId: GroupId, memberId: MemberId): Promise<Result<void>>;
  /** Leaves the group; the last admin names a successor (who becomes an admin). */
  leave(groupId: GroupId, successor: MemberId | null): Promise<Result<void>>;
  /** Promotes or demotes a member. Admins only; the last admin cannot be demoted. */
  setRole(groupId: GroupId, memberId: MemberId, role: Role): Promise<Result<void>>;

  /** On an existing device: opens a 10-minute link for a second device and answers it when it arrives. */
  openDeviceLink(): Promise<Result<DeviceLinkOffer>>;
  /** On a new device (no profile yet): becomes a device of the member whose link this is. */
  linkThisDevice(fragment: string, lang: Lang): Promise<Result<void>>;
  /**
   * On a new device (no profile yet): restores the identity from the 24 words. On a bad phrase,
   * `phraseError` says which word (1-based) is not in the list, or that the checksum is wrong.
   */
  recover(phrase: string, displayName: string, lang: Lang): Promise<RecoverResult>;
  /** Notices from this member's other devices not yet dismissed, newest last. */
  notices(): readonly DeviceNotice[];
  /** Hides the notices shown so far. */
  dismissNotices(): Promise<void>;
  /**
   * This member's other devices that announced themselves (sealed notices only the member's devices
   * open), oldest first. A device made before devices announced themselves is missing.
   */
  otherDevices(): readonly DeviceNotice[];
}

/** The answer to `recover`. */
export type RecoverResult = Result<void> & {
  readonly phraseError?:
    | { readonly code: "phrase-wrong-length"; readonly count: number }
    | { readonly code: "phrase-unknown-word"; readonly position: number }
    | { readonly code: "phrase-bad-checksum" };
};
