import { beforeAll, describe, expect, it } from "vitest";
import { checkPartials, type PartialsCheck } from "./check-partials.ts";
import { checkConsistency } from "./consistency.ts";
import { bucketOf, contributionPreview, DEFAULT_FIELD_RULES, type ContributionItem } from "./contribution.ts";
import { add, encodeSigned } from "./field.ts";
import { addShares, splitVector, type Share } from "./shamir.ts";
import { computeRelease, histogramQuantile, type BlockRelease, type Release } from "./statistics.ts";
import { cohortOf, mulberry32, randomFamily, seededRandom, type Family } from "./test-kit.ts";
import { CHANGE_BUCKETS, vectorLayout, type Block } from "./vector-layout.ts";
import { buildReportVector } from "./vector.ts";

const layout = vectorLayout(DEFAULT_FIELD_RULES);
const threshold = { k: 5, t: 3 };

/** Every family's vector shared among the stewards; each steward posts the sum of what it holds. */
function stewardPartials(families: readonly Family[], seed: number): Share[] {
  const random = seededRandom(seed);
  let partials: Share[] | null = null;
  for (const f of families) {
    const shares = splitVector(buildReportVector(f.values, f.baseline, f.consented), threshold, random);
    partials = partials === null ? shares : partials.map((p, i) => addShares(p, shares[i]!));
  }
  return partials!;
}

/** A family's preview items by field. */
type Previewed = ReadonlyMap<string, ContributionItem>;
const previewsOf = (families: readonly Family[]): Previewed[] =>
  families.map((f) => new Map(contributionPreview(f.values, f.baseline, f.consented).items.map((i) => [i.field, i])));

/** A family's observation of one block, straight from its preview: the value, and (baseline, current) when paired. */
function observe(b: Block, items: ReadonlyMap<string, ContributionItem>) {
  const terms =
    b.kind === "field"
      ? [[b.name, 1] as const]
      : [...b.plus.map((f) => [f, 1] as const), ...b.minus.map((f) => [f, -1] as const)];
  const present = terms.filter(([f]) => items.has(f));
  if (present.length === 0) return null;
  const withBase = present.filter(([f]) => items.get(f)!.baselineValue !== null);
  const total = (list: typeof present, pick: (i: ContributionItem) => number) =>
    list.reduce((s, [f, sign]) => s + sign * pick(items.get(f)!), 0);
  return {
    value: total(present, (i) => i.value),
    pair:
      withBase.length === 0
        ? null
        : { base: total(withBase, (i) => i.baselineValue!), cur: total(withBase, (i) => i.value) },
  };
}

