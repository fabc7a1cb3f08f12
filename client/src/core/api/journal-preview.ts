/**
 * The consent preview, from the journal's view alone (so the page computes it without asking the core):
 * exactly what the next report to the organization's totals would carry.
 */
import { contributionPreview, DEFAULT_FIELD_RULES, type ContributionPreview } from "@porch/shared/aggregation";
import type { JournalView } from "./journal-api.ts";

/**
 * What the next report to the organization's totals would carry under the consents in force: the
 * latest month with an entry against the baseline month, clipped and bucketed (DEFAULT_FIELD_RULES).
 */
export function previewOf(view: JournalView | null): ContributionPreview {
  if (view === null) return { items: [] };
  const latest = view.months.at(-1);
  if (latest === undefined) return { items: [] };
  const base = view.months.find((m) => m.month === view.baseline.month) ?? null;
  return contributionPreview(latest.values, base?.values ?? null, view.consents.orgTotals, DEFAULT_FIELD_RULES);
}
