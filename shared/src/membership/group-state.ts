/** The roster and keys a membership log describes, after validating every entry in order. */
import type { GroupId, MemberId } from "../ids.ts";
import type { Role } from "./entry.ts";

/** A current member, as the log knows them (no names: those live in the sealed document). */
export interface MemberRecord {
  readonly role: Role;
  /** X25519 public key lockboxes are sealed to. */
  readonly boxKey: Uint8Array;
  /** Log index of the entry that admitted them. */
  readonly since: number;
  /** Who invited them (null for the founder). */
  readonly invitedBy: MemberId | null;
}

/** An invitation recorded in the log. Keyed by the hash of its `invite` entry (base64url). */
export interface InviteRecord {
  readonly author: MemberId;
  readonly inviteKey: Uint8Array;
  readonly inviteBoxKey: Uint8Array;
  readonly expiresAt: number;
  readonly role: Role;
  readonly epoch: number;
  readonly used: boolean;
  readonly revoked: boolean;
}

/** Someone who was a member and is no longer: removed by an admin, or left. */
export interface FormerMember {
  readonly how: "removed" | "left";
  /** Who removed them (themselves for `left`). */
  readonly by: MemberId;
  /** Log index of the entry. */
  readonly index: number;
}

/** The state after the last valid entry. Treated as immutable: `applyEntry` returns a new one. */
export interface GroupState {
  readonly groupId: GroupId;
  /** Number of entries applied; the next entry's index. */
  readonly length: number;
  /** Hash of the last entry. */
  readonly head: Uint8Array;
  /** Time of the last entry (ms); times never decrease along the log. */
  readonly headTime: number;
  /** The current epoch. */
  readonly epoch: number;
  /** Key commitment per epoch, index = epoch. */
  readonly commitments: readonly Uint8Array[];
  /**
   * The previous epoch's key sealed under each epoch's key (a rotation's `prevKey`), index = epoch;
   * empty at epoch 0. Public like the log: a holder of epoch e's key walks back to every earlier key.
   */
  readonly prevKeys: readonly Uint8Array[];
  readonly members: ReadonlyMap<MemberId, MemberRecord>;
  readonly invites: ReadonlyMap<string, InviteRecord>;
  /** Former members, by id (a member who rejoins moves back to `members`). */
  readonly former: ReadonlyMap<MemberId, FormerMember>;
  /** Epoch in force at each entry hash (base64url), so an envelope's log head can be checked. */
  readonly epochAtHead: ReadonlyMap<string, number>;
  /** True after a join, leave or revocation until the next rotation (a removal rotates inline). */
  readonly rotationOwed: boolean;
}
