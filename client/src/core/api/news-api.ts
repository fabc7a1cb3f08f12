/**
 * What is new in a group since this member last looked, on this device. The "last seen" marker is
 * kept only in this device's own database: it is never written to the group document and never sent
 * to the relay (no push service either: nobody outside the group learns when a member looks).
 */
import type { GroupId, MemberId } from "@porch/shared";

import { NEWS_KINDS } from "./vocabulary.ts";

export { NEWS_KINDS, NEWS_LIMIT } from "./vocabulary.ts";
export type NewsKind = (typeof NEWS_KINDS)[number];

/** One thing someone else did. */
export interface NewsItem {
  /** Stable across snapshots (the record it comes from). */
  readonly id: string;
  readonly kind: NewsKind;
  /** When its author wrote it (their device's clock). */
  readonly at: number;
  readonly by: MemberId;
  /** What it is about: a goal's title, an offer's description; empty when nothing needs naming. */
  readonly subject: string;
}

export interface NewsView {
  /** The marker: things written after this moment are new. */
  readonly since: number;
  /** Newest first, at most `NEWS_LIMIT`. */
  readonly items: readonly NewsItem[];
  /** How many of each kind (every item, not only the first `NEWS_LIMIT`), kinds with none left out. */
  readonly counts: readonly (readonly [NewsKind, number])[];
  readonly total: number;
}

export interface NewsApi {
  /** What is new in the group for this device's member, or null if the group is not on this device. */
  view(groupId: GroupId): NewsView | null;
  /** The member has seen the group now: moves this device's marker to now. */
  markSeen(groupId: GroupId): Promise<void>;
}
