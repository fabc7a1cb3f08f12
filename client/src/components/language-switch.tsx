/** One button that switches to the other language, written in that language ("Español" / "English"). */
import type { JSX } from "solid-js";
import { useI18n } from "../primitives/i18n-context.tsx";

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
