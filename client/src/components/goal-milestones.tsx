/**
 * A goal's milestones: everyone sees them and when each was reached (its amount only when the owner
 * shares amounts — the core sends null otherwise). The owner alone ticks one reached (or back) and adds
 * new ones with a small form checked by the very same `checkMilestoneInput` the core runs.
 */
import type { GroupId } from "@porch/shared";
import { createSignal, For, type JSX, Show } from "solid-js";
import {
  checkMilestoneInput,
  LIFE_LIMITS,
  type GoalView,
  type LifeInputError,
  type MilestoneInput,
} from "../core/api/group-life-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { formatDay, parseDollars, today } from "../primitives/make-life-format.ts";
import { ErrorMessage } from "./error-message.tsx";
import { DateInWords } from "./date-in-words.tsx";
import "./life.css";

export function GoalMilestones(props: { readonly groupId: GroupId; readonly goal: GoalView }): JSX.Element {
  const { api } = usePorch();
  const { t, currency, lang } = useI18n();
  const id = (name: string) => `goal-${props.goal.id}-milestone-${name}`;
  const add = createLifeAction((input: MilestoneInput) => api.life.addMilestone(props.groupId, props.goal.id, input));
  const reach = createLifeAction((milestoneId: string, reached: boolean) =>
    api.life.reachMilestone(props.groupId, props.goal.id, milestoneId, reached),
  );

  const [title, setTitle] = createSignal("");
  const [amount, setAmount] = createSignal("");
  const [date, setDate] = createSignal("");
  const [titleError, setTitleError] = createSignal<LifeInputError | null>(null);
  const [amountError, setAmountError] = createSignal<LifeInputError | null>(null);
  const [dateError, setDateError] = createSignal<LifeInputError | null>(null);
  const [added, setAdded] = createSignal<string | null>(null);
  let titleInput: HTMLInputElement | undefined;
  let amountInput: HTMLInputElement | undefined;
  let dateInput: HTMLInputElement | undefined;

  const problem = (p: LifeInputError | null) => (p === null ? null : t(`life.problems.${p}`));
  /** The day a milestone was reached, in the member's own calendar and language. */
  const reachedDay = (at: number) => formatDay(today(new Date(at)), lang());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setAdded(null);
    add.clear();
    const input: MilestoneInput = {
      title: title(),
      targetAmount: parseDollars(amount()),
      targetDate: date() === "" ? null : date(),
    };
    // The core's own check, field by field, so each message sits under its field.
    const titleProblem = checkMilestoneInput({ title: input.title });
    const amountProblem = checkMilestoneInput({ title: "x", targetAmount: input.targetAmount });
    const dateProblem = checkMilestoneInput({ title: "x", targetDate: input.targetDate });
    setTitleError(titleProblem);
    setAmountError(amountProblem);
    setDateError(dateProblem);
    if (titleProblem !== null) return titleInput?.focus();
    if (amountProblem !== null) return amountInput?.focus();
    if (dateProblem !== null) return dateInput?.focus();
    const cleanTitle = input.title.trim();
    const result = await add.run({ ...input, title: cleanTitle });
    if (result?.ok) {
      setTitle("");
      setAmount("");
      setDate("");
      setAdded(cleanTitle);
      // Stay in the form, ready for the next milestone; the new one shows in the list above.
      titleInput?.focus();
    }
  };

  const toggle = async (milestoneId: string, box: HTMLInputElement) => {
    const wanted = box.checked;
    const result = await reach.run(milestoneId, wanted);
    // If it did not save, show the truth again (the list re-renders only when the document changes).
    if (!result?.ok) box.checked = !wanted;
  };

  return (
    <div class="goal-milestones">
      <Show when={props.goal.milestones.length > 0}>
        <h4 id={id("heading")}>{t("life.milestonesTitle")}</h4>
        <ul class="life-sublist milestone-list" aria-labelledby={id("heading")}>
          <For each={props.goal.milestones}>
            {(m) => (
              <li
                class="milestone"
                data-testid="goal-milestone"
                data-milestone-id={m.id}
                data-reached={m.reachedAt !== null ? "true" : "false"}
              >
                <div class="milestone-text">
                  <span class="milestone-title" data-testid="milestone-title">
                    {m.title}
                  </span>
                  <Show when={m.targetAmount !== null || m.targetDate !== null}>
                    <span class="meta milestone-meta">
                      <Show when={m.targetAmount !== null}>
                        <span>
                          {t("goalTarget")}:{" "}
                          <strong data-testid="milestone-target">{currency(m.targetAmount ?? 0)}</strong>
                        </span>
                      </Show>
                      <Show when={m.targetDate}>
                        {(day) => (
                          <span>
                            {t("life.goalBy")} <strong data-testid="milestone-date">{formatDay(day(), lang())}</strong>
                          </span>
                        )}
                      </Show>
                    </span>
                  </Show>
                  <Show when={m.reachedAt}>
                    {(at) => (
                      <span class="status" data-tone="ok" data-testid="milestone-reached">
                        {t("life.milestoneReachedOn", reachedDay(at()))}
                      </span>
                    )}
                  </Show>
                </div>
                <Show when={props.goal.mine}>
                  <label class="checkbox milestone-toggle">
                    <input
                      type="checkbox"
                      data-testid="milestone-reached-input"
                      aria-label={t("life.milestoneReachedLabel", m.title)}
                      checked={m.reachedAt !== null}
                      disabled={reach.pending()}
                      onChange={(e) => void toggle(m.id, e.currentTarget)}
                    />
                    {t("life.milestoneReached")}
                  </label>
                </Show>
              </li>
            )}
          </For>
        </ul>
        <ErrorMessage message={reach.message()} />
      </Show>

      <Show when={props.goal.mine}>
        <details class="milestone-add">
          <summary data-testid="milestone-add-open">{t("life.milestoneAddOpen")}</summary>
          <form
            class="goal-form"
            onSubmit={submit}
            novalidate
            aria-label={t("life.milestoneFormLabel", props.goal.title)}
          >
            <label for={id("title")}>{t("life.milestoneTitleLabel")}</label>
            <input
              id={id("title")}
              ref={titleInput}
              type="text"
              autocomplete="off"
              data-testid="milestone-title-input"
              value={title()}
              onInput={(e) => setTitle(e.currentTarget.value)}
              aria-invalid={titleError() !== null}
              aria-describedby={titleError() ? id("title-error") : undefined}
            />
            <ErrorMessage id={id("title-error")} message={problem(titleError())} />

            <label for={id("amount")}>{t("life.milestoneAmountLabel")}</label>
            <p class="hint" id={id("amount-hint")}>
              {props.goal.visibility === "percent" ? t("life.milestoneAmountPrivate") : t("goalTargetHint")}
            </p>
            <input
              id={id("amount")}
              ref={amountInput}
              type="text"
              inputmode="numeric"
              autocomplete="off"
              data-testid="milestone-target-input"
              value={amount()}
              onInput={(e) => setAmount(e.currentTarget.value)}
              aria-invalid={amountError() !== null}
              aria-describedby={amountError() ? `${id("amount-hint")} ${id("amount-error")}` : id("amount-hint")}
            />
            <ErrorMessage id={id("amount-error")} message={problem(amountError())} />

            <label for={id("date")}>{t("life.milestoneDateLabel")}</label>
            <input
              id={id("date")}
              ref={dateInput}
              type="date"
              data-testid="milestone-date-input"
              min={LIFE_LIMITS.minDate}
              max={LIFE_LIMITS.maxDate}
              lang={lang()}
              value={date()}
              onInput={(e) => setDate(e.currentTarget.value)}
              aria-invalid={dateError() !== null}
              aria-describedby={dateError() ? `${id("date-words")} ${id("date-error")}` : id("date-words")}
            />
            <DateInWords id={id("date-words")} value={date()} />
            <ErrorMessage id={id("date-error")} message={problem(dateError())} />

            <ErrorMessage message={add.message()} />
            <button type="submit" class="primary small" data-testid="milestone-submit" disabled={add.pending()}>
              {t("life.milestoneAdd")}
            </button>
            <p class="meta" role="status" data-testid="milestone-added">
              {added() === null ? "" : t("life.milestoneAdded", added() ?? "")}
            </p>
          </form>
        </details>
      </Show>
    </div>
  );
}
