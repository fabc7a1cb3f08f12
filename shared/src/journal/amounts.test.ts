import { describe, expect, it } from "vitest";
import { amountInputText, formatAmount, parseAmount, parseCount, parseRating } from "./amounts.ts";
import { MONEY_MAX_CENTS } from "./fields.ts";

describe("amounts a member types", () => {
  it("writes dollars the same way in US English and US Spanish (what Intl formats)", () => {
    const parts = (locale: string) =>
      new Intl.NumberFormat(locale)
        .formatToParts(1234.5)
        .filter((p) => p.type === "group" || p.type === "decimal")
        .map((p) => p.value);
    expect(parts("en-US")).toEqual([",", "."]);
    expect(parts("es-US")).toEqual([",", "."]);
  });

  it.each([
    ["1,234.56", 123_456],
    ["$1234", 123_400],
    ["1234.5", 123_450],
    [" 1 234 ", 123_400],
    ["$ 1,234.56", 123_456],
    ["1,234,567", 123_456_700],
    ["US$ 20", 2000],
    ["20 USD", 2000],
    ["20$", 2000],
    [".5", 50],
    ["7.", 700],
    ["0", 0],
    ["-0", 0],
    ["0012", 1200],
    ["10,000,000", MONEY_MAX_CENTS],
    ["10000000.00", MONEY_MAX_CENTS],
  ])("reads %j as %i cents, in en-US and es-US", (text, cents) => {
    expect(parseAmount(text, "en-US")).toEqual({ ok: true, value: cents });
    expect(parseAmount(text, "es-US")).toEqual({ ok: true, value: cents });
  });

  it.each([
    ["", "amount-not-a-number"],
    ["   ", "amount-not-a-number"],
    ["abc", "amount-not-a-number"],
    ["12abc", "amount-not-a-number"],
    ["$", "amount-not-a-number"],
    ["1234,50", "amount-not-a-number"], // a decimal comma is refused, not guessed
    ["12,34", "amount-not-a-number"],
    ["1,2345", "amount-not-a-number"],
    ["1.234,56", "amount-not-a-number"],
    ["12.345", "amount-not-a-number"],
    ["1.2.3", "amount-not-a-number"],
    ["1e5", "amount-not-a-number"],
    ["-5", "amount-negative"],
    ["-$5.00", "amount-negative"],
    ["$-5", "amount-negative"],
    ["(40)", "amount-negative"],
    ["\u22125", "amount-negative"],
    ["10,000,000.01", "amount-too-large"],
    ["10000001", "amount-too-large"],
    ["999999999999999999999", "amount-too-large"],
  ])("refuses %j with %s", (text, code) => {
    expect(parseAmount(text, "en-US")).toMatchObject({ ok: false, code });
    expect(parseAmount(text, "es-US")).toMatchObject({ ok: false, code });
  });

  it("formats whole dollars without cents and other amounts with them", () => {
    expect(formatAmount(150_000, "en-US")).toBe("$1,500");
    expect(formatAmount(123_456, "en-US")).toBe("$1,234.56");
    expect(formatAmount(123_456, "es-US")).toBe("$1,234.56");
    expect(formatAmount(-1200, "en-US")).toBe("-$12");
    expect(formatAmount(MONEY_MAX_CENTS, "es-US")).toBe("$10,000,000");
    expect(amountInputText(123_456, "en-US")).toBe("1,234.56");
  });

  it.each([0, 1, 5, 99, 100, 123_456, 9_876_543, MONEY_MAX_CENTS])(
    "round-trips %i cents through format and parse, in both languages",
    (cents) => {
      for (const locale of ["en-US", "es-US"] as const) {
        expect(parseAmount(formatAmount(cents, locale), locale)).toEqual({ ok: true, value: cents });
        expect(parseAmount(amountInputText(cents, locale), locale)).toEqual({ ok: true, value: cents });
      }
    },
  );

  it("reads counts and ratings as whole numbers in range", () => {
    expect(parseCount("4", 1, 30, "en-US")).toEqual({ ok: true, value: 4 });
    expect(parseCount(" 12 ", 0, 999, "es-US")).toEqual({ ok: true, value: 12 });
    expect(parseCount("3.0", 1, 30, "en-US")).toEqual({ ok: true, value: 3 });
    for (const bad of ["0", "31", "2.5", "-1", "four", ""])
      expect(parseCount(bad, 1, 30, "en-US")).toMatchObject({ ok: false, code: "count-out-of-range" });
    expect(parseRating("5", "en-US")).toEqual({ ok: true, value: 5 });
    expect(parseRating("6", "es-US")).toMatchObject({ ok: false, code: "count-out-of-range" });
  });
});
