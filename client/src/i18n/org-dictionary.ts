/**
 * Sentences of the organization's dashboard (`/org`), under one `org` key. Its readers are program
 * staff at a desk or on a phone, not members: plain and exact, never alarming, and always honest about
 * what the organization cannot see (families' own numbers, hidden small counts).
 *
 * Field labels come from the journal's own dictionary (journal-text.ts), so a question reads the same
 * to the organization as to the family who answered it.
 */
import type { RoundPhase } from "@porch/shared";
import type { ProgressSeries } from "@porch/shared/journal";
import type { CHANGE_BUCKETS, WithheldReason } from "@porch/shared/aggregation";

type Text = string;
type Fn<A extends unknown[]> = (...args: A) => string;

/** Failures the organization can meet, each with its own sentence (anything else: `errorOther`). */
export const ORG_ERROR_CODES = [
  "offline",
  "timeout",
  "not-authenticated",
  "auth-failed",
  "rate-limited",
  "internal",
  "not-organization",
  "cohort-not-found",
  "cohort-exists",
  "bad-cohort",
  "round-not-found",
  "round-exists",
  "bad-call",
  "wrong-phase",
  "storage-failed",
] as const;
export type OrgErrorCode = (typeof ORG_ERROR_CODES)[number];

/** Why a round stopped, as the relay names it (round-steps on the relay); anything else: `abortOther`. */
export const ABORT_REASONS = [
  "too-few-stewards",
  "too-few-contributors",
  "too-few-groups",
  "too-few-partials",
  "partials-disagree",
] as const;
export type AbortReason = (typeof ABORT_REASONS)[number];

/** Phases in which the organization may close the step now. */
export type ClosablePhase = Exclude<RoundPhase, "published" | "aborted">;