/** The release computed directly from the families' plaintext previews — no vectors, no shares. */
function plaintextRelease(previews: readonly Previewed[], b: Block): BlockRelease {
  const seen = previews.map((items) => observe(b, items)).filter((o) => o !== null);
  const values = seen.map((o) => o.value);
  const pairs = seen.flatMap((o) => (o.pair === null ? [] : [o.pair]));
  const n = values.length;
  const sum = values.reduce((a, v) => a + v, 0);
  const counts = b.range.buckets.map(() => 0);
  for (const v of values) counts[bucketOf(b.range, v)]!++;
  const current = pairs.reduce((a, p) => a + p.cur, 0);
  const baseline = pairs.reduce((a, p) => a + p.base, 0);
  let up: BlockRelease["up"] = null;
  if (b.kind === "series") {
    const label = ({ base, cur }: { base: number; cur: number }): (typeof CHANGE_BUCKETS)[number] => {
      if (base === 0) return "n/a";
      const r = (cur - base) / Math.abs(base);
      return r <= -0.5
        ? "down 50% or more"
        : r <= -0.1
          ? "down 10–50%"
          : r < 0.1
            ? "within 10%"
            : r < 0.5
              ? "up 10–50%"
              : "up 50% or more";
    };
    const comparable = pairs.filter((p) => p.base !== 0);
    const upCount = comparable.filter((p) => (p.cur - p.base) / Math.abs(p.base) >= 0.1).length;
    up = {
      comparable: comparable.length,
      count: upCount,
      share: comparable.length === 0 ? null : upCount / comparable.length,
      histogram: CHANGE_BUCKETS.map((l) => ({ label: l, count: pairs.filter((p) => label(p) === l).length })),
    };
  }
  const mean = n === 0 ? null : sum / n;
  return {
    kind: b.kind,
    name: b.name,
    money: b.money,
    contributors: n,
    sum,
    mean,
    variance: mean === null ? null : values.reduce((a, v) => a + (v - mean) ** 2, 0) / n, // two-pass
    histogram: counts.map((count, i) => ({ ...bucketRangeOf(b, i), count })),
    quartiles: null, // checked separately: interpolated
    change: {
      families: pairs.length,
      current,
      baseline,
      ratio: baseline === 0 ? null : (current - baseline) / Math.abs(baseline),
    },
    up,
  };
}
const bucketRangeOf = (b: Block, i: number) => ({
  min: i === 0 ? b.range.clip.min : b.range.buckets[i - 1]! + 1,
  max: b.range.buckets[i]!,
});
/** The ⌈q·n⌉-th smallest value. */
const orderStatistic = (sorted: readonly number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;

describe("the organization's release, from the stewards' partial sums", () => {
  const rnd = mulberry32(2024);
  const families = Array.from({ length: 1000 }, () => randomFamily(rnd, 40));
  const previews = previewsOf(families);
  let check: PartialsCheck;
  let sum: readonly bigint[];
  let release: Release;
  beforeAll(() => {
    check = checkPartials(stewardPartials(families, 7), threshold.t, threshold.k);
    if (!check.ok) throw new Error(`partials: ${check.code}`);
    sum = check.sum;
    release = computeRelease(sum, layout, cohortOf(families, 40));
  }, 30_000);

  it("rebuilds the sum from the partials of a 1,000-family cohort, consistently", () => {
    expect(check).toMatchObject({ ok: true, checked: 2 });
    expect(checkConsistency(sum, layout, 1000)).toEqual({ ok: true });
    expect(release.cohort.contributors).toBe(1000);
    expect(release.cohort.groups.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it("equals a direct plaintext computation over the families' previews, exactly (before suppression)", () => {
    const blocks: Block[] = [...layout.fields, ...layout.series];
    const got = [...release.fields, ...release.series];
    blocks.forEach((b, i) => {
      const expected = plaintextRelease(previews, b);
      const { variance, ...rest } = got[i]!;
      const { variance: expectedVariance, ...expectedRest } = expected;
      // Quartiles are interpolated: checked against the true order statistics below.
      expect({ ...rest, quartiles: null }, b.name).toEqual(expectedRest);
      // The variance: one exact BigInt numerator divided, against a floating two-pass sum.
      if (expectedVariance === null) expect(variance).toBeNull();
      else expect(Math.abs(variance! - expectedVariance) / Math.max(1, expectedVariance), b.name).toBeLessThan(1e-9);
    });
    // The cohort exercises what it should: money sums, negative net worths, every change bucket.
    const netWorth = release.series.find((s) => s.name === "netWorth")!;
    expect(netWorth.histogram[0]!.count).toBeGreaterThan(0);
    for (const h of netWorth.up!.histogram) expect(h.count, h.label).toBeGreaterThan(0);
    expect(release.fields.find((f) => f.name === "income.wages")!.contributors).toBeGreaterThan(200);
  });

  it("places the median and quartiles in the bucket of the true order statistic", () => {
    const blocks: Block[] = [...layout.fields, ...layout.series];
    const got = [...release.fields, ...release.series];
    blocks.forEach((b, i) => {
      const values = previews
        .map((items) => observe(b, items)?.value)
        .filter((v) => v !== undefined)
        .sort((x, y) => x - y);
      const q = got[i]!.quartiles!;
      for (const [name, share] of [
        ["q1", 0.25],
        ["median", 0.5],
        ["q3", 0.75],
      ] as const) {
        const exact = orderStatistic(values, share);
        const bucket = bucketRangeOf(b, bucketOf(b.range, exact));
        expect(q[name], `${b.name} ${name}`).toBeGreaterThanOrEqual(bucket.min);
        expect(q[name], `${b.name} ${name}`).toBeLessThanOrEqual(bucket.max);
      }
    });
  });
});

describe("quantiles from a histogram", () => {
  const range = { clip: { min: 0, max: 100 }, buckets: [0, 10, 100] };
  it("interpolates within the bucket holding the rank", () => {
    expect(histogramQuantile(range, [0, 4, 0], 0.5)).toBe(1 + 0.5 * 9); // bucket 1–10, halfway
    expect(histogramQuantile(range, [2, 2, 0], 0.5)).toBe(0); // the lower half is all zeros
    expect(histogramQuantile(range, [2, 2, 0], 0.75)).toBe(1 + 0.5 * 9);
    expect(histogramQuantile(range, [0, 0, 1], 0.25)).toBe(11 + 0.25 * 89);
    expect(histogramQuantile(range, [0, 0, 0], 0.5)).toBeNull();
  });
});

describe("refusing an impossible sum", () => {
  const honest = (seed: number, n: number) => {
    const rnd = mulberry32(seed);
    return Array.from({ length: n }, () => {
      const f = randomFamily(rnd, 5);
      return buildReportVector(f.values, f.baseline, f.consented);
    });
  };
  const total = (vectors: readonly (readonly bigint[])[]) => vectors.reduce((s, v) => s.map((x, i) => add(x, v[i]!)));
  const coordinate = (name: string) => layout.names.indexOf(name);
  /** One member's vector with `changes` applied (a dishonest or broken device). */
  const forged = (changes: Record<string, bigint>) => {
    const v = buildReportVector({ "income.wages": 250_000, "health.insured": true }, null, [
      "income.wages",
      "health.insured",
    ]);
    for (const [name, x] of Object.entries(changes)) v[coordinate(name)] = x;
    return v;
  };
  const vectors = honest(3, 50);

  it("accepts the sum of honest vectors", () => {
    expect(checkConsistency(total(vectors), layout, 50)).toEqual({ ok: true });
  });

  const cases: [string, Record<string, bigint>, string][] = [
    ["a histogram stuffed with 1,000 families", { "income.wages.histogram[3]": 1000n }, "income.wages.histogram[3]"],
    ["an income of $10⁹", { "income.wages.value": 1_000_000_000n }, "income.wages.value"],
    [
      "a value in the wrong bucket",
      { "income.wages.value": 20_000n, "income.wages.square": 400_000_000n },
      "income.wages.value",
    ],
    ["a negative sum of squares", { "income.wages.square": encodeSigned(-(10n ** 15n)) }, "income.wages.square"],
    [
      "more baseline answers than answers",
      { "health.insured.baselineAnswered": 1000n },
      "health.insured.baselineAnswered",
    ],
    ["an up-10% nobody's change shows", { "series.income.upTenPercent": 1n }, "series.income.upTenPercent"],
  ];
  for (const [what, changes, name] of cases)
    it(`names the coordinate of ${what}`, () => {
      const check = checkConsistency(total([...vectors, forged(changes)]), layout, 51);
      expect(check).toMatchObject({ ok: false, coordinate: coordinate(name), name });
    });

  it("cannot catch a lie within the rules: one family's wrong square or baseline hides in the sum", () => {
    const lie = forged({ "income.wages.square": 1n, "health.insured.baseline": 1n });
    expect(checkConsistency(total([...vectors, lie]), layout, 51)).toEqual({ ok: true });
  });

  it("refuses more answers than contributors, a wrong length and a non-element", () => {
    expect(checkConsistency(total(vectors), layout, 3)).toMatchObject({ ok: false, name: "income.wages.answered" });
    expect(checkConsistency(total(vectors).slice(1), layout, 50)).toMatchObject({ ok: false, name: "length" });
    const bad = [...total(vectors)];
    bad[7] = -1n;
    expect(checkConsistency(bad, layout, 50)).toMatchObject({
      ok: false,
      coordinate: 7,
      reason: "not a field element",
    });
  });
});
