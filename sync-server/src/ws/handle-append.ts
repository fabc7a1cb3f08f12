/**
 * `append`: one signed membership-log entry, validated by the same pure function clients run, then
 * stored with a compare-and-set on the head so the log never forks. An invitation's sealed epoch key
 * is kept off the log and released only in the transaction that appends the matching `join`.
 */
import { GroupId, applyEntry, bytesEqual, err, ok, type AppendFrame } from "@porch/shared";
import type { InviteKeyOp } from "../storage/relay-storage.ts";
import type { Handler } from "./request-context.ts";

export const handleAppend: Handler<AppendFrame> = async (ctx, frame) => {
  const state = await ctx.hub.states.refresh(ctx.storage, frame.groupId);
  const applied = applyEntry(state, frame.entry, { now: ctx.now() });
  if (!applied.ok) return applied;
  const { entry, hash } = applied.value;
  if (!bytesEqual(GroupId.toBytes(entry.groupId), frame.groupId)) return err("wrong-group");
  // Nobody appends on someone else's behalf, even with a valid signature of theirs.
  if (entry.author !== ctx.memberId) return err("bad-signature", "entry author is not the authenticated member");

  const sealedKey = frame.sealedKey ?? null;
  let inviteOp: InviteKeyOp | undefined;
  if (entry.type === "invite") {
    if (sealedKey === null) return err("bad-entry", "invite without its sealed key");
    inviteOp = { put: { inviteId: hash, sealedKey } };
  } else if (sealedKey !== null) {
    return err("bad-entry", "sealed key on a non-invite entry");
  } else if (entry.type === "join") {
    inviteOp = { take: { inviteId: entry.payload.invite } };
  }

  const stored = await ctx.storage.appendEntry(frame.groupId, state?.head ?? null, { hash, bytes: frame.entry }, inviteOp);
  if (!stored.ok) {
    // Another relay process may have appended: the next request replays the tail.
    if (stored.code === "stale-head") ctx.hub.states.forget(frame.groupId);
    return stored;
  }
  ctx.hub.states.remember(applied.value.state);
  const { index, releasedKey } = stored.value;
  ctx.hub.publish({ v: 1, type: "entry", groupId: frame.groupId, index, bytes: frame.entry });
  return ok({ frame: { v: 1, type: "appended", id: frame.id, groupId: frame.groupId, index, releasedKey } });
};
