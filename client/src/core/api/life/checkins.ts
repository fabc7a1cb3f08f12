/** Accountability check-ins: the group's rhythm, posts and replies. Part of the group-life API (../group-life-api.ts). */
import type { MemberId } from "@porch/shared";

/** How often the group checks in. */
export type Rhythm = "weekly" | "biweekly" | "monthly";
export const RHYTHMS = ["weekly", "biweekly", "monthly"] as const satisfies readonly Rhythm[];

/** What a member posts for the current period. Each part may be empty, not all three. */
export interface CheckInInput {
  readonly wins: string;
  readonly nextSteps: string;
  readonly asks: string;
}

export interface ReplyView {
  readonly id: string;
  readonly by: MemberId;
  readonly at: number;
  readonly text: string;
}

export interface CheckInPostView {
  /** Stable id of the post (use it to reply). */
  readonly id: string;
  readonly member: MemberId;
  /** The period's first day, "YYYY-MM-DD". */
  readonly period: string;
  readonly at: number;
  readonly wins: string;
  readonly nextSteps: string;
  readonly asks: string;
  /** Oldest first. */
  readonly replies: readonly ReplyView[];
}

export interface PeriodView {
  /** First day "YYYY-MM-DD" (inclusive). */
  readonly start: string;
  /** Day after the last day "YYYY-MM-DD" (exclusive). */
  readonly end: string;
  /** Oldest first. */
  readonly posts: readonly CheckInPostView[];
}

export interface CheckInsView {
  readonly rhythm: Rhythm;
  /** False until a member picks a rhythm (the default is monthly, calendar months). */
  readonly rhythmChosen: boolean;
  readonly rhythmSetBy: MemberId | null;
  /** The schedule's first day "YYYY-MM-DD". */
  readonly startDate: string;
  readonly current: PeriodView;
  /** Every period that has posts, plus the current one; newest first. */
  readonly periods: readonly PeriodView[];
  /**
   * True when the viewer has not posted in the current period: show a gentle, private prompt.
   * Never derived for other members — there is deliberately no "who has not posted" list.
   */
  readonly promptMe: boolean;
  /** The viewer's own history, newest first (any member's: `memberCheckIns`). */
  readonly mine: readonly CheckInPostView[];
}
