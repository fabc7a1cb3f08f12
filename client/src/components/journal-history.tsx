/** A month's edit history, newest first: when it was saved and what changed, in the member's words. */
import { choiceText, fieldText } from "../i18n/journal-text.ts";
import { fieldDef, formatAmount, type ChoiceFieldId, type FieldId, type JournalValue } from "@porch/shared/journal";
import { For, type JSX, Show } from "solid-js";
import type { JournalMonthView } from "../core/api/journal-api.ts";
import { formatDate } from "../i18n/format.ts";
import { useI18n } from "../primitives/i18n-context.tsx";

export function JournalHistory(props: { readonly entry: JournalMonthView }): JSX.Element {
  const { t, lang } = useI18n();
  const shown = (field: FieldId, value: JournalValue | null): string => {
    if (value === null) return t("journal.emptyAnswer");
    if (typeof value === "boolean") return value ? t("journal.yes") : t("journal.no");
    const kind = fieldDef(field).kind;
    if (kind === "money") return formatAmount(value as number, lang() === "es" ? "es-US" : "en-US");
    if (kind === "choice") return choiceText(t, field as ChoiceFieldId, value as string);
    return String(value);
  };
  return (
    <Show when={props.entry.editCount > 0}>
      <details class="journal-history" data-testid="journal-history">
        <summary>{t("journal.historyTitle")}</summary>
        <ol>
          <For each={props.entry.edits}>
            {(edit) => (
              <li>
                <p class="hint">
                  {edit.first
                    ? t("journal.firstWritten", formatDate(edit.at, lang()))
                    : t("journal.editedOn", formatDate(edit.at, lang()))}
                </p>
                <ul>
                  <For
                    each={
                      Object.entries(edit.changes) as [FieldId, readonly [JournalValue | null, JournalValue | null]][]
                    }
                  >
                    {([field, [from, to]]) => (
                      <li>
                        {t("journal.changedFrom", fieldText(t, field).label, shown(field, from), shown(field, to))}
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ol>
      </details>
    </Show>
  );
}
