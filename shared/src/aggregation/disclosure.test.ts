import { describe, expect, it } from "vitest";
import { SHAREABLE_FIELDS } from "../journal/fields.ts";
import { DEFAULT_FIELD_RULES } from "./contribution.ts";
import {
  applyDisclosure,
  NOT_ENOUGH,
  SUPPRESSED,
  type DisclosedBlock,
  type Disclosure,
  type ShownCount,
} from "./disclosure.ts";
import { computeRelease, type BlockRelease, type Release } from "./statistics.ts";
import { cohortOf, mulberry32, randomFamily, sumOfVectors, type Family } from "./test-kit.ts";
import { vectorLayout } from "./vector-layout.ts";

const layout = vectorLayout(DEFAULT_FIELD_RULES);
const releaseOf = (families: readonly Family[], groups: number): Release =>
  computeRelease(sumOfVectors(families), layout, cohortOf(families, groups));
const shown = (d: Disclosure) => {
  if (d.withheld) throw new Error(`withheld: ${d.reason}`);
  return d;
};
const rnd = mulberry32(31);
const cohort = Array.from({ length: 1000 }, () => randomFamily(rnd, 40));

/** A count as the rules say it must be shown (before complementary suppression). */
const expectedCount = (c: number): ShownCount => (c >= 1 && c <= 10 ? "<11" : c);

/** Each count of `d` is its release count, "<11" for 1–10, or "suppressed" for a complement of one. */
function expectCountsFollowTheRules(d: DisclosedBlock, b: BlockRelease): void {
  expect(d.contributors, b.name).toBe(expectedCount(b.contributors));
  expect(d.change.families, b.name).toBe(expectedCount(b.change.families));
  const histograms: [readonly { count: ShownCount }[], readonly { count: number }[]][] = [[d.histogram, b.histogram]];
  if (b.up !== null) histograms.push([d.up!.histogram, b.up.histogram]);
  for (const [shownCells, cells] of histograms) {
    const small = shownCells.filter((c) => c.count === "<11").length;
    const hidden = shownCells.filter((c) => c.count === SUPPRESSED).length;
    expect(hidden, b.name).toBe(small === 1 && cells.filter((c) => c.count > 10).length > 0 ? 1 : 0);
    shownCells.forEach((c, i) => {
      if (c.count !== SUPPRESSED) expect(c.count, `${b.name}[${i}]`).toBe(expectedCount(cells[i]!.count));
      else expect(cells[i]!.count, `${b.name}[${i}]`).toBeGreaterThan(10);
    });
  }
}

