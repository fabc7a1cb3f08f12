/**
 * What one member's device would contribute to the organization's totals for a period — the interface
 * the report vector (vector.ts) is built from, and what the member is shown before anything leaves.
 *
 * Every shareable field has a rule: a clipping range (whole dollars for money; natural units — people,
 * times, a 1–5 rating, 0/1 for yes/no, the choice's position in the catalogue — otherwise) and bucket
 * upper bounds. Clipping bounds how far one family can move a total; buckets let the protocol publish
 * counts per range instead of exact values. Text (the reflection) has no rule: it is never shared.
 *
 * `contributionPreview` is pure: one item per field that is consented AND answered, in form order, with
 * the clipped value, its bucket, and the baseline month's value encoded the same way. An unconsented
 * field, an unanswered one, a field without a rule and any text field yield nothing.
 */
import {
  fieldDef,
  SHAREABLE_FIELDS,
  type FieldId,
  type JournalValue,
  type JournalValues,
  type ShareableFieldId,
} from "../journal/fields.ts";

/** How one field is clipped and bucketed before it can leave the device. */
export interface FieldRule {
  readonly field: ShareableFieldId;
  /** Inclusive range values are clipped to (whole dollars for money; natural units otherwise). */
  readonly clip: { readonly min: number; readonly max: number };
  /** Upper bounds of the buckets, ascending; the last one is `clip.max`. Bucket i holds (bounds[i-1], bounds[i]]. */
  readonly buckets: readonly number[];
}
/** A rule per field (a field without one is never contributed). */
export type FieldRules = Readonly<Partial<Record<ShareableFieldId, FieldRule>>>;

/** One field as it would leave the device. */
export interface ContributionItem {
  readonly field: ShareableFieldId;
  /** The clipped value (whole dollars for money; see the top of this file for the other kinds). */
  readonly value: number;
  /** Index of the bucket the value falls in. */
  readonly bucket: number;
  /** The bucket's inclusive range, and the same as text ("1001–2000", or "3" for a one-value bucket). */
  readonly bucketRange: { readonly min: number; readonly max: number };
  readonly bucketLabel: string;
  /** The baseline month's value, encoded and clipped the same way; `null` when unanswered or no baseline. */
  readonly baselineValue: number | null;
}
/** Everything that would leave the device for one period. */
export interface ContributionPreview {
  readonly items: readonly ContributionItem[];
}

const range = (min: number, max: number, buckets: readonly number[]) => ({ clip: { min, max }, buckets });
/** Monthly wages and self-employment income, whole dollars. */
const MONTHLY_INCOME = range(0, 20_000, [0, 250, 500, 1000, 1500, 2000, 3000, 4000, 5000, 7500, 10_000, 20_000]);
/** Benefits, family help, other income, housing cost: smaller monthly amounts. */
const MONTHLY_SMALL = range(0, 10_000, [0, 100, 250, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000]);
/** Cash, a vehicle, card, medical and other debts. */
const BALANCE_SMALL = range(0, 100_000, [0, 500, 1000, 2500, 5000, 10_000, 25_000, 50_000, 100_000]);
/** Retirement, home equity, a business, loans (car, student, personal; not the mortgage, which home equity already nets). */
const BALANCE_LARGE = range(0, 500_000, [0, 1000, 5000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000]);
const YES_NO = range(0, 1, [0, 1]);
const HELP_TIMES = range(0, 100, [0, 1, 2, 3, 5, 10, 20, 50, 100]);
const choices = (field: ShareableFieldId) => {
  const def = fieldDef(field);
  const n = def.kind === "choice" ? def.choices.length : 1;
  return range(
    0,
    n - 1,
    Array.from({ length: n }, (_, i) => i),
  );
};

