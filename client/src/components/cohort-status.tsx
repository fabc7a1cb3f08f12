/**
 * The programs this member joined, for the Sharing screen (everything: enrolment, each month's report,
 * steward duty, the volunteer switch, published totals) and the Progress screen (`releasesOnly`: the
 * families' totals next to the member's own progress). Plain sentences; nothing here is a number of the
 * member's own that left the device.
 */
import { For, type JSX, Show } from "solid-js";
import type { DisclosedBlock } from "@porch/shared/aggregation";
import type { CohortView, RoundView } from "../core/api/cohorts-api.ts";
import { formatDate, formatMonth, formatNumber, formatPercentChange } from "../i18n/format.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { createAction } from "../primitives/create-action.ts";
import { ErrorMessage } from "./error-message.tsx";

/** Rounds shown per program (newest first). */
const RECENT_ROUNDS = 3;

export function CohortStatus(props: { readonly releasesOnly?: boolean }): JSX.Element {
  const { api, state } = usePorch();
  const { t, lang, errorText } = useI18n();
  const cohorts = (): readonly CohortView[] => (state.version(), api.cohorts.view());
  const volunteer = createAction((cohortId: string, on: boolean) => api.cohorts.setVolunteer(cohortId, on));
  const recent = (c: CohortView) => [...c.rounds].reverse().slice(0, RECENT_ROUNDS);
  const published = (c: CohortView) => recent(c).filter((r) => r.release !== null);

  const changeOf = (b: DisclosedBlock) =>
    typeof b.change.ratio === "number" ? formatPercentChange(b.change.ratio * 100, lang()) : t("cohorts.notEnough");

  const release = (c: CohortView, r: RoundView) => (
    <div class="release" data-testid="cohort-release" data-period={r.period}>
      <h3>{t("cohorts.releaseTitle", c.name, formatMonth(r.period, lang()))}</h3>
      <Show when={r.release?.withheld === false ? r.release : null} fallback={<p>{t("cohorts.releaseWithheld")}</p>}>
        {(shown) => (
          <>
            <p>
              {t(
                "cohorts.releaseFamilies",
                typeof shown().contributors === "number"
                  ? formatNumber(shown().contributors as number, lang())
                  : String(shown().contributors),
              )}
            </p>
            <ul>
              <For each={shown().series}>
                {(b) => (
                  <li data-testid="cohort-release-line" data-series={b.name}>
                    {t(
                      "cohorts.releaseLine",
                      c.name,
                      t(`cohorts.series.${b.name as "income" | "assets" | "debts" | "netWorth"}`),
                      changeOf(b),
                    )}
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </div>
  );

  const roundStatus = (c: CohortView, r: RoundView) => (
    <li data-testid="cohort-round" data-period={r.period} data-phase={r.phase}>
      <strong>{t("cohorts.period", formatMonth(r.period, lang()))}</strong>{" "}
      <Show when={r.phase === "aborted"}>{t("cohorts.aborted")}</Show>
      <Show when={r.phase !== "aborted" && r.phase !== "published"}>{t(`cohorts.phase.${r.phase as "open"}`)} </Show>
      <Show when={r.phase !== "aborted"}>
        <span data-testid="cohort-report" data-status={r.report}>
          {r.report === "sent" && r.receiptAt !== null
            ? t("cohorts.sentOn", formatDate(r.receiptAt, lang()))
            : t(`cohorts.report.${r.report}`)}
        </span>
      </Show>
      <Show when={r.steward}>
        {(s) => (
          <p class="steward" data-testid="steward-status" data-status={s()}>
            {t("cohorts.steward", c.name, formatMonth(r.period, lang()), t(`cohorts.stewardStatus.${s()}`))}
            <Show when={s() === "drawn" || s() === "accepted" || s() === "counts-posted"}>
              {" "}
              {t("cohorts.stewardKeepOpen")}
            </Show>
          </p>
        )}
      </Show>
      <Show when={r.problem}>{(code) => <ErrorMessage message={errorText(code())} />}</Show>
    </li>
  );

  return (
    <Show when={cohorts().length > 0}>
      <section class="card" aria-labelledby="programs-title" data-testid="programs">
        <h2 id="programs-title">{t("cohorts.programsTitle")}</h2>
        <For each={cohorts()}>
          {(c) => (
            <div class="program" data-testid="program" data-cohort={c.cohortId}>
              <p>
                <strong>{t("cohorts.enrolledIn", c.name, c.enrolled)}</strong>
              </p>
              <Show when={c.verified === false}>
                <ErrorMessage message={t("cohorts.notVerified")} />
              </Show>
              <Show when={!props.releasesOnly}>
                <ul class="plain">
                  <For each={recent(c)}>{(r) => roundStatus(c, r)}</For>
                </ul>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    data-testid="program-volunteer"
                    checked={c.volunteer}
                    disabled={volunteer.pending()}
                    onChange={(e) => void volunteer.run(c.cohortId, e.currentTarget.checked)}
                  />
                  {t("cohorts.volunteer")}
                </label>
                <p class="hint">{t("cohorts.volunteerHelp")}</p>
              </Show>
              <For each={published(c)}>{(r) => release(c, r)}</For>
            </div>
          )}
        </For>
        <ErrorMessage message={volunteer.error() ? errorText(volunteer.error()!) : null} />
      </section>
    </Show>
  );
}
