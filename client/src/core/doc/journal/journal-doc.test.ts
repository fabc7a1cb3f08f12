import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { makeConsentEvent, validateEntry, type EntryValues, type SentRecord } from "@porch/shared/journal";
import {
  initJournalDoc,
  isJournalInitialised,
  randomTag,
  readBaseline,
  readConsentLedger,
  readJournal,
  readSent,
  readValue,
  recordConsent,
  recordSent,
  saveMonth,
  setBaseline,
} from "./journal-doc.ts";
import type { JournalDoc } from "./journal-schema.ts";

const T = Date.UTC(2025, 4, 15);
/** A fixed sequence of tags, so tests never depend on randomness. */
const tags = (prefix: string) => {
  let n = 0;
  return () => `${prefix}${String(n++).padStart(8 - prefix.length, "0")}`;
};
const newJournal = () => A.change(A.init<JournalDoc>(), (d) => initJournalDoc(d));
const save = (doc: A.Doc<JournalDoc>, month: string, values: EntryValues, at: number, rand = tags("a")) => {
  let outcome: ReturnType<typeof saveMonth> | undefined;
  const next = A.change(doc, (d) => {
    outcome = saveMonth(d, month, values, at, rand);
  });
  return { doc: next, changed: outcome!.changed };
};
const root = (doc: A.Doc<JournalDoc>) => doc as unknown as Record<string, unknown>;

