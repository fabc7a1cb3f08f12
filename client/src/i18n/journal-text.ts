/**
 * A journal question's label and help, and a choice's words. Field ids contain a dot ("income.wages"),
 * one level deeper than the typed flat keys reach, so these read the question's entry as a whole.
 */
import type { ChoiceFieldId, FieldId } from "@porch/shared/journal";
import type { FieldText } from "./journal-dictionary.ts";
import type { Translate } from "./translator.ts";

/** The question's label and its one line of help. */
export const fieldText = (t: Translate, field: FieldId): FieldText =>
  t(`journal.fields.${field}` as "journal.fields.reflection") as unknown as FieldText;

/** The words for one answer of a choice question. */
export const choiceText = (t: Translate, field: ChoiceFieldId, value: string): string =>
  (t(`journal.choices.${field}` as "journal.choices.housing.status") as unknown as Record<string, string>)[value] ??
  value;
