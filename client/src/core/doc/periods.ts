/**
 * Calendar arithmetic on "YYYY-MM-DD" days (UTC, so every device computes the same periods and
 * rounds whatever its time zone).
 */
const DAY = 86_400_000;

export const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number): string => toDay(ms(day) + n * DAY);
export const daysBetween = (from: string, to: string): number => Math.round((ms(to) - ms(from)) / DAY);

/** The day `n` months after `day`, with the day of month clamped to `dom` (≤ 28 keeps every month). */
export function addMonths(day: string, n: number, dom: number): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  return `${String(yy).padStart(4, "0")}-${String(mm).padStart(2, "0")}-${String(dom).padStart(2, "0")}`;
}

/** This device's local calendar day (what "today" means to the member). */
export function localToday(now = Date.now()): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export type RhythmKind = "weekly" | "biweekly" | "monthly";

/** The period [start, end) of a rhythm anchored at `anchor` that contains `day`. */
export function periodOf(rhythm: RhythmKind, anchor: string, day: string): { start: string; end: string } {
  if (rhythm === "monthly") {
    const dom = Math.min(28, Number(anchor.slice(8, 10)));
    let start = addMonths(day, 0, dom);
    if (start > day) start = addMonths(day, -1, dom);
    return { start, end: addMonths(start, 1, dom) };
  }
  const len = rhythm === "weekly" ? 7 : 14;
  const n = Math.floor(daysBetween(anchor, day) / len);
  const start = addDays(anchor, n * len);
  return { start, end: addDays(start, len) };
}
