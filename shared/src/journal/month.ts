/**
 * Months of the journal, as "YYYY-MM" strings (they sort as text and name document keys).
 *
 * Time zones: these functions never read the device's zone. "The month of `now`" is the calendar month
 * of `now` shifted by `utcOffsetMinutes` (default 0: the UTC calendar). A caller that wants the member's
 * local calendar passes `-new Date(now).getTimezoneOffset()` (e.g. -300 in New York in winter); tests
 * pass fixed numbers. So the same inputs give the same month on every device and in every test.
 */
import { err, ok, type Result } from "../result.ts";

/** A month "YYYY-MM". */
export type Month = string;

/** The earliest and latest months a journal accepts. */
export const MONTH_RANGE = { min: "2000-01", max: "2100-12" } as const;

const PATTERN = /^(\d{4})-(\d{2})$/;

/** True for a well-formed "YYYY-MM" within `MONTH_RANGE`. */
export function isMonth(value: unknown): value is Month {
  if (typeof value !== "string") return false;
  const m = PATTERN.exec(value);
  if (m === null) return false;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 && value >= MONTH_RANGE.min && value <= MONTH_RANGE.max;
}

/** Parses what a form or a stored key holds: `month-invalid` unless it is a real "YYYY-MM" in range. */
export function parseMonth(value: unknown): Result<Month> {
  const text = typeof value === "string" ? value.trim() : value;
  return isMonth(text) ? ok(text) : err("month-invalid");
}

const toIndex = (month: Month): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const fromIndex = (index: number): Month =>
  `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;

/** The month `n` months after `month` (negative: before). */
export const addMonths = (month: Month, n: number): Month => fromIndex(toIndex(month) + n);
/** The month after `month`. */
export const nextMonth = (month: Month): Month => addMonths(month, 1);
/** The month before `month`. */
export const previousMonth = (month: Month): Month => addMonths(month, -1);
/** Whole months from `from` to `to` (negative when `to` is earlier). */
export const monthsBetween = (from: Month, to: Month): number => toIndex(to) - toIndex(from);

/** -1, 0 or 1: the order of two months (for `Array.prototype.sort`). */
export const compareMonths = (a: Month, b: Month): number => (a < b ? -1 : a > b ? 1 : 0);

/** The calendar month of `now` (ms), on the UTC calendar shifted by `utcOffsetMinutes`. */
export function currentMonth(now: number, utcOffsetMinutes = 0): Month {
  const d = new Date(now + utcOffsetMinutes * 60_000);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** True when `month` starts after the month of `now` (a journal entry cannot be for a future month). */
export const isFuture = (month: Month, now: number, utcOffsetMinutes = 0): boolean =>
  month > currentMonth(now, utcOffsetMinutes);
