/**
 * Number, currency and date formatting for the member's language. Spanish uses `es-US`, not `es`:
 * plain `es` writes dollars as "1234,50 US$", which reads wrong to Spanish speakers in the US.
 */
import type { Lang } from "../core/api/porch-api.ts";

/** The `Intl` locale for each interface language. */
export const LOCALES: Readonly<Record<Lang, string>> = { en: "en-US", es: "es-US" };

/** Whole dollars, e.g. "$1,500". */
export function formatCurrency(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    style: "currency",
    currency: "USD",
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  }).format(amount);
}

/** A change in whole dollars with its sign, e.g. "+$600", "-$200", "$0". */
export function formatCurrencyChange(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    style: "currency",
    currency: "USD",
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
    signDisplay: "exceptZero",
  }).format(amount);
}

/** A change in percent (given as 30 for 30%) with its sign, one decimal at most, e.g. "+30%", "-20%", "0%". */
export function formatPercentChange(percent: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    style: "percent",
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  }).format(percent / 100);
}

/** A plain count, e.g. "1,234". */
export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(value);
}

/** A calendar date, e.g. "Nov 25, 2026" / "25 nov 2026". */
export function formatDate(time: number, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium" }).format(time);
}

/** The CLDR plural category of `count` (Spanish also has `many`, e.g. for 1,000,000). */
export function pluralCategory(count: number, lang: Lang): Intl.LDMLPluralRule {
  return new Intl.PluralRules(LOCALES[lang]).select(count);
}

/** A journal month "YYYY-MM" as words, e.g. "May 2025" / "mayo de 2025" (UTC, so no zone shifts it). */
export function formatMonth(month: string, lang: Lang): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(LOCALES[lang], { month: "long", year: "numeric", timeZone: "UTC" }).format(
    Date.UTC(y, m - 1, 1),
  );
}
