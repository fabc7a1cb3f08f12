/**
 * The member's own progress maths, in whole cents: totals per month and change since a baseline.
 *
 * "Missing" means unanswered. A field the member did not answer is not assumed to be zero: it simply
 * adds nothing. A total none of whose fields were answered is `null` (missing), not 0 — "I told Porch
 * nothing about my debts" is not "I have no debts". Net worth is assets − debts over the fields answered,
 * and `null` only when no asset and no debt field was answered.
 *
 * Change since baseline: `null` when the baseline or the current value is missing. Otherwise an amount
 * (current − baseline) and a percent of the baseline's size (|baseline|, so a net worth going from
 * −$1,000 to −$500 is +50%), rounded to one decimal; the percent is `null` for a zero baseline
 * (no percentage of nothing: the UI shows "n/a").
 *
 * The baseline month is the member's chosen month if that month has an entry, otherwise the first month
 * with an entry (or none).
 */
import { fieldsOfSection, MONEY_FIELDS, type JournalSection, type JournalValues, type MoneyFieldId } from "./fields.ts";
import type { Month } from "./month.ts";

/** One month's answers. */
export interface MonthEntry {
  readonly month: Month;
  readonly values: JournalValues;
}

/** Change of one series since the baseline; `null` when either end is missing. */
export interface SeriesChange {
  /** Current − baseline, in cents. */
  readonly amount: number;
  /** Percent of |baseline|, one decimal; `null` when the baseline is zero ("n/a"). */
  readonly percent: number | null;
}

/** The totals the progress screen plots. */
export const PROGRESS_SERIES = ["income", "assets", "debts", "netWorth"] as const;
/** One plotted total. */
export type ProgressSeries = (typeof PROGRESS_SERIES)[number];
/** A month's totals, in cents (`null`: nothing answered). */
export type Totals = Readonly<Record<ProgressSeries, number | null>>;

/** The sum of the answered money fields of a section, or `null` when none was answered. */
export function sectionTotal(values: JournalValues, section: JournalSection): number | null {
  let total: number | null = null;
  for (const f of fieldsOfSection(section)) {
    const v = values[f.id];
    if (f.kind === "money" && typeof v === "number") total = (total ?? 0) + v;
  }
  return total;
}

/** Total monthly income (income.* money fields). */
export const incomeTotal = (values: JournalValues): number | null => sectionTotal(values, "income");
/** Total savings and assets. */
export const assetsTotal = (values: JournalValues): number | null => sectionTotal(values, "assets");
/** Total debts. */
export const debtsTotal = (values: JournalValues): number | null => sectionTotal(values, "debts");

/** Assets − debts over the answered fields; `null` when neither assets nor debts were answered. */
export function netWorth(values: JournalValues): number | null {
  const assets = assetsTotal(values),
    debts = debtsTotal(values);
  return assets === null && debts === null ? null : (assets ?? 0) - (debts ?? 0);
}

/** All four totals of one month. */
export const totalsOf = (values: JournalValues): Totals => ({
  income: incomeTotal(values),
  assets: assetsTotal(values),
  debts: debtsTotal(values),
  netWorth: netWorth(values),
});

/** Change from `baseline` to `current` (see the top of this file for the missing and zero cases). */
export function changeSince(
  baseline: number | null | undefined,
  current: number | null | undefined,
): SeriesChange | null {
  if (baseline === null || baseline === undefined || current === null || current === undefined) return null;
  const amount = current - baseline;
  return { amount, percent: baseline === 0 ? null : Math.round((amount / Math.abs(baseline)) * 1000) / 10 };
}

/** The baseline month: `chosen` if it has an entry, else the first month with one, else `null`. */
export function baselineMonth(monthsWithEntries: readonly Month[], chosen: Month | null | undefined): Month | null {
  if (chosen !== null && chosen !== undefined && monthsWithEntries.includes(chosen)) return chosen;
  let first: Month | null = null;
  for (const m of monthsWithEntries) if (first === null || m < first) first = m;
  return first;
}

/** One month's point of the progress chart. */
export interface ProgressPoint {
  readonly month: Month;
  readonly totals: Totals;
  /** Change of each total since the baseline month. */
  readonly change: Readonly<Record<ProgressSeries, SeriesChange | null>>;
}

/** The whole progress picture. */
export interface Progress {
  readonly baseline: Month | null;
  /** One point per month with an entry, oldest first. */
  readonly points: readonly ProgressPoint[];
  /**
   * Change of each money field from the baseline month to the latest month with an entry (`null` when
   * either month left it unanswered).
   */
  readonly fields: Readonly<Record<MoneyFieldId, SeriesChange | null>>;
}

/** Totals per month and change since the baseline (`chosen`, or the first month with an entry). */
export function progressOf(entries: readonly MonthEntry[], chosen: Month | null | undefined): Progress {
  const sorted = [...entries].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const baseline = baselineMonth(
    sorted.map((e) => e.month),
    chosen,
  );
  const baseValues = sorted.find((e) => e.month === baseline)?.values ?? {};
  const base = totalsOf(baseValues);
  const points = sorted.map(({ month, values }): ProgressPoint => {
    const totals = totalsOf(values);
    const change = {
      income: changeSince(base.income, totals.income),
      assets: changeSince(base.assets, totals.assets),
      debts: changeSince(base.debts, totals.debts),
      netWorth: changeSince(base.netWorth, totals.netWorth),
    };
    return { month, totals, change };
  });
  const latest = sorted.at(-1)?.values ?? {};
  const fields = Object.fromEntries(
    MONEY_FIELDS.map((id) => [id, baseline === null ? null : changeSince(num(baseValues[id]), num(latest[id]))]),
  ) as Record<MoneyFieldId, SeriesChange | null>;
  return { baseline, points, fields };
}

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);
