/**
 * Amounts as a member types them, and back. Money is whole cents internally, never floating dollars,
 * so sums and changes are exact.
 *
 * Separators come from `Intl.NumberFormat(locale)` itself, so parsing accepts exactly what formatting
 * writes. For both "en-US" and "es-US" that is "1,234.56" (US Spanish uses the decimal point, like the
 * bills and paychecks members read). A decimal comma ("1234,50") is refused as not-a-number rather than
 * guessed: a wrong guess would be off by a factor of 100. Spaces anywhere, a "$" / "US$" / "USD" before
 * or after, and grouping in the right places ("1,234" — not "12,34") are accepted.
 */
import { err, ok, type Result } from "../result.ts";
import { MONEY_MAX_CENTS } from "./fields.ts";

/** The locales the journal formats and parses in (the client's `LOCALES`). */
export type JournalLocale = "en-US" | "es-US";

interface Separators {
  readonly group: string;
  readonly decimal: string;
  readonly number: RegExp;
}
const cache = new Map<string, Separators>();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

const SPACES = /[\s\u00a0\u202f]/g;

function separatorsOf(locale: JournalLocale): Separators {
  let s = cache.get(locale);
  if (s === undefined) {
    const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    // Spaces are removed from the input before matching, so a space-like group separator is none.
    const group = (parts.find((p) => p.type === "group")?.value ?? ",").replace(SPACES, "");
    const decimal = parts.find((p) => p.type === "decimal")?.value ?? ".";
    // Whole part: plain digits, or 1–3 digits then groups of exactly three. Fraction: any digits
    // (more than two is refused by the caller, with its own reason).
    const whole = group === "" ? String.raw`\d*` : String.raw`(?:\d{1,3}(?:${escape(group)}\d{3})+|\d*)`;
    s = { group, decimal, number: new RegExp(String.raw`^(${whole})(?:${escape(decimal)}(\d*))?$`) };
    cache.set(locale, s);
  }
  return s;
}

const MINUS = /^[-\u2212]/;
const CURRENCY = /^(?:US\$|USD|\$)|(?:US\$|USD|\$)$/i;

/** The sign and the digits, or null when `text` is not a number in `locale`. */
function splitNumber(
  text: string,
  locale: JournalLocale,
): { negative: boolean; whole: string; fraction: string } | null {
  let s = text.replace(SPACES, "");
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1);
  }
  for (let i = 0; i < 3; i++) {
    if (MINUS.test(s) && !negative) {
      negative = true;
      s = s.slice(1);
    } else if (CURRENCY.test(s)) s = s.replace(CURRENCY, "");
  }
  const { group, number } = separatorsOf(locale);
  const m = number.exec(s);
  if (m === null) return null;
  const whole = group === "" ? (m[1] ?? "") : (m[1] ?? "").split(group).join("");
  const fraction = m[2] ?? "";
  if (whole === "" && fraction === "") return null;
  return { negative, whole, fraction };
}

/**
 * Parses an amount a member typed into whole cents. Failures: `amount-not-a-number` (empty, letters,
 * a decimal comma, more than two decimals, grouping in the wrong place), `amount-negative`,
 * `amount-too-large` (over $10,000,000).
 */
export function parseAmount(text: string, locale: JournalLocale): Result<number> {
  const n = splitNumber(text, locale);
  if (n === null || n.fraction.length > 2) return err("amount-not-a-number");
  const whole = n.whole.replace(/^0+/, "");
  if (whole.length > 12) return err(n.negative ? "amount-negative" : "amount-too-large");
  const cents = Number(whole || "0") * 100 + Number(n.fraction.padEnd(2, "0"));
  if (n.negative && cents > 0) return err("amount-negative");
  return cents > MONEY_MAX_CENTS ? err("amount-too-large") : ok(cents);
}

/**
 * Parses a whole number from `min` to `max` (a count or a rating). Anything else — letters, a fraction,
 * a negative number, out of range — is `count-out-of-range`: its sentence asks for a whole number in
 * the range the question shows.
 */
export function parseCount(text: string, min: number, max: number, locale: JournalLocale): Result<number> {
  const n = splitNumber(text, locale);
  if (n === null || (n.fraction !== "" && !/^0*$/.test(n.fraction))) return err("count-out-of-range", "not-whole");
  const value = Number(n.whole || "0");
  if (n.negative && value > 0) return err("count-out-of-range", "negative");
  return value < min || value > max ? err("count-out-of-range") : ok(value);
}

/** Parses a 1–5 rating. */
export const parseRating = (text: string, locale: JournalLocale): Result<number> => parseCount(text, 1, 5, locale);

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: JournalLocale, currency: boolean, cents: boolean): Intl.NumberFormat {
  const k = `${locale}|${currency}|${cents}`;
  let f = formatters.get(k);
  if (f === undefined) {
    const digits = cents ? 2 : 0;
    f = new Intl.NumberFormat(locale, {
      ...(currency ? { style: "currency", currency: "USD" } : {}),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(k, f);
  }
  return f;
}

/**
 * Cents as dollars for reading: "$1,234.56", and whole dollars without cents ("$1,500"). Negative
 * amounts (a net worth, a change) keep their sign: "-$12".
 */
export function formatAmount(cents: number, locale: JournalLocale): string {
  return formatter(locale, true, cents % 100 !== 0).format(cents / 100);
}

/** Cents as a form field shows them for editing, without the "$": "1,234.56" or "1,500". `parseAmount` reads it back. */
export function amountInputText(cents: number, locale: JournalLocale): string {
  return formatter(locale, false, cents % 100 !== 0).format(cents / 100);
}
