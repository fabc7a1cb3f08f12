/**
 * The private monthly journal as the UI sees it: the view it renders and the commands it calls.
 * Everything lives in the member's own end-to-end encrypted document; nothing leaves the device
 * unless a consent allows it (@porch/shared/journal, consent.ts).
 *
 * The view is plain data (structured-clone-able: it crosses the worker boundary and the view cache).
 * Money is whole cents; months are "YYYY-MM"; moments (`at`, `savedAt`) are ms since the epoch.
 *
 * Failures: `saveMonth` checks the form with `validateEntry` (the form can run the same check first)
 * and refuses bad input with `bad-entry` plus `problems`, one `ErrorCode` per bad field ("month" for
 * the month), each translated by the `errors` map; nothing is written then.
 */
import type { Err, ErrorCode, Ok, Result } from "@porch/shared";
import type { ContributionPreview } from "@porch/shared/aggregation";
import type {
  ConsentAudience,
  ConsentEvent,
  ConsentGrants,
  EntryProblems,
  FieldId,
  JournalValue,
  JournalValues,
  MoneyFieldId,
  ProgressPoint,
  RawValues,
  SentRecord,
  SeriesChange,
  Totals,
} from "@porch/shared/journal";

/** One save of a month: field → [before, after] (`null`: unanswered). */
export interface JournalEditView {
  readonly at: number;
  /** The month's first save (its answers are the month's values, or the "before" of the next edit). */
  readonly first?: true;
  readonly changes: Readonly<Partial<Record<FieldId, readonly [JournalValue | null, JournalValue | null]>>>;
}

/** One month with an entry. */
export interface JournalMonthView {
  readonly month: string;
  readonly values: JournalValues;
  /** The month's last save. */
  readonly savedAt: number;
  /** This month's totals (`null`: nothing answered in that group of questions). */
  readonly totals: Totals;
  readonly editCount: number;
  /** Newest first. */
  readonly edits: readonly JournalEditView[];
}

/** Progress since the baseline month. */
export interface JournalProgressView {
  /** One point per month with an entry, oldest first: totals and change since the baseline. */
  readonly points: readonly ProgressPoint[];
  /** Each money field, baseline month → latest month (`null` when either left it unanswered). */
  readonly fields: Readonly<Record<MoneyFieldId, SeriesChange | null>>;
}

/** Everything the journal screens show. */
export interface JournalView {
  /** The month of "now" the view was built for. */
  readonly currentMonth: string;
  /** Months with an entry, oldest first. */
  readonly months: readonly JournalMonthView[];
  readonly baseline: {
    /** The month the member chose, if any (it may have no entry yet). */
    readonly chosen: string | null;
    /** The month progress is measured from: the chosen one if it has an entry, else the first. */
    readonly month: string | null;
  };
  /** True when the current month has no entry yet (for a gentle reminder). */
  readonly missingThisMonth: boolean;
  readonly progress: JournalProgressView;
  /** The grants in force now. */
  readonly consents: ConsentGrants;
  /** Every switch the member flipped, oldest first. */
  readonly consentHistory: readonly ConsentEvent[];
  /** What left the device, by period. */
  readonly sent: readonly SentRecord[];
  /** Periods with a report sent to the organization's totals, oldest first. */
  readonly participation: readonly string[];
  /**
   * Help given and received per month across the member's groups (finished offers and asks, by the
   * month they were taken up), to pre-fill a month's "times you helped / were helped". Editable.
   */
  readonly help: Readonly<Record<string, HelpCount>>;
  /** Why this device no longer syncs its journal (`journal-deleted`: deleted from another device), or null. */
  readonly stopped: ErrorCode | null;
}

/** Times the member gave and received help in one month. */
export interface HelpCount {
  readonly given: number;
  readonly received: number;
}

/** What a form submits: text for numbers, choices and the reflection, booleans for yes/no, null to clear. */
export type JournalRawValues = RawValues;

/** A saved month. */
export interface JournalSaved {
  readonly month: string;
  /** Fields whose answer changed (empty: saved as it was). */
  readonly changed: readonly FieldId[];
}

/** `saveMonth` refused the form: one problem per bad field; nothing was written. */
export interface JournalEntryRejected extends Err {
  readonly code: "bad-entry";
  readonly problems: EntryProblems;
}

/** The commands of the journal screens. Each write is durable on the device before it resolves. */
export interface JournalApi {
  /** The journal, or null before it is open on this device. */
  view(): JournalView | null;
  /** Checks and saves one month's answers (fields left out are untouched; null or blank clears one). */
  saveMonth(month: string, rawValues: JournalRawValues): Promise<Ok<JournalSaved> | JournalEntryRejected | Err>;
  /** Chooses the month progress is measured from; null goes back to the first entry. */
  setBaseline(month: string | null): Promise<Result<true>>;
  /**
   * Turns one consent on or off: `field` is a shareable `FieldId` for "org-totals", "goal-amounts"
   * (with `groupId`) for "group-progress".
   */
  setConsent(audience: ConsentAudience, field: string, granted: boolean, groupId?: string): Promise<Result<true>>;
  /** Exactly what would leave the device for the next report, under the consents in force now. */
  preview(): ContributionPreview;
  /** The whole journal, for the member to keep. */
  exportJson(): Promise<string>;
  exportCsv(): Promise<string>;
  /** Deletes the journal from this device and the member's other devices. */
  deleteJournal(): Promise<Result<true>>;
}
