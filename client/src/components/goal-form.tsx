/**
 * Add or edit a goal: title (1–120 characters), category, optional whole-dollar target and date, and
 * whether the group sees amounts or only percentages.
 * The same form serves both; the group screen shows only one at a time, so its test ids stay unique.
 */
import { createSignal, For, type JSX } from "solid-js";
import { GOAL_CATEGORIES, type GoalCategory } from "../core/api/porch-api.ts";
import { checkGoalInput, LIFE_LIMITS, type AmountVisibility, type GoalInput } from "../core/api/group-life-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { makeTargetAmount, MAX_TARGET_AMOUNT } from "../primitives/make-target-amount.ts";
import { makeTrimmedText } from "../primitives/make-trimmed-text.ts";
import { ErrorMessage } from "./error-message.tsx";
import { DateInWords } from "./date-in-words.tsx";
import "./life.css";

export const MAX_GOAL_TITLE = 120;

export function GoalForm(props: {
  /** Makes element ids unique when several forms could exist. */
  readonly idPrefix: string;
  readonly initial?: GoalInput;
  /** A new goal's amounts choice: what the member chose for this group in "What you share". */
  readonly defaultVisibility?: AmountVisibility;
  readonly submitLabel: string;
  readonly pending: boolean;
  readonly error: string | null;
  /** Resolves true when the goal was saved; a new-goal form then clears itself. */
  readonly onSubmit: (input: GoalInput) => Promise<boolean>;
  readonly onCancel?: () => void;
}): JSX.Element {
  const { t, number, lang } = useI18n();
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const initialTarget = props.initial?.targetAmount;
  const [title, setTitle] = createSignal(props.initial?.title ?? "");
  const [category, setCategory] = createSignal<GoalCategory>(props.initial?.category ?? "savings");
  const [target, setTarget] = createSignal(initialTarget == null ? "" : String(initialTarget));
  const [titleError, setTitleError] = createSignal<string | null>(null);
  const [targetError, setTargetError] = createSignal<string | null>(null);
  const [date, setDate] = createSignal(props.initial?.targetDate ?? "");
  const [visibility, setVisibility] = createSignal<AmountVisibility>(
    props.initial?.visibility ?? props.defaultVisibility ?? "amounts",
  );
  const [dateError, setDateError] = createSignal<string | null>(null);
  let dateInput: HTMLInputElement | undefined;
  let titleInput: HTMLInputElement | undefined;
  let targetInput: HTMLInputElement | undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const checkedTitle = makeTrimmedText(title(), MAX_GOAL_TITLE);
    const checkedTarget = makeTargetAmount(target());
    setTitleError(
      checkedTitle.ok
        ? null
        : checkedTitle.problem === "required"
          ? t("goalTitleRequired")
          : t("goalTitleTooLong", MAX_GOAL_TITLE),
    );
    setTargetError(
      checkedTarget.ok
        ? null
        : checkedTarget.problem === "invalid"
          ? t("goalTargetInvalid")
          : t("goalTargetTooLarge", `$${number(MAX_TARGET_AMOUNT)}`),
    );
    const input: GoalInput = {
      title: checkedTitle.ok ? checkedTitle.value : "",
      category: category(),
      targetAmount: checkedTarget.ok ? checkedTarget.value : null,
      targetDate: date() === "" ? null : date(),
      visibility: visibility(),
    };
    const dateProblem = date() === "" ? null : checkGoalInput({ ...input, title: "x", targetAmount: null });
    setDateError(dateProblem === null ? null : t(`life.problems.${dateProblem}`));
    if (!checkedTitle.ok) return titleInput?.focus();
    if (!checkedTarget.ok) return targetInput?.focus();
    if (dateProblem !== null) return dateInput?.focus();
    const saved = await props.onSubmit(input);
    if (saved && props.initial === undefined) {
      setTitle("");
      setTarget("");
      setDate("");
    }
  };

  return (
    <form class="goal-form" onSubmit={submit} novalidate>
      <label for={id("title")}>{t("goalTitleLabel")}</label>
      <input
        id={id("title")}
        ref={titleInput}
        data-testid="goal-title-input"
        type="text"
        autocomplete="off"
        value={title()}
        onInput={(e) => setTitle(e.currentTarget.value)}
        aria-invalid={titleError() !== null}
        aria-describedby={titleError() ? id("title-error") : undefined}
      />
      <ErrorMessage id={id("title-error")} message={titleError()} />

      <label for={id("category")}>{t("goalCategoryLabel")}</label>
      <select
        id={id("category")}
        data-testid="goal-category-input"
        value={category()}
        onChange={(e) => setCategory(e.currentTarget.value as GoalCategory)}
      >
        <For each={GOAL_CATEGORIES}>{(c) => <option value={c}>{t(`categories.${c}`)}</option>}</For>
      </select>

      <label for={id("target")}>{t("goalTargetLabel")}</label>
      <p class="hint" id={id("target-hint")}>
        {t("goalTargetHint")}
      </p>
      <input
        id={id("target")}
        ref={targetInput}
        data-testid="goal-target-input"
        type="text"
        inputmode="numeric"
        autocomplete="off"
        value={target()}
        onInput={(e) => setTarget(e.currentTarget.value)}
        aria-invalid={targetError() !== null}
        aria-describedby={targetError() ? `${id("target-hint")} ${id("target-error")}` : id("target-hint")}
      />
      <ErrorMessage id={id("target-error")} message={targetError()} />

      <label for={id("date")}>{t("life.goalDateLabel")}</label>
      <input
        id={id("date")}
        ref={dateInput}
        data-testid="goal-date-input"
        type="date"
        min={LIFE_LIMITS.minDate}
        max={LIFE_LIMITS.maxDate}
        lang={lang()}
        value={date()}
        onInput={(e) => setDate(e.currentTarget.value)}
        aria-invalid={dateError() !== null}
        aria-describedby={dateError() ? `${id("date-words")} ${id("date-error")}` : id("date-words")}
      />
      <DateInWords id={id("date-words")} value={date()} />
      <ErrorMessage id={id("date-error")} message={dateError()} />

      <fieldset>
        <legend>{t("life.goalVisibilityLegend")}</legend>
        <For each={["amounts", "percent"] as const}>
          {(v) => (
            <label class="radio">
              <input
                type="radio"
                name={id("visibility")}
                value={v}
                data-testid={`goal-visibility-${v}`}
                checked={visibility() === v}
                onChange={() => setVisibility(v)}
              />
              {t(`life.visibility.${v}`)}
            </label>
          )}
        </For>
      </fieldset>
      <ErrorMessage message={props.error} />

      <div class="actions">
        <button type="submit" class="primary" data-testid="goal-submit" disabled={props.pending}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={() => props.onCancel?.()}>
            {t("cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
