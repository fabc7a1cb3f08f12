/**
 * `subscribe`: catch-up (log tail, latest snapshot, later updates) in one answer, then live frames.
 * The socket joins the fan-out before reading, and frames arriving meanwhile are held until the
 * catch-up is sent, so nothing published in between is lost or arrives before its catch-up.
 *
 * A group is served to its current members. A journal (`kind: "journal"`) is served to its owner
 * only: the first subscribe claims the id for the socket's identity (the journal signing key), later
 * ones must come from that key. A journal has no log, so its catch-up never carries entries; the
 * rest (snapshot, updates, live frames) is a group's path unchanged.
 */
import { MemberId, err, ok, type Result, type SubscribeFrame } from "@porch/shared";
import type { Reply, RequestContext, Handler } from "./request-context.ts";

export const handleSubscribe: Handler<SubscribeFrame> = async (ctx, frame) => {
  if (frame.kind === "journal") {
    const claimed = await ctx.storage.claimJournal(frame.groupId, MemberId.toBytes(ctx.memberId));
    if (!claimed.ok) return claimed;
    return catchUp(ctx, frame, async () => ({ entries: [], logLength: 0 }));
  }
  // A journal's id has no log, so it reads as a group that does not exist.
  const state = await ctx.hub.states.refresh(ctx.storage, frame.groupId);
  if (state === null) return err("group-not-found");
  if (!state.members.has(ctx.memberId)) return err("not-a-member");
  return catchUp(ctx, frame, async () => {
    const entries = frame.afterIndex < state.length ? await ctx.storage.readLog(frame.groupId, frame.afterIndex) : [];
    const logLength = entries.length > 0 ? entries[entries.length - 1]!.index + 1 : state.length;
    return { entries: entries.map((e) => e.bytes), logLength };
  });
};

/** Joins the fan-out, reads the log tail (`readLog`) and the envelopes, and answers in one frame. */
async function catchUp(
  ctx: RequestContext,
  frame: SubscribeFrame,
  readLog: () => Promise<{ readonly entries: readonly Uint8Array[]; readonly logLength: number }>,
): Promise<Result<Reply>> {
  const hold = ctx.holdLive(frame.groupId);
  try {
    const { entries, logLength } = await readLog();
    const since = await ctx.storage.readSince(frame.groupId, frame.afterSeq);
    return ok({
      frame: {
        v: 1,
        type: "catch-up",
        id: frame.id,
        groupId: frame.groupId,
        entries: [...entries],
        snapshot:
          since.snapshot === null
            ? null
            : { seq: since.snapshot.seq, coversSeq: since.snapshot.coversSeq, bytes: since.snapshot.bytes },
        updates: since.updates.map((u) => ({ seq: u.seq, bytes: u.bytes })),
        headSeq: since.headSeq,
      },
      afterSend: () => hold.release({ headSeq: since.headSeq, logLength }),
    });
  } catch (error) {
    hold.cancel();
    throw error;
  }
}