describe("the journal document", () => {
  it("starts as a version-1 document with nothing else in it", () => {
    const doc = newJournal();
    expect(isJournalInitialised(doc)).toBe(true);
    expect(isJournalInitialised(A.init<JournalDoc>())).toBe(false);
    expect(Object.keys(doc)).toEqual(["schemaVersion"]);
    expect(readJournal(doc)).toEqual({ months: [], baseline: null, consents: [], sent: [] });
  });

  it("saves a month as root scalars and immutable strings only — no nested objects, no collaborative text", () => {
    const { doc, changed } = save(
      newJournal(),
      "2025-05",
      { "income.wages": 215_050, "health.insured": true, "housing.status": "rent", reflection: "A calm month." },
      T,
    );
    expect(changed).toEqual(["income.wages", "health.insured", "housing.status", "reflection"]);
    const r = root(doc);
    expect(r["v:2025-05:income.wages"]).toBe(215_050);
    expect(r["v:2025-05:health.insured"]).toBe(true);
    expect(A.isImmutableString(r["v:2025-05:housing.status"])).toBe(true);
    expect(A.isImmutableString(r["v:2025-05:reflection"])).toBe(true);
    expect(r["saved:2025-05"]).toBe(T);
    for (const [k, v] of Object.entries(r))
      expect(typeof v !== "object" || A.isImmutableString(v), `${k} holds an object`).toBe(true);
    const edits = Object.keys(r).filter((k) => k.startsWith("edit:"));
    expect(edits).toEqual(["edit:2025-05:" + T + ":a0000000"]);
    // The month's first save: its answers are the v: keys, not copied into the history again.
    expect(JSON.parse(String(r[edits[0]!]))).toEqual({ at: T, first: true, changes: {} });
  });

  it("writes only what changed, deletes a cleared answer, and keeps every save in the month's history", () => {
    let { doc } = save(newJournal(), "2025-05", { "income.wages": 200_000, "assets.cash": 5_000 }, T);
    const second = save(doc, "2025-05", { "income.wages": 200_000, "assets.cash": null, "debts.loans": 0 }, T + 60_000);
    doc = second.doc;
    expect(second.changed).toEqual(["assets.cash", "debts.loans"]);
    expect("v:2025-05:assets.cash" in root(doc)).toBe(false);
    expect(readValue(doc, "2025-05", "debts.loans")).toBe(0);
    const [may] = readJournal(doc).months;
    expect(may).toMatchObject({
      month: "2025-05",
      savedAt: T + 60_000,
      values: { "income.wages": 200_000, "debts.loans": 0 },
    });
    expect(may!.edits.map((e) => e.changes)).toEqual([{}, { "assets.cash": [5_000, null], "debts.loans": [null, 0] }]);
    expect(may!.edits[0]!.first).toBe(true);
  });

  it("saving an unchanged form still marks the month as filled in, without an empty edit record", () => {
    const first = save(newJournal(), "2025-04", { "income.wages": 100 }, T);
    const again = save(first.doc, "2025-04", { "income.wages": 100, "income.other": null }, T + 5);
    expect(again.changed).toEqual([]);
    expect(readJournal(again.doc).months[0]).toMatchObject({ savedAt: T + 5, edits: [{ at: T }] });
    // An empty month is an entry too.
    expect(readJournal(save(newJournal(), "2025-03", {}, T).doc).months).toMatchObject([
      { month: "2025-03", values: {} },
    ]);
  });

  it("takes only checked values (unchecked input is a bug)", () => {
    const doc = newJournal();
    expect(() => A.change(doc, (d) => saveMonth(d, "2025-05", { "income.wages": -5 }, T, tags("a")))).toThrow(
      /unchecked/,
    );
    expect(() => A.change(doc, (d) => saveMonth(d, "2025-13", {}, T, tags("a")))).toThrow(/bad month/);
    expect(() => A.change(doc, (d) => saveMonth(d, "2025-05", { "income.wages": 1 }, T, () => "xyz"))).toThrow(/hex/);
    // What the form checked is what gets saved.
    const check = validateEntry("2025-05", { "income.wages": "$2,150.50", reflection: " ok " }, T, "es-US");
    expect(check.ok).toBe(true);
    expect(readJournal(save(doc, "2025-05", check.values, T).doc).months[0]!.values).toEqual({
      "income.wages": 215_050,
      reflection: "ok",
    });
  });

  it("sets and clears the baseline month", () => {
    let doc = A.change(newJournal(), (d) => setBaseline(d, "2025-01"));
    expect(A.isImmutableString(doc.baseline)).toBe(true);
    expect(readBaseline(doc)).toBe("2025-01");
    doc = A.change(doc, (d) => setBaseline(d, null));
    expect(readBaseline(doc)).toBeNull();
  });

  it("appends consent events and sent records, read back in a fixed order", () => {
    const rand = tags("c");
    const sentApril: SentRecord = {
      period: "2025-04",
      at: T,
      audience: "org-totals",
      fields: ["income.wages"],
      cohort: null,
    };
    const doc = A.change(newJournal(), (d) => {
      recordConsent(d, makeConsentEvent("org-totals", "income.wages", false, T + 10)!, rand);
      recordConsent(d, makeConsentEvent("org-totals", "income.wages", true, T)!, rand);
      recordConsent(d, makeConsentEvent("group-progress", "goal-amounts", true, T, "g-1")!, rand);
      recordSent(d, sentApril, rand);
    });
    expect(readConsentLedger(doc).map((e) => [e.at, e.audience, e.granted])).toEqual([
      [T, "org-totals", true],
      [T, "group-progress", true],
      [T + 10, "org-totals", false],
    ]);
    expect(readSent(doc)).toEqual([sentApril]);
    expect(Object.keys(doc).filter((k) => k.startsWith("sent:"))).toEqual(["sent:2025-04:c0000003"]);
    expect(() =>
      A.change(doc, (d) =>
        recordConsent(d, { at: T, audience: "org-totals", field: "reflection" as never, granted: true }, rand),
      ),
    ).toThrow(/consent/);
  });

  it("skips whatever it cannot read instead of showing it", () => {
    const doc = A.change(newJournal(), (d) => {
      const r = d as unknown as Record<string, unknown>;
      r["saved:2025-05"] = T;
      r["v:2025-05:income.wages"] = -4; // out of range
      r["v:2025-05:income.lottery"] = 5; // unknown field
      r["v:2025-05:housing.status"] = new A.ImmutableString("castle");
      r["v:2025-05:assets.cash"] = 700;
      r["saved:May"] = T;
      r["edit:2025-05:1:zzzzzzzz"] = new A.ImmutableString("{not json");
      r["consent:1:aaaaaaaa"] = new A.ImmutableString(
        JSON.stringify({ at: 1, audience: "org-totals", field: "reflection", granted: true }),
      );
      r["sent:2025-04:aaaaaaaa"] = new A.ImmutableString(
        JSON.stringify({ period: "2025-03", at: 1, audience: "org-totals", fields: [], cohort: null }),
      );
      d.baseline = new A.ImmutableString("someday");
    });
    expect(readJournal(doc)).toEqual({
      months: [{ month: "2025-05", values: { "assets.cash": 700 }, savedAt: T, edits: [] }],
      baseline: null,
      consents: [],
      sent: [],
    });
  });

  it("makes random tags of 8 hex characters", () => {
    expect(randomTag()).toMatch(/^[0-9a-f]{8}$/);
    expect(randomTag()).not.toBe(randomTag());
  });

  describe("two devices, offline, the same month", () => {
    const base = save(newJournal(), "2025-05", { "income.wages": 200_000 }, T).doc;

    it("different questions: after merging, both answers are there", () => {
      const phone = save(A.clone(base), "2025-05", { "assets.cash": 30_000 }, T + 100, tags("b")).doc;
      const laptop = save(A.clone(base), "2025-05", { "debts.medical": 90_000 }, T + 200, tags("c")).doc;
      for (const merged of [A.merge(A.clone(phone), laptop), A.merge(A.clone(laptop), phone)]) {
        const [may] = readJournal(merged).months;
        expect(may!.values).toEqual({ "income.wages": 200_000, "assets.cash": 30_000, "debts.medical": 90_000 });
        expect(may!.edits).toHaveLength(3);
        expect([T + 100, T + 200]).toContain(may!.savedAt);
      }
      expect(readJournal(A.merge(A.clone(phone), laptop))).toEqual(readJournal(A.merge(A.clone(laptop), phone)));
    });

    it("the same question: one answer wins (the same on both devices), and both edit records are kept", () => {
      const phone = save(A.clone(base), "2025-05", { "income.wages": 210_000 }, T + 100, tags("b")).doc;
      const laptop = save(A.clone(base), "2025-05", { "income.wages": 220_000 }, T + 100, tags("c")).doc;
      const ab = A.merge(A.clone(phone), laptop),
        ba = A.merge(A.clone(laptop), phone);
      const wages = readValue(ab, "2025-05", "income.wages");
      expect([210_000, 220_000]).toContain(wages);
      expect(readValue(ba, "2025-05", "income.wages")).toBe(wages);
      const edits = readJournal(ab).months[0]!.edits.map((e) => e.first ?? e.changes["income.wages"]);
      expect(edits).toEqual([true, [200_000, 210_000], [200_000, 220_000]]);
    });

    it("both devices starting a new journal offline merge into one", () => {
      const phone = save(newJournal(), "2025-05", { "income.wages": 1 }, T, tags("b")).doc;
      const laptop = save(newJournal(), "2025-04", { "assets.cash": 2 }, T, tags("c")).doc;
      const merged = A.merge(A.clone(phone), laptop);
      expect(merged.schemaVersion).toBe(1);
      expect(readJournal(merged).months.map((m) => m.month)).toEqual(["2025-04", "2025-05"]);
    });
  });
});
