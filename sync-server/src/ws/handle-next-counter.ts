/**
 * `next-counter`: the counter the relay accepts next from this socket's own device in a document. A
 * device whose publish was refused (`counter-reused`, `counter-gap`) reads it to seal its pending
 * changes again (client doc-sync.ts). Only about the socket's own device id, which is bound to the
 * socket's identity (storage `bindDevice`), and only for a group it is a member of or its own journal:
 * it tells nobody anything about another device.
 */
import { MemberId, bytesEqual, err, ok, type NextCounterFrame } from "@porch/shared";
import type { Handler } from "./request-context.ts";

export const handleNextCounter: Handler<NextCounterFrame> = async (ctx, frame) => {
  const state = await ctx.hub.states.get(ctx.storage, frame.groupId);
  if (state === null) {
    const owner = await ctx.storage.journalOwner(frame.groupId);
    if (owner === null) return err("group-not-found");
    if (!bytesEqual(owner, MemberId.toBytes(ctx.memberId))) return err("not-a-member", "another key owns the journal");
  } else if (!state.members.has(ctx.memberId)) {
    return err("not-a-member");
  }
  const next = await ctx.storage.nextCounter(frame.groupId, ctx.deviceId);
  return ok({ frame: { v: 1, type: "next-counter-reply", id: frame.id, groupId: frame.groupId, next } });
};
