/**
 * A goal's progress: a bar with the percentage (and amounts, when the owner shares them), milestones
 * (goal-milestones.tsx), the latest updates; for the owner, a small form to add progress and a choice
 * of the goal's state.
 */
import type { GroupId } from "@porch/shared";
import { createSignal, For, type JSX, Show } from "solid-js";
import {
  checkProgressInput,
  GOAL_STATES,
  type GoalState,
  type GoalView,
  type ProgressInput,
} from "../core/api/group-life-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { formatMoment, parseDecimal, parseDollars } from "../primitives/make-life-format.ts";
import { ErrorMessage } from "./error-message.tsx";
import { GoalMilestones } from "./goal-milestones.tsx";

export function GoalProgress(props: { readonly groupId: GroupId; readonly goal: GoalView }): JSX.Element {
  const { api } = usePorch();
  const { t, currency, number, lang } = useI18n();
  const id = (name: string) => `goal-${props.goal.id}-${name}`;
  const [mode, setMode] = createSignal<"amount" | "percent">(props.goal.targetAmount === null ? "percent" : "amount");
  const [value, setValue] = createSignal("");
  const [note, setNote] = createSignal("");
  const add = createLifeAction((input: ProgressInput) => api.life.addProgress(props.groupId, props.goal.id, input));
  const setState = createLifeAction((state: GoalState) => api.life.setGoalState(props.groupId, props.goal.id, state));

  const percentText = () => (props.goal.percent === null ? null : `${number(Math.round(props.goal.percent))}%`);
  const latest = () => props.goal.progress.slice(0, 3);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = mode() === "amount" ? parseDollars(value()) : parseDecimal(value());
    const input: ProgressInput =
      mode() === "amount" ? { amount: parsed, note: note() } : { percent: parsed, note: note() };
    const problem = checkProgressInput(input);
    if (problem !== null) return add.reject(problem);
    const result = await add.run(input);
    if (result?.ok) {
      setValue("");
      setNote("");
    }
  };

  return (
    <div class="goal-progress">
      <Show when={props.goal.percent !== null || props.goal.currentAmount !== null}>
        <p data-testid="goal-progress-text">
          <Show when={percentText()}>{(p) => <strong data-testid="goal-percent">{p()}</strong>}</Show>
          <Show when={props.goal.currentAmount !== null && !props.goal.amountsHidden}>
            {" "}
            <span data-testid="goal-current">
              {props.goal.targetAmount !== null
                ? t("life.progressOf", currency(props.goal.currentAmount ?? 0), currency(props.goal.targetAmount))
                : currency(props.goal.currentAmount ?? 0)}
            </span>
          </Show>
        </p>
        <Show when={props.goal.percent !== null}>
          <progress
            class="progress"
            max="100"
            value={props.goal.percent ?? 0}
            aria-label={t("life.progressLabel", props.goal.title)}
          >
            {percentText()}
          </progress>
        </Show>
      </Show>
      <Show when={props.goal.amountsHidden}>
        <p class="meta" data-testid="goal-amounts-hidden">
          {t("life.amountsHidden")}
        </p>
      </Show>
      <GoalMilestones groupId={props.groupId} goal={props.goal} />
      <Show when={latest().length > 0}>
        <ul class="life-sublist" aria-label={t("life.updatesLabel")}>
          <For each={latest()}>
            {(p) => (
              <li data-testid="goal-update">
                <span class="meta">{formatMoment(p.at, lang())}</span>{" "}
                <Show
                  when={p.amount !== null}
                  fallback={<Show when={p.percent !== null}>{`${number(Math.round(p.percent ?? 0))}%`}</Show>}
                >
                  {currency(p.amount ?? 0)}
                </Show>
                <Show when={p.note}>
                  {" — "}
                  <span data-testid="goal-update-note">{p.note}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={props.goal.mine}>
        <details>
          <summary data-testid="goal-progress-open">{t("life.addProgress")}</summary>
          <form class="goal-form" onSubmit={submit} novalidate>
            <Show when={props.goal.targetAmount !== null}>
              <fieldset>
                <legend>{t("life.progressModeLegend")}</legend>
                <For each={["amount", "percent"] as const}>
                  {(m) => (
                    <label class="radio">
                      <input
                        type="radio"
                        name={id("mode")}
                        checked={mode() === m}
                        data-testid={`progress-mode-${m}`}
                        onChange={() => setMode(m)}
                      />
                      {t(`life.progressMode.${m}`)}
                    </label>
                  )}
                </For>
              </fieldset>
            </Show>
            <label for={id("value")}>
              {mode() === "amount" ? t("life.progressAmountLabel") : t("life.progressPercentLabel")}
            </label>
            <input
              id={id("value")}
              type="text"
              inputmode="decimal"
              autocomplete="off"
              data-testid="progress-value"
              value={value()}
              onInput={(e) => setValue(e.currentTarget.value)}
            />
            <label for={id("note")}>{t("life.noteOptional")}</label>
            <textarea
              id={id("note")}
              data-testid="progress-note"
              maxlength={1000}
              value={note()}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
            <ErrorMessage message={add.message()} />
            <button type="submit" class="primary small" data-testid="progress-submit" disabled={add.pending()}>
              {t("life.saveProgress")}
            </button>
          </form>
          <div class="field">
            <label for={id("state")}>{t("life.goalStateLabel")}</label>
            <select
              id={id("state")}
              data-testid="goal-state-input"
              value={props.goal.state}
              onChange={(e) => void setState.run(e.currentTarget.value as GoalState)}
            >
              <For each={GOAL_STATES}>{(s) => <option value={s}>{t(`life.goalStates.${s}`)}</option>}</For>
            </select>
            <ErrorMessage message={setState.message()} />
          </div>
        </details>
      </Show>
    </div>
  );
}
