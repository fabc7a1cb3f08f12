/** Small helpers the entry rules share. Pure; states are never mutated. */
import { bytesEqual, toBase64Url } from "../bytes.ts";
import { MemberId } from "../ids.ts";
import { err, ok, type Result } from "../result.ts";
import type { Entry } from "./entry.ts";
import type { GroupState, InviteRecord } from "./group-state.ts";

/** The state after `entry`, with `changes` applied and the head moved. */
export function advance(state: GroupState, entry: Entry, hash: Uint8Array, changes: Partial<GroupState>): GroupState {
  const epoch = changes.epoch ?? state.epoch;
  return {
    ...state,
    ...changes,
    length: state.length + 1,
    head: hash,
    headTime: entry.time,
    epochAtHead: new Map([...state.epochAtHead, [toBase64Url(hash), epoch]]),
  };
}

/** The author, who must be a current member and (when `admin`) an admin. */
export function requireRole(state: GroupState, author: MemberId, admin: boolean): Result<true> {
  const record = state.members.get(author);
  if (record === undefined) return err("not-a-member");
  if (admin && record.role !== "admin") return err("not-admin");
  return ok(true);
}

/** A new epoch must be exactly the next one, with one lockbox per member of `recipients` and no one else. */
export function checkRotation(
  state: GroupState,
  epoch: number,
  lockboxes: readonly (readonly [Uint8Array, Uint8Array])[],
  recipients: Iterable<MemberId>,
): Result<true> {
  if (epoch !== state.epoch + 1) return err("stale-epoch");
  const boxed = new Set(lockboxes.map(([id]) => toBase64Url(id)));
  if (boxed.size !== lockboxes.length) return err("bad-entry", "two lockboxes for one member");
  let count = 0;
  for (const memberId of recipients) {
    if (!boxed.has(memberId)) return err("lockbox-missing");
    count++;
  }
  return boxed.size === count ? ok(true) : err("bad-entry", "lockbox for a non-member");
}

/** The number of admins. */
export const adminCount = (state: GroupState): number =>
  [...state.members.values()].filter((m) => m.role === "admin").length;

/** A member id from wire bytes (always valid: the schema checked the length). */
export const memberFromBytes = (bytes: Uint8Array): MemberId => MemberId.fromBytes(bytes)!;

/** The open invitation with this hash, or why there is none. */
export function openInvite(state: GroupState, hash: Uint8Array): Result<[string, InviteRecord]> {
  const id = toBase64Url(hash);
  const invite = state.invites.get(id);
  if (invite === undefined) return err("invite-not-found");
  if (invite.revoked) return err("invite-revoked");
  if (invite.used) return err("invite-used");
  return ok([id, invite]);
}

/**
 * True when this group owes a rotation at time `now`: after a join, leave or revocation, or once an
 * unused invitation made under the current key has expired (its sealed copy of the key existed).
 */
export function rotationDue(state: GroupState, now: number): boolean {
  if (state.rotationOwed) return true;
  for (const invite of state.invites.values())
    if (!invite.used && !invite.revoked && invite.epoch === state.epoch && invite.expiresAt <= now) return true;
  return false;
}

/** True if `a` and `b` name the same invitation key. */
export const sameKey = (a: Uint8Array, b: Uint8Array): boolean => bytesEqual(a, b);

/**
 * Invitations still open die with their author's admin rights: when the author is removed, leaves or
 * is demoted they are closed for good (a later re-promotion or rejoin does not bring them back).
 */
export function closeInvitesOf(invites: GroupState["invites"], author: MemberId): GroupState["invites"] {
  let changed = false;
  const next = new Map(invites);
  for (const [id, invite] of invites) {
    if (invite.author !== author || invite.used || invite.revoked) continue;
    next.set(id, { ...invite, revoked: true });
    changed = true;
  }
  return changed ? next : invites;
}
