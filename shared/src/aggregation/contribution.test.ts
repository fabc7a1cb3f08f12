import { describe, expect, it } from "vitest";
import { SHAREABLE_FIELDS, type FieldId } from "../journal/fields.ts";
import { bucketOf, bucketRange, contributionPreview, DEFAULT_FIELD_RULES, encodeValue } from "./contribution.ts";

const $ = (dollars: number) => dollars * 100;

describe("what would leave the device for the organization's totals", () => {
  it("has a sound rule for every non-text field, and none for the reflection", () => {
    expect(Object.keys(DEFAULT_FIELD_RULES).sort()).toEqual([...SHAREABLE_FIELDS].sort());
    expect(Object.keys(DEFAULT_FIELD_RULES)).not.toContain("reflection");
    for (const [field, rule] of Object.entries(DEFAULT_FIELD_RULES)) {
      expect(rule.field, field).toBe(field);
      expect(rule.clip.min, field).toBeLessThan(rule.clip.max);
      expect(rule.buckets.at(-1), field).toBe(rule.clip.max);
      expect(rule.buckets[0], field).toBeGreaterThanOrEqual(rule.clip.min);
      for (let i = 1; i < rule.buckets.length; i++)
        expect(rule.buckets[i]!, field).toBeGreaterThan(rule.buckets[i - 1]!);
    }
  });

  it("encodes each kind in natural units", () => {
    expect(encodeValue("income.wages", 215_050)).toBe(2151); // whole dollars, rounded
    expect(encodeValue("health.insured", false)).toBe(0);
    expect(encodeValue("housing.status", "unstable")).toBe(3);
    expect(encodeValue("housing.status", "castle")).toBeNull();
    expect(encodeValue("household.size", 4)).toBe(4);
    expect(encodeValue("help.given", undefined)).toBeNull();
  });

  it("buckets hold (previous bound, bound]", () => {
    const rule = DEFAULT_FIELD_RULES["income.wages"];
    expect(bucketOf(rule, 0)).toBe(0);
    expect(bucketRange(rule, 0)).toEqual({ min: 0, max: 0 });
    expect(bucketOf(rule, 1)).toBe(1);
    expect(bucketRange(rule, 1)).toEqual({ min: 1, max: 250 });
    expect(bucketOf(rule, 2000)).toBe(5);
    expect(bucketOf(rule, 2001)).toBe(6);
    expect(bucketRange(rule, 6)).toEqual({ min: 2001, max: 3000 });
  });

  const may = {
    "income.wages": $(2150.5),
    "assets.retirement": $(2_000_000), // clipped to $500,000
    "debts.creditCards": $(3200),
    "household.size": 4,
    "health.insured": true,
    "housing.status": "rent",
    "help.given": 250, // clipped to 100
    reflection: "We made it.",
  } as const;
  const january = { "income.wages": $(1800), "health.insured": false };
  const everything: FieldId[] = [...SHAREABLE_FIELDS, "reflection"];

  it("shows exactly the consented, answered fields: clipped, bucketed, with the baseline encoded alike", () => {
    const { items } = contributionPreview(may, january, [
      "income.wages",
      "assets.retirement",
      "help.given",
      "debts.loans",
    ]);
    expect(items).toEqual([
      {
        field: "income.wages",
        value: 2151,
        bucket: 6,
        bucketRange: { min: 2001, max: 3000 },
        bucketLabel: "2001–3000",
        baselineValue: 1800,
      },
      {
        field: "assets.retirement",
        value: 500_000,
        bucket: 8,
        bucketRange: { min: 250_001, max: 500_000 },
        bucketLabel: "250001–500000",
        baselineValue: null,
      },
      {
        field: "help.given",
        value: 100,
        bucket: 8,
        bucketRange: { min: 51, max: 100 },
        bucketLabel: "51–100",
        baselineValue: null,
      },
    ]);
  });

  it("sends nothing without consent", () => {
    expect(contributionPreview(may, january, []).items).toEqual([]);
    expect(contributionPreview(may, january, ["debts.medical"]).items).toEqual([]); // consented but unanswered
  });

  it("never carries the reflection, even when asked to", () => {
    const { items } = contributionPreview(may, null, everything);
    expect(items.map((i) => i.field)).not.toContain("reflection");
    expect(JSON.stringify(items)).not.toContain("We made it");
    expect(items.map((i) => i.field)).toEqual([
      "income.wages",
      "household.size",
      "assets.retirement",
      "debts.creditCards",
      "health.insured",
      "housing.status",
      "help.given",
    ]);
    expect(items.every((i) => i.baselineValue === null)).toBe(true);
  });

  it("a field without a rule is not contributed", () => {
    expect(contributionPreview(may, null, ["income.wages"], {}).items).toEqual([]);
  });

  it("clips up to the minimum too (household size 1–30)", () => {
    const rules = {
      "household.size": { field: "household.size", clip: { min: 2, max: 30 }, buckets: [2, 30] },
    } as const;
    expect(contributionPreview({ "household.size": 1 }, null, ["household.size"], rules).items[0]).toMatchObject({
      value: 2,
      bucket: 0,
    });
  });
});
