/**
 * `append`: one signed membership-log entry, validated by the same pure function clients run, then
 * stored with a compare-and-set on the head so the log never forks. An invitation's sealed epoch key
 * is kept off the log, released only in the transaction that appends the matching `join`, and deleted
 * in the transaction that appends its `revoke-invite`. The member → groups index moves in the same
 * transaction. After a `remove` or `leave`, every relay process stops serving that member the group at
 * once (change-fanout.ts).
 */
import { GroupId, MemberId, applyEntry, bytesEqual, err, ok, type AppendFrame, type GroupState } from "@porch/shared";
import type { InviteKeyOp, RosterChange } from "../storage/relay-storage.ts";
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
    inviteOp = { put: { inviteId: hash, sealedKey, card: frame.inviteCard ?? null } };
  } else if (sealedKey !== null || (frame.inviteCard ?? null) !== null) {
    return err("bad-entry", "sealed key or card on a non-invite entry");
  } else if (entry.type === "join") {
    inviteOp = { take: { inviteId: entry.payload.invite } };
  } else if (entry.type === "revoke-invite") {
    inviteOp = { discard: { inviteId: entry.payload.invite } };
  }

  const roster = rosterChange(state, applied.value.state);
  // A `create` counts against its author's quota of groups, in the transaction that creates the group.
  const creator =
    state === null
      ? { memberId: MemberId.toBytes(ctx.memberId), maxGroups: ctx.limits.maxGroupsPerIdentity }
      : undefined;
  const stored = await ctx.storage.appendEntry(
    frame.groupId,
    state?.head ?? null,
    { hash, bytes: frame.entry },
    inviteOp,
    roster,
    creator,
  );
  if (!stored.ok) {
    // Another relay process may have appended: the next request replays the tail.
    if (stored.code === "stale-head") ctx.hub.states.forget(frame.groupId);
    return stored;
  }
  ctx.hub.states.remember(applied.value.state);
  const { index, releasedKey } = stored.value;
  // Storage raised the change: every relay process's fan-out (change-fanout.ts) has sent the entry to
  // the group's sockets — the removed member's included, so its device learns it was removed — and
  // stopped serving whoever left or was removed.
  return ok({ frame: { v: 1, type: "appended", id: frame.id, groupId: frame.groupId, index, releasedKey } });
};

/** Who joined and who left the roster between two states (the index follows `applyEntry`, not entry types). */
function rosterChange(before: GroupState | null, after: GroupState): RosterChange {
  const had = before?.members ?? new Map();
  return {
    added: [...after.members.keys()].filter((id) => !had.has(id)).map((id) => MemberId.toBytes(id)),
    removed: [...had.keys()].filter((id) => !after.members.has(id)).map((id) => MemberId.toBytes(id)),
  };
}
