/**
 * One journal question: its label, its one line of help, and the control its kind needs — a text box
 * for amounts and counts (a phone's number pad; the core parses what was typed), a menu for yes/no,
 * choices and the 1–5 rating (one "not answered" entry each, so any answer can be taken back), and a
 * text area for the reflection.
 */
import { choiceText, fieldText } from "../i18n/journal-text.ts";
import { fieldDef, TEXT_MAX_LENGTH, type ChoiceFieldId, type FieldId, type RawValue } from "@porch/shared/journal";
import { For, type JSX, Match, Switch } from "solid-js";
import { useI18n } from "../primitives/i18n-context.tsx";
import { ErrorMessage } from "./error-message.tsx";

export function JournalField(props: {
  readonly field: FieldId;
  readonly value: RawValue | undefined;
  readonly error: string | null;
  readonly onChange: (value: RawValue) => void;
}): JSX.Element {
  const { t } = useI18n();
  const def = () => fieldDef(props.field);
  const id = () => `journal-${props.field.replace(".", "-")}`;
  const describedBy = () => (props.error ? `${id()}-help ${id()}-error` : `${id()}-help`);
  const text = () => (typeof props.value === "string" ? props.value : "");
  const common = () => ({
    id: id(),
    "data-testid": `journal-field-${props.field}`,
    "aria-invalid": props.error !== null,
    "aria-describedby": describedBy(),
  });
  const choice = (value: string) => choiceText(t, props.field as ChoiceFieldId, value);

  return (
    <div class="journal-field" data-kind={def().kind}>
      <label for={id()}>{fieldText(t, props.field).label}</label>
      <p class="hint" id={`${id()}-help`}>
        {fieldText(t, props.field).help}
      </p>
      <Switch>
        <Match when={def().kind === "money" || def().kind === "count"}>
          <div class={def().kind === "money" ? "money-input" : undefined}>
            <input
              {...common()}
              type="text"
              inputmode={def().kind === "money" ? "decimal" : "numeric"}
              autocomplete="off"
              value={text()}
              onInput={(e) => props.onChange(e.currentTarget.value)}
            />
          </div>
        </Match>
        <Match when={def().kind === "yesNo"}>
          <select
            {...common()}
            value={props.value === true ? "yes" : props.value === false ? "no" : ""}
            onChange={(e) => {
              const v = e.currentTarget.value;
              props.onChange(v === "yes" ? true : v === "no" ? false : null);
            }}
          >
            <option value="">{t("journal.notAnswered")}</option>
            <option value="yes">{t("journal.yes")}</option>
            <option value="no">{t("journal.no")}</option>
          </select>
        </Match>
        <Match when={def().kind === "rating"}>
          <select {...common()} value={text()} onChange={(e) => props.onChange(e.currentTarget.value || null)}>
            <option value="">{t("journal.notAnswered")}</option>
            <For each={["1", "2", "3", "4", "5"] as const}>
              {(r) => <option value={r}>{t(`journal.ratings.${r}`)}</option>}
            </For>
          </select>
        </Match>
        <Match when={def().kind === "choice"}>
          <select {...common()} value={text()} onChange={(e) => props.onChange(e.currentTarget.value || null)}>
            <option value="">{t("journal.notAnswered")}</option>
            <For each={"choices" in def() ? (def() as { choices: readonly string[] }).choices : []}>
              {(o) => <option value={o}>{choice(o)}</option>}
            </For>
          </select>
        </Match>
        <Match when={def().kind === "text"}>
          <textarea {...common()} rows={4} value={text()} onInput={(e) => props.onChange(e.currentTarget.value)} />
          <p class="hint" aria-live="polite">
            {t("journal.charactersLeft", TEXT_MAX_LENGTH - text().length)}
          </p>
        </Match>
      </Switch>
      <ErrorMessage id={`${id()}-error`} message={props.error} />
    </div>
  );
}