export type OrgDictionary = {
  readonly org: {
    readonly appName: Text;
    readonly pageTitle: Text;
    readonly loading: Text;
    readonly startFailed: Text;
    readonly unexpected: Text;
    /** The other language's own name on the switch, and its accessible label. */
    readonly switchTo: Text;
    readonly switchToLabel: Text;
    readonly cancel: Text;
    readonly back: Text;

    // connection
    readonly connection: Readonly<Record<"connecting" | "online" | "offline", Text>>;
    readonly connectionRefused: Fn<[sentence: string]>;

    // sign in
    readonly signInTitle: Text;
    readonly signInIntro: Text;
    readonly createKeyTitle: Text;
    readonly createKeyExplain: Text;
    readonly createKey: Text;
    readonly useWordsTitle: Text;
    readonly wordsLabel: Text;
    readonly wordsHint: Text;
    readonly signIn: Text;
    readonly phraseWrongLength: Fn<[count: number]>;
    readonly phraseUnknownWord: Fn<[position: number]>;
    readonly phraseBadChecksum: Text;
    readonly newWordsTitle: Text;
    readonly newWordsExplain: Text;
    readonly newWordsListLabel: Text;
    readonly newWordsConfirm: Text;
    readonly newWordsContinue: Text;
    readonly signOut: Text;
    readonly signOutConfirm: Text;
    readonly signOutYes: Text;

    // cohorts
    readonly cohortsTitle: Text;
    readonly cohortsIntro: Text;
    readonly cohortsEmpty: Text;
    readonly enrolledCount: Fn<[count: number]>;
    readonly createCohortTitle: Text;
    readonly cohortNameLabel: Text;
    readonly cohortNameHint: Text;
    readonly createCohort: Text;
    readonly cohortNameRequired: Text;
    readonly cohortNameTooLong: Fn<[max: number]>;
    readonly cohortNotFound: Text;
    readonly backToCohorts: Text;

    // one cohort
    readonly enrolTitle: Text;
    readonly enrolExplain: Text;
    readonly enrolLinkLabel: Text;
    readonly copyLink: Text;
    readonly copied: Text;
    readonly copyFailed: Text;
    readonly qrLabel: Text;
    readonly participantsTitle: Text;
    readonly participantsEmpty: Text;
    readonly friendGroup: Fn<[index: number, families: number]>;
    readonly noName: Text;

    // rounds
    readonly roundsTitle: Text;
    readonly roundsEmpty: Text;
    readonly openRoundTitle: Text;
    readonly openRoundExplain: Text;
    readonly periodLabel: Text;
    readonly volunteersByLabel: Text;
    readonly freezesAtLabel: Text;
    readonly partialsByLabel: Text;
    readonly deadlinesHint: Text;
    readonly openRound: Text;
    readonly roundOpened: Fn<[month: string]>;
    readonly periodInvalid: Text;
    readonly periodInFuture: Text;
    readonly deadlineInvalid: Text;
    readonly volunteersByPast: Text;
    readonly freezesAtOrder: Text;
    readonly partialsByOrder: Text;
    readonly roundTitle: Fn<[month: string]>;
    readonly phaseNames: Readonly<Record<RoundPhase, Text>>;
    readonly phaseVolunteering: Fn<[volunteers: number]>;
    readonly phaseRevealing: Fn<[volunteers: number]>;
    readonly phaseAccepting: Fn<[ready: number, stewards: number]>;
    readonly phaseOpen: Fn<[reports: number]>;
    readonly phaseCounts: Fn<[sent: number, stewards: number]>;
    readonly phaseValues: Fn<[sent: number, stewards: number]>;
    readonly phasePublished: Fn<[contributors: number, groups: number]>;
    readonly phaseAborted: Fn<[reason: string]>;
    readonly abortReasons: Readonly<Record<AbortReason, Text>>;
    readonly abortContributors: Fn<[contributors: number, minimum: number]>;
    readonly abortGroups: Fn<[groups: number, minimum: number]>;
    readonly abortOther: Fn<[reason: string]>;
    readonly faultyStewards: Fn<[count: number]>;
    readonly deadlineVolunteers: Text;
    readonly deadlineReports: Text;
    readonly deadlinePartials: Text;
    readonly committee: Text;
    readonly committeeRule: Fn<[k: number, t: number]>;
    readonly minimums: Text;
    readonly minimumsRule: Fn<[contributors: number, groups: number]>;
    readonly closeStep: Text;
    readonly closeConfirm: Readonly<Record<ClosablePhase, Text>>;
    readonly closeYes: Text;
    readonly seeRelease: Text;

    // release
    readonly releaseTitle: Fn<[month: string]>;
    readonly releaseCohort: Fn<[cohort: string]>;
    readonly releaseNotFound: Text;
    readonly releaseNotYet: Text;
    readonly signedOk: Text;
    readonly signedBad: Text;
    readonly releaseSummary: Fn<[contributors: string, groups: number]>;
    readonly withheld: Readonly<Record<WithheldReason, Text>>;
    readonly hiddenNote: Fn<[smallCount: number, minForDollars: number]>;
    readonly downloadCsv: Text;
    readonly downloadJson: Text;
    readonly downloadParticipation: Text;
    readonly participationTitle: Text;
    readonly participationNote: Fn<[families: number]>;
    readonly seriesTitle: Text;
    readonly seriesIntro: Text;
    readonly series: Readonly<Record<ProgressSeries, Text>>;
    readonly fieldsTitle: Text;
    readonly fieldsIntro: Text;
    readonly figure: Text;
    readonly value: Text;
    readonly contributors: Text;
    readonly total: Text;
    readonly mean: Text;
    readonly shareYes: Text;
    readonly median: Text;
    readonly quartiles: Text;
    readonly change: Text;
    readonly upTenPercent: Text;
    readonly range: Text;
    readonly orMore: Fn<[value: string]>;
    /** A range whose ends are negative ("-$9,999 to -$1,000"): a dash between two minus signs misreads. */
    readonly rangeTo: Fn<[from: string, to: string]>;
    readonly orLess: Fn<[value: string]>;
    readonly upOf: Fn<[share: string, count: string, comparable: string]>;
    readonly families: Text;
    readonly notEnough: Text;
    readonly suppressed: Text;
    readonly none: Text;
    readonly answer: Text;
    readonly distribution: Text;
    readonly changeDistribution: Text;
    readonly chartLabel: Fn<[name: string, first: string, last: string]>;
    readonly chartHiddenLegend: Text;
    readonly changeBuckets: Readonly<Record<(typeof CHANGE_BUCKETS)[number], Text>>;
    readonly yes: Text;
    readonly no: Text;

    readonly errors: Readonly<Record<OrgErrorCode, Text>>;
    readonly errorOther: Fn<[code: string]>;
  };
};
