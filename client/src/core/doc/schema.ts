/**
 * The group document's stored shape (schema v2).
 *
 * v1 had four root keys: schemaVersion, name, members, goals. v2 adds group life as **one record per
 * root key**, named `type:id` like tldraw's store records ("offer:…", "claim:<offer>:<member>"). Why
 * not new root maps (`offers: {}`)? Two devices that open the same v1 document offline would each
 * create their own `offers` map; Automerge keeps one of two concurrently created objects under a key,
 * and everything written into the other is lost. Root keys that are unique per record (random ids, or
 * the author's member id inside the key) never collide, so migrating needs no new objects at all.
 *
 * Every record is written once, by its author, and carries `by` (member id) and `at` (ms). Anything
 * that changes later is a record whose key names its author (`cheer:<goal>:<member>`,
 * `spec:<goal>` by the goal's owner only), so a member can never overwrite another member's record
 * without the view noticing: views keep only records whose `by` is the member entitled to write them
 * and — when the sync engine's actor → member map is given — whose Automerge object was created by
 * one of that member's actors.
 *
 * Storage of a record: ONE map per record with ONE field, `d`, an `ImmutableString` of the record's
 * JSON (the interfaces below are that JSON; text is plain strings inside it). Two operations per
 * record instead of one per field: that is what makes a years-old document open fast (records.ts,
 * bench/README.md "group-doc-open"). The map object stays because its object id names the actor
 * that created it (the authorship check). Nothing is edited in place: a rewrite puts a new map.
 * Goals under `goals` keep the v1 layout (a map of fields, v2 adds optional ones): 100 goals are ~5 ms
 * of the 3-year document's load, and tools read them directly.
 */
import type * as A from "@automerge/automerge";

/** Current schema version of the group document. */
export const GROUP_DOC_VERSION = 2;

type Text = A.ImmutableString | string;

/** The v1 goal (kept as the base of a goal; v2 adds the optional fields). */
export interface StoredGoal {
  owner: string;
  title: Text;
  category: string;
  targetAmount: number | null;
  createdAt: number;
  updatedAt: number;
  // v2
  targetDate?: string | null;
  visibility?: string;
  state?: string;
  by?: string;
  at?: number;
}

/** The owner's latest edit of a goal (`spec:<goalId>`), replaced whole on each edit. */
export interface GoalSpecRecord {
  by: string;
  at: number;
  title: string;
  category: string;
  targetAmount: number | null;
  targetDate: string | null;
  visibility: string;
  state: string;
}

export interface ProgressRecord {
  by: string;
  at: number;
  goal: string;
  amount: number | null;
  percent: number | null;
  note: string;
  milestone: string | null;
}
export interface MilestoneRecord {
  by: string;
  at: number;
  goal: string;
  title: string;
  targetAmount: number | null;
  targetDate: string | null;
}
/** `reach:<milestoneId>` — written by the goal's owner. */
export interface ReachRecord {
  by: string;
  at: number;
  reached: boolean;
}
/** `cheer:<goalId>:<memberId>`. */
export interface CheerRecord {
  by: string;
  at: number;
  on: boolean;
}
export interface CommentRecord {
  by: string;
  at: number;
  goal: string;
  text: string;
}
/** `rhythm` (one key; the last writer wins). */
export interface RhythmRecord {
  by: string;
  at: number;
  rhythm: string;
  start: string;
}
/** `checkin:<periodStart>:<memberId>`. */
export interface CheckInRecord {
  by: string;
  at: number;
  period: string;
  wins: string;
  next: string;
  asks: string;
}
export interface ReplyRecord {
  by: string;
  at: number;
  post: string;
  text: string;
}
export interface OfferRecord {
  by: string;
  at: number;
  kind: string;
  category: string;
  description: string;
  when: string;
  expiresAt: number;
  /** Optional (added without a version bump: older readers ignore it): the check-in post an ask came from. */
  from?: string;
}
/** `withdrawn:<offerId>` (poster), `claim:<offerId>:<member>`, `confirm:<offerId>:<member>`, `thanks:<offerId>:<member>`. */
export interface StampRecord {
  by: string;
  at: number;
}
export interface ConfirmRecord {
  by: string;
  at: number;
  hours: number | null;
  dollars: number | null;
}
export interface ThanksRecord {
  by: string;
  at: number;
  note: string;
}
export interface CircleRecord {
  by: string;
  at: number;
  name: string;
  members: string[];
  contribution: number;
  scheduleKind: string;
  scheduleN: number;
  start: string;
  orderKind: string;
  order: string[];
  /** For "random": the crypto-random seed the order was drawn with (hex), recorded for everyone. */
  seed: string | null;
}
/** `paid:<circleId>:<round>:<payer>` (payer) and `received:<circleId>:<round>:<payer>` (recipient). */

/** The stored shape (v2). Root keys beyond these are `type:id` records (see above). */
export interface GroupDoc {
  schemaVersion: number;
  name: A.ImmutableString;
  members: Record<string, { displayName: A.ImmutableString; joinedAt: number }>;
  goals: Record<string, StoredGoal>;
  [record: `${string}:${string}`]: unknown;
  /** `{ d }` record of a `RhythmRecord`. */
  rhythm?: { d: A.ImmutableString };
}

/** Root key of a record. */
export const key = (type: string, ...parts: (string | number)[]): `${string}:${string}` => `${type}:${parts.join(":")}`;
