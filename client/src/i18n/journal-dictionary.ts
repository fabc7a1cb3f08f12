/**
 * Sentences of the private monthly journal, under one `journal` key. Wording rules: it is the member's
 * own notebook, so questions are short, warm and never judge; every question may be skipped; help
 * text is ONE line a tired parent can read on a phone; consent always says that nothing is shared
 * unless they turn it on, and that published totals cannot be taken back.
 *
 * The journal's failure codes live in the core `errors` map (they are `ErrorCode`s); their sentences
 * are written here beside the questions (`JournalErrors`) and spread into `errors` by en.ts / es.ts.
 */
import type {
  ChoiceFieldId,
  ChoiceOf,
  ConsentAudience,
  FieldId,
  JournalErrorCode,
  JournalSection,
  ProgressSeries,
} from "@porch/shared/journal";

type Text = string;
type Fn<A extends unknown[]> = (...args: A) => string;

/** One question: its label and one line of help. */
export interface FieldText {
  readonly label: Text;
  readonly help: Text;
}

/** The sentence of each journal failure code (spread into the core `errors` map). */
export type JournalErrors = Readonly<Record<JournalErrorCode, Text>>;

export type JournalDictionary = {
  readonly journal: {
    readonly title: Text;
    readonly intro: Text;
    readonly privateNote: Text;
    readonly skipAnything: Text;
    readonly monthLabel: Text;
    readonly save: Text;
    readonly saved: Fn<[month: string]>;
    readonly reminder: Fn<[month: string]>;
    readonly sections: Readonly<Record<JournalSection, Text>>;
    readonly fields: { readonly [F in FieldId]: FieldText };
    readonly choices: { readonly [F in ChoiceFieldId]: Readonly<Record<ChoiceOf<F>, Text>> };
    readonly yes: Text;
    readonly no: Text;
    readonly ratings: Readonly<Record<"1" | "2" | "3" | "4" | "5", Text>>;
    readonly moneyHint: Text;
    readonly countHint: Fn<[min: number, max: number]>;
    readonly charactersLeft: Fn<[left: number]>;

    // progress
    readonly progressTitle: Text;
    readonly series: Readonly<Record<ProgressSeries, Text>>;
    readonly sinceBaseline: Fn<[month: string]>;
    readonly change: Fn<[amount: string, percent: string]>;
    readonly notAvailable: Text;
    readonly notAnswered: Text;
    readonly missingExplain: Text;
    readonly baselineLabel: Text;
    readonly baselineHelp: Text;
    readonly baselineFirst: Text;

    // edit history
    readonly historyTitle: Text;
    readonly editedOn: Fn<[when: string]>;
    readonly firstWritten: Fn<[when: string]>;
    readonly changedFrom: Fn<[field: string, from: string, to: string]>;
    readonly emptyAnswer: Text;

    // consent
    readonly consentTitle: Text;
    readonly nothingShared: Text;
    readonly cannotRecall: Text;
    readonly revokeNextPeriod: Text;
    readonly audiences: Readonly<Record<ConsentAudience, { readonly name: Text; readonly explain: Text }>>;
    readonly shareField: Fn<[field: string]>;
    readonly neverShared: Text;
    readonly previewTitle: Text;
    readonly previewEmpty: Text;
    readonly previewRange: Fn<[range: string]>;
    readonly participation: Fn<[months: number]>;
    readonly participationTitle: Text;
    readonly previewFrom: Fn<[month: string]>;
    readonly ledgerTitle: Text;
    readonly ledgerEmpty: Text;
    readonly ledgerOn: Fn<[when: string, what: string, audience: string]>;
    readonly ledgerOff: Fn<[when: string, what: string, audience: string]>;
    readonly aGroup: Text;
    readonly noGroups: Text;

    // screens and your data
    readonly open: Text;
    readonly navLabel: Text;
    readonly monthsTitle: Text;
    readonly progressEmpty: Text;
    readonly amountColumn: Text;
    readonly showAllMonths: Fn<[months: number]>;
    readonly showRecentMonths: Fn<[months: number]>;
    readonly changeColumn: Text;
    readonly print: Text;
    readonly myDataTitle: Text;
    readonly exportExplain: Text;
    readonly exportJson: Text;
    readonly exportCsv: Text;
    readonly exported: Text;
    readonly deleteTitle: Text;
    readonly deleteExplain: Text;
    readonly deleteButton: Text;
    readonly deleteConfirmText: Text;
    readonly deleteConfirm: Text;
    readonly deletedDone: Text;
  };
};
