import { describe, expect, it } from "vitest";
import {
  addMonths,
  compareMonths,
  currentMonth,
  isFuture,
  isMonth,
  monthsBetween,
  nextMonth,
  parseMonth,
  previousMonth,
} from "./month.ts";

const MAY_15 = Date.UTC(2025, 4, 15);

describe("journal months", () => {
  it.each(["2025-05", "2000-01", "2100-12"])("accepts %s", (m) =>
    expect(parseMonth(m)).toEqual({ ok: true, value: m }),
  );

  it.each(["2025-13", "2025-00", "2025-5", "25-05", "1999-12", "2101-01", "2025-05-01", "", "May 2025"])(
    "refuses %j as month-invalid",
    (m) => expect(parseMonth(m)).toMatchObject({ ok: false, code: "month-invalid" }),
  );

  it("refuses what is not a string", () => {
    expect(isMonth(202505)).toBe(false);
    expect(parseMonth(null)).toMatchObject({ ok: false, code: "month-invalid" });
  });

  it("steps across years", () => {
    expect(nextMonth("2024-12")).toBe("2025-01");
    expect(previousMonth("2025-01")).toBe("2024-12");
    expect(addMonths("2025-05", -17)).toBe("2023-12");
    expect(monthsBetween("2024-11", "2025-02")).toBe(3);
    expect(["2025-02", "2024-12", "2025-01"].sort(compareMonths)).toEqual(["2024-12", "2025-01", "2025-02"]);
  });

  it("computes the month of now on the UTC calendar unless the caller shifts it", () => {
    expect(currentMonth(MAY_15)).toBe("2025-05");
    const newYearUtc = Date.UTC(2025, 0, 1, 3); // 1 January 03:00 UTC = 31 December 22:00 in New York
    expect(currentMonth(newYearUtc)).toBe("2025-01");
    expect(currentMonth(newYearUtc, -300)).toBe("2024-12");
    expect(isFuture("2025-01", newYearUtc, -300)).toBe(true);
    expect(isFuture("2025-01", newYearUtc)).toBe(false);
  });

  it("knows which months are in the future", () => {
    expect(isFuture("2025-06", MAY_15)).toBe(true);
    expect(isFuture("2025-05", MAY_15)).toBe(false);
    expect(isFuture("2019-01", MAY_15)).toBe(false);
  });
});
