/**
 * A seeded simulated cohort in the cohort file's shape: families in friend groups, a baseline month and
 * a monthly journal afterwards, with incomes and assets that mostly grow (as the programme's families'
 * do) and debts that mostly shrink, plus health, housing and help given and received. Money in whole
 * dollars. The same seed always gives the same cohort.
 */
import type { CohortFile } from "./cohort-sim.ts";
import { mulberry32, pick } from "./seeded-random.ts";

export interface CohortShape {
  readonly families: number;
  readonly groups: number;
  readonly months: number;
  readonly seed?: number;
  /** The last month reported ("YYYY-MM"); default: last month. */
  readonly lastMonth?: string;
}

function monthsBack(last: string, count: number): string[] {
  const [y, m] = last.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/** Generates the cohort. Every family answers the money fields; the rest with some gaps. */
export function simulatedCohort(shape: CohortShape): CohortFile {
  const rnd = mulberry32(shape.seed ?? 2026);
  const months = monthsBack(shape.lastMonth ?? lastMonth(), Math.max(1, shape.months));
  const families = Array.from({ length: shape.families }, (_, i) => {
    const wages = Math.round(800 + rnd() * 3200);
    const savings = Math.round(rnd() * 2000);
    const debt = Math.round(rnd() * 15000);
    const growth = 1 + (rnd() * 0.5 - 0.1); // −10% … +40% over the whole period
    const record: Record<string, Record<string, number | boolean | string>> = {};
    months.forEach((month, m) => {
      const f = months.length === 1 ? 1 : m / (months.length - 1);
      const scale = 1 + (growth - 1) * f;
      record[month] = {
        "income.wages": Math.round(wages * scale * (0.95 + rnd() * 0.1)),
        "income.benefits": rnd() < 0.4 ? Math.round(200 + rnd() * 400) : 0,
        "assets.cash": Math.round(savings * (1 + 2 * (growth - 1) * f) + rnd() * 100),
        "debts.creditCards": Math.max(0, Math.round(debt * (1 - 0.4 * f * (growth - 0.9)))),
        "health.selfRated": 1 + Math.floor(rnd() * 5),
        "housing.status": (["own", "rent", "rent", "family"] as const)[pick(rnd, 4)]!,
        "help.given": Math.floor(rnd() * 6),
        "help.received": Math.floor(rnd() * 6),
      };
    });
    return { id: `f${i + 1}`, group: `g${(i % shape.groups) + 1}`, months: record };
  });
  return { families };
}