describe("what the organization may see of a release", () => {
  it("withholds everything under 20 contributors, from under 3 groups, or with a group over half", () => {
    const families = (groups: readonly number[]) =>
      groups.flatMap((n, group) => cohort.slice(0, n).map((f) => ({ ...f, group })));
    const release = (groups: readonly number[]) => releaseOf(families(groups), groups.length);
    expect(applyDisclosure(release([7, 6, 6]))).toEqual({ withheld: true, reason: "too-few-contributors" });
    expect(applyDisclosure(release([10, 10]))).toEqual({ withheld: true, reason: "too-few-groups" });
    expect(applyDisclosure(release([18, 1, 1, 0]))).toEqual({ withheld: true, reason: "group-over-half" });
    expect(applyDisclosure(release([11, 5, 4]))).toEqual({ withheld: true, reason: "group-over-half" });
    expect(applyDisclosure(release([10, 5, 5]))).toMatchObject({ withheld: false, contributors: 20, groups: 3 });
  });

  it("shows a 1,000-family cohort's dollar figures, hides counts of 1–10 and their complements", () => {
    const release = releaseOf(cohort, 40);
    const d = shown(applyDisclosure(release));
    expect(d.contributors).toBe(1000);
    expect(d.groups).toBe(40);
    const pairs = [...d.fields, ...d.series].map((x, i) => [x, [...release.fields, ...release.series][i]!] as const);
    let small = 0;
    for (const [x, b] of pairs) {
      expectCountsFollowTheRules(x, b);
      small += x.histogram.filter((c) => c.count === "<11").length;
      if (b.money && b.contributors >= 200) {
        expect(x.sum, b.name).toBe(b.sum);
        expect(x.mean, b.name).toBe(b.mean);
        expect(x.quartiles, b.name).toEqual(b.quartiles);
      }
    }
    expect(small).toBeGreaterThan(0); // the cohort does have small cells to hide
    const wages = d.fields.find((f) => f.name === "income.wages")!;
    expect(typeof wages.sum).toBe("number");
    expect(typeof wages.change.ratio).toBe("number");
  });

  it("shows no dollar figure under 200 contributors, but a rating's mean from 11", () => {
    const release = releaseOf(cohort.slice(0, 150), 40);
    const d = shown(applyDisclosure(release));
    for (const x of [...d.fields, ...d.series].filter((b) => b.money)) {
      expect(x.sum, x.name).toBe(NOT_ENOUGH);
      expect(x.mean, x.name).toBe(NOT_ENOUGH);
      expect(x.variance, x.name).toBe(NOT_ENOUGH);
      if (x.quartiles !== null) expect(x.quartiles.median, x.name).toBe(NOT_ENOUGH);
      expect(x.change.ratio, x.name).toBe(NOT_ENOUGH);
    }
    const rating = d.fields.find((f) => f.name === "health.selfRated")!;
    const raw = release.fields.find((f) => f.name === "health.selfRated")!;
    expect(raw.contributors).toBeGreaterThan(10);
    expect(rating.mean).toBe(raw.mean);
    for (const [x, b] of d.fields.map((x, i) => [x, release.fields[i]!] as const)) expectCountsFollowTheRules(x, b);
  });

  it("hides a yes/no field's sum and mean when its 'yes' count is small, and the complement of that count", () => {
    // 30 families in three groups; all share health.insured; 3 say yes.
    const families: Family[] = Array.from({ length: 30 }, (_, i) => ({
      values: { "health.insured": i < 3, "health.selfRated": 1 + (i % 5) },
      baseline: null,
      consented: [...SHAREABLE_FIELDS],
      group: i % 3,
    }));
    const d = shown(applyDisclosure(releaseOf(families, 3)));
    const insured = d.fields.find((f) => f.name === "health.insured")!;
    expect(insured.contributors).toBe(30);
    expect(insured.histogram.map((h) => h.count)).toEqual([SUPPRESSED, "<11"]); // 27 no would give away 3 yes
    expect(insured.sum).toBe(NOT_ENOUGH);
    expect(insured.mean).toBe(NOT_ENOUGH);
    // A rating with six families per value: every cell is "<11", none needs a complement, and the mean
    // of 30 is shown (rule 4: more than 10 contributors).
    const rating = d.fields.find((f) => f.name === "health.selfRated")!;
    expect(rating.histogram.map((h) => h.count)).toEqual(["<11", "<11", "<11", "<11", "<11"]);
    expect(rating.mean).toBe(3);
    // Fields nobody answered: zeros are shown as zeros, figures are empty.
    const cash = d.fields.find((f) => f.name === "assets.cash")!;
    expect(cash.contributors).toBe(0);
    expect(cash.histogram.every((h) => h.count === 0)).toBe(true);
  });

  it("never shows the up-10% count or the comparable count beside a hidden change cell (each is a sum of cells)", () => {
    const release = releaseOf(cohort.slice(0, 60), 6);
    const d = shown(applyDisclosure(release));
    let checked = 0;
    for (const x of d.series) {
      const hidden = x.up!.histogram.some((h) => typeof h.count === "string");
      if (!hidden) continue;
      checked++;
      expect(x.up!.count, x.name).toBe(SUPPRESSED);
      expect(x.up!.comparable, x.name).toBe(SUPPRESSED);
      expect(x.up!.share, x.name).toBe(NOT_ENOUGH);
    }
    expect(checked).toBeGreaterThan(0); // 60 families do leave small change cells
  });

  it("follows custom rules", () => {
    const release = releaseOf(cohort.slice(0, 150), 40);
    const rules = { minContributors: 100, minGroups: 3, maxGroupShare: 0.5, smallCount: 4, minForDollars: 50 };
    const d = shown(applyDisclosure(release, rules));
    expect(typeof d.fields.find((f) => f.name === "income.wages")!.sum).toBe("number");
    const hiddenLabels = new Set(
      d.fields.flatMap((f) => f.histogram.map((h) => h.count)).filter((c) => typeof c === "string"),
    );
    expect(hiddenLabels).toContain("<5");
    expect(hiddenLabels).not.toContain("<11");
    expect(applyDisclosure(release, { ...rules, minContributors: 151 })).toEqual({
      withheld: true,
      reason: "too-few-contributors",
    });
  });
});
