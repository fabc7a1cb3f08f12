/**
 * Checks one month's form before it is saved. Every field is checked on its own and gets its own
 * `Result`, so the form can show one sentence next to each bad field and keep everything the member
 * typed (nothing is dropped because another field was wrong). The core runs the same check before it
 * writes, so what the form accepts is exactly what gets stored.
 *
 * Raw values are what a form holds: text for numbers, choices and the reflection; booleans for yes/no
 * (the strings "yes"/"no" are accepted too). A field left out of `rawValues` (or `undefined`) is not
 * touched; `null` or blank text clears its answer (the value becomes `null`).
 */
import type { ErrorCode } from "../errors.ts";
import { err, ok, type Result } from "../result.ts";
import { parseAmount, parseCount, type JournalLocale } from "./amounts.ts";
import { fieldDef, FIELD_IDS, isFieldId, type FieldDef, type FieldId, type JournalValue } from "./fields.ts";
import { isFuture, parseMonth, type Month } from "./month.ts";

/** Every failure code the journal's checks return (each has a sentence in the client's i18n). */
import { JOURNAL_ERROR_CODES } from "../errors.ts";
export { JOURNAL_ERROR_CODES };
/** One journal failure code. */
export type JournalErrorCode = (typeof JOURNAL_ERROR_CODES)[number];

/** What a form submits for a field. */
export type RawValue = string | boolean | null;
/** What a form submits: some or all fields. */
export type RawValues = Readonly<Partial<Record<FieldId, RawValue>>>;
/** Checked values: the value to store, or `null` to clear the answer. */
export type EntryValues = Readonly<Partial<Record<FieldId, JournalValue | null>>>;
/** The failures of a form, by field ("month" for the month itself): one sentence each. */
export type EntryProblems = Readonly<Partial<Record<FieldId | "month", ErrorCode>>>;

/** The outcome of `validateEntry`. */
export interface EntryCheck {
  /** True when the month and every given field passed. */
  readonly ok: boolean;
  readonly month: Result<Month>;
  /** One result per field given (unknown keys are ignored). */
  readonly fields: Readonly<Partial<Record<FieldId, Result<JournalValue | null>>>>;
  /** The values of the fields that passed (all of them when `ok`). */
  readonly values: EntryValues;
  /** The failures alone. */
  readonly problems: EntryProblems;
}

const YES = new Set(["yes", "true", "sí", "si"]);
const NO = new Set(["no", "false"]);

/** Checks one field's raw value against its definition. */
export function validateField(def: FieldDef, raw: RawValue, locale: JournalLocale): Result<JournalValue | null> {
  if (raw === null) return ok(null);
  if (typeof raw === "boolean") return def.kind === "yesNo" ? ok(raw) : err("choice-unknown", "boolean");
  const text = raw.trim();
  if (text === "") return ok(null);
  switch (def.kind) {
    case "money":
      return parseAmount(text, locale);
    case "count":
    case "rating":
      return parseCount(text, def.min, def.max, locale);
    case "yesNo": {
      const t = text.toLowerCase();
      return YES.has(t) ? ok(true) : NO.has(t) ? ok(false) : err("choice-unknown");
    }
    case "choice":
      return (def.choices as readonly string[]).includes(text) ? ok(text) : err("choice-unknown");
    case "text":
      return text.length > def.maxLength ? err("text-too-long") : ok(text);
  }
}

/**
 * Checks a month's form: the month must be a real "YYYY-MM" (`month-invalid`) and not after the month
 * of `now` (`month-in-future`; see month.ts for `utcOffsetMinutes`), and each field must parse.
 */
export function validateEntry(
  month: string,
  rawValues: RawValues,
  now: number,
  locale: JournalLocale,
  utcOffsetMinutes = 0,
): EntryCheck {
  const parsed = parseMonth(month);
  const monthResult: Result<Month> =
    parsed.ok && isFuture(parsed.value, now, utcOffsetMinutes) ? err("month-in-future") : parsed;
  const fields: Partial<Record<FieldId, Result<JournalValue | null>>> = {};
  const values: Partial<Record<FieldId, JournalValue | null>> = {};
  const problems: Partial<Record<FieldId | "month", ErrorCode>> = {};
  if (!monthResult.ok) problems.month = monthResult.code;
  for (const id of FIELD_IDS) {
    const raw = rawValues[id];
    if (raw === undefined) continue;
    const r = validateField(fieldDef(id), raw, locale);
    fields[id] = r;
    if (r.ok) values[id] = r.value;
    else problems[id] = r.code;
  }
  return { ok: Object.keys(problems).length === 0, month: monthResult, fields, values, problems };
}

/** Field ids in `rawValues` that the journal does not know (a form built against another catalogue). */
export const unknownFields = (rawValues: Readonly<Record<string, unknown>>): readonly string[] =>
  Object.keys(rawValues).filter((k) => !isFieldId(k));
