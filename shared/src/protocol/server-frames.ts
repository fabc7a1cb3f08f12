/** Frames the relay sends to a client. One schema and one type per frame. */
import * as v from "valibot";
import { ERROR_CODES } from "../errors.ts";
import { anyBytes, bytesOf, bytesUpTo, uint } from "../schema-helpers.ts";
import { MAX_INVITE_CARD_BYTES, PROTOCOL_VERSION } from "./limits.ts";

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
/**
 * A group's public log for an invitation holder (answer to `invite-lookup`): the whole log, or — when
 * `checkpoint` is present — the newest checkpoint two members signed and the entries after it
 * (`entries[0]` is the entry at the checkpoint's length) — and the invitation's sealed card.
 */
export const LogFrame = v.object({
  ...base("log"),
  id: uint,
  groupId: bytesOf(16),
  entries: v.array(anyBytes),
  checkpoint: v.optional(v.nullable(anyBytes)),
  /** The invitation's sealed card, if its inviter left one (only the link's holder can open it). */
  inviteCard: v.optional(v.nullable(bytesUpTo(MAX_INVITE_CARD_BYTES))),
});
/** A checkpoint signature was stored; `complete` once the checkpoint is served to newcomers. */
export const CheckpointSignedFrame = v.object({
  ...base("checkpoint-signed"),
  id: uint,
  groupId: bytesOf(16),
  index: uint,
  complete: v.boolean(),
});
const Stored = v.object({ seq: uint, bytes: anyBytes });
/**
 * Answer to `subscribe` and `catch-up-more`, one page at a time: log entries from `afterIndex` first,
 * then the latest acknowledged (or sole writer's) snapshot if newer, then later updates and
 * the newest unacknowledged snapshot (to be checked and acknowledged, never loaded), bounded in bytes.
 * `headSeq`: every seq up to it is in this page or an earlier one (or needs no sending: covered by the
 * snapshot, or a superseded snapshot); on the last page it is the group's head when the catch-up began.
 * `more: true` (absent on the last page): ask for the next with `catch-up-more`.
 */
export const CatchUpFrame = v.object({
  ...base("catch-up"),
  id: uint,
  groupId: bytesOf(16),
  entries: v.array(anyBytes),
  snapshot: v.nullable(
    v.object({
      seq: uint,
      coversSeq: uint,
      bytes: anyBytes,
      /**
       * Who acknowledged it (signSnapshotAck). Absent: the relay serves it as its device's alone (no
       * other device had written to the document), and a receiver loads it only if it binds every
       * change and names every device counter of its author alone.
       */
      ack: v.optional(v.object({ memberId: bytesOf(32), deviceId: bytesOf(16), signature: bytesOf(64) })),
    }),
  ),
  updates: v.array(Stored),
  headSeq: uint,
  more: v.optional(v.boolean()),
});
/** A publish was stored under `seq` (also for an identical resend). */
export const AckFrame = v.object({ ...base("ack"), id: uint, seq: uint });
/** Answer to `next-counter`: the counter the relay accepts next from this device in that document. */
export const NextCounterReplyFrame = v.object({
  ...base("next-counter-reply"),
  id: uint,
  groupId: bytesOf(16),
  next: uint,
});
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

// ── Consented aggregation.

/** A request that needs no other answer succeeded (committed). */
export const AggOkFrame = v.object({ ...base("agg-ok"), id: uint });
/** Answer to `agg-report`: the relay's signed receipt (round-records.ts `Receipt`). */
export const AggReceiptFrame = v.object({
  ...base("agg-receipt"),
  id: uint,
  receivedAt: uint,
  reportHash: bytesOf(32),
  signature: bytesOf(64),
});
const CohortSummary = v.object({
  cohort: anyBytes,
  signature: bytesOf(64),
  role: v.picklist(["org", "member"]),
  enrolled: uint,
});
/** Answer to `agg-cohorts`. */
export const AggCohortListFrame = v.object({ ...base("agg-cohort-list"), id: uint, cohorts: v.array(CohortSummary) });

/** The phases of a round, in order (`aborted` can follow any phase before `published`). */
export const ROUND_PHASES = [
  "volunteering",
  "revealing",
  "accepting",
  "open",
  "counts",
  "values",
  "published",
  "aborted",
] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];

