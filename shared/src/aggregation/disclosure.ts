/**
 * What of a release may be shown to the organization (statistical disclosure control). The defaults:
 *
 * 1. The whole release is withheld unless it has at least 20 contributors, from at least 3 friend
 *    groups, none of which holds more than half of them — a cohort that is mostly one group would
 *    describe that group's families.
 * 2. Any count from 1 to 10 is shown as "<11" (0 stays 0: "nobody" is not a disclosure). When a
 *    histogram (whose total is shown) has exactly one such cell, its smallest other non-zero cell is
 *    shown as "suppressed" too, so no small cell is the total minus the others.
 * 3. Dollar figures (sums, means, variances, quartiles and the change of a money field or a series)
 *    are shown only from 200 contributors (the change: from 200 families answering both months), else
 *    "not enough contributors": a few families' dollar amounts are too recognisable.
 * 4. Other figures (a rating's mean, a count's quartiles) need more than 10 contributors; for a yes/no
 *    field (a 0–1 range) the sum and mean are counts in disguise, so they follow its histogram: shown
 *    only when no cell of it is hidden (and its change only when both of its sums, counts of "yes",
 *    are 0 or above 10). The share up 10% is shown only when both of its counts are, and they are shown
 *    only when no cell of the change histogram is hidden (each is a sum of those cells).
 *
 * Known gap (README.md): interpolated quartiles and means of multi-bucket fields can still narrow a
 * hidden cell down; rules 2 and 4 close only the exact, one-step derivations.
 */
import type { BlockRelease, Release } from "./statistics.ts";

/** The thresholds of disclosure control. */
export interface DisclosureRules {
  readonly minContributors: number;
  readonly minGroups: number;
  /** The largest share of the contributors one friend group may hold. */
  readonly maxGroupShare: number;
  /** Counts from 1 to this are hidden. */
  readonly smallCount: number;
  /** Contributors needed before dollar figures are shown. */
  readonly minForDollars: number;
}

/** The default rules (see the top of this file). */
export const DEFAULT_DISCLOSURE_RULES: DisclosureRules = {
  minContributors: 20,
  minGroups: 3,
  maxGroupShare: 0.5,
  smallCount: 10,
  minForDollars: 200,
};

/** What a hidden figure shows instead. */
export const NOT_ENOUGH = "not enough contributors";
/** What a cell hidden only so that a small one cannot be derived shows. */
export const SUPPRESSED = "suppressed";

/** A count as shown: the number, "<11" (for the default rules), or "suppressed". */
export type ShownCount = number | `<${number}` | typeof SUPPRESSED;
/** A figure as shown. */
export type ShownFigure = number | null | typeof NOT_ENOUGH;

/** One field or series as shown to the organization. */
export interface DisclosedBlock {
  readonly kind: BlockRelease["kind"];
  readonly name: string;
  readonly money: boolean;
  readonly contributors: ShownCount;
  readonly sum: ShownFigure;
  readonly mean: ShownFigure;
  readonly variance: ShownFigure;
  readonly histogram: readonly { readonly min: number; readonly max: number; readonly count: ShownCount }[];
  readonly quartiles: { readonly q1: ShownFigure; readonly median: ShownFigure; readonly q3: ShownFigure } | null;
  readonly change: {
    readonly families: ShownCount;
    readonly current: ShownFigure;
    readonly baseline: ShownFigure;
    readonly ratio: ShownFigure;
  };
  readonly up: {
    readonly comparable: ShownCount;
    readonly count: ShownCount;
    readonly share: ShownFigure;
    readonly histogram: readonly { readonly label: string; readonly count: ShownCount }[];
  } | null;
}

/** Why a whole release is withheld. */
export type WithheldReason = "too-few-contributors" | "too-few-groups" | "group-over-half";

/** The release as the organization may see it, or the reason it sees nothing. */
export type Disclosure =
  | { readonly withheld: true; readonly reason: WithheldReason }
  | {
      readonly withheld: false;
      readonly contributors: ShownCount;
      readonly groups: number;
      readonly fields: readonly DisclosedBlock[];
      readonly series: readonly DisclosedBlock[];
    };

