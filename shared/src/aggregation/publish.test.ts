import { describe, expect, it } from "vitest";
import { DEFAULT_FIELD_RULES } from "./contribution.ts";
import { applyDisclosure, DEFAULT_DISCLOSURE_RULES, NOT_ENOUGH } from "./disclosure.ts";
import { decodeSigned } from "./field.ts";
import { publishRelease } from "./publish.ts";
import { blockCounts, countElements, valueElements } from "./round-records.ts";
import { computeRelease } from "./statistics.ts";
import { cohortOf, mulberry32, packedSumOfVectors, randomFamily, sumOfVectors } from "./test-kit.ts";
import { vectorLayout } from "./vector-layout.ts";

const layout = vectorLayout(DEFAULT_FIELD_RULES);
const rnd = mulberry32(77);
const families = Array.from({ length: 400 }, () => randomFamily(rnd, 12));
const sum = sumOfVectors(families);
const packed = packedSumOfVectors(families);
const cohort = cohortOf(families, 12);
const countsPart = countElements(layout).map((e) => packed[e]!);
const counts = blockCounts(layout, countsPart);
const blocks = [...layout.fields, ...layout.series];

describe("publishing from the two parts", () => {
  it("the counts part gives every block's count", () => {
    expect(counts).toEqual(blocks.map((b) => decodeSigned(sum[b.at.answered]!)));
  });

  it("with every block over the minimum, equals the release of the whole sum", () => {
    const values = valueElements(layout, counts, 1).map((e) => packed[e]!);
    const published = publishRelease(layout, cohort, countsPart, values, 1, DEFAULT_DISCLOSURE_RULES);
    expect(published).toEqual({
      ok: true,
      disclosure: applyDisclosure(computeRelease(sum, layout, cohort), DEFAULT_DISCLOSURE_RULES),
    });
  });

  it("a block below the minimum is never reconstructed: its count shows, its figures do not", () => {
    // The busiest block that is not money: it is reconstructed, every block answered less often is not.
    const busiest = blocks
      .map((b, i) => ({ b, n: counts[i]! }))
      .filter(({ b }) => !b.money)
      .sort((x, y) => (x.n > y.n ? -1 : 1))[0]!;
    const min = Number(busiest.n);
    const elements = valueElements(layout, counts, min);
    const below = blocks.filter((_, i) => counts[i]! < BigInt(min));
    expect(below.length).toBeGreaterThan(0);
    expect(elements.length).toBeLessThan(valueElements(layout, counts, 1).length);
    const published = publishRelease(
      layout,
      cohort,
      countsPart,
      elements.map((e) => packed[e]!),
      min,
      DEFAULT_DISCLOSURE_RULES,
    );
    if (!published.ok || published.disclosure.withheld) throw new Error("expected a release");
    const shown = [...published.disclosure.fields, ...published.disclosure.series];
    for (const b of below) expect(shown.find((s) => s.name === b.name)!.mean).toBe(NOT_ENOUGH);
    expect(shown.find((s) => s.name === busiest.b.name)!.mean).not.toBe(NOT_ENOUGH);
  });

  it("a values part that no honest batch could produce is refused, naming the coordinate", () => {
    const elements = valueElements(layout, counts, 1);
    const values = elements.map((e) => packed[e]!);
    values[0] = values[0]! + 10n ** 15n; // a first value no 400 clipped families could sum to
    const published = publishRelease(layout, cohort, countsPart, values, 1, DEFAULT_DISCLOSURE_RULES);
    expect(published.ok).toBe(false);
    expect(!published.ok && published.reason).toMatch(/^inconsistent-sum: /);
  });
});
