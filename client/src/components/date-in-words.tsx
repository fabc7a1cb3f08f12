/**
 * A date field's value spelled out in the member's language ("Friday, March 6, 2026" / "viernes, 6 de
 * marzo de 2026"). A native date field shows the browser's own format, whatever language Porch is in;
 * this line says which date it is in words the member reads, and screen readers hear it as the field's
 * description.
 */
import type { JSX } from "solid-js";
import { LOCALES, perLang } from "../i18n/format.ts";
import { useI18n } from "../primitives/i18n-context.tsx";

const longDate = perLang((l) => new Intl.DateTimeFormat(l, { dateStyle: "full", timeZone: "UTC" }));

/** `YYYY-MM-DD` as words, or null when it is not a whole date yet. */
function spelled(value: string, locale: Parameters<typeof longDate>[0]): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return null;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(time) ? null : longDate(locale).format(time);
}

export function DateInWords(props: { readonly id: string; readonly value: string }): JSX.Element {
  const { t, lang } = useI18n();
  const words = () => spelled(props.value, lang());
  return (
    <p class="hint date-in-words" id={props.id} data-testid="date-in-words" lang={LOCALES[lang()]}>
      {words() === null ? "" : t("first.dateInWords", words()!)}
    </p>
  );
}
