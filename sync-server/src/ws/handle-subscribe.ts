/**
 * `subscribe`: a catch-up (log tail, latest snapshot, later updates) one bounded page at a time, then
 * live frames. The socket joins the fan-out before the first page is read, and frames arriving
 * meanwhile are held until that page is sent; from then on live frames past the catch-up's bounds
 * flow, while the client pulls the rest of the catch-up (`catch-up-more`), which never goes past
 * those bounds. So nothing published in between is lost, sent twice, or arrives before the first page.
 *
 * A socket may start at most `flow.catchUpsPerGroup` catch-ups of one group before one of them
 * finishes (its last page is sent); one more is refused with `too-many-catch-ups`, before any read.
 *
 * A group is served to its current members. A journal (`kind: "journal"`) is served to its owner
 * only: the first subscribe claims the id for the socket's identity (the journal signing key), later
 * ones must come from that key. A journal has no log, so its catch-up never carries entries; the
 * rest (snapshot, updates, live frames) is a group's path unchanged.
 */
import {
  MemberId,
  PROTOCOL_VERSION,
  bytesEqual,
  err,
  ok,
  type CatchUpMoreFrame,
  type Result,
  type ServerFrame,
  type SubscribeFrame,
} from "@porch/shared";
import type { CatchUpPage } from "../storage/relay-storage.ts";
import type { Handler, RequestContext, SubscriptionKind } from "./request-context.ts";

export const handleSubscribe: Handler<SubscribeFrame> = async (ctx, frame) => {
  if (ctx.subscriptions.unfinished(frame.groupId) >= ctx.flow.catchUpsPerGroup) return err("too-many-catch-ups");
  const kind: SubscriptionKind = frame.kind === "journal" ? "journal" : "group";
  const allowed = kind === "journal" ? await claim(ctx, frame.groupId) : await member(ctx, frame.groupId);
  if (!allowed.ok) return allowed;
  const hold = ctx.subscriptions.hold(frame.groupId, kind);
  try {
    const page = await ctx.storage.readCatchUpPage(frame.groupId, {
      fromIndex: frame.afterIndex,
      afterSeq: frame.afterSeq,
      maxBytes: ctx.flow.catchUpPageBytes,
      maxItems: ctx.flow.catchUpPageItems,
    });
    return ok({
      frame: pageFrame(frame.id, frame.groupId, page),
      afterSend: () => {
        hold.release(page.bounds);
        if (!page.more) ctx.subscriptions.finished(frame.groupId);
      },
    });
  } catch (error) {
    hold.cancel();
    throw error;
  }
};

/** `catch-up-more`: the next page of the socket's current catch-up of a group, within its bounds. */
export const handleCatchUpMore: Handler<CatchUpMoreFrame> = async (ctx, frame) => {
  const current = ctx.subscriptions.current(frame.groupId);
  if (current === null) return err("not-subscribed");
  const allowed = current.kind === "journal" ? await owner(ctx, frame.groupId) : await member(ctx, frame.groupId);
  if (!allowed.ok) return allowed;
  const page = await ctx.storage.readCatchUpPage(frame.groupId, {
    fromIndex: frame.afterIndex,
    afterSeq: frame.afterSeq,
    bounds: current.bounds,
    maxBytes: ctx.flow.catchUpPageBytes,
    maxItems: ctx.flow.catchUpPageItems,
  });
  const finished = () => ctx.subscriptions.finished(frame.groupId);
  return ok({ frame: pageFrame(frame.id, frame.groupId, page), ...(page.more ? {} : { afterSend: finished }) });
};

function pageFrame(id: number, groupId: Uint8Array, page: CatchUpPage): ServerFrame {
  return {
    v: PROTOCOL_VERSION,
    type: "catch-up",
    id,
    groupId,
    entries: page.entries.map((e) => e.bytes),
    snapshot:
      page.snapshot === null
        ? null
        : {
            seq: page.snapshot.seq,
            coversSeq: page.snapshot.coversSeq,
            bytes: page.snapshot.bytes,
            ...(page.snapshot.ack !== undefined ? { ack: page.snapshot.ack } : {}),
          },
    updates: page.updates.map((u) => ({ seq: u.seq, bytes: u.bytes })),
    headSeq: page.throughSeq,
    // Absent on a last page, so a catch-up that fits in one page is the frame older clients know.
    ...(page.more ? { more: true } : {}),
  };
}

/** A group's current member (a journal's id has no log, so it reads as a group that does not exist). */
async function member(ctx: RequestContext, groupId: Uint8Array): Promise<Result<true>> {
  const state = await ctx.hub.states.refresh(ctx.storage, groupId);
  if (state === null) return err("group-not-found");
  if (!state.members.has(ctx.memberId)) return err("not-a-member");
  return ok(true);
}

/** The first journal subscribe claims the id for the socket's identity; later ones must be that key's. */
async function claim(ctx: RequestContext, journalId: Uint8Array): Promise<Result<true>> {
  const claimed = await ctx.storage.claimJournal(journalId, MemberId.toBytes(ctx.memberId));
  return claimed.ok ? ok(true) : claimed;
}

/** The journal still exists and is the socket identity's (it may have been deleted since the subscribe). */
async function owner(ctx: RequestContext, journalId: Uint8Array): Promise<Result<true>> {
  const key = await ctx.storage.journalOwner(journalId);
  if (key === null) return err("group-not-found");
  return bytesEqual(key, MemberId.toBytes(ctx.memberId)) ? ok(true) : err("not-a-member");
}
