import { describe, expect, it } from "vitest";
import { FIELD_IDS, SHAREABLE_FIELDS, type FieldId } from "../journal/fields.ts";
import { contributionPreview, DEFAULT_FIELD_RULES, type FieldRules } from "./contribution.ts";
import { decodeSigned, HALF_P, isElement } from "./field.ts";
import { mulberry32, randomFamily } from "./test-kit.ts";
import { CHANGE_BUCKETS, MAX_COHORT, vectorLayout, type Block } from "./vector-layout.ts";
import { buildReportVector, changeBucket, reportValues, upTenPercent, VECTOR_BOUNDS } from "./vector.ts";

const $ = (dollars: number) => dollars * 100;
const layout = vectorLayout(DEFAULT_FIELD_RULES);
const blocks: readonly Block[] = [...layout.fields, ...layout.series];
const read = (vector: readonly bigint[], name: string): number => {
  const i = layout.names.indexOf(name);
  expect(i, name).toBeGreaterThanOrEqual(0);
  return Number(decodeSigned(vector[i]!));
};
/** The block a coordinate belongs to. */
const blockOf = (i: number): Block => {
  const name = layout.names[i]!;
  return blocks.find((b) => name.startsWith(b.kind === "field" ? `${b.name}.` : `series.${b.name}.`))!;
};

