/**
 * The organization's release, computed from the reconstructed SUM of the cohort's report vectors — the
 * only thing anyone ever rebuilds. Everything here is a function of sums: counts (Σ answered), totals
 * (Σ value), the variance (from Σ value and Σ value²), histograms (Σ one-hot), and the change against
 * baseline over the families who answered both months (Σ paired vs Σ baseline).
 *
 * Figures are exact where they are integers (counts and dollar totals, safe integers for any cohort up
 * to `MAX_COHORT`); a mean, a ratio or a share is one division of exact integers; the variance is one
 * division of an exact BigInt numerator. Median and quartiles are approximate: interpolated linearly
 * within the bucket that holds them (the bucket itself is exact).
 *
 * This is the release BEFORE disclosure control: `applyDisclosure` (disclosure.ts) decides what of it
 * may be shown, and `checkConsistency` (consistency.ts) should pass on the sum first.
 */
import { assert } from "../result.ts";
import { bucketRange } from "./contribution.ts";
import { decodeSigned } from "./field.ts";
import { CHANGE_BUCKETS, type Block, type Ranged, type VectorLayout } from "./vector-layout.ts";

/** Who contributed: how many families, and how many of them came through each friend group. */
export interface Cohort {
  readonly contributors: number;
  /** Contributors per friend group (one entry per group; their sum is `contributors`). */
  readonly groups: readonly number[];
}

/** One bucket of a histogram: its inclusive range and how many families fell in it. */
export interface BucketCount {
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

/** Median and quartiles, interpolated within their buckets. */
export interface Quartiles {
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

/** Change against baseline over the families who answered a field (or a series) in both months. */
export interface ChangeRelease {
  readonly families: number;
  /** Σ current and Σ baseline over those families. */
  readonly current: number;
  readonly baseline: number;
  /** (Σ current − Σ baseline) / |Σ baseline|, i.e. Σcurrent/Σbaseline − 1 for a positive baseline; null when that is 0. */
  readonly ratio: number | null;
}

/** Families up at least 10% against their own baseline (series only). */
export interface UpRelease {
  /** Families with a non-zero baseline (the others are in the "n/a" bucket). */
  readonly comparable: number;
  readonly count: number;
  /** count / comparable; null when nobody is comparable. */
  readonly share: number | null;
  readonly histogram: readonly { readonly label: (typeof CHANGE_BUCKETS)[number]; readonly count: number }[];
}

/** The release of one field or series. */
export interface BlockRelease {
  readonly kind: Block["kind"];
  readonly name: string;
  readonly money: boolean;
  /** Families who answered (and consented). */
  readonly contributors: number;
  readonly sum: number;
  readonly mean: number | null;
  /** Population variance: Σ(x − mean)²/n. */
  readonly variance: number | null;
  readonly histogram: readonly BucketCount[];
  readonly quartiles: Quartiles | null;
  readonly change: ChangeRelease;
  /** Series only. */
  readonly up: UpRelease | null;
}

/** Everything computed from one cohort's sum. */
export interface Release {
  readonly cohort: Cohort;
  readonly fields: readonly BlockRelease[];
  readonly series: readonly BlockRelease[];
}

/** The value below which a share `q` of the histogram's families lie, interpolated within its bucket. */
export function histogramQuantile(range: Ranged, counts: readonly number[], q: number): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = q * n;
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0 && before + c >= rank) {
      const { min, max } = bucketRange(range, i);
      return min + ((rank - before) / c) * (max - min);
    }
    before += c;
  }
  return bucketRange(range, counts.length - 1).max;
}

/** `sum` decoded into signed integers, read through `layout`. */
const reader = (sum: readonly bigint[]) => (i: number) => decodeSigned(sum[i]!);

function blockRelease(b: Block, at: (i: number) => bigint): BlockRelease {
  const n = at(b.at.answered);
  const s1 = at(b.at.value);
  const s2 = at(b.at.square);
  const counts = b.range.buckets.map((_, i) => Number(at(b.at.histogram + i)));
  const families = Number(at(b.at.baselineAnswered));
  const current = Number(at(b.at.paired));
  const baseline = Number(at(b.at.baseline));
  let up: UpRelease | null = null;
  if (b.kind === "series") {
    const histogram = CHANGE_BUCKETS.map((label, i) => ({ label, count: Number(at(b.at.change + i)) }));
    const comparable = families - histogram.at(-1)!.count;
    const count = Number(at(b.at.upTenPercent));
    up = { comparable, count, share: comparable === 0 ? null : count / comparable, histogram };
  }
  const q = (x: number) => histogramQuantile(b.range, counts, x);
  return {
    kind: b.kind,
    name: b.name,
    money: b.money,
    contributors: Number(n),
    sum: Number(s1),
    mean: n === 0n ? null : Number(s1) / Number(n),
    variance: n === 0n ? null : Number(n * s2 - s1 * s1) / Number(n * n),
    histogram: counts.map((count, i) => ({ ...bucketRange(b.range, i), count })),
    quartiles: n === 0n ? null : { q1: q(0.25)!, median: q(0.5)!, q3: q(0.75)! },
    change: { families, current, baseline, ratio: baseline === 0 ? null : (current - baseline) / Math.abs(baseline) },
    up,
  };
}

/** The release computed from the cohort's reconstructed sum vector (see the top of this file). */
export function computeRelease(sum: readonly bigint[], layout: VectorLayout, cohort: Cohort): Release {
  assert(sum.length === layout.length, "computeRelease: the sum does not fit the layout");
  const at = reader(sum);
  return {
    cohort,
    fields: layout.fields.map((b) => blockRelease(b, at)),
    series: layout.series.map((b) => blockRelease(b, at)),
  };
}
