/** Frames the relay sends to a client. One schema and one type per frame. */
import * as v from "valibot";
import { ERROR_CODES } from "../errors.ts";
import { anyBytes, bytesOf, uint } from "../schema-helpers.ts";
import { PROTOCOL_VERSION } from "./limits.ts";

const base = <T extends string>(type: T) => ({ v: v.literal(PROTOCOL_VERSION), type: v.literal(type) });

/** Sent on connect; the client signs it (context `porch/v1/auth`). */
export const ChallengeFrame = v.object({ ...base("challenge"), nonce: bytesOf(32), origin: v.string(), time: uint });
/** Authentication succeeded. */
export const WelcomeFrame = v.object({ ...base("welcome"), memberId: bytesOf(32) });
/** An entry was appended; `releasedKey` is the invitation's sealed epoch key, for a `join`. */
export const AppendedFrame = v.object({ ...base("appended"), id: uint, groupId: bytesOf(16), index: uint, releasedKey: v.nullable(anyBytes) });
/** A group's log entries from some index (answer to `invite-lookup`). */
export const LogFrame = v.object({ ...base("log"), id: uint, groupId: bytesOf(16), entries: v.array(anyBytes) });
const Stored = v.object({ seq: uint, bytes: anyBytes });
/** Answer to `subscribe`: log entries after `afterIndex`, the latest snapshot if newer, later updates. */
export const CatchUpFrame = v.object({
  ...base("catch-up"),
  id: uint,
  groupId: bytesOf(16),
  entries: v.array(anyBytes),
  snapshot: v.nullable(v.object({ seq: uint, coversSeq: uint, bytes: anyBytes })),
  updates: v.array(Stored),
  headSeq: uint,
});
/** A publish was stored under `seq` (also for an identical resend). */
export const AckFrame = v.object({ ...base("ack"), id: uint, seq: uint });
/** Live: a new envelope in a subscribed group. */
export const EnvelopeFrame = v.object({ ...base("envelope"), groupId: bytesOf(16), seq: uint, bytes: anyBytes });
/** Live: a new log entry in a subscribed group. */
export const EntryFrame = v.object({ ...base("entry"), groupId: bytesOf(16), index: uint, bytes: anyBytes });
/** A refusal. `id` names the request when there is one; `fatal` means the relay closes the socket. */
export const ErrorFrame = v.object({ ...base("error"), id: v.nullable(uint), code: v.picklist(ERROR_CODES), fatal: v.boolean() });

/** Every frame the relay may send. */
export const ServerFrame = v.variant("type", [ChallengeFrame, WelcomeFrame, AppendedFrame, LogFrame, CatchUpFrame, AckFrame, EnvelopeFrame, EntryFrame, ErrorFrame]);
/** A parsed relay frame. */
export type ServerFrame = v.InferOutput<typeof ServerFrame>;
export type ChallengeFrame = v.InferOutput<typeof ChallengeFrame>;
export type CatchUpFrame = v.InferOutput<typeof CatchUpFrame>;
export type ErrorFrame = v.InferOutput<typeof ErrorFrame>;
