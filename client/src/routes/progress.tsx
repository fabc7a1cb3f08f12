/**
 * "My progress": income, savings, debt and net worth over the months the member filled in — a chart
 * and a data table for each (screen readers read the table), the change since the baseline month in
 * dollars and percent, the baseline to choose, a one-page summary that prints cleanly, and the
 * member's own data: export it all, or delete the journal from this device and the relay.
 */
import "../components/journal.css";
import { PROGRESS_SERIES, type ProgressSeries, type SeriesChange } from "@porch/shared/journal";
import { createMemo, createSignal, For, type JSX, Show } from "solid-js";
import { ErrorMessage } from "../components/error-message.tsx";
import { CohortStatus } from "../components/cohort-status.tsx";
import { JournalNav } from "../components/journal-nav.tsx";
import { ProgressChart } from "../components/progress-chart.tsx";
import { formatCurrencyChange, formatMonth, formatMonthShort, formatPercentChange } from "../i18n/format.ts";
import { createAction } from "../primitives/create-action.ts";
import { createJournalView } from "../primitives/create-journal-view.ts";
import { createProgressiveCount } from "../primitives/create-progressive-count.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

/** Table rows shown before "Show all months". */
const RECENT_MONTHS = 12;

const COLORS: Readonly<Record<ProgressSeries, string>> = {
  income: "#1f6f43",
  assets: "#1d4f91",
  debts: "#9b2c2c",
  netWorth: "#5b3d8f",
};

