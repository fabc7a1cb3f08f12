/** Frames a client sends to the relay. One schema and one type per frame, parsed at the edge. */
import * as v from "valibot";
import { bytesOf, bytesUpTo, uint } from "../schema-helpers.ts";
import {
  MAX_FRAME_BYTES,
  MAX_INVITE_CARD_BYTES,
  MAX_LINK_SEALED_BYTES,
  MAX_NOTICE_BYTES,
  PROTOCOL_VERSION,
} from "./limits.ts";
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
  /**
   * With an `invite`: the invitation card (group name, inviter, note) sealed under a key only the
   * link's secret derives (crypto/invite-card.ts). Held off the log beside the sealed key; absent
   * from older clients.
   */
  inviteCard: v.optional(v.nullable(bytesUpTo(MAX_INVITE_CARD_BYTES))),
});
/**
 * A member's signature of the checkpoint at `index` (the state after entries 0..index−1): `bodyHash`
 * is BLAKE2b-256 of `checkpointBody` of the member's own replay, and the signature is over that body.
 * The relay, which replays the same prefix, compares hashes (`checkpoint-mismatch` otherwise) and
 * verifies the signature over its own body, so the body itself never needs to travel up. Newcomers get
 * the checkpoint once two members of its roster, one an admin, have signed it.
 */
