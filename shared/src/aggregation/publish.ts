/**
 * From the stewards' two reconstructed parts to the release the organization sees. The counts part is
 * every block's "answered" count; the values part holds only the blocks whose count reached the round's
 * minimum (round-records.ts). This assembles the sum vector, checks that n honest vectors could add up
 * to it (consistency.ts), computes the statistics and applies the disclosure rules; a block whose values
 * were never reconstructed shows its count and nothing else.
 */
import { checkConsistency } from "./consistency.ts";
import {
  applyDisclosure,
  NOT_ENOUGH,
  SUPPRESSED,
  type DisclosedBlock,
  type Disclosure,
  type DisclosureRules,
} from "./disclosure.ts";
import { packedLength, unpackVector } from "./packing.ts";
import { blockCounts, countElements, valueElements } from "./round-records.ts";
import { computeRelease, type Cohort } from "./statistics.ts";
import type { VectorLayout } from "./vector-layout.ts";

/** The release, or why none is published (a coordinate no honest batch could produce). */
export type Published =
  { readonly ok: true; readonly disclosure: Disclosure } | { readonly ok: false; readonly reason: string };

/** The full (unpacked) sum vector from the two rebuilt parts; blocks below the minimum stay zero beyond their count. */
export function assembleSum(
  layout: VectorLayout,
  countsPart: readonly bigint[],
  valuesPart: readonly bigint[],
  minContributors: number,
): bigint[] {
  const packed = new Array<bigint>(packedLength(layout)).fill(0n);
  countElements(layout).forEach((e, i) => (packed[e] = countsPart[i]!));
  const counts = blockCounts(layout, countsPart);
  valueElements(layout, counts, minContributors).forEach((e, i) => (packed[e] = valuesPart[i]!));
  return unpackVector(packed, layout);
}

/** A block whose values were not reconstructed: its count stays, every figure is "not enough contributors". */
const countOnly = (b: DisclosedBlock): DisclosedBlock => ({
  ...b,
  sum: NOT_ENOUGH,
  mean: NOT_ENOUGH,
  variance: NOT_ENOUGH,
  histogram: b.histogram.map((h) => ({ ...h, count: SUPPRESSED })),
  quartiles: b.quartiles === null ? null : { q1: NOT_ENOUGH, median: NOT_ENOUGH, q3: NOT_ENOUGH },
  change: { families: SUPPRESSED, current: NOT_ENOUGH, baseline: NOT_ENOUGH, ratio: NOT_ENOUGH },
  up:
    b.up === null
      ? null
      : {
          comparable: SUPPRESSED,
          count: SUPPRESSED,
          share: NOT_ENOUGH,
          histogram: b.up.histogram.map((h) => ({ ...h, count: SUPPRESSED })),
        },
});

/** The published release of a round from its two rebuilt parts (packed field elements, `countElements`/`valueElements` order). */
export function publishRelease(
  layout: VectorLayout,
  cohort: Cohort,
  countsPart: readonly bigint[],
  valuesPart: readonly bigint[],
  minContributors: number,
  rules: DisclosureRules,
): Published {
  const sum = assembleSum(layout, countsPart, valuesPart, minContributors);
  const blocks = [...layout.fields, ...layout.series];
  const counts = blockCounts(layout, countsPart);
  const reconstructed = new Set(
    blocks.filter((_, i) => counts[i]! >= BigInt(minContributors)).map((b) => b.at.answered),
  );
  // Consistency is checked on the blocks whose values exist; the others are all zeros beyond their count.
  const checkedLayout = {
    ...layout,
    fields: layout.fields.filter((b) => reconstructed.has(b.at.answered)),
    series: layout.series.filter((b) => reconstructed.has(b.at.answered)),
  };
  const checked = checkConsistency(sum, checkedLayout, cohort.contributors);
  if (!checked.ok) return { ok: false, reason: `inconsistent-sum: ${checked.name} (${checked.reason})` };
  const disclosure = applyDisclosure(computeRelease(sum, layout, cohort), rules);
  if (disclosure.withheld) return { ok: true, disclosure };
  const keep = (list: readonly DisclosedBlock[], from: readonly { at: { answered: number } }[]) =>
    list.map((b, i) => (reconstructed.has(from[i]!.at.answered) ? b : countOnly(b)));
  return {
    ok: true,
    disclosure: {
      ...disclosure,
      fields: keep(disclosure.fields, layout.fields),
      series: keep(disclosure.series, layout.series),
    },
  };
}
