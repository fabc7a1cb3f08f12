/**
 * Second-device link mailboxes. The relay only carries bytes between the two devices: it never sees
 * the link secret, so it cannot make a MAC the owner would accept, nor open what the owner seals.
 * Mailboxes live in storage, and so does the owner's result until the answering device's socket takes
 * it: storage raises a change for the answer and for the completion, and the fan-out of whichever relay
 * process holds the other device's socket delivers it (change-fanout.ts).
 */
import {
  LINK_TTL_MS,
  MemberId,
  err,
  ok,
  type LinkAnswerFrame,
  type LinkCompleteFrame,
  type LinkOpenFrame,
} from "@porch/shared";
import type { Handler } from "./request-context.ts";

/** An existing device opens a mailbox for at most 10 minutes; one identity holds a limited number open. */
export const handleLinkOpen: Handler<LinkOpenFrame> = async (ctx, frame) => {
  const now = ctx.now();
  if (frame.expiresAt <= now) return err("link-expired");
  const expiresAt = Math.min(frame.expiresAt, now + LINK_TTL_MS);
  const opened = await ctx.storage.openLinkMailbox(
    { mailbox: frame.mailbox, owner: MemberId.toBytes(ctx.memberId), ownerSocket: ctx.self.socketId, expiresAt },
    now,
    ctx.limits.maxOpenLinksPerIdentity,
  );
  if (!opened.ok) return opened;
  return ok({ frame: { v: 1, type: "link-opened", id: frame.id } });
};

/** The new device answers once; the owner's sockets get the ephemeral key and MAC to check. */
export const handleLinkAnswer: Handler<LinkAnswerFrame> = async (ctx, frame) => {
  const answered = await ctx.storage.answerLinkMailbox(
    frame.mailbox,
    { ephemeralKey: frame.ephemeralKey, mac: frame.mac, answerSocket: ctx.self.socketId },
    ctx.now(),
  );
  if (!answered.ok) return answered;
  return ok({ frame: { v: 1, type: "link-answered-ack", id: frame.id } });
};

/** The owner hands over the sealed identity, or refuses (`sealed: null`) when the MAC was wrong. */
export const handleLinkComplete: Handler<LinkCompleteFrame> = async (ctx, frame) => {
  const completed = await ctx.storage.completeLinkMailbox(
    frame.mailbox,
    MemberId.toBytes(ctx.memberId),
    ctx.now(),
    frame.sealed,
  );
  if (!completed.ok) return completed;
  return ok({ frame: { v: 1, type: "link-completed", id: frame.id } });
};