describe("a member's report vector", () => {
  it("has one named coordinate per offset, a block per field with a rule and one per series", () => {
    expect(layout.fields.map((b) => b.name)).toEqual(SHAREABLE_FIELDS);
    expect(layout.series.map((b) => b.name)).toEqual(["income", "assets", "debts", "netWorth"]);
    expect(new Set(layout.names).size).toBe(layout.length);
    const used = blocks.flatMap((b) => {
      const { histogram, ...singles } = b.at;
      const extra = b.kind === "series" ? CHANGE_BUCKETS.map((_, i) => b.at.change + i) : [];
      const own = Object.entries(singles).flatMap(([k, v]) => (k === "change" ? [] : [v]));
      return [...own, ...b.range.buckets.map((_, i) => histogram + i), ...extra];
    });
    expect(used.sort((a, b) => a - b)).toEqual(Array.from({ length: layout.length }, (_, i) => i));
    expect(layout.names[layout.fields[0]!.at.histogram + 3]).toBe("income.wages.histogram[3]");
    expect(layout.length).toBe(VECTOR_BOUNDS.length);
  });

  it("derives the series' ranges from the field rules (net worth can be negative)", () => {
    const series = Object.fromEntries(layout.series.map((s) => [s.name, s]));
    expect(series.income!.plus).toEqual([
      "income.wages",
      "income.selfEmployment",
      "income.benefits",
      "income.family",
      "income.other",
    ]);
    expect(series.income!.range.clip).toEqual({ min: 0, max: 70_000 });
    expect(series.assets!.range.clip).toEqual({ min: 0, max: 1_700_000 });
    expect(series.debts!.range.clip).toEqual({ min: 0, max: 800_000 });
    expect(series.netWorth!.range.clip).toEqual({ min: -800_000, max: 1_700_000 });
    expect(series.netWorth!.range.buckets.at(-1)).toBe(1_700_000);
    expect(series.income!.range.buckets.at(-1)).toBe(70_000);
  });

  it("is the same length whatever the member consented to or answered", () => {
    const rnd = mulberry32(5);
    const lengths = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const f = randomFamily(rnd, 10);
      lengths.add(buildReportVector(f.values, f.baseline, f.consented).length);
    }
    lengths.add(buildReportVector({}, null, []).length);
    expect([...lengths]).toEqual([layout.length]);
  });

  it("is all zeros when nothing is consented, or nothing consented is answered", () => {
    const may = { "income.wages": $(2150), "health.insured": true, reflection: "Fine." };
    expect(buildReportVector(may, may, []).every((x) => x === 0n)).toBe(true);
    expect(buildReportVector(may, may, ["assets.cash", "reflection"]).every((x) => x === 0n)).toBe(true);
  });

  it("holds Ana's answers: indicator, clipped whole dollars, square, one-hot bucket, baseline, series", () => {
    const may = {
      "income.wages": $(2150.5),
      "income.benefits": $(300),
      "debts.loans": $(600_000),
      "health.selfRated": 4,
    };
    const january = { "income.wages": $(1800), "debts.loans": $(0) };
    const v = buildReportVector(may, january, FIELD_IDS);
    expect(read(v, "income.wages.answered")).toBe(1);
    expect(read(v, "income.wages.value")).toBe(2151);
    expect(read(v, "income.wages.square")).toBe(2151 * 2151);
    expect(read(v, "income.wages.histogram[6]")).toBe(1); // 2001–3000
    expect(read(v, "income.wages.baselineAnswered")).toBe(1);
    expect(read(v, "income.wages.baseline")).toBe(1800);
    expect(read(v, "income.wages.paired")).toBe(2151);
    expect(read(v, "income.benefits.baselineAnswered")).toBe(0); // no baseline answer
    expect(read(v, "debts.loans.value")).toBe(500_000); // clipped
    expect(read(v, "health.selfRated.histogram[3]")).toBe(1);
    expect(read(v, "health.insured.answered")).toBe(0);
    // Income: 2151 + 300 now; the change compares only wages, answered in both months: 1800 → 2151.
    expect(read(v, "series.income.value")).toBe(2451);
    expect(read(v, "series.income.baseline")).toBe(1800);
    expect(read(v, "series.income.paired")).toBe(2151);
    expect(read(v, "series.income.upTenPercent")).toBe(1);
    expect(read(v, "series.income.change[up 10–50%]")).toBe(1);
    // Net worth: no asset answered, debts 500,000 → −500,000; baseline debts were 0 → "n/a".
    expect(read(v, "series.netWorth.value")).toBe(-500_000);
    expect(read(v, "series.netWorth.square")).toBe(500_000 ** 2);
    expect(read(v, "series.netWorth.change[n/a]")).toBe(1);
    expect(read(v, "series.netWorth.upTenPercent")).toBe(0);
    expect(read(v, "series.assets.answered")).toBe(0);
    expect(v.every(isElement)).toBe(true);
  });

  it("buckets changes with exact boundaries: +10% is up, a zero baseline is n/a", () => {
    const at = (label: (typeof CHANGE_BUCKETS)[number]) => CHANGE_BUCKETS.indexOf(label);
    expect(changeBucket(1000, 500)).toBe(at("down 50% or more"));
    expect(changeBucket(1000, 501)).toBe(at("down 10–50%"));
    expect(changeBucket(1000, 900)).toBe(at("down 10–50%"));
    expect(changeBucket(1000, 901)).toBe(at("within 10%"));
    expect(changeBucket(1000, 1099)).toBe(at("within 10%"));
    expect(changeBucket(1000, 1100)).toBe(at("up 10–50%"));
    expect(changeBucket(1000, 1500)).toBe(at("up 50% or more"));
    expect(changeBucket(0, 5000)).toBe(at("n/a"));
    expect(changeBucket(-1000, -500)).toBe(at("up 50% or more")); // net worth −1,000 → −500: +50% of |B|
    expect(upTenPercent(1000, 1100)).toBe(true);
    expect(upTenPercent(1000, 1099)).toBe(false);
    expect(upTenPercent(0, 1)).toBe(false);
  });

  it("sends nothing the preview does not show: every non-zero coordinate traces to a previewed field", () => {
    const rnd = mulberry32(11);
    for (let n = 0; n < 300; n++) {
      const f = randomFamily(rnd, 10);
      const preview = contributionPreview(f.values, f.baseline, f.consented);
      const shown = new Map(preview.items.map((item) => [item.field as string, item]));
      const v = buildReportVector(f.values, f.baseline, f.consented);
      v.forEach((x, i) => {
        if (x === 0n) return;
        const b = blockOf(i);
        const name = layout.names[i]!;
        const isBaseline = /\.(baselineAnswered|baseline|paired|upTenPercent|change\[.*\])$/.test(name);
        const members = b.kind === "field" ? [b.name] : [...b.plus, ...b.minus];
        const traced = members.some((m) => shown.has(m) && (!isBaseline || shown.get(m)!.baselineValue !== null));
        expect(traced, `family ${n}: ${name}`).toBe(true);
      });
      // And it is a function of the preview alone: the same preview gives the same vector.
      expect(reportValues(preview, layout).map(BigInt)).toEqual(v.map(decodeSigned));
    }
  });

  it("changing an unconsented answer or the reflection changes nothing", () => {
    const consented: FieldId[] = ["income.wages", "debts.medical"];
    const a = buildReportVector({ "income.wages": $(100), "assets.cash": $(5), reflection: "a" }, null, consented);
    const b = buildReportVector({ "income.wages": $(100), "assets.cash": $(9000), reflection: "b" }, null, consented);
    expect(b).toEqual(a);
  });

  it("keeps every coordinate within its bound, and a full cohort's sum within (p − 1)/2", () => {
    for (const bound of VECTOR_BOUNDS) expect(bound * BigInt(MAX_COHORT) < HALF_P).toBe(true);
    const largest = VECTOR_BOUNDS.reduce((m, b) => (b > m ? b : m), 0n);
    expect(largest).toBe(1_700_000n ** 2n); // net worth squared
    const rnd = mulberry32(12);
    const outside: string[] = [];
    for (let n = 0; n < 200; n++) {
      const f = randomFamily(rnd, 10);
      buildReportVector(f.values, f.baseline, f.consented).forEach((x, i) => {
        const v = decodeSigned(x);
        if (v > VECTOR_BOUNDS[i]! || -v > VECTOR_BOUNDS[i]!) outside.push(`family ${n}: ${layout.names[i]}`);
      });
    }
    expect(outside).toEqual([]);
    // The extremes reach the bounds: everything at its clip maximum.
    const rich = Object.fromEntries(FIELD_IDS.map((f) => [f, f.startsWith("assets.") ? $(5_000_000) : undefined]));
    const v = buildReportVector(rich, null, FIELD_IDS);
    expect(read(v, "series.netWorth.square")).toBe(1_700_000 ** 2);
  });

  it("follows custom rules: a field without a rule has no block, and the series shrink with it", () => {
    const rules: FieldRules = Object.fromEntries(
      Object.entries(DEFAULT_FIELD_RULES).filter(([field]) => field !== "income.wages"),
    );
    const custom = vectorLayout(rules);
    expect(custom.fields.map((b) => b.name)).not.toContain("income.wages");
    expect(custom.series[0]!.range.clip).toEqual({ min: 0, max: 50_000 });
    expect(vectorLayout(rules)).toBe(custom); // computed once
    const v = buildReportVector({ "income.wages": $(100), "income.other": $(7) }, null, FIELD_IDS, rules);
    expect(v).toHaveLength(custom.length);
    expect(Number(decodeSigned(v[custom.series[0]!.at.value]!))).toBe(7);
  });
});
