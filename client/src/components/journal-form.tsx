/**
 * One month of the journal: a month to pick (this month or an earlier one), then the questions in
 * sections a phone can fold away. What the member typed is kept exactly as typed until it is saved;
 * a refused save keeps it all, opens the sections with a problem, says what is wrong under each field
 * and moves the focus to the first one.
 */
import {
  amountInputText,
  fieldDef,
  fieldsOfSection,
  JOURNAL_SECTIONS,
  type FieldId,
  type JournalLocale,
  type JournalSection,
  type JournalValues,
  type RawValue,
  type RawValues,
} from "@porch/shared/journal";
import { createEffect, createSignal, For, type JSX, on, Show } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { JournalApi } from "../core/api/journal-api.ts";
import { formatMonth } from "../i18n/format.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { ErrorMessage } from "./error-message.tsx";
import { JournalField } from "./journal-field.tsx";

type Problems = Partial<Record<FieldId | "month", string>>;

/** The form's text for stored answers: amounts as the member would type them, yes/no as booleans. */
function rawFrom(values: JournalValues, locale: JournalLocale): RawValues {
  const raw: Partial<Record<FieldId, RawValue>> = {};
  for (const [field, value] of Object.entries(values) as [FieldId, number | boolean | string][]) {
    const kind = fieldDef(field).kind;
    raw[field] =
      typeof value === "boolean" ? value : kind === "money" ? amountInputText(value as number, locale) : String(value);
  }
  return raw;
}

export function JournalForm(props: {
  readonly api: JournalApi;
  /** Months the member may pick, newest first (this month and earlier ones). */
  readonly months: readonly string[];
  readonly month: string;
  readonly onMonth: (month: string) => void;
  /** Stored answers of the chosen month. */
  readonly stored: JournalValues;
  /** Suggestions for unanswered fields (help given and received, from the member's groups). */
  readonly suggested: Partial<Record<FieldId, string>>;
}): JSX.Element {
  const { t, lang, errorText } = useI18n();
  const locale = (): JournalLocale => (lang() === "es" ? "es-US" : "en-US");
  const [values, setValues] = createStore<{ raw: Partial<Record<FieldId, RawValue>> }>({ raw: {} });
  const [problems, setProblems] = createSignal<Problems>({});
  const [open, setOpen] = createSignal<ReadonlySet<JournalSection>>(new Set(["income"]));
  const [status, setStatus] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  let form: HTMLFormElement | undefined;

  // A new month (or the first load) starts from what is stored; typing is never overwritten by a sync.
  createEffect(
    on(
      () => props.month,
      () => {
        setValues("raw", reconcile({ ...props.suggested, ...rawFrom(props.stored, locale()) }));
        setProblems({});
        setStatus(null);
      },
    ),
  );

  const answered = (section: JournalSection) =>
    fieldsOfSection(section).filter((f) => {
      const v = values.raw[f.id];
      return v !== undefined && v !== null && v !== "";
    }).length;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (pending()) return;
    setPending(true);
    setStatus(null);
    setFailure(null);
    try {
      const raw: Partial<Record<FieldId, RawValue>> = {};
      for (const [k, v] of Object.entries(values.raw)) raw[k as FieldId] = v === "" ? null : v;
      const result = await props.api.saveMonth(props.month, raw);
      if (result.ok) {
        setProblems({});
        setStatus(t("journal.saved", formatMonth(props.month, lang())));
        return;
      }
      if ("problems" in result && result.problems !== undefined) {
        const shown: Problems = {};
        for (const [k, code] of Object.entries(result.problems)) shown[k as FieldId] = errorText(code);
        setProblems(shown);
        const sections = new Set(open());
        for (const k of Object.keys(shown)) if (k !== "month") sections.add(fieldDef(k as FieldId).section);
        setOpen(sections);
        queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      } else setFailure(errorText(result.code));
    } catch {
      setFailure(errorText("unexpected"));
    } finally {
      setPending(false);
    }
  };

  return (
    <form ref={form} class="journal-form" onSubmit={submit} novalidate data-testid="journal-form">
      <label for="journal-month">{t("journal.monthLabel")}</label>
      <select
        id="journal-month"
        data-testid="journal-month"
        value={props.month}
        aria-invalid={problems().month !== undefined}
        onChange={(e) => props.onMonth(e.currentTarget.value)}
      >
        <For each={props.months}>{(m) => <option value={m}>{formatMonth(m, lang())}</option>}</For>
      </select>
      <ErrorMessage message={problems().month ?? null} />
      <p class="hint">{t("journal.skipAnything")}</p>

      <For each={JOURNAL_SECTIONS}>
        {(section) => (
          <details
            class="journal-section"
            data-testid={`journal-section-${section}`}
            open={open().has(section)}
            onToggle={(e) => {
              const next = new Set(open());
              if (e.currentTarget.open) next.add(section);
              else next.delete(section);
              setOpen(next);
            }}
          >
            <summary>
              <span>{t(`journal.sections.${section}`)}</span>
              <span class="journal-count">
                {answered(section)}/{fieldsOfSection(section).length}
              </span>
            </summary>
            <fieldset>
              <legend class="visually-hidden">{t(`journal.sections.${section}`)}</legend>
              <For each={fieldsOfSection(section)}>
                {(f) => (
                  <JournalField
                    field={f.id}
                    value={values.raw[f.id]}
                    error={problems()[f.id] ?? null}
                    onChange={(v) => setValues("raw", f.id, v)}
                  />
                )}
              </For>
            </fieldset>
          </details>
        )}
      </For>

      <div class="actions">
        <button type="submit" class="primary" data-testid="journal-save" disabled={pending()}>
          {t("journal.save")}
        </button>
      </div>
      <ErrorMessage message={failure()} />
      <p role="status" class="note" data-testid="journal-status">
        <Show when={status()}>{status()}</Show>
      </p>
    </form>
  );
}
