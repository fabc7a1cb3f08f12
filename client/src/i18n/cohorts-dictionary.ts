/**
 * Sentences of the organization's programs (cohorts) as a member sees them: joining with the
 * organization's link, what a report and a steward do, and the published totals. Wording rules: say
 * plainly that the organization sees only totals for many families, never one family's numbers; that
 * nothing is sent without the member's own switches in Sharing; and what a steward's phone does.
 */
import type { ProgressSeries } from "@porch/shared/journal";
import type { ReportStatus, StewardStatus } from "../core/api/cohorts-api.ts";

type Text = string;
type Fn<A extends unknown[]> = (...args: A) => string;

export type CohortsDictionary = {
  readonly cohorts: {
    readonly enrolTitle: Text;
    readonly enrolInvited: Fn<[program: string]>;
    readonly enrolHow: Text;
    readonly enrolNothingYet: Text;
    readonly groupLabel: Text;
    readonly groupHelp: Text;
    readonly needGroup: Text;
    readonly nameLabel: Text;
    readonly nameHelp: Text;
    readonly volunteer: Text;
    readonly volunteerHelp: Text;
    readonly enrolButton: Text;
    readonly badLink: Text;
    readonly programsTitle: Text;
    readonly enrolledIn: Fn<[program: string, families: number | null]>;
    readonly period: Fn<[month: string]>;
    readonly report: Readonly<Record<ReportStatus, Text>>;
    readonly sentOn: Fn<[date: string]>;
    readonly steward: Fn<[program: string, month: string, status: string]>;
    readonly stewardStatus: Readonly<Record<StewardStatus, Text>>;
    readonly stewardKeepOpen: Text;
    readonly phase: Readonly<Record<"volunteering" | "revealing" | "accepting" | "open" | "counts" | "values", Text>>;
    readonly aborted: Text;
    readonly releaseTitle: Fn<[program: string, month: string]>;
    readonly releaseChange: Fn<[series: string, change: string]>;
    readonly releaseHidden: Fn<[series: string]>;
    readonly releaseUp: Fn<[share: string]>;
    readonly releaseFamilies: Fn<[families: string]>;
    readonly releaseWithheld: Text;
    readonly notEnough: Text;
    readonly series: Readonly<Record<ProgressSeries, Text>>;
    readonly notVerified: Text;
    readonly codeTitle: Text;
    readonly codeLabel: Text;
    readonly codeButton: Text;
  };
};
