import { ERROR_CODES } from "@porch/shared";
import { describe, expect, it } from "vitest";
import { GOAL_CATEGORIES } from "../core/api/porch-api.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";

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
});
