/**
 * `publish`: a sealed envelope. The relay checks what it can without a key — signature, membership,
 * the author's log head and epoch, size, device counter — stores it, acknowledges after commit and
 * fans it out. It never opens the payload.
 */
import {
  bytesEqual,
  DeviceId,
  GroupId,
  MAX_SNAPSHOT_BYTES,
  MAX_UPDATE_BYTES,
  err,
  ok,
  parseEnvelope,
  toBase64Url,
  type PublishFrame,
} from "@porch/shared";
import type { Handler } from "./request-context.ts";

export const handlePublish: Handler<PublishFrame> = async (ctx, frame) => {
  const parsed = parseEnvelope(frame.envelope);
  if (!parsed.ok) return parsed;
  const { header } = parsed.value;
  // Size first: an oversized envelope costs no state lookup.
  if (frame.envelope.length > (header.kind === "snapshot" ? MAX_SNAPSHOT_BYTES : MAX_UPDATE_BYTES))
    return err("frame-too-large");
  // The signature is the header's member's; only that member's own sockets may deliver it.
  if (header.memberId !== ctx.memberId) return err("bad-signature", "envelope signed by another member");
  // Counters are per device: a member's device may only write under the id it authenticated with.
  if (!bytesEqual(DeviceId.toBytes(header.deviceId), ctx.deviceId))
    return err("bad-signature", "envelope names another device");

  const groupId = GroupId.toBytes(header.groupId);
  const state = await ctx.hub.states.get(ctx.storage, groupId);
  if (state === null) return err("group-not-found");
  if (!state.members.has(header.memberId)) return err("not-a-member");
  const epochAtHead = state.epochAtHead.get(toBase64Url(header.logHead));
  if (epochAtHead === undefined) return err("unknown-log-head");
  if (header.epoch !== epochAtHead || header.epoch !== state.epoch) return err("stale-epoch");

  const stored = await ctx.storage.appendEnvelope(groupId, {
    deviceId: DeviceId.toBytes(header.deviceId),
    counter: header.counter,
    kind: header.kind,
    coversSeq: header.coversSeq,
    bytes: frame.envelope,
  });
  if (!stored.ok) return stored;
  const { seq, duplicate } = stored.value;
  if (!duplicate) ctx.hub.publish({ v: 1, type: "envelope", groupId, seq, bytes: frame.envelope }, ctx.self);
  return ok({ frame: { v: 1, type: "ack", id: frame.id, seq } });
};