const SHAPES: Readonly<Record<ShareableFieldId, { clip: { min: number; max: number }; buckets: readonly number[] }>> = {
  "income.wages": MONTHLY_INCOME,
  "income.selfEmployment": MONTHLY_INCOME,
  "income.benefits": MONTHLY_SMALL,
  "income.family": MONTHLY_SMALL,
  "income.other": MONTHLY_SMALL,
  "household.size": range(1, 30, [1, 2, 3, 4, 5, 6, 8, 10, 30]),
  "assets.cash": BALANCE_SMALL,
  "assets.retirement": BALANCE_LARGE,
  "assets.vehicle": BALANCE_SMALL,
  "assets.homeEquity": BALANCE_LARGE,
  "assets.business": BALANCE_LARGE,
  "debts.creditCards": BALANCE_SMALL,
  "debts.loans": BALANCE_LARGE,
  "debts.medical": BALANCE_SMALL,
  "debts.other": BALANCE_SMALL,
  "health.insured": YES_NO,
  "health.selfRated": range(1, 5, [1, 2, 3, 4, 5]),
  "education.enrolled": YES_NO,
  "education.credential": YES_NO,
  "education.childrenSchool": choices("education.childrenSchool"),
  "housing.status": choices("housing.status"),
  "housing.cost": MONTHLY_SMALL,
  "leadership.school": YES_NO,
  "leadership.faith": YES_NO,
  "leadership.neighbourhood": YES_NO,
  "leadership.volunteer": YES_NO,
  "connections.countOn": choices("connections.countOn"),
  "help.given": HELP_TIMES,
  "help.received": HELP_TIMES,
};

/** The default rule of every shareable (non-text) field. */
export const DEFAULT_FIELD_RULES: Readonly<Record<ShareableFieldId, FieldRule>> = Object.fromEntries(
  SHAREABLE_FIELDS.map((field) => [field, { field, ...SHAPES[field] }]),
) as Record<ShareableFieldId, FieldRule>;

/**
 * A stored answer as a number in the field's natural units, before clipping: money → whole dollars
 * (rounded), yes/no → 1/0, a choice → its position in the catalogue, counts and ratings as they are.
 * `null` for an unanswered field or a value of the wrong type.
 */
export function encodeValue(field: ShareableFieldId, value: JournalValue | undefined): number | null {
  if (value === undefined) return null;
  const def = fieldDef(field);
  switch (def.kind) {
    case "money":
      return typeof value === "number" ? Math.round(value / 100) : null;
    case "count":
    case "rating":
      return typeof value === "number" ? value : null;
    case "yesNo":
      return typeof value === "boolean" ? (value ? 1 : 0) : null;
    case "choice": {
      const i = typeof value === "string" ? (def.choices as readonly string[]).indexOf(value) : -1;
      return i < 0 ? null : i;
    }
  }
}

/** `value` clipped into the rule's range. */
export const clipValue = (rule: Pick<FieldRule, "clip">, value: number): number =>
  Math.min(rule.clip.max, Math.max(rule.clip.min, value));

/** The index of the bucket holding a clipped value. */
export function bucketOf(rule: Pick<FieldRule, "buckets">, value: number): number {
  const i = rule.buckets.findIndex((upper) => value <= upper);
  return i < 0 ? rule.buckets.length - 1 : i;
}

/** The inclusive range of bucket `i` (values are whole numbers). */
export const bucketRange = (rule: Pick<FieldRule, "clip" | "buckets">, i: number): { min: number; max: number } => ({
  min: i === 0 ? rule.clip.min : (rule.buckets[i - 1] ?? rule.clip.min) + 1,
  max: rule.buckets[i] ?? rule.clip.max,
});

/**
 * Exactly what would leave the device for one period: one item per consented, answered, non-text
 * field that has a rule, in form order. `baselineValues` is the baseline month's answers (or null).
 */
export function contributionPreview(
  values: JournalValues,
  baselineValues: JournalValues | null,
  consentedFields: readonly FieldId[],
  rules: FieldRules = DEFAULT_FIELD_RULES,
): ContributionPreview {
  const consented = new Set<string>(consentedFields);
  const items: ContributionItem[] = [];
  for (const field of SHAREABLE_FIELDS) {
    const rule = rules[field];
    if (!consented.has(field) || rule === undefined) continue;
    const raw = encodeValue(field, values[field]);
    if (raw === null) continue;
    const value = clipValue(rule, raw);
    const bucket = bucketOf(rule, value);
    const r = bucketRange(rule, bucket);
    const base = baselineValues === null ? null : encodeValue(field, baselineValues[field]);
    items.push({
      field,
      value,
      bucket,
      bucketRange: r,
      bucketLabel: r.min === r.max ? String(r.min) : `${r.min}–${r.max}`,
      baselineValue: base === null ? null : clipValue(rule, base),
    });
  }
  return { items };
}
