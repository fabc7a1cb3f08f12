/**
 * `snapshot-ack`: a device acknowledges a snapshot it opened and checked (client engine
 * snapshot-check.ts). The relay cannot check the contents; it checks who acknowledges:
 *
 * - a group: a current member other than the snapshot's author (one member cannot vouch for itself);
 * - a journal (one owner, no log): its owner, from another device than the one that wrote the
 *   snapshot — a journal used on one device only is never acknowledged, hence never pruned;
 *
 * and that the signature covers exactly this snapshot's stored bytes, this seq and this socket's
 * device. Then storage records it, makes it the snapshot catch-up serves, and prunes what it covers.
 */
import {
  DeviceId,
  MemberId,
  bytesEqual,
  err,
  ok,
  parseEnvelope,
  verifySnapshotAck,
  type SnapshotAckFrame,
} from "@porch/shared";
import type { Handler } from "./request-context.ts";

export const handleSnapshotAck: Handler<SnapshotAckFrame> = async (ctx, frame) => {
  const state = await ctx.hub.states.get(ctx.storage, frame.groupId);
  const me = MemberId.toBytes(ctx.memberId);
  if (state === null) {
    const owner = await ctx.storage.journalOwner(frame.groupId);
    if (owner === null) return err("group-not-found");
    if (!bytesEqual(owner, me)) return err("not-a-member", "another key owns the journal");
  } else if (!state.members.has(ctx.memberId)) {
    return err("not-a-member");
  }
  const stored = await ctx.storage.readEnvelope(frame.groupId, frame.seq);
  if (stored === null || stored.kind !== "snapshot") return err("snapshot-not-found");
  const parsed = parseEnvelope(stored.bytes);
  if (!parsed.ok) return err("snapshot-not-found", "the stored snapshot does not parse");
  const { header } = parsed.value;
  if (state !== null && header.memberId === ctx.memberId) return err("snapshot-own", "the author's own snapshot");
  if (state === null && bytesEqual(DeviceId.toBytes(header.deviceId), ctx.deviceId))
    return err("snapshot-own", "the journal device's own snapshot");
  if (!verifySnapshotAck(frame.groupId, frame.seq, ctx.deviceId, stored.bytes, frame.signature, me))
    return err("bad-signature", "snapshot acknowledgement");
  const acked = await ctx.storage.acknowledgeSnapshot(frame.groupId, {
    seq: frame.seq,
    memberId: me,
    deviceId: ctx.deviceId,
    signature: frame.signature,
  });
  if (!acked.ok) return acked;
  return ok({ frame: { v: 1, type: "ack", id: frame.id, seq: frame.seq } });
};
