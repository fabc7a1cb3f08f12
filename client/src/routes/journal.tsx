/**
 * "My journal": this month's entry (or an earlier month's), a gentle reminder when this month is not
 * filled in, the months written so far with their edit history, and the way to "My progress" and to
 * what is shared. Only the member's own devices ever hold it.
 */
import "../components/journal.css";
import { addMonths, type FieldId } from "@porch/shared/journal";
import { createSignal, For, type JSX, Show } from "solid-js";
import { JournalForm } from "../components/journal-form.tsx";
import { JournalHistory } from "../components/journal-history.tsx";
import { JournalNav } from "../components/journal-nav.tsx";
import { formatMonth } from "../i18n/format.ts";
import { createJournalView } from "../primitives/create-journal-view.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

/** How far back the month menu goes, besides any older month that already has an entry. */
const MONTHS_BACK = 24;

export function JournalScreen(): JSX.Element {
  const { api, state } = usePorch();
  const { t, lang } = useI18n();
  const view = createJournalView(api, state.version);
  const [chosen, setChosen] = createSignal<string | null>(null);
  const current = () => view()?.currentMonth ?? null;
  const month = () => chosen() ?? current();
  const months = () => {
    const now = current();
    if (now === null) return [];
    const recent = Array.from({ length: MONTHS_BACK }, (_, i) => addMonths(now, -i));
    const older = (view()?.months ?? []).map((m) => m.month).filter((m) => !recent.includes(m));
    return [...recent, ...older.reverse()];
  };
  const entry = () => view()?.months.find((m) => m.month === month()) ?? null;
  const suggested = (): Partial<Record<FieldId, string>> => {
    const help = view()?.help?.[month() ?? ""];
    return help === undefined ? {} : { "help.given": String(help.given), "help.received": String(help.received) };
  };

  return (
    <div class="stack">
      <JournalNav current="journal" />
      <h1 tabindex="-1">{t("journal.title")}</h1>
      <p>{t("journal.intro")}</p>
      <p class="note">{t("journal.privateNote")}</p>
      <Show when={view()?.missingThisMonth && current()}>
        {(m) => (
          <p class="reminder" data-testid="journal-reminder">
            {t("journal.reminder", formatMonth(m(), lang()))}
          </p>
        )}
      </Show>
      <Show when={month()} keyed>
        {(m) => (
          <section class="card" aria-labelledby="journal-entry-title">
            <h2 id="journal-entry-title">{formatMonth(m, lang())}</h2>
            <JournalForm
              api={api.journal}
              months={months()}
              month={m}
              onMonth={setChosen}
              stored={entry()?.values ?? {}}
              suggested={entry() === null ? suggested() : {}}
            />
            <Show when={entry()}>{(e) => <JournalHistory entry={e()} />}</Show>
          </section>
        )}
      </Show>
      <Show when={(view()?.months.length ?? 0) > 0}>
        <section class="card" aria-labelledby="journal-months-title">
          <h2 id="journal-months-title">{t("journal.monthsTitle")}</h2>
          <ul class="journal-months" data-testid="journal-months">
            <For each={[...(view()?.months ?? [])].reverse()}>
              {(m) => (
                <li>
                  <button type="button" class="link-button" onClick={() => setChosen(m.month)}>
                    {formatMonth(m.month, lang())}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </div>
  );
}
