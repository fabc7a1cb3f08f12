/**
 * `invite-lookup`: the holder of an invitation secret reads the group's public log and the invitation's
 * sealed card before joining — also before they have an account, from a throwaway identity, since the
 * proof (by the key only the link's secret derives) is what authorises it. The proof is bound to this
 * socket's challenge, so it cannot be replayed elsewhere. Every failure before the invitation is found
 * reads `invite-not-found`, so the lookup is no oracle for groups; after that, the holder of the secret
 * learns only what the log already tells them: used, revoked (or its author no longer an admin), expired.
 */
import {
  bytesEqual,
  err,
  fromBase64Url,
  inviteLookupMessage,
  ok,
  verifyWithContext,
  type InviteLookupFrame,
} from "@porch/shared";
import type { Handler } from "./request-context.ts";

export const handleInviteLookup: Handler<InviteLookupFrame> = async (ctx, frame) => {
  if (
    !verifyWithContext(
      "inviteLookup",
      inviteLookupMessage(ctx.challengeNonce, frame.groupId),
      frame.proof,
      frame.inviteKey,
    )
  ) {
    return err("invite-not-found", "proof does not verify");
  }
  const state = await ctx.hub.states.refresh(ctx.storage, frame.groupId);
  if (state === null) return err("invite-not-found", "no such group");
  const found = [...state.invites].find(([, record]) => bytesEqual(record.inviteKey, frame.inviteKey));
  if (found === undefined) return err("invite-not-found");
  const [inviteId, invite] = found;
  if (invite.used) return err("invite-used");
  if (invite.revoked) return err("invite-revoked");
  // Same rule as applyEntry: an invitation dies with its author's admin rights.
  if (state.members.get(invite.author)?.role !== "admin") return err("invite-revoked", "author no longer admin");
  if (ctx.now() >= invite.expiresAt) return err("invite-expired");
  const log = await ctx.storage.readLog(frame.groupId, 0);
  const inviteCard = await ctx.storage.inviteCard(frame.groupId, fromBase64Url(inviteId)!);
  return ok({
    frame: { v: 1, type: "log", id: frame.id, groupId: frame.groupId, entries: log.map((e) => e.bytes), inviteCard },
  });
};
