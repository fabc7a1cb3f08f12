/** The translator and formatters for the current language, and `<html lang>` kept in step. */
import { type Accessor, createContext, createEffect, type JSX, useContext } from "solid-js";
import type { ErrorCode } from "@porch/shared";
import type { Lang } from "../core/api/porch-api.ts";
import { formatCurrency, formatNumber } from "../i18n/format.ts";
import { makeTranslator, type Translate } from "../i18n/translator.ts";

export interface I18n {
  readonly lang: Accessor<Lang>;
  readonly setLang: (lang: Lang) => void;
  readonly t: Translate;
  /** The member-facing sentence for a failure; "unexpected" is a bug we could not name. */
  readonly errorText: (code: ErrorCode | "unexpected") => string;
  readonly currency: (amount: number) => string;
  readonly number: (value: number) => string;
}

const I18nContext = createContext<I18n>();

/**
 * `format` with its answers remembered per language: each call of the i18n formatters makes a new
 * `Intl.NumberFormat`, which costs far more than the formatting (the goal cards ask for the same few
 * amounts and percentages again and again). Bounded: forgets everything past 2,000 values.
 */
function remembered(format: (value: number, lang: Lang) => string, lang: Accessor<Lang>): (value: number) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const key = `${lang()} ${value}`;
    let text = seen.get(key);
    if (text === undefined) {
      if (seen.size >= 2000) seen.clear();
      seen.set(key, (text = format(value, lang())));
    }
    return text;
  };
}

export function I18nProvider(props: {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
  readonly children: JSX.Element;
}): JSX.Element {
  const lang = () => props.lang;
  const t = makeTranslator(lang);
  createEffect(() => {
    // Screen readers pick their voice from <html lang>.
    document.documentElement.lang = lang();
  });
  const value: I18n = {
    lang,
    setLang: (next) => props.setLang(next),
    t,
    errorText: (code) => (code === "unexpected" ? t("unexpected") : t(`errors.${code}`)),
    currency: remembered(formatCurrency, lang),
    number: remembered(formatNumber, lang),
  };
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

/** The current language's translator. Throws if called outside `<I18nProvider>`. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === undefined) {
    throw new Error("useI18n() was called outside <I18nProvider>. Wrap the app in <I18nProvider> (see app.tsx).");
  }
  return value;
}
