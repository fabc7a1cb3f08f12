/**
 * The journal's field catalogue: every question a member can answer each month, in the order the form
 * asks them. One table that the form, the checks, the progress maths, the consent rules and the
 * organization's contribution all read, so a field cannot exist in one place and be missing in another.
 *
 * Ids are stable forever (they are stored in documents and named in consents); labels live in the
 * client's i18n. Money is whole cents; counts and ratings are whole numbers; yes/no is a boolean;
 * a choice is one of its listed values; text is never shared with anyone (see consent.ts).
 */

/** The form's sections, in order. */
export const JOURNAL_SECTIONS = [
  "income",
  "assets",
  "debts",
  "health",
  "education",
  "housing",
  "leadership",
  "connections",
  "reflection",
] as const;
/** One section of the form. */
export type JournalSection = (typeof JOURNAL_SECTIONS)[number];

/** How a field is answered. */
export type FieldKind = "money" | "count" | "yesNo" | "rating" | "choice" | "text";

/** The largest amount a money field accepts: $10,000,000, in cents. */
export const MONEY_MAX_CENTS = 1_000_000_000;
/** The longest reflection, in characters (UTF-16 code units, like a textarea's `maxlength`). */
export const TEXT_MAX_LENGTH = 2000;

const money = <I extends string, S extends JournalSection>(id: I, section: S) =>
  ({ id, section, kind: "money", min: 0, max: MONEY_MAX_CENTS }) as const;
const yesNo = <I extends string, S extends JournalSection>(id: I, section: S) =>
  ({ id, section, kind: "yesNo" }) as const;

/** Every field, in the order the form asks. */
export const JOURNAL_FIELDS = [
  money("income.wages", "income"),
  money("income.selfEmployment", "income"),
  money("income.benefits", "income"),
  money("income.family", "income"),
  money("income.other", "income"),
  { id: "household.size", section: "income", kind: "count", min: 1, max: 30 },
  money("assets.cash", "assets"),
  money("assets.retirement", "assets"),
  money("assets.vehicle", "assets"),
  money("assets.homeEquity", "assets"),
  money("assets.business", "assets"),
  money("debts.creditCards", "debts"),
  money("debts.loans", "debts"),
  money("debts.medical", "debts"),
  money("debts.other", "debts"),
  yesNo("health.insured", "health"),
  { id: "health.selfRated", section: "health", kind: "rating", min: 1, max: 5 },
  yesNo("education.enrolled", "education"),
  yesNo("education.credential", "education"),
  {
    id: "education.childrenSchool",
    section: "education",
    kind: "choice",
    choices: ["na", "struggling", "onTrack", "thriving"],
  },
  { id: "housing.status", section: "housing", kind: "choice", choices: ["own", "rent", "family", "unstable"] },
  money("housing.cost", "housing"),
  yesNo("leadership.school", "leadership"),
  yesNo("leadership.faith", "leadership"),
  yesNo("leadership.neighbourhood", "leadership"),
  yesNo("leadership.volunteer", "leadership"),
  { id: "connections.countOn", section: "connections", kind: "choice", choices: ["none", "few", "some", "many"] },
  { id: "help.given", section: "connections", kind: "count", min: 0, max: 999 },
  { id: "help.received", section: "connections", kind: "count", min: 0, max: 999 },
  { id: "reflection", section: "reflection", kind: "text", maxLength: TEXT_MAX_LENGTH },
] as const;

/** One field's definition. */
export type FieldDef = (typeof JOURNAL_FIELDS)[number];
/** A field's stable id, e.g. "income.wages". */
export type FieldId = FieldDef["id"];
/** The ids of the fields of one kind. */
export type FieldIdOfKind<K extends FieldKind> = Extract<FieldDef, { kind: K }>["id"];
/** Money fields (whole cents). */
export type MoneyFieldId = FieldIdOfKind<"money">;
/** Choice fields. */
export type ChoiceFieldId = FieldIdOfKind<"choice">;
/** The values a choice field accepts. */
export type ChoiceOf<F extends ChoiceFieldId> =
  Extract<FieldDef, { id: F }> extends { choices: readonly (infer C extends string)[] } ? C : never;
/** Fields that may ever leave the device (with consent): every field but text. */
export type ShareableFieldId = Exclude<FieldId, FieldIdOfKind<"text">>;

/** A stored answer: cents, a count or a rating (number), yes/no (boolean), a choice or text (string). */
export type JournalValue = number | boolean | string;
/** One month's answers; an unanswered field is absent. */
export type JournalValues = Readonly<Partial<Record<FieldId, JournalValue>>>;

/** Every field id, in form order. */
export const FIELD_IDS: readonly FieldId[] = JOURNAL_FIELDS.map((f) => f.id);

const BY_ID: ReadonlyMap<string, FieldDef> = new Map(JOURNAL_FIELDS.map((f) => [f.id, f]));

/** Narrows an unknown value to a `FieldId`. */
export const isFieldId = (value: unknown): value is FieldId => typeof value === "string" && BY_ID.has(value);

/** A field's definition (ids are a closed set, so this always finds one). */
export const fieldDef = <F extends FieldId>(id: F): Extract<FieldDef, { id: F }> =>
  BY_ID.get(id) as Extract<FieldDef, { id: F }>;

/** The fields of one section, in form order. */
export const fieldsOfSection = (section: JournalSection): readonly FieldDef[] =>
  JOURNAL_FIELDS.filter((f) => f.section === section);

/** The ids of every field of one kind, in form order. */
export const fieldsOfKind = <K extends FieldKind>(kind: K): readonly FieldIdOfKind<K>[] =>
  JOURNAL_FIELDS.filter((f) => f.kind === kind).map((f) => f.id as FieldIdOfKind<K>);

/** Money fields, in form order. */
export const MONEY_FIELDS: readonly MoneyFieldId[] = fieldsOfKind("money");

/** Money fields of a section (income, assets, debts, housing), in form order. */
export const moneyFieldsOf = (section: JournalSection): readonly MoneyFieldId[] =>
  MONEY_FIELDS.filter((id) => fieldDef(id).section === section);

/** True for fields that may leave the device with consent (everything but text). */
export const isShareableField = (value: unknown): value is ShareableFieldId =>
  isFieldId(value) && fieldDef(value).kind !== "text";

/** Shareable fields, in form order. */
export const SHAREABLE_FIELDS: readonly ShareableFieldId[] = FIELD_IDS.filter(isShareableField);

/**
 * True when `value` is a valid stored answer for `id` (right type, in range, a listed choice). Readers
 * of stored documents use it to skip anything malformed rather than show it.
 */
export function isValidValue(id: FieldId, value: unknown): value is JournalValue {
  const f = fieldDef(id);
  switch (f.kind) {
    case "money":
    case "count":
    case "rating":
      return typeof value === "number" && Number.isInteger(value) && value >= f.min && value <= f.max;
    case "yesNo":
      return typeof value === "boolean";
    case "choice":
      return typeof value === "string" && (f.choices as readonly string[]).includes(value);
    case "text":
      return typeof value === "string" && value.length <= f.maxLength;
  }
}
