/**
 * The translator the UI uses: `t("errors.invite-expired")`, `t("syncOffline", 3)`. Built on
 * @solid-primitives/i18n; it reads `lang()` on every call, so inside JSX it is reactive.
 */
import * as i18n from "@solid-primitives/i18n";
import type { Lang } from "../core/api/porch-api.ts";
import type { Dictionary } from "./dictionary.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";

/** Every interface language's dictionary. */
export const DICTIONARIES: Readonly<Record<Lang, Dictionary>> = { en, es };

/** Flat keys such as "errors.invite-expired" and "categories.savings". */
export type FlatDictionary = i18n.Flatten<Dictionary>;
/** A typed translate function. */
export type Translate = i18n.Translator<FlatDictionary>;

const FLAT: Readonly<Record<Lang, FlatDictionary>> = { en: i18n.flatten(en), es: i18n.flatten(es) };

/** Makes a translate function that follows `lang`. */
export function makeTranslator(lang: () => Lang): Translate {
  return i18n.translator(() => FLAT[lang()], i18n.resolveTemplate);
}

/** The language to start in before the member has chosen one: the browser's, if it is Spanish. */
export function guessLang(languages: readonly string[]): Lang {
  const first = languages[0]?.toLowerCase() ?? "en";
  return first.startsWith("es") ? "es" : "en";
}
