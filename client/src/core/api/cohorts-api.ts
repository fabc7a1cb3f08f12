/**
 * The organization's cohorts as a member sees them, and the commands the UI calls: enrol with the
 * organization's link, volunteer as a steward. The device does the rest on its own whenever it is
 * online (features/cohorts/cohort-agent.ts): it sends a report only for fields the member consented to
 * share with the organization's totals, and its steward duty runs while the app is open.
 *
 * Plain data (crosses the worker boundary).
 */
import type { AggRoundState, ErrorCode, GroupId, Result } from "@porch/shared";
import type { Disclosure } from "@porch/shared/aggregation";

/** A member's report in one round. */
export type ReportStatus = "not-sharing" | "waiting" | "sent" | "included" | "left-out" | "refused";
/** A steward's duty in one round. */
export type StewardStatus = "volunteered" | "drawn" | "accepted" | "counts-posted" | "done" | "faulty" | "not-drawn";

export interface RoundView {
  readonly roundId: string;
  readonly period: string;
  readonly phase: AggRoundState["phase"];
  readonly aborted: string | null;
  readonly freezesAt: number;
  readonly report: ReportStatus;
  readonly receiptAt: number | null;
  readonly steward: StewardStatus | null;
  readonly release: Disclosure | null;
  readonly problem: ErrorCode | null;
}

export interface CohortView {
  readonly cohortId: string;
  readonly name: string;
  readonly groupId: string;
  readonly volunteer: boolean;
  readonly enrolled: number | null;
  /** Null until the relay's copy of the record was checked against the key the link pinned. */
  readonly verified: boolean | null;
  readonly rounds: readonly RoundView[];
}

/** The cohorts area of the core. */
export interface CohortsApi {
  /** Every cohort this device enrolled in, with its rounds. */
  view(): readonly CohortView[];
  /**
   * Enrols with the organization's link (or its token), for one of the member's friend groups; `name`
   * is what the organization's participation list shows (sealed to the organization).
   */
  enrol(link: string, groupId: GroupId, name: string, volunteer: boolean): Promise<Result<string>>;
  /** Volunteers (or stops) as a steward from the next round on. */
  setVolunteer(cohortId: string, volunteer: boolean): Promise<Result<true>>;
}
