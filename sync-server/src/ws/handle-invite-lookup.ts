/**
 * `invite-lookup`: the holder of an invitation secret reads the group's public log and the invitation's
 * sealed card before joining — also before they have an account, from a throwaway identity, since the
 * proof (by the key only the link's secret derives) is what authorises it. The proof is bound to this
 * socket's challenge, so it cannot be replayed elsewhere. Every failure before the invitation is found
 * reads `invite-not-found`, so the lookup is no oracle for groups; after that, the holder of the secret
 * learns only what the log already tells them: used, revoked (or its author no longer an admin), expired.
 */
import {
  MemberId,
  bytesEqual,
  decodeCheckpointBody,
  encodeCheckpoint,
  err,
  fromBase64Url,
  inviteLookupMessage,
  ok,
  verifyWithContext,
  type InviteLookupFrame,
} from "@porch/shared";
import type { StoredCheckpoint } from "../storage/relay-storage.ts";
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
  // The newcomer starts from the newest checkpoint two members signed, then the entries after it
  // (a checkpoint keeps only open invitations, so the relay says revoked itself, above).
  const stored = await ctx.storage.latestCheckpoint(frame.groupId);
  const log = await ctx.storage.readLog(frame.groupId, stored?.index ?? 0);
  const checkpoint = stored === null ? null : leanCheckpoint(stored);
  const inviteCard = await ctx.storage.inviteCard(frame.groupId, fromBase64Url(inviteId)!);
  return ok({
    // `checkpoint` is absent without one, so such an answer is the frame older clients know.
    frame: {
      v: 1,
      type: "log",
      id: frame.id,
      groupId: frame.groupId,
      entries: log.map((e) => e.bytes),
      inviteCard,
      ...(checkpoint === null ? {} : { checkpoint }),
    },
  });
};

/** The checkpoint with just enough signatures: its first admin signer and one other member. */
function leanCheckpoint(stored: StoredCheckpoint): Uint8Array {
  const state = decodeCheckpointBody(stored.body);
  const signers = stored.signers.map((s) => ({ signer: MemberId.fromBytes(s.signer)!, signature: s.signature }));
  const admin = signers.find((s) => state?.members.get(s.signer)?.role === "admin");
  const other = signers.find((s) => s !== admin);
  return encodeCheckpoint(stored.body, admin === undefined || other === undefined ? signers : [admin, other]);
}
