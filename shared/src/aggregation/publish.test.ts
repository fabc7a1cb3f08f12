import { describe, expect, it } from "vitest";
import { DEFAULT_FIELD_RULES } from "./contribution.ts";
import { applyDisclosure, DEFAULT_DISCLOSURE_RULES, NOT_ENOUGH } from "./disclosure.ts";
import { decodeSigned } from "./field.ts";
import { publishRelease } from "./publish.ts";
import { countCoordinates, valueCoordinates } from "./round-records.ts";
import { computeRelease } from "./statistics.ts";
import { cohortOf, mulberry32, randomFamily, sumOfVectors } from "./test-kit.ts";
import { vectorLayout } from "./vector-layout.ts";

const layout = vectorLayout(DEFAULT_FIELD_RULES);
const rnd = mulberry32(77);
const families = Array.from({ length: 400 }, () => randomFamily(rnd, 12));
const sum = sumOfVectors(families);
const cohort = cohortOf(families, 12);

describe("publishing from the two parts", () => {
  it("with every block over the minimum, equals the release of the whole sum", () => {
    const counts = countCoordinates(layout).map((c) => sum[c]!);
    const values = valueCoordinates(layout, counts.map(decodeSigned), 1).map((c) => sum[c]!);
    const published = publishRelease(layout, cohort, counts, values, 1, DEFAULT_DISCLOSURE_RULES);
    expect(published).toEqual({
      ok: true,
      disclosure: applyDisclosure(computeRelease(sum, layout, cohort), DEFAULT_DISCLOSURE_RULES),
    });
  });

  it("a block below the minimum is never reconstructed: its count shows, its figures do not", () => {
    const counts = countCoordinates(layout).map((c) => sum[c]!);
    const min = 300; // above some blocks' counts, below others'
    const coordinates = valueCoordinates(layout, counts.map(decodeSigned), min);
    const blocks = [...layout.fields, ...layout.series];
    const below = blocks.filter((b) => decodeSigned(sum[b.at.answered]!) < BigInt(min));
    expect(below.length).toBeGreaterThan(0);
    for (const b of below) expect(coordinates).not.toContain(b.at.value);
    const published = publishRelease(
      layout,
      cohort,
      counts,
      coordinates.map((c) => sum[c]!),
      min,
      DEFAULT_DISCLOSURE_RULES,
    );
    if (!published.ok || published.disclosure.withheld) throw new Error("expected a release");
    const shown = [...published.disclosure.fields, ...published.disclosure.series];
    for (const b of below) {
      const block = shown.find((s) => s.name === b.name)!;
      expect(block.mean).toBe(NOT_ENOUGH);
      expect(typeof block.contributors === "number" || typeof block.contributors === "string").toBe(true);
    }
  });

  it("a values part that no honest batch could produce is refused, naming the coordinate", () => {
    const counts = countCoordinates(layout).map((c) => sum[c]!);
    const coordinates = valueCoordinates(layout, counts.map(decodeSigned), 1);
    const values = coordinates.map((c) => sum[c]!);
    const value = coordinates.indexOf(layout.series[0]!.at.value);
    values[value] = values[value]! + 10n ** 15n; // an income no 400 clipped families could sum to
    const published = publishRelease(layout, cohort, counts, values, 1, DEFAULT_DISCLOSURE_RULES);
    expect(published.ok).toBe(false);
    expect(!published.ok && published.reason).toMatch(/^inconsistent-sum: series\.income/);
  });
});
