/**
 * A member's report vector: the fixed-size integer vector their device Shamir-shares among the
 * stewards (see vector-layout.ts for what each coordinate means).
 *
 * It is built from `contributionPreview` and nothing else — the very items the member is shown before
 * anything leaves — so it cannot carry more than the preview: an unconsented or unanswered field is a
 * block of zeros, a series sums only previewed (clipped, whole-dollar) fields, and a baseline value is
 * there only when the preview shows one. Series follow ../journal/progress.ts: a series none of whose
 * fields is previewed is unanswered (not zero), and net worth is assets − debts over the fields given.
 * A series' change compares like with like: the baseline and `paired` sums run over the same fields —
 * those previewed with a baseline value — so a field answered this month but not in the baseline month
 * does not count as growth.
 */
import type { FieldId, JournalValues } from "../journal/fields.ts";
import {
  bucketOf,
  contributionPreview,
  DEFAULT_FIELD_RULES,
  type ContributionPreview,
  type FieldRules,
} from "./contribution.ts";
import { encodeSigned } from "./field.ts";
import {
  CHANGE_BUCKETS,
  vectorBounds,
  vectorLayout,
  type BlockOffsets,
  type Ranged,
  type VectorLayout,
} from "./vector-layout.ts";

/** The largest absolute value of each coordinate under the default rules (see vector-layout.ts). */
export const VECTOR_BOUNDS: readonly bigint[] = vectorBounds(vectorLayout(DEFAULT_FIELD_RULES));

/** Index into `CHANGE_BUCKETS` for a change from `base` to `current` (exact integer comparisons). */
export function changeBucket(base: number, current: number): number {
  const b = Math.abs(base);
  if (b === 0) return CHANGE_BUCKETS.indexOf("n/a");
  const d = current - base;
  if (2 * d <= -b) return 0;
  if (10 * d <= -b) return 1;
  if (10 * d < b) return 2;
  if (2 * d < b) return 3;
  return 4;
}

/** True when `current` is up at least 10% on a non-zero `base` (the top two change buckets). */
export const upTenPercent = (base: number, current: number): boolean =>
  base !== 0 && 10 * (current - base) >= Math.abs(base);

interface Observation {
  readonly value: number;
  /** The baseline value and the current value for the change, or null without a baseline. */
  readonly pair: { readonly baseline: number; readonly current: number } | null;
}

function fill(out: number[], at: BlockOffsets, range: Ranged, o: Observation): void {
  out[at.answered] = 1;
  out[at.value] = o.value;
  out[at.square] = o.value * o.value;
  out[at.histogram + bucketOf(range, o.value)] = 1;
  if (o.pair === null) return;
  out[at.baselineAnswered] = 1;
  out[at.baseline] = o.pair.baseline;
  out[at.paired] = o.pair.current;
}

/**
 * The report vector as plain integers (|coordinate| ≤ `vectorBounds(layout)`), from exactly what the
 * preview shows. Safe integers: the largest, a net worth squared, is below 2^42.
 */
export function reportValues(preview: ContributionPreview, layout: VectorLayout): number[] {
  const out = new Array<number>(layout.length).fill(0);
  const items = new Map(preview.items.map((item) => [item.field, item]));
  for (const b of layout.fields) {
    const item = items.get(b.name);
    if (item === undefined) continue;
    const pair = item.baselineValue === null ? null : { baseline: item.baselineValue, current: item.value };
    fill(out, b.at, b.range, { value: item.value, pair });
  }
  for (const s of layout.series) {
    let answered = false;
    let paired = false;
    let value = 0;
    let baseline = 0;
    let current = 0;
    for (const [fields, sign] of [
      [s.plus, 1],
      [s.minus, -1],
    ] as const) {
      for (const f of fields) {
        const item = items.get(f);
        if (item === undefined) continue;
        answered = true;
        value += sign * item.value;
        if (item.baselineValue === null) continue;
        paired = true;
        baseline += sign * item.baselineValue;
        current += sign * item.value;
      }
    }
    if (!answered) continue;
    fill(out, s.at, s.range, { value, pair: paired ? { baseline, current } : null });
    if (!paired) continue;
    out[s.at.change + changeBucket(baseline, current)] = 1;
    if (upTenPercent(baseline, current)) out[s.at.upTenPercent] = 1;
  }
  return out;
}

/**
 * The member's report vector, encoded in the field and ready to share: built from
 * `contributionPreview(values, baselineValues, consentedFields, rules)` and nothing else. Its length is
 * `vectorLayout(rules).length` whatever was consented or answered.
 */
export function buildReportVector(
  values: JournalValues,
  baselineValues: JournalValues | null,
  consentedFields: readonly FieldId[],
  rules: FieldRules = DEFAULT_FIELD_RULES,
): bigint[] {
  const preview = contributionPreview(values, baselineValues, consentedFields, rules);
  return reportValues(preview, vectorLayout(rules)).map(encodeSigned);
}
