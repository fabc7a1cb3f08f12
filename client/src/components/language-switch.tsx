/** Choosing the language: one button that switches to the other, or the radio choice of both. */
import { For, type JSX } from "solid-js";
import type { Lang } from "../core/api/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";

/** Each language under its own name, written in that language. */
const LANGS: readonly { readonly lang: Lang; readonly name: string }[] = [
  { lang: "en", name: "English" },
  { lang: "es", name: "Español" },
];

/** One button that switches to the other language, written in that language ("Español" / "English"). */
export function LanguageSwitch(): JSX.Element {
  const { t, lang, setLang } = useI18n();
  const other = () => (lang() === "en" ? "es" : "en");
  return (
    <button
      type="button"
      class="lang-switch"
      data-testid="lang-switch"
      lang={other()}
      aria-label={t("switchToLabel")}
      onClick={() => setLang(other())}
    >
      {t("switchTo")}
    </button>
  );
}

/**
 * The two languages as radio buttons (onboarding, settings); choosing one switches at once. `name` is
 * the radio group's name and the prefix of each button's test id (`<name>-en`).
 */
export function LanguageChoice(props: {
  readonly name: string;
  readonly legend: string;
  /** The legend is read by screen readers only (a heading above already says it). */
  readonly legendHidden?: boolean;
  readonly describedBy?: string;
}): JSX.Element {
  const { lang, setLang } = useI18n();
  return (
    <fieldset class="lang-choice" aria-describedby={props.describedBy}>
      <legend class={props.legendHidden ? "visually-hidden" : undefined}>{props.legend}</legend>
      <For each={LANGS}>
        {(option) => (
          <label class="radio" lang={option.lang}>
            <input
              type="radio"
              name={props.name}
              value={option.lang}
              data-testid={`${props.name}-${option.lang}`}
              checked={lang() === option.lang}
              onChange={() => setLang(option.lang)}
            />
            {option.name}
          </label>
        )}
      </For>
    </fieldset>
  );
}
