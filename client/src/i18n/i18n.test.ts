import { ERROR_CODES } from "@porch/shared";
import {
  CONSENT_AUDIENCES,
  FIELD_IDS,
  JOURNAL_ERROR_CODES,
  JOURNAL_FIELDS,
  JOURNAL_SECTIONS,
} from "@porch/shared/journal";
import { describe, expect, it } from "vitest";
import { GOAL_CATEGORIES } from "../core/api/porch-api.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { formatMonth } from "./format.ts";

/** Every leaf key, nested ones joined with dots ("errors.invite-expired"). */
function keysOf(dict: object, prefix = ""): string[] {
  return Object.entries(dict).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("Porch speaks English and Spanish alike", () => {
  it("has exactly the same sentences in both languages", () => {
    expect(keysOf(es).sort()).toEqual(keysOf(en).sort());
  });

  it.each(ERROR_CODES)("tells a member what %s means, in both languages", (code) => {
    expect(en.errors[code].trim()).not.toBe("");
    expect(es.errors[code].trim()).not.toBe("");
    expect(es.errors[code]).not.toBe(en.errors[code]);
  });

  it("names every goal category in both languages", () => {
    for (const category of GOAL_CATEGORIES) {
      expect(en.categories[category].trim()).not.toBe("");
      expect(es.categories[category].trim()).not.toBe("");
    }
  });

  it("counts offline changes with the right plural, Ana's phone holding 1, 3 or a million", () => {
    expect(en.syncOffline(1)).toContain("1 change saved");
    expect(en.syncOffline(3)).toBe(
      "Offline — 3 changes saved on this phone, they will be sent when you are back online",
    );
    expect(es.syncOffline(1)).toContain("1 cambio guardado");
    expect(es.syncOffline(3)).toContain("3 cambios guardados");
    expect(es.syncOffline(1_000_000)).toContain("1,000,000 de cambios");
  });

  it.each(FIELD_IDS)(
    "asks the journal question %s with a label and one short line of help, in both languages",
    (id) => {
      for (const dict of [en, es]) {
        const { label, help } = dict.journal.fields[id];
        expect(label.trim()).not.toBe("");
        expect(help.trim()).not.toBe("");
        expect(help).not.toContain("\n");
        expect(help.length).toBeLessThanOrEqual(110);
      }
      expect(es.journal.fields[id].help).not.toBe(en.journal.fields[id].help);
    },
  );

  it("names every journal section, choice and consent audience in both languages", () => {
    for (const dict of [en, es]) {
      for (const s of JOURNAL_SECTIONS) expect(dict.journal.sections[s].trim()).not.toBe("");
      for (const f of JOURNAL_FIELDS)
        if (f.kind === "choice")
          for (const c of f.choices)
            expect((dict.journal.choices[f.id] as Record<string, string>)[c]?.trim() ?? "").not.toBe("");
      for (const a of CONSENT_AUDIENCES) {
        expect(dict.journal.audiences[a].name.trim()).not.toBe("");
        expect(dict.journal.audiences[a].explain.trim()).not.toBe("");
      }
    }
    expect(en.journal.nothingShared).toBe("Nothing is shared unless you turn it on.");
    expect(en.journal.cannotRecall).toBe("Totals already published cannot be taken back.");
  });

  it("has a sentence for every journal failure in the errors map", () => {
    for (const code of JOURNAL_ERROR_CODES) expect(ERROR_CODES).toContain(code);
    expect(en.errors["amount-too-large"]).toContain("$10,000,000");
    expect(es.errors["amount-too-large"]).toContain("$10,000,000");
  });

  it("writes journal months as words", () => {
    expect(formatMonth("2025-05", "en")).toBe("May 2025");
    expect(formatMonth("2025-05", "es")).toBe("mayo de 2025");
    expect(formatMonth("2025-01", "en")).toBe("January 2025");
  });
});
