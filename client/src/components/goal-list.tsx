/**
 * The group's goals. Each shows its progress, cheers and comments; a member's own goals have an Edit
 * button (inline form), a progress form and a state choice. Amounts the owner keeps private never
 * reach this list (the core sends percentages only).
 */
import type { GroupId } from "@porch/shared";
import { For, type JSX, Show } from "solid-js";
import type { GoalInput, GoalView } from "../core/api/group-life-api.ts";
import type { GroupMember } from "../core/api/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { formatDay } from "../primitives/make-life-format.ts";
import { GoalForm } from "./goal-form.tsx";
import { GoalProgress } from "./goal-progress.tsx";
import { GoalTalk } from "./goal-talk.tsx";
import "./life.css";
import { createProgressiveCount } from "../primitives/create-progressive-count.ts";

export function GoalList(props: {
  readonly groupId: GroupId;
  readonly goals: readonly GoalView[];
  readonly members: readonly GroupMember[];
  readonly editingId: string | null;
  readonly onEdit: (goalId: string) => void;
  readonly onCancelEdit: () => void;
  readonly onSave: (goalId: string, input: GoalInput) => Promise<boolean>;
  readonly savePending: boolean;
  readonly saveError: string | null;
}): JSX.Element {
  const { t, currency, lang } = useI18n();
  const nameOf = (id: string) => props.members.find((m) => m.memberId === id)?.displayName ?? t("unknownMember");
  const ownerName = (goal: GoalView) => (goal.mine ? `${nameOf(goal.owner)} (${t("you")})` : nameOf(goal.owner));
  const shown = createProgressiveCount(() => props.goals.length);

  return (
    <Show
      when={props.goals.length > 0}
      fallback={
        <p class="empty" data-testid="goals-empty">
          {t("goalsEmpty")}
        </p>
      }
    >
      <ul class="goal-list">
        <For each={props.goals.slice(0, shown())}>
          {(goal) => (
            <li class="card goal" data-testid="goal" data-goal-id={goal.id} data-state={goal.state}>
              <Show
                when={props.editingId === goal.id}
                fallback={
                  <>
                    <h3 class="goal-title" data-testid="goal-title">
                      {goal.title}
                    </h3>
                    <p class="goal-meta">
                      <span class="tag">{t(`categories.${goal.category}`)}</span>
                      <Show when={goal.state !== "active"}>
                        <span
                          class="status"
                          data-testid="goal-state"
                          data-tone={goal.state === "completed" ? "ok" : undefined}
                        >
                          {t(`life.goalStates.${goal.state}`)}
                        </span>
                      </Show>
                      <Show when={goal.targetAmount !== null}>
                        <span>
                          {t("goalTarget")}:{" "}
                          <strong data-testid="goal-target">{currency(goal.targetAmount ?? 0)}</strong>
                        </span>
                      </Show>
                      <Show when={goal.targetDate}>
                        {(day) => (
                          <span>
                            {t("life.goalBy")} <strong data-testid="goal-date">{formatDay(day(), lang())}</strong>
                          </span>
                        )}
                      </Show>
                    </p>
                    <p class="goal-owner-line">
                      {t("goalBy")} <span data-testid="goal-owner">{ownerName(goal)}</span>
                    </p>
                    <Show when={goal.mine}>
                      <button
                        type="button"
                        class="small"
                        data-testid="goal-edit"
                        aria-label={t("goalEditLabel", goal.title)}
                        onClick={() => props.onEdit(goal.id)}
                      >
                        {t("goalEdit")}
                      </button>
                    </Show>
                    <GoalProgress groupId={props.groupId} goal={goal} />
                    <GoalTalk groupId={props.groupId} goal={goal} nameOf={nameOf} />
                  </>
                }
              >
                <h3 class="goal-title">{t("editGoalTitle")}</h3>
                <GoalForm
                  idPrefix={`edit-${goal.id}`}
                  initial={{
                    title: goal.title,
                    category: goal.category,
                    targetAmount: goal.targetAmount,
                    targetDate: goal.targetDate,
                    visibility: goal.visibility,
                  }}
                  submitLabel={t("goalSave")}
                  pending={props.savePending}
                  error={props.saveError}
                  onSubmit={(input) => props.onSave(goal.id, input)}
                  onCancel={() => props.onCancelEdit()}
                />
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
