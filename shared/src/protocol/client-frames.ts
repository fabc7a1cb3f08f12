/** Frames a client sends to the relay. One schema and one type per frame, parsed at the edge. */
import * as v from "valibot";
import { bytesOf, bytesUpTo, uint } from "../schema-helpers.ts";
import { MAX_FRAME_BYTES, MAX_LINK_SEALED_BYTES, MAX_NOTICE_BYTES, PROTOCOL_VERSION } from "./limits.ts";
import { MAX_ENTRY_BYTES } from "../membership/entry.ts";

const base = <T extends string>(type: T) => ({ v: v.literal(PROTOCOL_VERSION), type: v.literal(type) });
const reqId = v.pipe(uint, v.maxValue(2 ** 31));

/** Answers the relay's challenge: the signature covers `authMessage(challenge, memberId, deviceId)`. */
export const HelloFrame = v.object({
  ...base("hello"),
  memberId: bytesOf(32),
  deviceId: bytesOf(16),
  signature: bytesOf(64),
});
/** Appends a signed membership-log entry; `sealedKey` accompanies an `invite` (held off the log). */
export const AppendFrame = v.object({
  ...base("append"),
  id: reqId,
  groupId: bytesOf(16),
  entry: bytesUpTo(MAX_ENTRY_BYTES),
  sealedKey: v.optional(v.nullable(bytesUpTo(256))),
});
/** Reads a group's public log as the holder of an invitation, before joining. */
export const InviteLookupFrame = v.object({
  ...base("invite-lookup"),
  id: reqId,
  groupId: bytesOf(16),
  inviteKey: bytesOf(32),
  proof: bytesOf(64),
});
/**
 * Starts receiving a document: catch-up after `afterSeq`/`afterIndex`, then live frames. `kind`
 * absent means a group (clients older than journals send none). With `kind: "journal"`, `groupId` is
 * the member's journal id: the first subscribe claims it for the socket's identity (the journal
 * signing key), later ones must come from that same key; a journal has no log (`afterIndex` is ignored).
 */
export const SubscribeFrame = v.object({
  ...base("subscribe"),
  id: reqId,
  groupId: bytesOf(16),
  afterSeq: uint,
  afterIndex: uint,
  kind: v.optional(v.picklist(["group", "journal"])),
});
/** Publishes a sealed envelope (update or snapshot). */
export const PublishFrame = v.object({ ...base("publish"), id: reqId, envelope: bytesUpTo(MAX_FRAME_BYTES) });

/** Lists every group the authenticated member currently belongs to (a recovered or newly linked device). */
export const MyGroupsFrame = v.object({ ...base("my-groups"), id: reqId });

/**
 * An existing device opens a second-device link mailbox (the id is `linkMailboxId(secret)`). The
 * relay clamps `expiresAt` to at most 10 minutes from now and keeps this socket and member as owner.
 */
export const LinkOpenFrame = v.object({ ...base("link-open"), id: reqId, mailbox: bytesOf(32), expiresAt: uint });
/**
 * The new device (authenticated with a throwaway identity) posts its ephemeral X25519 public key and
 * `linkMac(secret, ephemeralKey)`. The relay forwards both to the owner's sockets (`link-request`).
 */
export const LinkAnswerFrame = v.object({
  ...base("link-answer"),
  id: reqId,
  mailbox: bytesOf(32),
  ephemeralKey: bytesOf(32),
  mac: bytesOf(32),
});
/**
 * The mailbox owner finishes a link: `sealed` (from `sealLinkPayload`) goes to the answering socket
 * as `link-sealed`; `null` means the MAC did not verify and the new device gets `link-bad-mac`.
 * The mailbox is deleted either way (single use).
 */
export const LinkCompleteFrame = v.object({
  ...base("link-complete"),
  id: reqId,
  mailbox: bytesOf(32),
  sealed: v.nullable(bytesUpTo(MAX_LINK_SEALED_BYTES)),
});

/** Stores a note sealed to the member's own devices (e.g. "a new device was added"). */
export const NoticePostFrame = v.object({ ...base("notice-post"), id: reqId, sealed: bytesUpTo(MAX_NOTICE_BYTES) });
/** Lists the member's notices with `seq > after` (the relay keeps the last 50). */
export const NoticesFrame = v.object({ ...base("notices"), id: reqId, after: uint });

/**
 * Deletes the member's journal: every envelope, snapshot and device counter of it, and the row that
 * binds it to its owner. Only the owner (the socket's identity) may; deleting a missing journal is fine.
 */
export const JournalDeleteFrame = v.object({ ...base("journal-delete"), id: reqId, journalId: bytesOf(16) });

/** Every frame a client may send. */
export const ClientFrame = v.variant("type", [
  HelloFrame,
  AppendFrame,
  InviteLookupFrame,
  SubscribeFrame,
  PublishFrame,
  MyGroupsFrame,
  LinkOpenFrame,
  LinkAnswerFrame,
  LinkCompleteFrame,
  NoticePostFrame,
  NoticesFrame,
  JournalDeleteFrame,
]);
/** A parsed client frame. */
export type ClientFrame = v.InferOutput<typeof ClientFrame>;
export type HelloFrame = v.InferOutput<typeof HelloFrame>;
export type AppendFrame = v.InferOutput<typeof AppendFrame>;
export type InviteLookupFrame = v.InferOutput<typeof InviteLookupFrame>;
export type SubscribeFrame = v.InferOutput<typeof SubscribeFrame>;
export type PublishFrame = v.InferOutput<typeof PublishFrame>;
export type MyGroupsFrame = v.InferOutput<typeof MyGroupsFrame>;
export type LinkOpenFrame = v.InferOutput<typeof LinkOpenFrame>;
export type LinkAnswerFrame = v.InferOutput<typeof LinkAnswerFrame>;
export type LinkCompleteFrame = v.InferOutput<typeof LinkCompleteFrame>;
export type NoticePostFrame = v.InferOutput<typeof NoticePostFrame>;
export type NoticesFrame = v.InferOutput<typeof NoticesFrame>;
export type JournalDeleteFrame = v.InferOutput<typeof JournalDeleteFrame>;
