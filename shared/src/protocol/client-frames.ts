/** Frames a client sends to the relay. One schema and one type per frame, parsed at the edge. */
import * as v from "valibot";
import { bytesOf, bytesUpTo, uint } from "../schema-helpers.ts";
import { MAX_FRAME_BYTES, PROTOCOL_VERSION } from "./limits.ts";
import { MAX_ENTRY_BYTES } from "../membership/entry.ts";

const base = <T extends string>(type: T) => ({ v: v.literal(PROTOCOL_VERSION), type: v.literal(type) });
const reqId = v.pipe(uint, v.maxValue(2 ** 31));

/** Answers the relay's challenge: the signature covers `authMessage(challenge, memberId, deviceId)`. */
export const HelloFrame = v.object({ ...base("hello"), memberId: bytesOf(32), deviceId: bytesOf(16), signature: bytesOf(64) });
/** Appends a signed membership-log entry; `sealedKey` accompanies an `invite` (held off the log). */
export const AppendFrame = v.object({
  ...base("append"),
  id: reqId,
  groupId: bytesOf(16),
  entry: bytesUpTo(MAX_ENTRY_BYTES),
  sealedKey: v.optional(v.nullable(bytesUpTo(256))),
});
/** Reads a group's public log as the holder of an invitation, before joining. */
export const InviteLookupFrame = v.object({ ...base("invite-lookup"), id: reqId, groupId: bytesOf(16), inviteKey: bytesOf(32), proof: bytesOf(64) });
/** Starts receiving a group: catch-up after `afterSeq`/`afterIndex`, then live frames. */
export const SubscribeFrame = v.object({ ...base("subscribe"), id: reqId, groupId: bytesOf(16), afterSeq: uint, afterIndex: uint });
/** Publishes a sealed envelope (update or snapshot). */
export const PublishFrame = v.object({ ...base("publish"), id: reqId, envelope: bytesUpTo(MAX_FRAME_BYTES) });

/** Every frame a client may send. */
export const ClientFrame = v.variant("type", [HelloFrame, AppendFrame, InviteLookupFrame, SubscribeFrame, PublishFrame]);
/** A parsed client frame. */
export type ClientFrame = v.InferOutput<typeof ClientFrame>;
export type HelloFrame = v.InferOutput<typeof HelloFrame>;
export type AppendFrame = v.InferOutput<typeof AppendFrame>;
export type InviteLookupFrame = v.InferOutput<typeof InviteLookupFrame>;
export type SubscribeFrame = v.InferOutput<typeof SubscribeFrame>;
export type PublishFrame = v.InferOutput<typeof PublishFrame>;