export function ProgressScreen(): JSX.Element {
  const { api, state } = usePorch();
  const { t, lang, errorText, currency } = useI18n();
  const view = createJournalView(api, state.version);
  const money = (cents: number) => currency(cents / 100);
  const percent = (p: number) => formatPercentChange(p, lang());
  const signed = (cents: number) => formatCurrencyChange(cents / 100, lang());
  const changeText = (c: SeriesChange | null) =>
    c === null
      ? t("journal.notAvailable")
      : t("journal.change", signed(c.amount), c.percent === null ? t("journal.notAvailable") : percent(c.percent));
  const points = () => view()?.progress.points ?? [];
  // Years of months make long tables: the last year shows, the rest on request (the charts show all).
  const [allMonths, setAllMonths] = createSignal(false);
  const tableRows = () => (allMonths() ? points() : points().slice(-RECENT_MONTHS));
  // One series per task: four charts and tables in one task would be a long one on a cheap phone.
  const seriesShown = createProgressiveCount(() => PROGRESS_SERIES.length, 1, 1);
  const latest = () => points().at(-1) ?? null;
  // Short labels under the chart ("Nov 26"): a full month name does not fit a phone's axis.
  const labels = createMemo(() => points().map((p) => formatMonthShort(p.month, lang())));
  const baseline = createAction((month: string | null) => api.journal.setBaseline(month));
  const [exported, setExported] = createSignal<string | null>(null);

  const download = async (kind: "json" | "csv") => {
    const text = kind === "json" ? await api.journal.exportJson() : await api.journal.exportCsv();
    const blob = new Blob([text], { type: kind === "json" ? "application/json" : "text/csv" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `porch-journal.${kind}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
    setExported(kind);
  };

  return (
    <div class="stack progress-screen">
      <JournalNav current="progress" />
      <h1 tabindex="-1">{t("journal.progressTitle")}</h1>
      <Show
        when={points().length > 0}
        fallback={
          <p class="empty" data-testid="progress-empty">
            {t("journal.progressEmpty")}
          </p>
        }
      >
        <Show when={view()?.baseline.month}>
          {(b) => <p data-testid="progress-baseline">{t("journal.sinceBaseline", formatMonth(b(), lang()))}</p>}
        </Show>
        <Show when={points().length > RECENT_MONTHS}>
          <button
            type="button"
            class="button no-print"
            data-testid="progress-all-months"
            aria-pressed={allMonths()}
            onClick={() => setAllMonths(!allMonths())}
          >
            {allMonths() ? t("journal.showRecentMonths", RECENT_MONTHS) : t("journal.showAllMonths", points().length)}
          </button>
        </Show>
        <For each={PROGRESS_SERIES.slice(0, seriesShown())}>
          {(series) => (
            <section class="card progress-series" aria-labelledby={`progress-${series}-title`}>
              <h2 id={`progress-${series}-title`}>{t(`journal.series.${series}`)}</h2>
              <Show when={latest()}>
                {(p) => (
                  <p class="progress-change" data-testid={`progress-change-${series}`}>
                    {p().totals[series] === null ? t("journal.notAnswered") : changeText(p().change[series])}
                  </p>
                )}
              </Show>
              <ProgressChart
                testId={`progress-chart-${series}`}
                series={{
                  labels: labels(),
                  values: points().map((p) => (p.totals[series] === null ? null : p.totals[series]! / 100)),
                  color: COLORS[series],
                  format: (d) => money(d * 100),
                }}
              />
              <table class="progress-table" data-testid={`progress-table-${series}`}>
                <caption class="visually-hidden">{t(`journal.series.${series}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("journal.monthLabel")}</th>
                    <th scope="col">{t("journal.amountColumn")}</th>
                    <th scope="col">{t("journal.changeColumn")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={tableRows()}>
                    {(p) => (
                      <tr data-month={p.month}>
                        <th scope="row">{formatMonth(p.month, lang())}</th>
                        <td>{p.totals[series] === null ? t("journal.notAnswered") : money(p.totals[series]!)}</td>
                        <td>{changeText(p.change[series])}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
          )}
        </For>

        <CohortStatus releasesOnly />

        <section class="card no-print" aria-labelledby="baseline-title">
          <h2 id="baseline-title">{t("journal.baselineLabel")}</h2>
          <label for="baseline-month">{t("journal.baselineLabel")}</label>
          <p class="hint" id="baseline-help">
            {t("journal.baselineHelp")}
          </p>
          <select
            id="baseline-month"
            data-testid="baseline-month"
            aria-describedby="baseline-help"
            value={view()?.baseline.chosen ?? ""}
            disabled={baseline.pending()}
            onChange={(e) => void baseline.run(e.currentTarget.value === "" ? null : e.currentTarget.value)}
          >
            <option value="">{t("journal.baselineFirst")}</option>
            <For each={view()?.months ?? []}>
              {(m) => <option value={m.month}>{formatMonth(m.month, lang())}</option>}
            </For>
          </select>
          <ErrorMessage message={baseline.error() ? errorText(baseline.error()!) : null} />
        </section>
        <div class="actions no-print">
          <button type="button" class="button" data-testid="progress-print" onClick={() => window.print()}>
            {t("journal.print")}
          </button>
        </div>
      </Show>
      <MyData onExport={download} exported={exported()} />
    </div>
  );
}

/** Export everything, or delete the journal (asks first; the relay confirms before anything is gone here). */
function MyData(props: {
  readonly onExport: (kind: "json" | "csv") => void;
  readonly exported: string | null;
}): JSX.Element {
  const { api } = usePorch();
  const { t, errorText } = useI18n();
  const [asking, setAsking] = createSignal(false);
  const remove = createAction(() => api.journal.deleteJournal());
  const [deleted, setDeleted] = createSignal(false);
  return (
    <section class="card no-print" aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t("journal.myDataTitle")}</h2>
      <p>{t("journal.exportExplain")}</p>
      <div class="actions">
        <button type="button" class="button" data-testid="export-json" onClick={() => props.onExport("json")}>
          {t("journal.exportJson")}
        </button>
        <button type="button" class="button" data-testid="export-csv" onClick={() => props.onExport("csv")}>
          {t("journal.exportCsv")}
        </button>
      </div>
      <p role="status" class="note">
        {props.exported === null ? "" : t("journal.exported")}
      </p>
      <h3>{t("journal.deleteTitle")}</h3>
      <p>{t("journal.deleteExplain")}</p>
      <Show
        when={asking()}
        fallback={
          <button type="button" class="button" data-testid="journal-delete" onClick={() => setAsking(true)}>
            {t("journal.deleteButton")}
          </button>
        }
      >
        <p class="important">{t("journal.deleteConfirmText")}</p>
        <div class="actions">
          <button
            type="button"
            class="button danger"
            data-testid="journal-delete-confirm"
            disabled={remove.pending()}
            onClick={async () => {
              const result = await remove.run();
              if (result?.ok) {
                setAsking(false);
                setDeleted(true);
              }
            }}
          >
            {t("journal.deleteConfirm")}
          </button>
          <button type="button" class="button" onClick={() => setAsking(false)}>
            {t("cancel")}
          </button>
        </div>
      </Show>
      <ErrorMessage message={remove.error() ? errorText(remove.error()!) : null} />
      <p role="status" class="note" data-testid="journal-deleted">
        {deleted() ? t("journal.deletedDone") : ""}
      </p>
    </section>
  );
}
