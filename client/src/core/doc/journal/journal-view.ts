/**
 * The journal as the UI sees it (`JournalView`, core/api/journal-api.ts), built from the document:
 * months with their answers and edit history, the baseline, the reminder flag, progress since the
 * baseline, the consents in force and what was sent. Pure and plain (it crosses the worker boundary).
 *
 * "Now" decides the current month and which consent events are in force. Months follow month.ts
 * (the UTC calendar shifted by `utcOffsetMinutes`, which the caller passes). Memoised per document
 * snapshot, month and consent state, so the worker's every-minute rebuild is free when nothing moved.
 */
import { consentState, currentMonth, progressOf, totalsOf } from "@porch/shared/journal";
import type { JournalMonthView, JournalView } from "../../api/journal-api.ts";
import { readJournal } from "./journal-doc.ts";
import type { JournalDoc } from "./journal-schema.ts";

const memo = new WeakMap<object, { key: string; view: JournalView }>();

/** The journal's view at `now`. */
export function journalView(doc: Partial<JournalDoc>, now: number, utcOffsetMinutes = 0): JournalView {
  const stored = readJournal(doc);
  const month = currentMonth(now, utcOffsetMinutes);
  const consents = consentState(stored.consents, now);
  const key = `${month}|${JSON.stringify(consents)}`;
  const hit = memo.get(doc);
  if (hit !== undefined && hit.key === key) return hit.view;

  const months = stored.months.map((m): JournalMonthView => ({
    month: m.month,
    values: m.values,
    savedAt: m.savedAt,
    totals: totalsOf(m.values),
    editCount: m.edits.length,
    edits: [...m.edits].reverse(),
  }));
  const progress = progressOf(stored.months, stored.baseline);
  const participation = [...new Set(stored.sent.filter((s) => s.audience === "org-totals").map((s) => s.period))];
  const view: JournalView = {
    currentMonth: month,
    months,
    baseline: { chosen: stored.baseline, month: progress.baseline },
    missingThisMonth: !stored.months.some((m) => m.month === month),
    progress: { points: progress.points, fields: progress.fields },
    consents,
    consentHistory: stored.consents,
    sent: stored.sent,
    participation,
    help: {},
    stopped: null,
  };
  memo.set(doc, { key, view });
  return view;
}
