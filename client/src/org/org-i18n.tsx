/** The dashboard's language: its sentences, the journal's question labels, and `<html lang>` kept in step. */
import { type Accessor, createContext, createEffect, type JSX, useContext } from "solid-js";
import { errorText, JOURNAL_TEXT, ORG_TEXT, type JournalText, type Lang, type OrgText } from "./org-text.ts";

export interface OrgI18n {
  readonly lang: Accessor<Lang>;
  readonly setLang: (lang: Lang) => void;
  /** The dashboard's sentences in the current language (reactive when read inside JSX). */
  readonly d: Accessor<OrgText>;
  readonly j: Accessor<JournalText>;
  /** The sentence for a failure code. */
  readonly error: (code: string) => string;
}

const Context = createContext<OrgI18n>();

export function OrgI18nProvider(props: {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
  readonly children: JSX.Element;
}): JSX.Element {
  const lang = () => props.lang;
  const d = () => ORG_TEXT[lang()];
  createEffect(() => {
    // Screen readers pick their voice from <html lang>.
    document.documentElement.lang = lang();
    document.title = d().pageTitle;
  });
  const value: OrgI18n = {
    lang,
    setLang: (next) => props.setLang(next),
    d,
    j: () => JOURNAL_TEXT[lang()],
    error: (code) => errorText(d(), code),
  };
  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

/** The dashboard's language. Throws outside `<OrgI18nProvider>`. */
export function useOrgI18n(): OrgI18n {
  const value = useContext(Context);
  if (value === undefined) throw new Error("useOrgI18n() was called outside <OrgI18nProvider> (see org-app.tsx).");
  return value;
}
