import { describe, expect, it } from "vitest";
import {
  assetsTotal,
  baselineMonth,
  changeSince,
  debtsTotal,
  incomeTotal,
  netWorth,
  progressOf,
  type MonthEntry,
} from "./progress.ts";

const $ = (dollars: number) => dollars * 100;

describe("progress maths", () => {
  it("totals only the answered fields; nothing answered is missing, not zero", () => {
    const values = { "income.wages": $(2000), "income.benefits": $(300), "assets.cash": $(150) };
    expect(incomeTotal(values)).toBe($(2300));
    expect(assetsTotal(values)).toBe($(150));
    expect(debtsTotal(values)).toBeNull();
    expect(incomeTotal({})).toBeNull();
    // A zero answer is an answer.
    expect(debtsTotal({ "debts.loans": 0 })).toBe(0);
  });

  it("net worth is assets minus debts over what was answered", () => {
    expect(netWorth({ "assets.cash": $(500), "assets.vehicle": $(3000), "debts.creditCards": $(4200) })).toBe(-$(700));
    expect(netWorth({ "debts.medical": $(900) })).toBe(-$(900));
    expect(netWorth({ "assets.cash": $(10) })).toBe($(10));
    expect(netWorth({ "income.wages": $(2000) })).toBeNull();
    // housing cost is neither an asset nor a debt
    expect(netWorth({ "housing.cost": $(1200) })).toBeNull();
  });

  it("change since baseline: amount and percent, n/a for a zero baseline, null when either end is missing", () => {
    expect(changeSince($(1000), $(1250))).toEqual({ amount: $(250), percent: 25 });
    expect(changeSince($(300), $(200))).toEqual({ amount: -$(100), percent: -33.3 });
    expect(changeSince(-$(1000), -$(500))).toEqual({ amount: $(500), percent: 50 });
    expect(changeSince(0, $(40))).toEqual({ amount: $(40), percent: null });
    expect(changeSince(0, 0)).toEqual({ amount: 0, percent: null });
    expect(changeSince(null, $(40))).toBeNull();
    expect(changeSince($(40), null)).toBeNull();
  });

  it("the baseline is the chosen month if it has an entry, else the first month with one", () => {
    const months = ["2025-03", "2025-01", "2025-02"];
    expect(baselineMonth(months, "2025-02")).toBe("2025-02");
    expect(baselineMonth(months, "2024-12")).toBe("2025-01");
    expect(baselineMonth(months, null)).toBe("2025-01");
    expect(baselineMonth([], "2025-01")).toBeNull();
  });

  const entries: MonthEntry[] = [
    { month: "2025-03", values: { "income.wages": $(2400), "assets.cash": $(600), "debts.creditCards": $(3000) } },
    { month: "2025-01", values: { "income.wages": $(2000), "assets.cash": 0, "debts.creditCards": $(4000) } },
    { month: "2025-02", values: { "income.wages": $(2200), "debts.creditCards": $(3500), "income.family": $(100) } },
  ];

  it("Ana's first three months: totals per month and change since her first month", () => {
    const p = progressOf(entries, null);
    expect(p.baseline).toBe("2025-01");
    expect(p.points.map((x) => x.month)).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(p.points[2]!.totals).toEqual({ income: $(2400), assets: $(600), debts: $(3000), netWorth: -$(2400) });
    expect(p.points[2]!.change).toEqual({
      income: { amount: $(400), percent: 20 },
      assets: { amount: $(600), percent: null }, // zero baseline: n/a
      debts: { amount: -$(1000), percent: -25 },
      netWorth: { amount: $(1600), percent: 40 },
    });
    // February answered no asset: its assets total is missing, so is its change
    expect(p.points[1]!.totals.assets).toBeNull();
    expect(p.points[1]!.change.assets).toBeNull();
    expect(p.points[1]!.totals.netWorth).toBe(-$(3500));
    expect(p.points[0]!.change.income).toEqual({ amount: 0, percent: 0 });
    // Per field, baseline → latest month; a field missing at either end is null.
    expect(p.fields["income.wages"]).toEqual({ amount: $(400), percent: 20 });
    expect(p.fields["assets.cash"]).toEqual({ amount: $(600), percent: null });
    expect(p.fields["income.family"]).toBeNull();
    expect(p.fields["debts.loans"]).toBeNull();
  });

  it("a chosen baseline month moves every change", () => {
    const p = progressOf(entries, "2025-02");
    expect(p.baseline).toBe("2025-02");
    expect(p.points[2]!.change.income).toEqual({ amount: $(100), percent: 4.3 }); // 2400 vs 2300
    expect(p.points[2]!.change.assets).toBeNull(); // February has no assets
    expect(p.points[0]!.change.debts).toEqual({ amount: $(500), percent: 14.3 });
  });

  it("no entries: no baseline, no points, every field change missing", () => {
    const p = progressOf([], "2025-01");
    expect(p.baseline).toBeNull();
    expect(p.points).toEqual([]);
    expect(Object.values(p.fields).every((c) => c === null)).toBe(true);
  });
});