export const CheckpointSignFrame = v.object({
  ...base("checkpoint-sign"),
  id: reqId,
  groupId: bytesOf(16),
  index: v.pipe(uint, v.minValue(1)),
  bodyHash: bytesOf(32),
  signature: bytesOf(64),
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
/**
 * The next page of a catch-up (`catch-up` with `more: true`): the same group, `afterSeq` = the last
 * page's `headSeq`, `afterIndex` = the last page's `afterIndex` plus its entries. Only for a group this
 * socket subscribed to (`not-subscribed` otherwise); answered with a `catch-up` page bounded by what
 * the subscribe's first page covered (later envelopes come live).
 */
export const CatchUpMoreFrame = v.object({
  ...base("catch-up-more"),
  id: reqId,
  groupId: bytesOf(16),
  afterSeq: uint,
  afterIndex: uint,
});
/** Publishes a sealed envelope (update or snapshot). */
export const PublishFrame = v.object({ ...base("publish"), id: reqId, envelope: bytesUpTo(MAX_FRAME_BYTES) });
/**
 * Acknowledges the snapshot envelope stored at `seq` in a group (or the socket's own journal):
 * `signature` = `signSnapshotAck(groupId, seq, socket's deviceId, envelope bytes)` by the socket's key.
 * Only a current member other than the snapshot's author (a journal: another device of its owner);
 * answered with `ack {seq}`. The relay then serves that snapshot at catch-up and prunes what it covers.
 */
export const SnapshotAckFrame = v.object({
  ...base("snapshot-ack"),
  id: reqId,
  groupId: bytesOf(16),
  seq: v.pipe(uint, v.minValue(1)),
  signature: bytesOf(64),
});
/**
 * Asks which counter the relay expects next from this socket's device in a group (current members)
 * or a journal (its owner), so a device whose counter was refused (`counter-reused`, `counter-gap`)
 * can seal its pending changes again under one the relay accepts.
 */
export const NextCounterFrame = v.object({ ...base("next-counter"), id: reqId, groupId: bytesOf(16) });

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

// ── Consented aggregation (../aggregation/README.md). Every id is raw bytes; signed records travel as the
//    exact bytes signed. The organization is an identity like a member: its socket's key is `orgKey`.

/** The organization creates a cohort: `cohort` is `encodeCohort(record)`, signed by the socket's key. */
export const AggCohortCreateFrame = v.object({
  ...base("agg-cohort-create"),
  id: reqId,
  cohort: bytesUpTo(64 * 1024),
  signature: bytesOf(64),
});
/** A member enrols in a cohort for one of its friend groups (`proof` = `enrolProof`). */
export const AggEnrolFrame = v.object({
  ...base("agg-enrol"),
  id: reqId,
  cohortId: bytesOf(16),
  groupId: bytesOf(16),
  /** The member's name for the participation list, sealed to the organization's box key. */
  sealedName: bytesUpTo(256),
  proof: bytesOf(64),
});
/** Lists the cohorts this identity runs (as organization) or is enrolled in. */
export const AggCohortsFrame = v.object({ ...base("agg-cohorts"), id: reqId });
/** Everything about one cohort this identity may see (answer: `agg-state-reply`). */
export const AggStateFrame = v.object({ ...base("agg-state"), id: reqId, cohortId: bytesOf(16) });
/** The organization opens a round: `call` is `encodeCall(call)`, signed with its key. */
export const AggRoundOpenFrame = v.object({
  ...base("agg-round-open"),
  id: reqId,
  call: bytesUpTo(1024),
  signature: bytesOf(64),
});
/** An enrolled member volunteers as steward with the commitment of a nonce (lottery.ts). */
export const AggVolunteerFrame = v.object({
  ...base("agg-volunteer"),
  id: reqId,
  roundId: bytesOf(16),
  commitment: bytesOf(32),
});
/** A volunteer reveals its nonce once volunteering has closed. */
export const AggRevealFrame = v.object({ ...base("agg-reveal"), id: reqId, roundId: bytesOf(16), nonce: bytesOf(32) });
/** A drawn steward accepts with its round key (`acceptRound` over the call). */
export const AggAcceptFrame = v.object({
  ...base("agg-accept"),
  id: reqId,
  roundId: bytesOf(16),
  roundKey: bytesOf(32),
  signature: bytesOf(64),
});
/** A member's sealed report (report.ts); answered with `agg-receipt`. Resending before the freeze replaces it. */
export const AggReportFrame = v.object({
  ...base("agg-report"),
  id: reqId,
  roundId: bytesOf(16),
  manifestHash: bytesOf(32),
  shares: v.pipe(v.array(bytesUpTo(64 * 1024)), v.maxLength(15)),
  signature: bytesOf(64),
});
/** The organization closes the round's current phase now instead of at its deadline. */
export const AggAdvanceFrame = v.object({ ...base("agg-advance"), id: reqId, roundId: bytesOf(16) });
/** A steward reads its sealed shares of the frozen batch, a page at a time, after position `after`. */
export const AggSharesFrame = v.object({ ...base("agg-shares"), id: reqId, roundId: bytesOf(16), after: uint });
/** A steward posts one part of its partial sum (round-records.ts), signed with its identity. */
export const AggPartialFrame = v.object({
  ...base("agg-partial"),
  id: reqId,
  roundId: bytesOf(16),
  part: v.picklist(["counts", "values"]),
  values: bytesUpTo(64 * 1024),
  signature: bytesOf(64),
});

/** Every frame a client may send. */
export const ClientFrame = v.variant("type", [
  HelloFrame,
  AppendFrame,
  CheckpointSignFrame,
  InviteLookupFrame,
  SubscribeFrame,
  CatchUpMoreFrame,
  PublishFrame,
  SnapshotAckFrame,
  NextCounterFrame,
  MyGroupsFrame,
  LinkOpenFrame,
  LinkAnswerFrame,
  LinkCompleteFrame,
  NoticePostFrame,
  NoticesFrame,
  JournalDeleteFrame,
  AggCohortCreateFrame,
  AggEnrolFrame,
  AggCohortsFrame,
  AggStateFrame,
  AggRoundOpenFrame,
  AggVolunteerFrame,
  AggRevealFrame,
  AggAcceptFrame,
  AggReportFrame,
  AggAdvanceFrame,
  AggSharesFrame,
  AggPartialFrame,
]);
/** A parsed client frame. */
export type ClientFrame = v.InferOutput<typeof ClientFrame>;
export type HelloFrame = v.InferOutput<typeof HelloFrame>;
export type AppendFrame = v.InferOutput<typeof AppendFrame>;
export type CheckpointSignFrame = v.InferOutput<typeof CheckpointSignFrame>;
export type InviteLookupFrame = v.InferOutput<typeof InviteLookupFrame>;
export type SubscribeFrame = v.InferOutput<typeof SubscribeFrame>;
export type CatchUpMoreFrame = v.InferOutput<typeof CatchUpMoreFrame>;
export type PublishFrame = v.InferOutput<typeof PublishFrame>;
export type SnapshotAckFrame = v.InferOutput<typeof SnapshotAckFrame>;
export type NextCounterFrame = v.InferOutput<typeof NextCounterFrame>;
export type MyGroupsFrame = v.InferOutput<typeof MyGroupsFrame>;
export type LinkOpenFrame = v.InferOutput<typeof LinkOpenFrame>;
export type LinkAnswerFrame = v.InferOutput<typeof LinkAnswerFrame>;
export type LinkCompleteFrame = v.InferOutput<typeof LinkCompleteFrame>;
export type NoticePostFrame = v.InferOutput<typeof NoticePostFrame>;
export type NoticesFrame = v.InferOutput<typeof NoticesFrame>;
export type JournalDeleteFrame = v.InferOutput<typeof JournalDeleteFrame>;
export type AggCohortCreateFrame = v.InferOutput<typeof AggCohortCreateFrame>;
export type AggEnrolFrame = v.InferOutput<typeof AggEnrolFrame>;
export type AggCohortsFrame = v.InferOutput<typeof AggCohortsFrame>;
export type AggStateFrame = v.InferOutput<typeof AggStateFrame>;
export type AggRoundOpenFrame = v.InferOutput<typeof AggRoundOpenFrame>;
export type AggVolunteerFrame = v.InferOutput<typeof AggVolunteerFrame>;
export type AggRevealFrame = v.InferOutput<typeof AggRevealFrame>;
export type AggAcceptFrame = v.InferOutput<typeof AggAcceptFrame>;
export type AggReportFrame = v.InferOutput<typeof AggReportFrame>;
export type AggAdvanceFrame = v.InferOutput<typeof AggAdvanceFrame>;
export type AggSharesFrame = v.InferOutput<typeof AggSharesFrame>;
export type AggPartialFrame = v.InferOutput<typeof AggPartialFrame>;
