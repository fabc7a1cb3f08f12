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
export const AppendedFrame = v.object({
  ...base("appended"),
  id: uint,
  groupId: bytesOf(16),
  index: uint,
  releasedKey: v.nullable(anyBytes),
});
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
export const ErrorFrame = v.object({
  ...base("error"),
  id: v.nullable(uint),
  code: v.picklist(ERROR_CODES),
  fatal: v.boolean(),
});

/** Answer to `my-groups`: every group the member currently belongs to. */
export const GroupsFrame = v.object({ ...base("groups"), id: uint, groupIds: v.array(bytesOf(16)) });
/** Answer to `link-open`: the mailbox is open. */
export const LinkOpenedFrame = v.object({ ...base("link-opened"), id: uint });
/** Answer to `link-answer`: the answer is stored and was forwarded to the owner's sockets. */
export const LinkAnsweredAckFrame = v.object({ ...base("link-answered-ack"), id: uint });
/** Answer to `link-complete`: the result was forwarded and the mailbox deleted. */
export const LinkCompletedFrame = v.object({ ...base("link-completed"), id: uint });
/** Live, to the mailbox owner's sockets: a new device answered; check `mac` before sealing. */
export const LinkRequestFrame = v.object({
  ...base("link-request"),
  mailbox: bytesOf(32),
  ephemeralKey: bytesOf(32),
  mac: bytesOf(32),
});
/** Live, to the answering socket: the identity sealed to its ephemeral key (`openLinkPayload`). */
export const LinkSealedFrame = v.object({ ...base("link-sealed"), mailbox: bytesOf(32), sealed: anyBytes });
/** Answer to `notice-post`. */
export const NoticePostedFrame = v.object({ ...base("notice-posted"), id: uint });
/** Answer to `notices`: the member's sealed notices after `after`, oldest first. */
export const NoticeListFrame = v.object({
  ...base("notice-list"),
  id: uint,
  notices: v.array(v.object({ seq: uint, sealed: anyBytes, time: uint })),
});

/** Answer to `journal-delete`: the journal and everything stored for it are gone (committed). */
export const JournalDeletedFrame = v.object({ ...base("journal-deleted"), id: uint });

/** Every frame the relay may send. */
export const ServerFrame = v.variant("type", [
  ChallengeFrame,
  WelcomeFrame,
  AppendedFrame,
  LogFrame,
  CatchUpFrame,
  AckFrame,
  EnvelopeFrame,
  EntryFrame,
  ErrorFrame,
  GroupsFrame,
  LinkOpenedFrame,
  LinkAnsweredAckFrame,
  LinkCompletedFrame,
  LinkRequestFrame,
  LinkSealedFrame,
  NoticePostedFrame,
  NoticeListFrame,
  JournalDeletedFrame,
]);
/** A parsed relay frame. */
export type ServerFrame = v.InferOutput<typeof ServerFrame>;
export type ChallengeFrame = v.InferOutput<typeof ChallengeFrame>;
export type CatchUpFrame = v.InferOutput<typeof CatchUpFrame>;
export type ErrorFrame = v.InferOutput<typeof ErrorFrame>;
export type GroupsFrame = v.InferOutput<typeof GroupsFrame>;
export type LinkRequestFrame = v.InferOutput<typeof LinkRequestFrame>;
export type LinkSealedFrame = v.InferOutput<typeof LinkSealedFrame>;
export type NoticeListFrame = v.InferOutput<typeof NoticeListFrame>;
