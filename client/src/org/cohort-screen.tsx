/**
 * One cohort: its enrolment link and QR code, its rounds (progress, "Close this step now", the way to
 * each release) with "Open a round", and the families enrolled. Re-read on every change the relay
 * announces; phase changes are announced to screen readers.
 */
import { createEffect, createMemo, createSignal, For, type JSX, on, Show } from "solid-js";
import { ErrorMessage } from "../components/error-message.tsx";
import { formatMonth } from "../i18n/format.ts";
import type { OrgSession } from "./create-org-session.ts";
import { EnrolPanel } from "./enrol-panel.tsx";
import { useOrgI18n } from "./org-i18n.tsx";
import { orgHref } from "./org-route.ts";
import { ParticipantList } from "./participant-list.tsx";
import { RoundCard } from "./round-card.tsx";
import { RoundForm } from "./round-form.tsx";

export function CohortScreen(props: { readonly session: OrgSession; readonly cohortId: string }): JSX.Element {
  const { d, lang, error } = useOrgI18n();
  const slot = props.session.watchCohort(props.cohortId);
  const view = () => slot().view;
  const rounds = createMemo(() => [...(view()?.rounds ?? [])].sort((a, b) => b.period.localeCompare(a.period)));
  const byId = createMemo(() => new Map(rounds().map((r) => [r.roundId, r])));
  // Cards are keyed by round id (strings compare by value): a re-read after a push updates each card in
  // place, so a confirmation open on one of them stays open.
  const ids = createMemo(() => rounds().map((r) => r.roundId), [], {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  });
  const [announcement, setAnnouncement] = createSignal("");

  // "Round for May 2026: Reports" when a round moves on (not on the first read).
  let seen: Map<string, string> | null = null;
  createEffect(
    on(rounds, (list) => {
      if (view() === null) return;
      const now = new Map(list.map((r) => [r.roundId, r.phase]));
      if (seen !== null) {
        const moved = list.find((r) => seen!.get(r.roundId) !== r.phase);
        if (moved)
          setAnnouncement(`${d().roundTitle(formatMonth(moved.period, lang()))}: ${d().phaseNames[moved.phase]}`);
      }
      seen = now;
    }),
  );

  return (
    <div class="stack cohort-screen">
      <a class="back" href={orgHref({ name: "cohorts" })}>
        <span aria-hidden="true">← </span>
        {d().backToCohorts}
      </a>
      {/* One heading whatever arrives (loading, the name, not found): it keeps the focus it was given. */}
      <h1 tabindex="-1" data-testid={view() === null ? undefined : "cohort-title"}>
        {view()?.cohort.name ?? (slot().error === null ? d().loading : d().cohortNotFound)}
      </h1>
      <ErrorMessage message={slot().error === null ? null : error(slot().error!)} />
      <Show when={view()}>
        {(v) => (
          <>
            <p class="lead">{d().enrolledCount(v().enrolled)}</p>
            <p class="visually-hidden" role="status" aria-live="polite">
              {announcement()}
            </p>
            <div class="cohort-grid">
              <div class="stack">
                <section class="stack rounds" aria-labelledby="rounds-title">
                  <h2 id="rounds-title">{d().roundsTitle}</h2>
                  <Show when={rounds().length > 0} fallback={<p class="empty">{d().roundsEmpty}</p>}>
                    <For each={ids()}>
                      {(id) => <RoundCard session={props.session} cohortId={props.cohortId} round={byId().get(id)!} />}
                    </For>
                  </Show>
                </section>
                <RoundForm session={props.session} cohortId={props.cohortId} />
              </div>
              <div class="stack">
                <EnrolPanel link={v().enrolLink} />
                <ParticipantList participants={v().participants} />
              </div>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}
