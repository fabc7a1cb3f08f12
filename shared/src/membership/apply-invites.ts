/** Rules for `invite`, `revoke-invite` and `join`. See README.md for why each exists. */
import { toBase64Url } from "../bytes.ts";
import { verifyWithContext } from "../crypto/sign-context.ts";
import { err, ok, type Result } from "../result.ts";
import type { Entry } from "./entry.ts";
import type { GroupState, MemberRecord } from "./group-state.ts";
import { advance, openInvite, requireRole, sameKey } from "./transitions.ts";

/** Longest an invitation may stay open (ms). */
export const MAX_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type Of<T extends Entry["type"]> = Extract<Entry, { type: T }>;

/** An admin opens an invitation: at most 7 days, a key never used before in this group. */
export function applyInvite(state: GroupState, entry: Of<"invite">, hash: Uint8Array): Result<GroupState> {
  const role = requireRole(state, entry.author, true);
  if (!role.ok) return role;
  const { inviteKey, inviteBoxKey, expiresAt } = entry.payload;
  if (expiresAt <= entry.time || expiresAt > entry.time + MAX_INVITE_TTL_MS)
    return err("bad-entry", "invitation lifetime");
  for (const invite of state.invites.values())
    if (sameKey(invite.inviteKey, inviteKey)) return err("bad-entry", "invitation key reused");
  const record = {
    author: entry.author,
    inviteKey,
    inviteBoxKey,
    expiresAt,
    role: entry.payload.role,
    epoch: state.epoch,
    used: false,
    revoked: false,
  };
  return ok(advance(state, entry, hash, { invites: new Map([...state.invites, [toBase64Url(hash), record]]) }));
}

/** An admin withdraws an unused invitation; the key it carried was real, so a rotation is owed. */
export function applyRevokeInvite(state: GroupState, entry: Of<"revoke-invite">, hash: Uint8Array): Result<GroupState> {
  const role = requireRole(state, entry.author, true);
  if (!role.ok) return role;
  const open = openInvite(state, entry.payload.invite);
  if (!open.ok) return open;
  const [id, invite] = open.value;
  return ok(
    advance(state, entry, hash, {
      invites: new Map([...state.invites, [id, { ...invite, revoked: true }]]),
      rotationOwed: true,
    }),
  );
}

/**
 * A joiner uses an open, unexpired invitation whose author is still an admin, co-signed by the
 * invitation key. `now` is the relay's clock (the relay refuses what expired before it appends).
 */
export function applyJoin(
  state: GroupState,
  entry: Of<"join">,
  hash: Uint8Array,
  now: number | undefined,
): Result<GroupState> {
  if (state.members.has(entry.author)) return err("bad-entry", "already a member");
  const open = openInvite(state, entry.payload.invite);
  if (!open.ok) return open;
  const [id, invite] = open.value;
  if (entry.time >= invite.expiresAt || (now !== undefined && now >= invite.expiresAt)) return err("invite-expired");
  // Invitations die with their author's admin rights (removal, leaving or demotion).
  if (state.members.get(invite.author)?.role !== "admin") return err("invite-not-found");
  if (entry.cosignature === null || !verifyWithContext("inviteJoin", entry.body, entry.cosignature, invite.inviteKey))
    return err("bad-signature");
  const member: MemberRecord = {
    role: invite.role,
    boxKey: entry.payload.boxKey,
    since: state.length,
    invitedBy: invite.author,
  };
  const former = new Map(state.former);
  former.delete(entry.author);
  return ok(
    advance(state, entry, hash, {
      members: new Map([...state.members, [entry.author, member]]),
      invites: new Map([...state.invites, [id, { ...invite, used: true }]]),
      former,
      rotationOwed: true,
    }),
  );
}
