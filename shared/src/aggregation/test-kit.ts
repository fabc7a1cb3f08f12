/**
 * Test-only helpers for the aggregation tests: a seeded randomness source (so shares, cohorts and the
 * statistical tests reproduce forever) and a seeded generator of journal answers. Never exported from
 * index.ts and never imported by product code (the lint refuses a `*test-kit.ts` there).
 */
import {
  FIELD_IDS,
  JOURNAL_FIELDS,
  MONEY_MAX_CENTS,
  type FieldId,
  type JournalValue,
  type JournalValues,
} from "../journal/fields.ts";
import { mulberry32 } from "@porch/testing/seeded-random";
import { DEFAULT_FIELD_RULES, type FieldRules } from "./contribution.ts";
import { add, type RandomSource } from "./field.ts";
import { packedLength, packVector } from "./packing.ts";
import { vectorLayout } from "./vector-layout.ts";
import { buildReportVector } from "./vector.ts";

export { mulberry32 };

/** A seeded `RandomSource` (four bytes per mulberry32 step). */
export function seededRandom(seed: number): RandomSource {
  const next = mulberry32(seed);
  return (out) => {
    for (let i = 0; i < out.length; i += 4) {
      const word = Math.floor(next() * 4294967296);
      for (let j = 0; j < 4 && i + j < out.length; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
    }
  };
}

/** A whole number in [min, max] from `rnd`. */
export const intIn = (rnd: () => number, min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));

/** One simulated family: a month's answers, its baseline month's (or none), its consents and friend group. */
export interface Family {
  readonly values: JournalValues;
  readonly baseline: JournalValues | null;
  readonly consented: readonly FieldId[];
  readonly group: number;
}

/** A money answer in cents: often zero, otherwise log-uniform up to $2,000,000 (beyond every clip). */
function randomCents(rnd: () => number): number {
  if (rnd() < 0.15) return 0;
  return Math.min(MONEY_MAX_CENTS, Math.round(Math.exp(rnd() * Math.log(200_000_000))));
}

/** A month's answers, each field answered with probability `answered`, plus a reflection. */
export function randomAnswers(rnd: () => number, answered = 0.8): JournalValues {
  const values: Partial<Record<FieldId, JournalValue>> = { reflection: "A month like any other." };
  for (const def of JOURNAL_FIELDS) {
    if (def.kind === "text" || rnd() >= answered) continue;
    switch (def.kind) {
      case "money":
        values[def.id] = randomCents(rnd);
        break;
      case "count":
        values[def.id] = intIn(rnd, def.min, def.id === "household.size" ? 12 : 150); // help beyond the clip of 100
        break;
      case "rating":
        values[def.id] = intIn(rnd, def.min, def.max);
        break;
      case "yesNo":
        values[def.id] = rnd() < 0.5;
        break;
      case "choice":
        values[def.id] = def.choices[intIn(rnd, 0, def.choices.length - 1)]!;
        break;
    }
  }
  return values;
}

/** A family: some consent to everything, some to nothing, most to a random part; most have a baseline. */
export function randomFamily(rnd: () => number, groups: number): Family {
  const values = randomAnswers(rnd);
  const base = rnd() < 0.1 ? null : randomAnswers(rnd, 0.7);
  // A baseline often close to the current month, so changes spread over every bucket.
  const baseline =
    base === null
      ? null
      : Object.fromEntries(
          Object.entries(base).map(([f, v]) => {
            const now = values[f as FieldId];
            return [
              f,
              typeof v === "number" && typeof now === "number" && rnd() < 0.5
                ? Math.round(now * (0.4 + rnd() * 1.4))
                : v,
            ];
          }),
        );
  const mode = rnd();
  const consented: FieldId[] = mode < 0.05 ? [] : mode < 0.2 ? [...FIELD_IDS] : FIELD_IDS.filter(() => rnd() < 0.7);
  return { values, baseline, consented, group: intIn(rnd, 0, groups - 1) };
}

/** The sum of the families' report vectors, as the stewards' partials would rebuild it (shamir.test.ts shows they do). */
export function sumOfVectors(families: readonly Family[], rules: FieldRules = DEFAULT_FIELD_RULES): bigint[] {
  let sum: bigint[] | null = null;
  for (const f of families) {
    const v = buildReportVector(f.values, f.baseline, f.consented, rules);
    sum = sum === null ? v : sum.map((x, i) => add(x, v[i]!));
  }
  return sum ?? new Array<bigint>(vectorLayout(rules).length).fill(0n);
}

/** The sum of the families' packed report vectors (what stewards rebuild), in packed elements. */
export function packedSumOfVectors(families: readonly Family[], rules: FieldRules = DEFAULT_FIELD_RULES): bigint[] {
  const layout = vectorLayout(rules);
  let sum: bigint[] = new Array<bigint>(packedLength(layout)).fill(0n);
  for (const f of families) {
    const v = packVector(buildReportVector(f.values, f.baseline, f.consented, rules), layout);
    sum = sum.map((x, i) => add(x, v[i]!));
  }
  return sum;
}

/** The cohort of `families`: how many, and how many per friend group 0..groups − 1. */
export const cohortOf = (families: readonly Family[], groups: number) => ({
  contributors: families.length,
  groups: Array.from({ length: groups }, (_, g) => families.filter((f) => f.group === g).length),
});
