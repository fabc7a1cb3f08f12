/**
 * `publish`: a sealed envelope. The relay checks what it can without a key — signature, membership,
 * the author's log head and epoch, size, device counter — stores it, and acknowledges after commit and
 * fan-out (storage raises the change; change-fanout.ts sends it). It never opens the payload.
 *
 * An envelope whose id is a journal's (not a group's) is accepted only from the journal's owner, with
 * epoch 0 and an all-zero log head (a journal has neither epochs nor a log); storage checks the owner
 * again under the row lock. An id that is neither stays `group-not-found`.
 */
import {
  bytesEqual,
  DeviceId,
  GroupId,
  MAX_SNAPSHOT_BYTES,
  MAX_UPDATE_BYTES,
  MemberId,
  err,
  ok,
  parseEnvelope,
  toBase64Url,
  type EnvelopeHeader,
  type PublishFrame,
  type Result,
} from "@porch/shared";
import type { Handler, RequestContext } from "./request-context.ts";

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
  // Groups first: a cached group costs no query. Only an id with no log is looked up as a journal.
  let state = await ctx.hub.states.get(ctx.storage, groupId);
  // A log head this process has not seen yet may have been appended through another relay process
  // (its notification still on the way): read the log's tail once before refusing.
  if (state !== null && !state.epochAtHead.has(toBase64Url(header.logHead)))
    state = await ctx.hub.states.refresh(ctx.storage, groupId);
  let journalOwner: Uint8Array | undefined;
  if (state === null) {
    const owner = await journalChecks(ctx, groupId, header);
    if (!owner.ok) return owner;
    journalOwner = owner.value;
  } else {
    if (!state.members.has(header.memberId)) return err("not-a-member");
    const epochAtHead = state.epochAtHead.get(toBase64Url(header.logHead));
    if (epochAtHead === undefined) return err("unknown-log-head");
    if (header.epoch !== epochAtHead || header.epoch !== state.epoch) return err("stale-epoch");
  }

  const stored = await ctx.storage.appendEnvelope(
    groupId,
    {
      deviceId: DeviceId.toBytes(header.deviceId),
      counter: header.counter,
      kind: header.kind,
      coversSeq: header.coversSeq,
      bytes: frame.envelope,
      // Storage's change names the sender, so the fan-out (change-fanout.ts) does not echo it back.
      origin: ctx.self.socketId,
    },
    journalOwner,
    ctx.limits.maxGroupBytes,
  );
  if (!stored.ok) return stored;
  // Every subscribed socket of every relay process got it from storage's change (change-fanout.ts).
  return ok({ frame: { v: 1, type: "ack", id: frame.id, seq: stored.value.seq } });
};

/** The journal's owner when `groupId` is a journal this socket may write to, with a journal's header. */
async function journalChecks(
  ctx: RequestContext,
  groupId: Uint8Array,
  header: EnvelopeHeader,
): Promise<Result<Uint8Array>> {
  const owner = await ctx.storage.journalOwner(groupId);
  if (owner === null) return err("group-not-found");
  // The header's member is the socket's (checked above): the journal signing key it authenticated with.
  if (!bytesEqual(owner, MemberId.toBytes(ctx.memberId))) return err("not-a-member", "another key owns the journal");
  if (header.epoch !== 0 || header.logHead.some((b) => b !== 0))
    return err("bad-envelope", "a journal envelope has epoch 0 and an all-zero log head");
  return ok(owner);
}
