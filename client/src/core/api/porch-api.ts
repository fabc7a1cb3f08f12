/**
 * The typed boundary between the UI and Porch's core. Screens and primitives reach identities,
 * groups, goals and sync only through this interface; the core never imports UI code.
 */
import type { DeviceId, ErrorCode, GroupId, MemberId, Result } from "@porch/shared";
import type { GroupLifeApi } from "./group-life-api.ts";
import type { CohortsApi } from "./cohorts-api.ts";
import type { JournalApi } from "./journal-api.ts";
import type { MembershipApi } from "./membership-api.ts";
import type { NewsApi } from "./news-api.ts";

/** Languages a member can choose. */
export type Lang = "en" | "es";

/** This device's member, as the UI needs it. */
export interface Profile {
  readonly memberId: MemberId;
  readonly deviceId: DeviceId;
  readonly displayName: string;
  readonly lang: Lang;
  /** When this device joined the member's account (ms). */
  readonly deviceAddedAt: number;
}

export { GOAL_CATEGORIES, type GoalCategory } from "./vocabulary.ts";

/** A member of a group as every member sees it (names come from the sealed group document). */
export interface GroupMember {
  readonly memberId: MemberId;
  readonly displayName: string;
  readonly role: "admin" | "member";
}

/**
 * The sync state shown to the member for a group (or for the whole device). `connecting`: the network
 * is up and the relay not reached yet (never called "offline": that would not be true).
 */
export type SyncState =
  | { readonly kind: "synced" }
  | { readonly kind: "connecting"; readonly pending: number }
  | { readonly kind: "syncing"; readonly pending: number }
  | { readonly kind: "offline"; readonly pending: number }
  | { readonly kind: "error"; readonly code: ErrorCode; readonly pending: number };

/** A group as listed on the home screen. */
export interface GroupSummary {
  readonly groupId: GroupId;
  readonly name: string;
}

/** Everything the group screen shows. */
export interface GroupView {
  readonly groupId: GroupId;
  readonly name: string;
  readonly members: readonly GroupMember[];
  readonly sync: SyncState;
}

/**
 * What an invitation link shows before the person sets up Porch: read from the invitation's card, which
 * only the link's secret opens. Names are null for an invitation made by an app too old to leave a card.
 */
export interface InvitePreview {
  readonly groupName: string | null;
  readonly inviterName: string | null;
  readonly note: string | null;
  /** When the link stops working (ms). */
  readonly expiresAt: number;
}

/** Porch's core as the UI sees it. Reads are synchronous snapshots; `subscribe` says when to re-read. */
export interface PorchApi {
  /** This device's profile, or null before onboarding. */
  profile(): Profile | null;
  /** Creates the identity on this device; returns the 24-word recovery phrase to show once. */
  createProfile(displayName: string, lang: Lang): Promise<Result<{ readonly recoveryPhrase: string }>>;
  /** Changes the interface language (stored on the device). */
  setLanguage(lang: Lang): Promise<void>;
  /**
   * Changes this member's name on this device and in their own entry of every group on this device
   * (the sealed group documents carry names, so every member sees the new one). The member's other
   * devices keep their local copy of the old name, used only when they join a group later.
   */
  setDisplayName(displayName: string): Promise<Result<void>>;
  /** The 24 recovery words again (the UI asks for a confirmation first and never keeps them). */
  recoveryPhrase(): Promise<Result<string>>;
  /** The groups this device belongs to. */
  groups(): readonly GroupSummary[];
  /** Creates a group with this member as its admin. */
  createGroup(name: string): Promise<Result<GroupId>>;
  /** A fresh single-use invitation link (secret in the URL fragment) for the group. */
  createInviteLink(groupId: GroupId): Promise<Result<string>>;
  /**
   * Checks an invitation link with the relay and opens its card, with or without an account on this
   * device. Fails with `invite-used`, `invite-revoked`, `invite-expired` or `invite-not-found` for a dead
   * link, `offline` when the relay cannot be reached.
   */
  previewInvite(fragment: string): Promise<Result<InvitePreview>>;
  /** Joins the group an invitation link names. `fragment` is `location.hash` of the link. */
  joinWithInvite(fragment: string): Promise<Result<GroupId>>;
  /** The current view of a group, or null if this device is not in it. */
  group(groupId: GroupId): GroupView | null;
  /** Group life: goals, check-ins, offers and asks, lending circles. */
  readonly life: GroupLifeApi;
  /** Membership: roles, invitations, removal, leaving, devices, recovery. */
  readonly membership: MembershipApi;
  /** What is new in each group since this member last looked (a marker kept on this device only). */
  readonly news: NewsApi;
  /** The member's private monthly journal (their own devices only). */
  readonly journal: JournalApi;
  /** The organization's cohorts this member enrolled in: reports under consent, steward duty, releases. */
  readonly cohorts: CohortsApi;
  /** Sync state across all groups on this device. */
  sync(): SyncState;
  /** Calls `listener` after anything above may have changed; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}
