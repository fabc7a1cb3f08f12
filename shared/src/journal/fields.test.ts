import { describe, expect, it } from "vitest";
import {
  FIELD_IDS,
  JOURNAL_FIELDS,
  JOURNAL_SECTIONS,
  MONEY_FIELDS,
  MONEY_MAX_CENTS,
  SHAREABLE_FIELDS,
  fieldDef,
  fieldsOfSection,
  isFieldId,
  isShareableField,
  isValidValue,
  moneyFieldsOf,
} from "./fields.ts";

describe("the journal's field catalogue", () => {
  it("has every field once, with the ids the documents and consents store", () => {
    expect(new Set(FIELD_IDS).size).toBe(FIELD_IDS.length);
    expect(FIELD_IDS).toEqual([
      "income.wages",
      "income.selfEmployment",
      "income.benefits",
      "income.family",
      "income.other",
      "household.size",
      "assets.cash",
      "assets.retirement",
      "assets.vehicle",
      "assets.homeEquity",
      "assets.business",
      "debts.creditCards",
      "debts.loans",
      "debts.medical",
      "debts.other",
      "health.insured",
      "health.selfRated",
      "education.enrolled",
      "education.credential",
      "education.childrenSchool",
      "housing.status",
      "housing.cost",
      "leadership.school",
      "leadership.faith",
      "leadership.neighbourhood",
      "leadership.volunteer",
      "connections.countOn",
      "help.given",
      "help.received",
      "reflection",
    ]);
    // No id may hold ":" — document keys are `v:<month>:<field>`.
    for (const id of FIELD_IDS) expect(id).not.toContain(":");
  });

  it("puts every field in a known section, and every section has a field", () => {
    for (const f of JOURNAL_FIELDS) expect(JOURNAL_SECTIONS).toContain(f.section);
    for (const s of JOURNAL_SECTIONS) expect(fieldsOfSection(s).length).toBeGreaterThan(0);
  });

  it("knows the kinds and limits of the brief", () => {
    expect(MONEY_MAX_CENTS).toBe(1_000_000_000);
    expect(fieldDef("household.size")).toMatchObject({ kind: "count", min: 1, max: 30 });
    expect(fieldDef("help.given")).toMatchObject({ kind: "count", min: 0, max: 999 });
    expect(fieldDef("health.selfRated")).toMatchObject({ kind: "rating", min: 1, max: 5 });
    expect(fieldDef("housing.status").choices).toEqual(["own", "rent", "family", "unstable"]);
    expect(fieldDef("reflection")).toMatchObject({ kind: "text", maxLength: 2000 });
    expect(moneyFieldsOf("debts")).toEqual(["debts.creditCards", "debts.loans", "debts.medical", "debts.other"]);
    expect(MONEY_FIELDS).toContain("housing.cost");
    expect(MONEY_FIELDS).toHaveLength(15);
  });

  it("never lets the reflection be shared, and everything else may be with consent", () => {
    expect(isShareableField("reflection")).toBe(false);
    expect(isShareableField("nonsense")).toBe(false);
    expect(SHAREABLE_FIELDS).toHaveLength(FIELD_IDS.length - 1);
    expect(isFieldId("income.wages")).toBe(true);
    expect(isFieldId("income")).toBe(false);
  });

  it.each([
    ["income.wages", 150_000, true],
    ["income.wages", -1, false],
    ["income.wages", 1.5, false],
    ["income.wages", MONEY_MAX_CENTS + 1, false],
    ["household.size", 0, false],
    ["health.insured", true, true],
    ["health.insured", "yes", false],
    ["housing.status", "rent", true],
    ["housing.status", "castle", false],
    ["reflection", "A good month.", true],
    ["reflection", "x".repeat(2001), false],
  ] as const)("checks a stored %s of %j (valid: %s)", (id, value, valid) => {
    expect(isValidValue(id, value)).toBe(valid);
  });
});
