/**
 * `subscribe`: catch-up (log tail, latest snapshot, later updates) in one answer, then live frames.
 * The socket joins the fan-out before reading, and frames arriving meanwhile are held until the
 * catch-up is sent, so nothing published in between is lost or arrives before its catch-up.
 */
import { err, ok, type SubscribeFrame } from "@porch/shared";
import type { Handler } from "./request-context.ts";

export const handleSubscribe: Handler<SubscribeFrame> = async (ctx, frame) => {
  const state = await ctx.hub.states.refresh(ctx.storage, frame.groupId);
  if (state === null) return err("group-not-found");
  if (!state.members.has(ctx.memberId)) return err("not-a-member");

  const hold = ctx.holdLive(frame.groupId);
  try {
    const entries = frame.afterIndex < state.length ? await ctx.storage.readLog(frame.groupId, frame.afterIndex) : [];
    const since = await ctx.storage.readSince(frame.groupId, frame.afterSeq);
    const logLength = entries.length > 0 ? entries[entries.length - 1]!.index + 1 : state.length;
    return ok({
      frame: {
        v: 1,
        type: "catch-up",
        id: frame.id,
        groupId: frame.groupId,
        entries: entries.map((e) => e.bytes),
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
};
