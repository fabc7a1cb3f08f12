import { readFileSync } from "node:fs";
import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { fieldsToShare } from "@porch/shared/journal";
import { isJournalInitialised, readJournal, saveMonth } from "./journal-doc.ts";
import { isNewerJournal, journalMigrations, migrateJournalDoc, needsJournalMigration } from "./journal-migrations.ts";
import { JOURNAL_DOC_VERSION, type JournalDoc } from "./journal-schema.ts";
import { journalView } from "./journal-view.ts";

const fixture = (v: number) =>
  A.load<JournalDoc>(readFileSync(new URL(`./fixtures/journal-doc-v${v}.automerge`, import.meta.url)));
const T = Date.UTC(2025, 4, 15, 12);
const DAY = 86_400_000;

describe("journal schema migrations", () => {
  it("are ordered, end at the current version, and every version has a frozen fixture", () => {
    expect(journalMigrations.map((m) => m.version)).toEqual([]);
    expect(JOURNAL_DOC_VERSION).toBe(1);
    for (let v = 1; v <= JOURNAL_DOC_VERSION; v++) expect(fixture(v).schemaVersion).toBe(v);
  });

  it("the v1 fixture reads as written by the v1 client", () => {
    const v1 = fixture(1);
    expect(isJournalInitialised(v1)).toBe(true);
    expect(needsJournalMigration(v1)).toBe(false);
    expect(isNewerJournal(v1)).toBe(false);
    const j = readJournal(v1);
    expect(j.baseline).toBe("2025-04");
    expect(j.months.map((m) => [m.month, m.savedAt, m.edits.length])).toEqual([
      ["2025-04", T - 29 * DAY, 2],
      ["2025-05", T, 1],
    ]);
    expect(j.months[0]!.values).toEqual({
      "income.wages": 210_000,
      "income.benefits": 35_000,
      "household.size": 4,
      "assets.cash": 25_000,
      "debts.creditCards": 410_000,
      "health.insured": true,
      "health.selfRated": 3,
      "housing.status": "rent",
      "housing.cost": 140_000,
      "connections.countOn": "few",
      "help.given": 2,
      reflection: "First month in the journal.",
    });
    expect(j.months[0]!.edits[1]).toEqual({ at: T - 29 * DAY, changes: { "assets.cash": [20_000, 25_000] } });
    expect(j.consents).toHaveLength(4);
    expect(j.sent).toEqual([
      {
        period: "2025-04",
        at: T - 10 * DAY,
        audience: "org-totals",
        fields: ["income.wages", "assets.cash"],
        cohort: null,
      },
    ]);
    // The revocation of 14 May stops May's report; April's, already sent, stays sent.
    expect(fieldsToShare(j.consents, "2025-05", Date.UTC(2025, 5, 2), j.sent)).toEqual(["income.wages"]);
    expect(fieldsToShare(j.consents, "2025-04", Date.UTC(2025, 5, 2), j.sent)).toEqual([]);
  });

  it("the v1 fixture stores only root scalars and immutable strings", () => {
    for (const [k, v] of Object.entries(fixture(1) as unknown as Record<string, unknown>))
      expect(typeof v !== "object" || A.isImmutableString(v), k).toBe(true);
  });

  it("the v1 fixture produces the expected view", () => {
    const v = journalView(fixture(1), T);
    expect(v).toMatchObject({
      currentMonth: "2025-05",
      missingThisMonth: false,
      baseline: { chosen: "2025-04", month: "2025-04" },
      consents: { orgTotals: ["income.wages"], groupProgress: ["group-v1"] },
      participation: ["2025-04"],
    });
    expect(v.progress.points[1]!.change.netWorth).toEqual({ amount: 65_000, percent: 16.9 }); // -$3,850 → -$3,200: +$650 of 3,850
  });

  it("migrating a v1 document is a no-op that leaves it writable", () => {
    const doc = A.change(A.clone(fixture(1)), (d) => {
      migrateJournalDoc(d);
      saveMonth(d, "2025-05", { "debts.medical": 5_000 }, T + 1, () => "0000abcd");
    });
    expect(doc.schemaVersion).toBe(1);
    expect(readJournal(doc).months[1]!.values["debts.medical"]).toBe(5_000);
  });

  it("knows a document from a newer client", () => {
    expect(isNewerJournal({ schemaVersion: 2 })).toBe(true);
    expect(needsJournalMigration({ schemaVersion: 2 })).toBe(false);
  });
});