function shower(rules: DisclosureRules) {
  const small = `<${rules.smallCount + 1}` as const;
  const count = (c: number): ShownCount => (c >= 1 && c <= rules.smallCount ? small : c);
  /** Counts of a histogram whose total is shown, with the complementary cell hidden (rule 2). */
  const cells = (counts: readonly number[]): ShownCount[] => {
    const shown = counts.map(count);
    if (shown.filter((c) => c === small).length !== 1) return shown;
    let partner = -1;
    counts.forEach((c, i) => {
      if (shown[i] !== small && c > 0 && (partner < 0 || c < counts[partner]!)) partner = i;
    });
    if (partner >= 0) shown[partner] = SUPPRESSED;
    return shown;
  };
  return { count, cells };
}

function discloseBlock(b: BlockRelease, rules: DisclosureRules): DisclosedBlock {
  const { count, cells } = shower(rules);
  const histogram = cells(b.histogram.map((h) => h.count));
  const hiddenCell = histogram.some((c) => typeof c === "string");
  const indicator = b.histogram.length === 2 && b.histogram[0]!.min === 0 && b.histogram[1]!.max === 1;
  const figuresShown = b.money
    ? b.contributors >= rules.minForDollars
    : b.contributors > rules.smallCount && !(indicator && hiddenCell);
  const fig = (x: number | null, shown = figuresShown): ShownFigure => (shown ? x : NOT_ENOUGH);
  const big = (c: number) => c === 0 || c > rules.smallCount;
  const changeShown = b.money
    ? b.change.families >= rules.minForDollars
    : b.change.families > rules.smallCount && (!indicator || (big(b.change.current) && big(b.change.baseline)));
  let up: DisclosedBlock["up"] = null;
  if (b.up !== null) {
    const changeCells = cells(b.up.histogram.map((h) => h.count));
    // The up-10% count is two of these cells added, and "comparable" all but the n/a one: with any cell
    // hidden, showing either would let a reader subtract its way to the hidden cell.
    const cellHidden = changeCells.some((c) => typeof c === "string");
    const comparable: ShownCount = cellHidden ? SUPPRESSED : count(b.up.comparable);
    const upCount: ShownCount = cellHidden ? SUPPRESSED : count(b.up.count);
    up = {
      comparable,
      count: upCount,
      share: fig(b.up.share, typeof comparable === "number" && typeof upCount === "number"),
      histogram: changeCells.map((c, i) => ({ label: b.up!.histogram[i]!.label, count: c })),
    };
  }
  return {
    kind: b.kind,
    name: b.name,
    money: b.money,
    contributors: count(b.contributors),
    sum: fig(b.sum),
    mean: fig(b.mean),
    variance: fig(b.variance),
    histogram: b.histogram.map((h, i) => ({ min: h.min, max: h.max, count: histogram[i]! })),
    quartiles:
      b.quartiles === null
        ? null
        : { q1: fig(b.quartiles.q1), median: fig(b.quartiles.median), q3: fig(b.quartiles.q3) },
    change: {
      families: count(b.change.families),
      current: fig(b.change.current, changeShown),
      baseline: fig(b.change.baseline, changeShown),
      ratio: fig(b.change.ratio, changeShown),
    },
    up,
  };
}

/** The release as the organization may see it under `rules` (see the top of this file). */
export function applyDisclosure(release: Release, rules: DisclosureRules = DEFAULT_DISCLOSURE_RULES): Disclosure {
  const { contributors, groups } = release.cohort;
  if (contributors < rules.minContributors) return { withheld: true, reason: "too-few-contributors" };
  const present = groups.filter((g) => g > 0);
  if (present.length < rules.minGroups) return { withheld: true, reason: "too-few-groups" };
  if (present.some((g) => g > contributors * rules.maxGroupShare)) return { withheld: true, reason: "group-over-half" };
  return {
    withheld: false,
    contributors: shower(rules).count(contributors),
    groups: present.length,
    fields: release.fields.map((b) => discloseBlock(b, rules)),
    series: release.series.map((b) => discloseBlock(b, rules)),
  };
}
