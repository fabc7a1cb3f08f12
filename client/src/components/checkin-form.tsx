/** This member's check-in for the current period: wins, next steps, asks for help (any one is enough). */
import type { GroupId } from "@porch/shared";
import { createSignal, For, type JSX } from "solid-js";
import { checkCheckInInput, LIFE_LIMITS, type CheckInInput, type CheckInPostView } from "../core/api/group-life-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { ErrorMessage } from "./error-message.tsx";

export function CheckInForm(props: {
  readonly groupId: GroupId;
  readonly existing: CheckInPostView | null;
  /** Called once the check-in is saved on this device. */
  readonly onSaved?: () => void;
}): JSX.Element {
  const { api } = usePorch();
  const { t } = useI18n();
  const [wins, setWins] = createSignal(props.existing?.wins ?? "");
  const [next, setNext] = createSignal(props.existing?.nextSteps ?? "");
  const [asks, setAsks] = createSignal(props.existing?.asks ?? "");
  const post = createLifeAction((input: CheckInInput) => api.life.postCheckIn(props.groupId, input));
  const fields = [
    { key: "wins", value: wins, set: setWins },
    { key: "next", value: next, set: setNext },
    { key: "asks", value: asks, set: setAsks },
  ] as const;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input: CheckInInput = { wins: wins().trim(), nextSteps: next().trim(), asks: asks().trim() };
    const problem = checkCheckInInput(input);
    if (problem !== null) return post.reject(problem);
    const result = await post.run(input);
    if (result?.ok) props.onSaved?.();
  };

  return (
    <form class="goal-form" onSubmit={submit} novalidate>
      <For each={fields}>
        {(f) => (
          <div class="field">
            <label for={`checkin-${f.key}`}>{t(`life.checkinParts.${f.key}`)}</label>
            <p class="hint" id={`checkin-${f.key}-hint`}>
              {t(`life.checkinHints.${f.key}`)}
            </p>
            <textarea
              id={`checkin-${f.key}`}
              data-testid={`checkin-${f.key}-input`}
              aria-describedby={`checkin-${f.key}-hint`}
              maxlength={LIFE_LIMITS.note}
              value={f.value()}
              onInput={(e) => f.set(e.currentTarget.value)}
            />
          </div>
        )}
      </For>
      <ErrorMessage message={post.message()} />
      <button type="submit" class="primary" data-testid="checkin-submit" disabled={post.pending()}>
        {props.existing ? t("life.checkinUpdate") : t("life.checkinShare")}
      </button>
    </form>
  );
}
