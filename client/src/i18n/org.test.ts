import { ERROR_CODES, ROUND_PHASES } from "@porch/shared";
import { CHANGE_BUCKETS } from "@porch/shared/aggregation";
import { describe, expect, it } from "vitest";
import { ABORT_REASONS, ORG_ERROR_CODES } from "./org-dictionary.ts";
import { orgEn } from "./org.en.ts";
import { orgEs } from "./org.es.ts";

/** Every leaf key, nested ones joined with dots. */
function keysOf(dict: object, prefix = ""): string[] {
  return Object.entries(dict).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** Every sentence, functions called with sample arguments. */
function sentences(dict: object): string[] {
  return Object.values(dict).flatMap((value) =>
    typeof value === "function"
      ? [String((value as (...a: unknown[]) => unknown)(3, 7, "x"))]
      : typeof value === "object" && value !== null
        ? sentences(value)
        : [String(value)],
  );
}

describe("the organization's dashboard speaks English and Spanish alike", () => {
  it("has exactly the same sentences in both languages, none empty", () => {
    expect(keysOf(orgEs).sort()).toEqual(keysOf(orgEn).sort());
    for (const s of [...sentences(orgEn), ...sentences(orgEs)]) expect(s.trim()).not.toBe("");
  });

  it("names every round phase, every known reason a round stops and every change bucket", () => {
    for (const dict of [orgEn, orgEs]) {
      for (const p of ROUND_PHASES) expect(dict.org.phaseNames[p].trim()).not.toBe("");
      for (const r of ABORT_REASONS) expect(dict.org.abortReasons[r].trim()).not.toBe("");
      for (const b of CHANGE_BUCKETS) expect(dict.org.changeBuckets[b].trim()).not.toBe("");
    }
  });

  it("has a sentence of its own for each failure the organization can meet, and they are real codes", () => {
    for (const code of ORG_ERROR_CODES) {
      expect(ERROR_CODES).toContain(code);
      expect(orgEs.org.errors[code]).not.toBe(orgEn.org.errors[code]);
    }
    expect(orgEn.org.errorOther("bad-id")).toContain("bad-id");
  });

  it("writes counts with the right plural", () => {
    expect(orgEn.org.enrolledCount(1)).toBe("1 family enrolled");
    expect(orgEn.org.enrolledCount(1200)).toBe("1,200 families enrolled");
    expect(orgEs.org.enrolledCount(1)).toBe("1 familia inscrita");
    expect(orgEs.org.enrolledCount(30)).toBe("30 familias inscritas");
  });
});
