import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { makeConsentEvent } from "@porch/shared/journal";
import { initJournalDoc, recordConsent, saveMonth } from "../../doc/journal/journal-doc.ts";
import type { JournalDoc } from "../../doc/journal/journal-schema.ts";
import { journalView } from "../../doc/journal/journal-view.ts";
import { journalCsv, journalJson } from "./journal-export.ts";

const APRIL = Date.UTC(2025, 3, 20);
let n = 0;
const rand = () => (0x10000000 + n++).toString(16);

const doc = [
  (d: JournalDoc) => initJournalDoc(d),
  (d: JournalDoc) =>
    void saveMonth(
      d,
      "2025-04",
      { "income.wages": 250_050, "health.insured": true, "housing.status": "rent", reflection: '=SUM(A1) "ok", sure' },
      APRIL,
      rand,
    ),
  (d: JournalDoc) => recordConsent(d, makeConsentEvent("org-totals", "income.wages", true, APRIL)!, rand),
].reduce((doc, step) => A.change(doc, step), A.init<JournalDoc>());
const view = journalView(doc, APRIL + 1000);

describe("exporting my data", () => {
  it("CSV: one row per answer, whole cents with dollars beside them, quoted and defused for spreadsheets", () => {
    const lines = journalCsv(view).split("\r\n");
    expect(lines[0]).toBe("month,field,kind,value,dollars");
    expect(lines).toContain("2025-04,income.wages,money,250050,2500.50");
    expect(lines).toContain("2025-04,health.insured,yesNo,true,");
    expect(lines).toContain("2025-04,housing.status,choice,rent,");
    // A reflection that starts like a formula is defused, and quotes and commas are escaped.
    expect(lines).toContain(`2025-04,reflection,text,"'=SUM(A1) ""ok"", sure",`);
    expect(lines.at(-1)).toBe("");
  });

  it("JSON: answers, edits, every consent switch and what is in force, what was sent", () => {
    const data = JSON.parse(journalJson(view)) as Record<string, unknown>;
    expect(data).toMatchObject({
      format: "porch-journal-export",
      version: 1,
      months: [{ month: "2025-04", values: { "income.wages": 250_050, "housing.status": "rent" } }],
      consents: [{ audience: "org-totals", field: "income.wages", granted: true, at: APRIL }],
      consentsInForce: { orgTotals: ["income.wages"], groupProgress: [] },
      sent: [],
      participation: [],
    });
  });
});
