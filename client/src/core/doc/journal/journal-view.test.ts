import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { makeConsentEvent, type EntryValues } from "@porch/shared/journal";
import { initJournalDoc, recordConsent, recordSent, saveMonth, setBaseline } from "./journal-doc.ts";
import type { JournalDoc } from "./journal-schema.ts";
import { journalView } from "./journal-view.ts";

const MAY_15 = Date.UTC(2025, 4, 15);
const DAY = 86_400_000;
const $ = (dollars: number) => dollars * 100;
let n = 0;
const rand = () => (0x10000000 + n++).toString(16);

type Step = (d: JournalDoc) => void;
const journal = (...steps: Step[]) =>
  steps.reduce((doc, step) => A.change(doc, step), A.change(A.init<JournalDoc>(), initJournalDoc));
const month =
  (m: string, values: EntryValues, at: number): Step =>
  (d) =>
    void saveMonth(d, m, values, at, rand);

// Ana's first three months: she starts in March, skips the assets in April, catches up in May.
const ana = journal(
  month(
    "2025-03",
    { "income.wages": $(2000), "assets.cash": $(100), "debts.creditCards": $(4000) },
    Date.UTC(2025, 2, 31),
  ),
  month(
    "2025-04",
    { "income.wages": $(2100), "income.benefits": $(300), "debts.creditCards": $(3600) },
    Date.UTC(2025, 3, 30),
  ),
  month("2025-05", { "income.wages": $(2200), "assets.cash": $(500), "debts.creditCards": $(3000) }, MAY_15),
  month("2025-05", { "assets.cash": $(650) }, MAY_15 + 1000),
);

describe("the journal's view", () => {
  it("lists months oldest first, with values, last save and history newest first", () => {
    const v = journalView(ana, MAY_15 + DAY);
    expect(v.months.map((m) => [m.month, m.editCount])).toEqual([
      ["2025-03", 1],
      ["2025-04", 1],
      ["2025-05", 2],
    ]);
    const may = v.months[2]!;
    expect(may.savedAt).toBe(MAY_15 + 1000);
    expect(may.values).toEqual({ "income.wages": $(2200), "assets.cash": $(650), "debts.creditCards": $(3000) });
    expect(may.edits[0]).toEqual({ at: MAY_15 + 1000, changes: { "assets.cash": [$(500), $(650)] } });
    expect(may.totals).toEqual({ income: $(2200), assets: $(650), debts: $(3000), netWorth: -$(2350) });
  });

  it("progress: totals per month and change since the first month, missing stays missing", () => {
    const { progress, baseline } = journalView(ana, MAY_15);
    expect(baseline).toEqual({ chosen: null, month: "2025-03" });
    expect(progress.points.map((p) => p.totals.netWorth)).toEqual([-$(3900), -$(3600), -$(2350)]);
    expect(progress.points[1]!.totals.assets).toBeNull();
    expect(progress.points[1]!.change.assets).toBeNull();
    expect(progress.points[2]!.change).toEqual({
      income: { amount: $(200), percent: 10 },
      assets: { amount: $(550), percent: 550 },
      debts: { amount: -$(1000), percent: -25 },
      netWorth: { amount: $(1550), percent: 39.7 },
    });
    expect(progress.fields["income.benefits"]).toBeNull(); // not answered in March nor in May
    expect(progress.fields["income.wages"]).toEqual({ amount: $(200), percent: 10 });
  });

  it("a chosen baseline with an entry is used; one without falls back to the first month", () => {
    const chosen = journalView(
      A.change(A.clone(ana), (d) => setBaseline(d, "2025-04")),
      MAY_15,
    );
    expect(chosen.baseline).toEqual({ chosen: "2025-04", month: "2025-04" });
    expect(chosen.progress.points[2]!.change.income).toEqual({ amount: -$(200), percent: -8.3 });
    const empty = journalView(
      A.change(A.clone(ana), (d) => setBaseline(d, "2025-01")),
      MAY_15,
    );
    expect(empty.baseline).toEqual({ chosen: "2025-01", month: "2025-03" });
  });

  it("reminds gently when this month has no entry yet, on the calendar the caller asks for", () => {
    expect(journalView(ana, MAY_15).missingThisMonth).toBe(false);
    const june1 = Date.UTC(2025, 5, 1, 3); // 1 June 03:00 UTC, still 31 May in Chicago
    expect(journalView(ana, june1)).toMatchObject({ currentMonth: "2025-06", missingThisMonth: true });
    expect(journalView(ana, june1, -300)).toMatchObject({ currentMonth: "2025-05", missingThisMonth: false });
    expect(journalView(journal(), MAY_15)).toMatchObject({
      months: [],
      missingThisMonth: true,
      baseline: { month: null },
    });
  });

  it("shows the consents in force now, the history of switches, and the months that took part", () => {
    const doc = A.change(A.clone(ana), (d) => {
      recordConsent(d, makeConsentEvent("org-totals", "income.wages", true, MAY_15 - 20 * DAY)!, rand);
      recordConsent(d, makeConsentEvent("org-totals", "income.wages", false, MAY_15 + DAY)!, rand);
      recordConsent(d, makeConsentEvent("group-progress", "goal-amounts", true, MAY_15, "g-1")!, rand);
      recordSent(
        d,
        { period: "2025-04", at: MAY_15 - 10 * DAY, audience: "org-totals", fields: ["income.wages"], cohort: null },
        rand,
      );
      recordSent(
        d,
        { period: "2025-03", at: MAY_15 - 40 * DAY, audience: "group-progress", fields: [], cohort: null },
        rand,
      );
    });
    const before = journalView(doc, MAY_15);
    expect(before.consents).toEqual({ orgTotals: ["income.wages"], groupProgress: ["g-1"] });
    expect(before.consentHistory).toHaveLength(3);
    expect(before.participation).toEqual(["2025-04"]);
    expect(before.sent.map((s) => s.period)).toEqual(["2025-03", "2025-04"]);
    // A day later the revocation is in force: same document, a fresh view.
    expect(journalView(doc, MAY_15 + DAY).consents.orgTotals).toEqual([]);
  });

  it("is plain data (it crosses the worker boundary) and is memoised per document state", () => {
    const v = journalView(ana, MAY_15);
    expect(structuredClone(v)).toEqual(v);
    expect(journalView(ana, MAY_15 + 60_000)).toBe(v);
    expect(journalView(A.change(A.clone(ana), month("2025-05", { "debts.loans": $(1) }, MAY_15 + 2)), MAY_15)).not.toBe(
      v,
    );
  });
});
