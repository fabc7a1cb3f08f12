/**
 * A round's release: the relay's signature check, the series' summary table, each series' and each
 * question's spread (chart + table), and the downloads — the release as CSV and JSON, and the
 * participation list for payments. Hidden figures read as hidden ("<11", "not enough contributors").
 */
import { createMemo, For, type JSX, Show } from "solid-js";
import type { DisclosedBlock } from "@porch/shared/aggregation";
import type { OrgRoundView } from "../core/aggregation.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { formatMonth } from "../i18n/format.ts";
import type { OrgSession } from "./create-org-session.ts";
import { download, fileSafe } from "./download.ts";
import { Histogram } from "./histogram-table.tsx";
import { useOrgI18n } from "./org-i18n.tsx";
import { orgHref } from "./org-route.ts";
import {
  blockFigures,
  blockKind,
  blockLabel,
  changeRows,
  countShown,
  histogramRows,
  participationCsv,
  releaseCsv,
  releaseJson,
  seriesRows,
  type Shown,
  type VisibleRelease,
} from "./release-rows.ts";

const Cell = (props: { readonly shown: Shown }) => (
  <td classList={{ hidden: props.shown.hidden }}>{props.shown.text}</td>
);

export function ReleaseScreen(props: {
  readonly session: OrgSession;
  readonly cohortId: string;
  readonly roundId: string;
}): JSX.Element {
  const { d, lang, error } = useOrgI18n();
  const slot = props.session.watchCohort(props.cohortId);
  // A published release never changes: keep the first one read, so later re-reads (pushes about other
  // rounds) leave the screen — and any question opened on it — as it is.
  const round = createMemo<OrgRoundView | undefined>(
    () => slot().view?.rounds.find((r) => r.roundId === props.roundId),
    undefined,
    {
      equals: (a, b) =>
        a !== undefined &&
        b !== undefined &&
        a.release !== null &&
        b.release !== null &&
        a.releaseSigned === b.releaseSigned,
    },
  );
  const cohortName = () => slot().view?.cohort.name ?? "";
  const disclosure = () => slot().view?.cohort.disclosure;
  const base = () => `porch-${fileSafe(cohortName())}-${round()?.period ?? ""}`;

  const downloadCsv = (r: OrgRoundView) =>
    download(`${base()}-release.csv`, releaseCsv(r.release!, lang()), "text/csv;charset=utf-8");
  const downloadJson = (r: OrgRoundView) =>
    download(
      `${base()}-release.json`,
      releaseJson(
        {
          cohortId: props.cohortId,
          cohortName: cohortName(),
          roundId: r.roundId,
          period: r.period,
          releaseSigned: r.releaseSigned,
        },
        r.release!,
      ),
      "application/json",
    );
  const downloadParticipation = (r: OrgRoundView) =>
    download(`${base()}-participation.csv`, participationCsv(r.participation), "text/csv;charset=utf-8");

  return (
    <div class="stack release-screen">
      <a class="back" href={orgHref({ name: "cohort", cohortId: props.cohortId })}>
        <span aria-hidden="true">← </span>
        {cohortName() || d().back}
      </a>
      {/* One heading whatever arrives (loading, the release, not found): it keeps the focus it was given. */}
      <h1 tabindex="-1" data-testid={round() === undefined ? undefined : "release-title"}>
        {round() !== undefined
          ? d().releaseTitle(formatMonth(round()!.period, lang()))
          : slot().view === null && slot().error === null
            ? d().loading
            : d().releaseNotFound}
      </h1>
      <ErrorMessage message={slot().error === null ? null : error(slot().error!)} />
      <Show when={round()}>
        {(r) => (
          <>
            <p class="lead">{d().releaseCohort(cohortName())}</p>
            <Show when={r().release} fallback={<p class="empty">{d().releaseNotYet}</p>}>
              {(release) => (
                <>
                  <p
                    class="signature"
                    classList={{ ok: r().releaseSigned, bad: !r().releaseSigned }}
                    data-testid="release-signed"
                    data-signed={r().releaseSigned}
                  >
                    <span aria-hidden="true">{r().releaseSigned ? "✓ " : "⚠ "}</span>
                    {r().releaseSigned ? d().signedOk : d().signedBad}
                  </p>
                  <Show
                    when={!release().withheld && (release() as VisibleRelease)}
                    fallback={
                      <p class="important" data-testid="release-withheld">
                        {release().withheld
                          ? d().withheld[(release() as { reason: "too-few-contributors" }).reason]
                          : ""}
                      </p>
                    }
                  >
                    {(visible) => (
                      <VisibleReleaseView
                        release={visible()}
                        smallCount={disclosure()?.smallCount ?? 10}
                        minForDollars={disclosure()?.minForDollars ?? 200}
                        onCsv={() => downloadCsv(r())}
                        onJson={() => downloadJson(r())}
                      />
                    )}
                  </Show>
                  <section class="card" aria-labelledby="participation-title">
                    <h2 id="participation-title">{d().participationTitle}</h2>
                    <p>{d().participationNote(r().participation.length)}</p>
                    <button
                      type="button"
                      class="small"
                      data-testid="download-participation"
                      onClick={() => downloadParticipation(r())}
                    >
                      {d().downloadParticipation}
                    </button>
                  </section>
                </>
              )}
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}

function VisibleReleaseView(props: {
  readonly release: VisibleRelease;
  readonly smallCount: number;
  readonly minForDollars: number;
  readonly onCsv: () => void;
  readonly onJson: () => void;
}): JSX.Element {
  const { d, lang } = useOrgI18n();
  const rows = () => seriesRows(props.release, lang());
  return (
    <>
      <p data-testid="release-summary">
        {d().releaseSummary(countShown(props.release.contributors, lang()).text, props.release.groups)}
      </p>
      <p class="note">{d().hiddenNote(props.smallCount, props.minForDollars)}</p>
      <div class="actions">
        <button type="button" class="primary" data-testid="download-csv" onClick={() => props.onCsv()}>
          {d().downloadCsv}
        </button>
        <button type="button" data-testid="download-json" onClick={() => props.onJson()}>
          {d().downloadJson}
        </button>
      </div>

      <section class="stack" aria-labelledby="series-title">
        <h2 id="series-title">{d().seriesTitle}</h2>
        <p>{d().seriesIntro}</p>
        {/* The four series side by side, at desk widths only: each card below has its own figures too. */}
        <div class="table-scroll series-summary" role="region" aria-labelledby="series-title" tabindex="0">
          <table class="data-table wide" data-testid="series-table">
            <caption class="visually-hidden">{d().seriesTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{d().figure}</th>
                <th scope="col">{d().contributors}</th>
                <th scope="col">{d().total}</th>
                <th scope="col">{d().mean}</th>
                <th scope="col">{d().change}</th>
                <th scope="col">{d().upTenPercent}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(row) => (
                  <tr data-series={row.name}>
                    <th scope="row">{row.label}</th>
                    <Cell shown={row.contributors} />
                    <Cell shown={row.total} />
                    <Cell shown={row.mean} />
                    <Cell shown={row.change} />
                    <Cell shown={row.up} />
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <For each={props.release.series}>
          {(block) => (
            <section class="card" aria-labelledby={`series-${block.name}`} data-testid={`series-${block.name}`}>
              <h3 id={`series-${block.name}`}>{blockLabel(block, lang())}</h3>
              <div class="block-body">
                <FiguresTable block={block} />
                <Histogram
                  title={d().distribution}
                  name={blockLabel(block, lang())}
                  column={d().range}
                  rows={histogramRows(block, lang())}
                  testId={`series-${block.name}-histogram`}
                />
                <Show when={block.up !== null}>
                  <Histogram
                    title={d().changeDistribution}
                    name={blockLabel(block, lang())}
                    column={d().change}
                    rows={changeRows(block, lang())}
                    testId={`series-${block.name}-change`}
                  />
                </Show>
              </div>
            </section>
          )}
        </For>
      </section>

      <section class="stack" aria-labelledby="fields-title">
        <h2 id="fields-title">{d().fieldsTitle}</h2>
        <p>{d().fieldsIntro}</p>
        <For each={props.release.fields}>{(block) => <FieldRelease block={block} />}</For>
      </section>
    </>
  );
}

/** A block's figures, one per line ("Average: $1,234"), as its kind of answer has them. */
function FiguresTable(props: { readonly block: DisclosedBlock }): JSX.Element {
  const { lang } = useOrgI18n();
  return (
    <table class="data-table figures">
      <caption class="visually-hidden">{blockLabel(props.block, lang())}</caption>
      <tbody>
        <For each={blockFigures(props.block, lang())}>
          {(row) => (
            <tr>
              <th scope="row">{row.label}</th>
              <Cell shown={row.value} />
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

function FieldRelease(props: { readonly block: DisclosedBlock }): JSX.Element {
  const { d, lang } = useOrgI18n();
  const label = () => blockLabel(props.block, lang());
  return (
    <details class="card field-release" data-testid={`field-${props.block.name}`}>
      <summary>
        <span class="field-name">{label()}</span>
        <span class="field-count">
          {d().contributors}: {countShown(props.block.contributors, lang()).text}
        </span>
      </summary>
      <div class="block-body">
        <FiguresTable block={props.block} />
        <Histogram
          title={d().distribution}
          name={label()}
          column={props.block.money || blockKind(props.block) === "count" ? d().range : d().answer}
          rows={histogramRows(props.block, lang())}
          testId={`field-${props.block.name}-histogram`}
        />
      </div>
    </details>
  );
}
