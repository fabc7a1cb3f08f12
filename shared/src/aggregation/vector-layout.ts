/**
 * The layout of a member's report vector: which coordinate means what, so a released sum can be read
 * back, and how large each coordinate can be, so the sum of a whole cohort never wraps around the field.
 *
 * The layout depends only on the field rules — never on what a member consented to or answered — so
 * every member's vector has the same length and the size of a share reveals nothing.
 *
 * One block per field that has a rule, in form order, then one per progress series (total monthly
 * income, total assets, total debts, net worth; ../journal/progress.ts). Every block holds:
 *   answered · value · square · baselineAnswered · baseline · paired · histogram[buckets]
 * where `value` is the clipped current value (whole dollars for money), `square` its square (for the
 * variance), `baselineAnswered` is 1 when the baseline month answered it too, `baseline` the baseline's
 * clipped value and `paired` the current value again, both only when `baselineAnswered` — so the change
 * Σpaired/Σbaseline − 1 compares the same families in both months. A series block adds:
 *   upTenPercent · change[6]
 * (up at least 10% against the member's own baseline, and a one-hot change histogram whose last bucket
 * is "n/a": a zero baseline has no percentage).
 */
import { MONEY_FIELDS, fieldDef, SHAREABLE_FIELDS, type ShareableFieldId } from "../journal/fields.ts";
import { PROGRESS_SERIES, type ProgressSeries } from "../journal/progress.ts";
import type { FieldRule, FieldRules } from "./contribution.ts";

/** A clipping range and bucket upper bounds (a field's rule, or a series' derived from them). */
export type Ranged = Pick<FieldRule, "clip" | "buckets">;

/** The change buckets of a series, by change against the member's own baseline B (≠ 0): */
export const CHANGE_BUCKETS = [
  "down 50% or more", // (current − B)/|B| ≤ −50%
  "down 10–50%", // −50% < … ≤ −10%
  "within 10%", // −10% < … < +10%
  "up 10–50%", // +10% ≤ … < +50%
  "up 50% or more", // ≥ +50%
  "n/a", // B = 0
] as const;

/** Coordinates of one block, as offsets into the vector. */
export interface BlockOffsets {
  readonly answered: number;
  readonly value: number;
  readonly square: number;
  readonly baselineAnswered: number;
  readonly baseline: number;
  readonly paired: number;
  /** The first histogram coordinate; the histogram has one per bucket of `range`. */
  readonly histogram: number;
}

/** A field's block. */
export interface FieldBlock {
  readonly kind: "field";
  readonly name: ShareableFieldId;
  /** True for money (whole dollars): its figures are dollar figures (see disclosure.ts). */
  readonly money: boolean;
  readonly range: Ranged;
  readonly at: BlockOffsets;
}

/** A progress series' block: Σ `plus` − Σ `minus` over the member's previewed money fields. */
export interface SeriesBlock {
  readonly kind: "series";
  readonly name: ProgressSeries;
  readonly money: true;
  readonly plus: readonly ShareableFieldId[];
  readonly minus: readonly ShareableFieldId[];
  readonly range: Ranged;
  readonly at: BlockOffsets & { readonly upTenPercent: number; readonly change: number };
}

/** One block of the vector. */
export type Block = FieldBlock | SeriesBlock;

/** Every coordinate of a report vector. */
export interface VectorLayout {
  readonly length: number;
  readonly fields: readonly FieldBlock[];
  readonly series: readonly SeriesBlock[];
  /** A readable name per coordinate ("income.wages.histogram[3]", "series.netWorth.change[n/a]"). */
  readonly names: readonly string[];
}

/** The largest cohort the field's size is checked against (see `VECTOR_BOUNDS`). */
export const MAX_COHORT = 30_000;

/** Bucket upper bounds of the series (whole dollars); cut to the derived range, which is appended as the last. */
export const SERIES_BUCKETS: Readonly<Record<ProgressSeries, readonly number[]>> = {
  income: [0, 500, 1000, 1500, 2000, 3000, 4000, 5000, 7500, 10_000, 15_000, 20_000],
  assets: [0, 1000, 5000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000],
  debts: [0, 1000, 5000, 10_000, 25_000, 50_000, 100_000, 250_000],
  netWorth: [-100_000, -25_000, -10_000, -1000, 0, 1000, 10_000, 25_000, 100_000, 250_000, 500_000, 1_000_000],
};

