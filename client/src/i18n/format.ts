/**
 * Number, currency and date formatting for the member's language. Spanish uses `es-US`, not `es`:
 * plain `es` writes dollars as "1234,50 US$", which reads wrong to Spanish speakers in the US.
 */
import type { Lang } from "../core/api/porch-api.ts";

/** The `Intl` locale for each interface language. */
export const LOCALES: Readonly<Record<Lang, string>> = { en: "en-US", es: "es-US" };

/**
 * One `Intl` formatter per language, made on first use: making one costs far more than formatting with
 * it (measured: ~40 ms of one reload went to making formatters for the goal cards; a ten-year journal's
 * month menu made 120).
 */
export function perLang<F>(make: (locale: string) => F): (lang: Lang) => F {
  const made = new Map<Lang, F>();
  return (lang) => {
    let f = made.get(lang);
    if (f === undefined) made.set(lang, (f = make(LOCALES[lang])));
    return f;
  };
}

/** Whole US dollars; `exceptZero` signs a change ("+$600"). */
const dollars = (locale: string, signDisplay: "auto" | "exceptZero") =>
  new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "USD",
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
    signDisplay,
  });
const currencyFormat = perLang((l) => dollars(l, "auto"));
const currencyChangeFormat = perLang((l) => dollars(l, "exceptZero"));
const percentChangeFormat = perLang(
  (l) => new Intl.NumberFormat(l, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }),
);
const percentFormat = perLang((l) => new Intl.NumberFormat(l, { style: "percent", maximumFractionDigits: 0 }));
const numberFormat = perLang((l) => new Intl.NumberFormat(l));
const dateFormat = perLang((l) => new Intl.DateTimeFormat(l, { dateStyle: "medium" }));
const pluralRules = perLang((l) => new Intl.PluralRules(l));
const monthFormat = perLang((l) => new Intl.DateTimeFormat(l, { month: "long", year: "numeric", timeZone: "UTC" }));
const shortMonthFormat = perLang(
  (l) => new Intl.DateTimeFormat(l, { month: "short", year: "2-digit", timeZone: "UTC" }),
);
const monthStart = (month: string): number => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return Date.UTC(y, m - 1, 1);
};

/** Whole dollars, e.g. "$1,500". */
export function formatCurrency(amount: number, lang: Lang): string {
  return currencyFormat(lang).format(amount);
}

/** A change in whole dollars with its sign, e.g. "+$600", "-$200", "$0". */
export function formatCurrencyChange(amount: number, lang: Lang): string {
  return currencyChangeFormat(lang).format(amount);
}

/** A change in percent (given as 30 for 30%) with its sign, one decimal at most, e.g. "+30%", "-20%", "0%". */
export function formatPercentChange(percent: number, lang: Lang): string {
  return percentChangeFormat(lang).format(percent / 100);
}

/** A share (given as 0.57 for 57%) in whole percent, e.g. "57%" ("57 %" in Spanish). */
export function formatPercent(share: number, lang: Lang): string {
  return percentFormat(lang).format(share);
}

/** A plain count, e.g. "1,234". */
export function formatNumber(value: number, lang: Lang): string {
  return numberFormat(lang).format(value);
}

/** A calendar date, e.g. "Nov 25, 2026" / "25 nov 2026". */
export function formatDate(time: number, lang: Lang): string {
  return dateFormat(lang).format(time);
}

/** The CLDR plural category of `count` (Spanish also has `many`, e.g. for 1,000,000). */
export function pluralCategory(count: number, lang: Lang): Intl.LDMLPluralRule {
  return pluralRules(lang).select(count);
}

/** A journal month "YYYY-MM" as words, e.g. "May 2025" / "mayo de 2025" (UTC, so no zone shifts it). */
export function formatMonth(month: string, lang: Lang): string {
  return monthFormat(lang).format(monthStart(month));
}

/** A "YYYY-MM" month in short, e.g. "Nov 26" (a chart's axis on a phone). */
export function formatMonthShort(month: string, lang: Lang): string {
  return shortMonthFormat(lang).format(monthStart(month));
}