const RoundState = v.object({
  call: anyBytes,
  callSignature: bytesOf(64),
  phase: v.picklist(ROUND_PHASES),
  /** Why the round aborted (e.g. "too-few-stewards", "too-few-contributors", "too-few-groups", "too-few-partials"). */
  aborted: v.nullable(v.string()),
  volunteers: v.array(
    v.object({ memberId: bytesOf(32), groupId: bytesOf(16), commitment: bytesOf(32), nonce: v.nullable(bytesOf(32)) }),
  ),
  /** The drawn stewards, ordered by member id, once drawn. */
  stewards: v.array(
    v.object({
      memberId: bytesOf(32),
      groupId: bytesOf(16),
      roundKey: v.nullable(bytesOf(32)),
      acceptance: v.nullable(bytesOf(64)),
      counts: v.boolean(),
      values: v.boolean(),
      /** Named by the partials check as the steward whose partial was wrong; its partials are ignored. */
      faulty: v.boolean(),
    }),
  ),
  /** Each steward's group's membership log, so a member can check the steward is admitted there. */
  stewardLogs: v.array(v.object({ groupId: bytesOf(16), entries: v.array(anyBytes) })),
  reports: uint,
  /** This identity's own report's receipt, if it sent one. */
  receipt: v.nullable(v.object({ receivedAt: uint, reportHash: bytesOf(32), signature: bytesOf(64) })),
  freeze: v.nullable(
    v.object({
      batchHash: bytesOf(32),
      contributors: uint,
      groups: uint,
      aborted: v.nullable(v.string()),
      signature: bytesOf(64),
      /** True when this identity's report is in the frozen batch. */
      included: v.boolean(),
    }),
  ),
  /** The organization's participation list (who contributed, for payment); empty for anyone else. */
  batch: v.array(v.object({ memberId: bytesOf(32), groupId: bytesOf(16), reportHash: bytesOf(32) })),
  /**
   * Once the counts are rebuilt: the blocks (fields then series, layout order) whose count reached the
   * round's minimum, whose values the stewards add up next. Never the counts themselves: an exact count
   * of 1–10 is for the disclosure rules to hide, not for anyone to read here.
   */
  valueBlocks: v.nullable(v.array(uint)),
  /** The published release (CBOR of the disclosed release) and the relay's signature. */
  release: v.nullable(v.object({ bytes: anyBytes, signature: bytesOf(64) })),
});
/** Answer to `agg-state`: one cohort as this identity may see it. */
export const AggStateReplyFrame = v.object({
  ...base("agg-state-reply"),
  id: uint,
  cohort: anyBytes,
  cohortSignature: bytesOf(64),
  /** The relay's aggregation key: it signs receipts, freezes and releases. */
  relayKey: bytesOf(32),
  role: v.picklist(["org", "member"]),
  enrolled: uint,
  /** The organization's enrolment list (names sealed to it); empty for a member. */
  enrolments: v.array(v.object({ memberId: bytesOf(32), groupId: bytesOf(16), sealedName: anyBytes })),
  /** The member's own enrolment's group; null for the organization. */
  myGroupId: v.nullable(bytesOf(16)),
  rounds: v.array(RoundState),
});
/** Answer to `agg-shares`: a page of the steward's sealed shares; `next` is the `after` of the next page. */
export const AggSharePageFrame = v.object({
  ...base("agg-share-page"),
  id: uint,
  items: v.array(v.object({ memberId: bytesOf(32), share: anyBytes })),
  next: v.nullable(uint),
});
/** Live, to the organization's and enrolled members' sockets: something in this cohort changed; read `agg-state`. */
export const AggChangedFrame = v.object({
  ...base("agg-changed"),
  cohortId: bytesOf(16),
  /**
   * The phase a round just moved to, when that is the change: a device with nothing to do in it (not a
   * volunteer, no report to send) need not re-read the cohort.
   */
  phase: v.optional(v.picklist(ROUND_PHASES)),
});

/** Every frame the relay may send. */
export const ServerFrame = v.variant("type", [
  ChallengeFrame,
  WelcomeFrame,
  AppendedFrame,
  LogFrame,
  CheckpointSignedFrame,
  CatchUpFrame,
  AckFrame,
  NextCounterReplyFrame,
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
  AggOkFrame,
  AggReceiptFrame,
  AggCohortListFrame,
  AggStateReplyFrame,
  AggSharePageFrame,
  AggChangedFrame,
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
export type AggStateReplyFrame = v.InferOutput<typeof AggStateReplyFrame>;
export type AggRoundState = AggStateReplyFrame["rounds"][number];
export type AggCohortListFrame = v.InferOutput<typeof AggCohortListFrame>;
export type AggSharePageFrame = v.InferOutput<typeof AggSharePageFrame>;
