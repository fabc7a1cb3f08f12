/**
 * One round: where it stands in a sentence, its deadlines and committee, "Close this step now" (asked
 * first), and the way to its release once published.
 */
import { createSignal, type JSX, Show } from "solid-js";
import type { OrgRoundView } from "../core/aggregation.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { formatMonth } from "../i18n/format.ts";
import { ConfirmAction } from "./confirm-action.tsx";
import type { OrgSession } from "./create-org-session.ts";
import { useOrgI18n } from "./org-i18n.tsx";
import { orgHref } from "./org-route.ts";
import { isClosable, phaseSentence } from "./round-words.ts";

const dateTime = (lang: string) =>
  new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { dateStyle: "medium", timeStyle: "short" });

export function RoundCard(props: {
  readonly session: OrgSession;
  readonly cohortId: string;
  readonly round: OrgRoundView;
}): JSX.Element {
  const { d, lang, error } = useOrgI18n();
  const [problem, setProblem] = createSignal<string | null>(null); // an error code
  const when = (time: number) => dateTime(lang()).format(time);
  const titleId = () => `round-${props.round.roundId}-title`;

  const advance = async () => {
    setProblem(null);
    const moved = await props.session.advance(props.cohortId, props.round.roundId);
    if (!moved.ok) setProblem(moved.code);
  };

  return (
    <article
      class="card round-card"
      aria-labelledby={titleId()}
      data-testid="round"
      data-round={props.round.roundId}
      data-period={props.round.period}
      data-phase={props.round.phase}
    >
      <div class="round-head">
        <h3 id={titleId()}>{d().roundTitle(formatMonth(props.round.period, lang()))}</h3>
        <span class="phase-tag" data-phase={props.round.phase}>
          {d().phaseNames[props.round.phase]}
        </span>
      </div>
      <p class="round-status" data-testid="round-status">
        {phaseSentence(props.round, d())}
      </p>
      <Show when={props.round.faultyStewards.length > 0}>
        <p class="note">{d().faultyStewards(props.round.faultyStewards.length)}</p>
      </Show>
      <dl class="round-facts">
        <div>
          <dt>{d().deadlineVolunteers}</dt>
          <dd>{when(props.round.call.volunteersBy)}</dd>
        </div>
        <div>
          <dt>{d().deadlineReports}</dt>
          <dd>{when(props.round.call.freezesAt)}</dd>
        </div>
        <div>
          <dt>{d().deadlinePartials}</dt>
          <dd>{when(props.round.call.partialsBy)}</dd>
        </div>
        <div>
          <dt>{d().committee}</dt>
          <dd>{d().committeeRule(props.round.call.k, props.round.call.t)}</dd>
        </div>
        <div>
          <dt>{d().minimums}</dt>
          <dd>{d().minimumsRule(props.round.call.minContributors, props.round.call.minGroups)}</dd>
        </div>
      </dl>
      <ErrorMessage message={problem() === null ? null : error(problem()!)} />
      <Show when={isClosable(props.round.phase) && props.round.phase}>
        {(phase) => (
          <ConfirmAction
            label={d().closeStep}
            question={d().closeConfirm[phase()]}
            yes={d().closeYes}
            testId="round-advance"
            onConfirm={advance}
          />
        )}
      </Show>
      <Show when={props.round.phase === "published"}>
        <a
          class="button"
          data-testid="round-release-link"
          href={orgHref({ name: "release", cohortId: props.cohortId, roundId: props.round.roundId })}
        >
          {d().seeRelease}
        </a>
      </Show>
    </article>
  );
}
