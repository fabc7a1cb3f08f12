import { describe, expect, it } from "vitest";
import { unknownFields, validateEntry } from "./validate.ts";

const MAY_15 = Date.UTC(2025, 4, 15);

describe("checking a month's form", () => {
  it("keeps every good field and names each bad one, so the form loses nothing Ana typed", () => {
    const check = validateEntry(
      "2025-05",
      {
        "income.wages": "2,150.50",
        "income.benefits": "-40",
        "assets.cash": "about 300",
        "debts.medical": "12,000,000",
        "household.size": "4",
        "help.given": "1000",
        "health.insured": true,
        "health.selfRated": "4",
        "housing.status": "rent",
        "connections.countOn": "lots",
        reflection: "  Hard month, but we kept the lights on.  ",
        "income.other": "",
        "assets.vehicle": null,
      },
      MAY_15,
      "en-US",
    );
    expect(check.ok).toBe(false);
    expect(check.month).toEqual({ ok: true, value: "2025-05" });
    expect(check.problems).toEqual({
      "income.benefits": "amount-negative",
      "assets.cash": "amount-not-a-number",
      "debts.medical": "amount-too-large",
      "help.given": "count-out-of-range",
      "connections.countOn": "choice-unknown",
    });
    expect(check.values).toEqual({
      "income.wages": 215_050,
      "household.size": 4,
      "health.insured": true,
      "health.selfRated": 4,
      "housing.status": "rent",
      reflection: "Hard month, but we kept the lights on.",
      "income.other": null,
      "assets.vehicle": null,
    });
    expect(check.fields["income.benefits"]).toMatchObject({ ok: false, code: "amount-negative" });
    expect(check.fields["income.wages"]).toEqual({ ok: true, value: 215_050 });
  });

  it.each([
    ["2025-06", "month-in-future"],
    ["2026-01", "month-in-future"],
    ["2025-13", "month-invalid"],
    ["May", "month-invalid"],
  ])("refuses the month %s (%s) and still checks the fields", (month, code) => {
    const check = validateEntry(month, { "income.wages": "100" }, MAY_15, "es-US");
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual({ month: code });
    expect(check.values).toEqual({ "income.wages": 10_000 });
  });

  it("accepts the current month and any past one", () => {
    expect(validateEntry("2025-05", {}, MAY_15, "en-US").ok).toBe(true);
    expect(validateEntry("2021-02", {}, MAY_15, "en-US").ok).toBe(true);
  });

  it("reads the member's local month when the caller gives the offset", () => {
    const lateApril30InLA = Date.UTC(2025, 4, 1, 2); // 1 May 02:00 UTC = 30 April 19:00 in Los Angeles
    expect(validateEntry("2025-05", {}, lateApril30InLA, "en-US").ok).toBe(true);
    expect(validateEntry("2025-05", {}, lateApril30InLA, "en-US", -420).problems).toEqual({ month: "month-in-future" });
  });

  it("reads es-US and en-US amounts alike", () => {
    for (const locale of ["en-US", "es-US"] as const)
      expect(validateEntry("2025-05", { "assets.cash": "$1,234.56" }, MAY_15, locale).values).toEqual({
        "assets.cash": 123_456,
      });
  });

  it("refuses text in number fields and numbers where a choice is expected", () => {
    const check = validateEntry(
      "2025-05",
      {
        "household.size": "four",
        "health.selfRated": "0",
        "income.wages": "ten",
        "health.insured": "maybe",
        "housing.cost": true,
      },
      MAY_15,
      "en-US",
    );
    expect(check.problems).toEqual({
      "household.size": "count-out-of-range",
      "health.selfRated": "count-out-of-range",
      "income.wages": "amount-not-a-number",
      "health.insured": "choice-unknown",
      "housing.cost": "choice-unknown",
    });
  });

  it("takes yes and no as words too (a form's radio values)", () => {
    const check = validateEntry(
      "2025-05",
      { "health.insured": "yes", "education.enrolled": "no", "leadership.faith": "Sí" },
      MAY_15,
      "es-US",
    );
    expect(check.values).toEqual({ "health.insured": true, "education.enrolled": false, "leadership.faith": true });
  });

  it("allows a reflection of 2,000 characters and refuses one longer", () => {
    expect(validateEntry("2025-05", { reflection: "a".repeat(2000) }, MAY_15, "en-US").ok).toBe(true);
    expect(validateEntry("2025-05", { reflection: "a".repeat(2001) }, MAY_15, "en-US").problems).toEqual({
      reflection: "text-too-long",
    });
  });

  it("ignores keys that are not journal fields, and can name them", () => {
    const raw = { "income.wages": "5", "income.lottery": "1000000" } as Record<string, string>;
    expect(validateEntry("2025-05", raw, MAY_15, "en-US").values).toEqual({ "income.wages": 500 });
    expect(unknownFields(raw)).toEqual(["income.lottery"]);
    // `undefined` is "not given", never "clear it".
    expect(validateEntry("2025-05", { "income.wages": undefined }, MAY_15, "en-US").values).toEqual({});
  });
});
