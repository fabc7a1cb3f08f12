import { describe, expect, it } from "vitest";
import {
  consentState,
  fieldsToShare,
  groupMaySeeProgress,
  makeConsentEvent,
  parseConsentEvent,
  parseSentRecord,
  type ConsentEvent,
  type SentRecord,
} from "./consent.ts";

const T = Date.UTC(2025, 4, 15);
const DAY = 86_400_000;
const org = (field: string, granted: boolean, at: number) => makeConsentEvent("org-totals", field, granted, at)!;
const group = (groupId: string, granted: boolean, at: number) =>
  makeConsentEvent("group-progress", "goal-amounts", granted, at, groupId)!;

describe("consent: nothing is shared unless the member turns it on", () => {
  it("shares nothing with an empty ledger", () => {
    expect(consentState([], T)).toEqual({ orgTotals: [], groupProgress: [] });
    expect(fieldsToShare([], "2025-04", T, [])).toEqual([]);
    expect(groupMaySeeProgress([], "g-1", T)).toBe(false);
  });

  it("the latest event per field wins, as of the moment asked", () => {
    const ledger = [org("income.wages", true, T), org("income.wages", false, T + DAY), org("assets.cash", true, T)];
    expect(consentState(ledger, T - 1).orgTotals).toEqual([]);
    expect(consentState(ledger, T).orgTotals).toEqual(["income.wages", "assets.cash"]);
    expect(consentState(ledger, T + DAY).orgTotals).toEqual(["assets.cash"]);
  });

  it("events at the same moment are ordered by the ledger: the later one wins", () => {
    expect(consentState([org("debts.loans", true, T), org("debts.loans", false, T)], T).orgTotals).toEqual([]);
    expect(consentState([org("debts.loans", false, T), org("debts.loans", true, T)], T).orgTotals).toEqual([
      "debts.loans",
    ]);
    // An earlier event later in the ledger does not override a newer one.
    expect(consentState([org("debts.loans", true, T + 5), org("debts.loans", false, T)], T + 10).orgTotals).toEqual([
      "debts.loans",
    ]);
  });

  it("group progress is granted per group", () => {
    const ledger = [group("g-2", true, T), group("g-1", true, T), group("g-2", false, T + 1)];
    expect(consentState(ledger, T).groupProgress).toEqual(["g-1", "g-2"]);
    expect(consentState(ledger, T + 1).groupProgress).toEqual(["g-1"]);
    expect(groupMaySeeProgress(ledger, "g-2", T + 1)).toBe(false);
  });

  it("can never grant the reflection, an unknown field, or group progress without a group", () => {
    expect(makeConsentEvent("org-totals", "reflection", true, T)).toBeNull();
    expect(makeConsentEvent("org-totals", "income.lottery", true, T)).toBeNull();
    expect(makeConsentEvent("org-totals", "income.wages", true, T, "g-1")).toBeNull();
    expect(makeConsentEvent("group-progress", "goal-amounts", true, T)).toBeNull();
    expect(makeConsentEvent("group-progress", "income.wages", true, T, "g-1")).toBeNull();
    expect(makeConsentEvent("everyone", "income.wages", true, T)).toBeNull();
    expect(makeConsentEvent("org-totals", "income.wages", true, -1)).toBeNull();
    expect(parseConsentEvent({ at: T, audience: "org-totals", field: "reflection", granted: true })).toBeNull();
    expect(parseConsentEvent("granted")).toBeNull();
    const e: ConsentEvent = { at: T, audience: "group-progress", field: "goal-amounts", groupId: "g-1", granted: true };
    expect(parseConsentEvent(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });

  describe("a revocation applies from the next period", () => {
    // Ana shares her wages from 1 April; the April report is built and sent on 2 May; she revokes on 10 May.
    const APR_1 = Date.UTC(2025, 3, 1),
      MAY_2 = Date.UTC(2025, 4, 2),
      MAY_10 = Date.UTC(2025, 4, 10),
      JUN_2 = Date.UTC(2025, 5, 2);
    const ledger = [
      org("income.wages", true, APR_1),
      org("health.insured", true, APR_1),
      org("income.wages", false, MAY_10),
    ];
    const sentApril: SentRecord = {
      period: "2025-04",
      at: MAY_2,
      audience: "org-totals",
      fields: ["income.wages", "health.insured"],
      cohort: null,
    };

    it("April's report, built on 2 May, uses the grants in force then", () => {
      expect(fieldsToShare(ledger, "2025-04", MAY_2, [])).toEqual(["income.wages", "health.insured"]);
    });

    it("once April was sent, revoking does not recall it, and nothing more is sent for April", () => {
      expect(fieldsToShare(ledger, "2025-04", MAY_10 + 1, [sentApril])).toEqual([]);
    });

    it("the revocation stops May's report and every later one", () => {
      expect(fieldsToShare(ledger, "2025-05", JUN_2, [sentApril])).toEqual(["health.insured"]);
      expect(fieldsToShare(ledger, "2025-09", Date.UTC(2025, 9, 2), [sentApril])).toEqual(["health.insured"]);
    });

    it("a report not yet built when she revoked does not carry the field either", () => {
      // April's report was never sent (phone off all of May); built on 3 June, after the revocation.
      expect(fieldsToShare(ledger, "2025-04", JUN_2, [])).toEqual(["health.insured"]);
    });

    it("a report sent to group progress does not close the org-totals period", () => {
      expect(fieldsToShare(ledger, "2025-04", MAY_2, [{ ...sentApril, audience: "group-progress" }])).toEqual([
        "income.wages",
        "health.insured",
      ]);
    });
  });

  it("reads sent records defensively", () => {
    const rec = {
      period: "2025-04",
      at: T,
      audience: "org-totals",
      fields: ["income.wages", "reflection"],
      cohort: "c1",
    };
    expect(parseSentRecord(rec)).toEqual({ ...rec, fields: ["income.wages"] });
    expect(parseSentRecord({ ...rec, cohort: undefined })).toMatchObject({ cohort: null });
    expect(parseSentRecord({ ...rec, period: "April" })).toBeNull();
    expect(parseSentRecord({ ...rec, audience: "everyone" })).toBeNull();
    expect(parseSentRecord({ ...rec, fields: "income.wages" })).toBeNull();
    expect(parseSentRecord(null)).toBeNull();
  });
});
