import { describe, expect, it } from "vitest";
import { checkConsistency } from "./consistency.ts";
import { DEFAULT_FIELD_RULES, type FieldRules } from "./contribution.ts";
import { add, encodeSigned, mul, P } from "./field.ts";
import { LANE_BITS, LANES, packedLength, packVector, partKey, unpackVector, vectorPacking } from "./packing.ts";
import { mulberry32, randomFamily, sumOfVectors } from "./test-kit.ts";
import { MAX_COHORT, vectorBounds, vectorLayout, vectorMinimums } from "./vector-layout.ts";
import { buildReportVector } from "./vector.ts";

const layout = vectorLayout(DEFAULT_FIELD_RULES);
const addVectors = (a: readonly bigint[], b: readonly bigint[]) => a.map((x, i) => add(x, b[i]!));

describe("lane packing of small coordinates", () => {
  it("packs the 375 0/1 coordinates of the default layout three to an element: 479 → 229 elements", () => {
    const { wide, lanes } = vectorPacking(layout);
    const bounds = vectorBounds(layout);
    const minimums = vectorMinimums(layout);
    expect(layout.length).toBe(479);
    expect(wide).toHaveLength(104);
    expect(lanes.flat()).toHaveLength(375);
    expect(packedLength(layout)).toBe(104 + 109);
    // Derived from the bounds: lanes hold exactly the never-negative coordinates of bound 1.
    for (const i of lanes.flat()) expect([bounds[i], minimums[i]], layout.names[i]).toEqual([1n, 0n]);
    for (const i of wide) expect(bounds[i]! > 1n || minimums[i]! < 0n, layout.names[i]).toBe(true);
    expect([...wide, ...lanes.flat()].sort((a, b) => a - b)).toEqual(Array.from({ length: 479 }, (_, i) => i));
    // At most four lanes an element, and never two parts in one (round-records.ts: counts, then each block).
    expect(lanes.every((g) => g.length <= LANES)).toBe(true);
    for (const g of lanes) expect(new Set(g.map((i) => partKey(layout, i))).size, layout.names[g[0]!]).toBe(1);
    expect(BigInt(MAX_COHORT)).toBeLessThan(1n << BigInt(LANE_BITS));
  });

  it("a signed coordinate of bound 1 keeps an element of its own; a layout with a short last group packs too", () => {
    const rules: FieldRules = {
      ...DEFAULT_FIELD_RULES,
      "leadership.school": { field: "leadership.school", clip: { min: -1, max: 1 }, buckets: [-1, 0, 1] },
    };
    const signed = vectorLayout(rules);
    const value = signed.fields.find((b) => b.name === "leadership.school")!.at.value;
    expect(vectorBounds(signed)[value]).toBe(1n);
    expect(vectorPacking(signed).wide).toContain(value);
    expect(vectorPacking(signed).lanes.some((g) => g.length < LANES)).toBe(true);
    const rnd = mulberry32(5);
    const vectors = Array.from({ length: 50 }, () => {
      const f = randomFamily(rnd, 4);
      return buildReportVector(f.values, f.baseline, f.consented, rules);
    });
    const sum = vectors.reduce(addVectors);
    expect(unpackVector(vectors.map((v) => packVector(v, signed)).reduce(addVectors), signed)).toEqual(sum);
  });

  it("round-trips a member's vector and unpacks the sum of packed vectors into the sum of vectors", () => {
    const rnd = mulberry32(11);
    const families = Array.from({ length: 400 }, () => randomFamily(rnd, 10));
    const vectors = families.map((f) => buildReportVector(f.values, f.baseline, f.consented));
    for (const v of vectors.slice(0, 20)) expect(unpackVector(packVector(v, layout), layout)).toEqual(v);
    const packedSum = vectors.map((v) => packVector(v, layout)).reduce(addVectors);
    const sum = unpackVector(packedSum, layout);
    expect(sum).toEqual(sumOfVectors(families));
    expect(checkConsistency(sum, layout, families.length)).toEqual({ ok: true });
  });

  it("no lane carries into the next even when all of MAX_COHORT members have every 0/1 coordinate at 1", () => {
    const ones = vectorBounds(layout).map((b) => (b === 1n ? 1n : 0n));
    const cohort = BigInt(MAX_COHORT);
    const packedSum = packVector(ones, layout).map((x) => mul(x, cohort)); // MAX_COHORT such members, summed
    expect(unpackVector(packedSum, layout)).toEqual(ones.map((x) => x * cohort));
  });

  it("refuses to pack a lane coordinate outside its bound; an overflowing packed sum unpacks to an impossible count", () => {
    const rnd = mulberry32(12);
    const families = Array.from({ length: 30 }, () => randomFamily(rnd, 5));
    const vectors = families.map((f) => buildReportVector(f.values, f.baseline, f.consented));
    const lane = vectorPacking(layout).lanes[0]![0]!;
    expect(() =>
      packVector(
        vectors[0]!.map((x, i) => (i === lane ? 2n : x)),
        layout,
      ),
    ).toThrow(/bound/);
    expect(() =>
      packVector(
        vectors[0]!.map((x, i) => (i === lane ? encodeSigned(-1) : x)),
        layout,
      ),
    ).toThrow(/bound/);
    expect(() => packVector(vectors[0]!.slice(1), layout)).toThrow(/length/);
    // A poisoner sharing −2^50 in a packed element (more than 30 honest members' lanes add up to): the
    // sum wraps around the field, its last lane is then far above the cohort, and the sum is refused.
    const packed = vectors.map((v) => packVector(v, layout));
    const at = vectorPacking(layout).wide.length;
    const poison = packed[0]!.map((_, i) => (i === at ? P - (1n << 50n) : 0n));
    const sum = unpackVector([...packed, poison].reduce(addVectors), layout);
    expect(sum[vectorPacking(layout).lanes[0]!.at(-1)!]! > 10_000n).toBe(true);
    expect(checkConsistency(sum, layout, 31)).toMatchObject({ ok: false });
  });
});
