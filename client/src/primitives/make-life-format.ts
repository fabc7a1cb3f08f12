/**
 * Formatting helpers for group life in the member's language: calendar days ("YYYY-MM-DD", shown
 * without a time-zone shift), moments, hours and member names.
 */
import type { MemberId } from "@porch/shared";
import { perLang } from "../i18n/format.ts";
import type { GroupMember, Lang } from "../core/api/porch-api.ts";

const dayFormat = perLang((l) => new Intl.DateTimeFormat(l, { dateStyle: "medium", timeZone: "UTC" }));
const momentFormat = perLang((l) => new Intl.DateTimeFormat(l, { dateStyle: "medium", timeStyle: "short" }));
const hoursFormat = perLang((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 }));

/** "2026-11-25" → "Nov 25, 2026" / "25 nov 2026" — read as a calendar day, never shifted by time zone. */
export function formatDay(day: string, lang: Lang): string {
  const [y, m, d] = day.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return day;
  return dayFormat(lang).format(Date.UTC(y, m - 1, d));
}

/** A moment, e.g. "Nov 25, 2026, 3:04 PM". */
export function formatMoment(at: number, lang: Lang): string {
  return momentFormat(lang).format(at);
}

/** Hours with up to two decimals, e.g. "1.5". */
export function formatHours(hours: number, lang: Lang): string {
  return hoursFormat(lang).format(hours);
}

/** Today as "YYYY-MM-DD" in the phone's own time zone. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A member's display name (the fallback when they are not, or no longer, in the list). */
export function makeNameOf(
  members: () => readonly GroupMember[],
  fallback: () => string,
): (id: MemberId | null) => string {
  return (id) => (id === null ? fallback() : (members().find((m) => m.memberId === id)?.displayName ?? fallback()));
}

/** Parses whole dollars as people type them ("1500", "1,500", "$1,500"); "" is null; NaN when not a number. */
export function parseDollars(raw: string): number | null {
  const text = raw.trim().replace(/^\$/, "").replace(/[,\s]/g, "");
  if (text === "") return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/** Parses a decimal number typed with "." or ","; "" is null; NaN when not a number. */
export function parseDecimal(raw: string): number | null {
  const text = raw.trim().replace(",", ".");
  if (text === "") return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}