const moneyOf = (rules: FieldRules, section: string): ShareableFieldId[] =>
  MONEY_FIELDS.filter((f) => fieldDef(f).section === section && rules[f] !== undefined);

function seriesRange(
  rules: FieldRules,
  series: ProgressSeries,
  plus: readonly ShareableFieldId[],
  minus: readonly ShareableFieldId[],
): Ranged {
  let min = 0;
  let max = 0;
  for (const f of plus) [min, max] = [min + rules[f]!.clip.min, max + rules[f]!.clip.max];
  for (const f of minus) [min, max] = [min - rules[f]!.clip.max, max - rules[f]!.clip.min];
  return { clip: { min, max }, buckets: [...SERIES_BUCKETS[series].filter((b) => b >= min && b < max), max] };
}

function seriesMembers(
  rules: FieldRules,
  series: ProgressSeries,
): { plus: ShareableFieldId[]; minus: ShareableFieldId[] } {
  switch (series) {
    case "income":
    case "assets":
    case "debts":
      return { plus: moneyOf(rules, series), minus: [] };
    case "netWorth":
      return { plus: moneyOf(rules, "assets"), minus: moneyOf(rules, "debts") };
  }
}

const layouts = new WeakMap<FieldRules, VectorLayout>();

/** The layout of every report vector under `rules` (computed once per rules object). */
export function vectorLayout(rules: FieldRules): VectorLayout {
  const cached = layouts.get(rules);
  if (cached !== undefined) return cached;
  const names: string[] = [];
  const block = (prefix: string, range: Ranged): BlockOffsets => {
    const at = (name: string) => names.push(`${prefix}.${name}`) - 1;
    const offsets = {
      answered: at("answered"),
      value: at("value"),
      square: at("square"),
      baselineAnswered: at("baselineAnswered"),
      baseline: at("baseline"),
      paired: at("paired"),
      histogram: names.length,
    };
    range.buckets.forEach((_, i) => at(`histogram[${i}]`));
    return offsets;
  };
  const fields = SHAREABLE_FIELDS.flatMap((name): FieldBlock[] => {
    const rule = rules[name];
    if (rule === undefined) return [];
    return [{ kind: "field", name, money: fieldDef(name).kind === "money", range: rule, at: block(name, rule) }];
  });
  const series = PROGRESS_SERIES.map((name): SeriesBlock => {
    const { plus, minus } = seriesMembers(rules, name);
    const range = seriesRange(rules, name, plus, minus);
    const offsets = block(`series.${name}`, range);
    const upTenPercent = names.push(`series.${name}.upTenPercent`) - 1;
    const change = names.length;
    for (const label of CHANGE_BUCKETS) names.push(`series.${name}.change[${label}]`);
    return { kind: "series", name, money: true, plus, minus, range, at: { ...offsets, upTenPercent, change } };
  });
  const layout = { length: names.length, fields, series, names };
  layouts.set(rules, layout);
  return layout;
}

/** The largest absolute value each coordinate of one member's vector can hold under `layout`. */
export function vectorBounds(layout: VectorLayout): bigint[] {
  const bounds = new Array<bigint>(layout.length).fill(1n); // indicators and one-hot histograms
  for (const b of [...layout.fields, ...layout.series]) {
    const m = BigInt(Math.max(Math.abs(b.range.clip.min), Math.abs(b.range.clip.max)));
    for (const at of [b.at.value, b.at.baseline, b.at.paired]) bounds[at] = m;
    bounds[b.at.square] = m * m;
  }
  return bounds;
}

/**
 * The smallest value each coordinate of one member's vector can hold under `layout`: 0 for indicators,
 * one-hot cells and squares; min(0, clip.min) for a value, baseline or paired value (0 when unanswered).
 */
export function vectorMinimums(layout: VectorLayout): bigint[] {
  const minimums = new Array<bigint>(layout.length).fill(0n);
  for (const b of [...layout.fields, ...layout.series]) {
    const m = BigInt(Math.min(0, b.range.clip.min));
    for (const at of [b.at.value, b.at.baseline, b.at.paired]) minimums[at] = m;
  }
  return minimums;
}
