/**
 * The dashboard's words in each language: its own dictionary (i18n/org.*.ts) and, for the journal's
 * questions, the journal's dictionary — a question reads the same to the organization as to the family
 * who answered it. Plain lookups, no framework: the pure formatting (round-words.ts, release-rows.ts)
 * and its tests use them as they are.
 */
import type { Lang } from "../core/api/porch-api.ts";
import type { ShareableFieldId } from "@porch/shared/journal";
import { journalEn } from "../i18n/journal.en.ts";
import { journalEs } from "../i18n/journal.es.ts";
import type { JournalDictionary } from "../i18n/journal-dictionary.ts";
import { ORG_ERROR_CODES, type OrgDictionary, type OrgErrorCode } from "../i18n/org-dictionary.ts";
import { orgEn } from "../i18n/org.en.ts";
import { orgEs } from "../i18n/org.es.ts";

export type { Lang };
/** The dashboard's sentences in one language. */
export type OrgText = OrgDictionary["org"];
/** The journal's sentences in one language (question labels, choices, ratings). */
export type JournalText = JournalDictionary["journal"];

export const ORG_TEXT: Readonly<Record<Lang, OrgText>> = { en: orgEn.org, es: orgEs.org };
export const JOURNAL_TEXT: Readonly<Record<Lang, JournalText>> = { en: journalEn.journal, es: journalEs.journal };

/** A journal question's label, as the family saw it. */
export const fieldLabel = (lang: Lang, field: ShareableFieldId): string => JOURNAL_TEXT[lang].fields[field].label;

const isOrgError = (code: string): code is OrgErrorCode => (ORG_ERROR_CODES as readonly string[]).includes(code);

/** The sentence for a failure code the relay (or this browser) gave. */
export const errorText = (d: OrgText, code: string): string => (isOrgError(code) ? d.errors[code] : d.errorOther(code));
