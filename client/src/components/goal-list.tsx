/** The group's goals; a member's own goals have an Edit button that opens an inline form. */
import type { MemberId } from "@porch/shared";
import { For, type JSX, Show } from "solid-js";
import type { Goal, GoalInput, GroupMember } from "../services/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { GoalForm } from "./goal-form.tsx";

export function GoalList(props: {
  readonly goals: readonly Goal[];
  readonly members: readonly GroupMember[];
  readonly me: MemberId | null;
  readonly editingId: string | null;
  readonly onEdit: (goalId: string) => void;
  readonly onCancelEdit: () => void;
  readonly onSave: (goalId: string, input: GoalInput) => Promise<boolean>;
  readonly savePending: boolean;
  readonly saveError: string | null;
}): JSX.Element {
  const { t, currency } = useI18n();
  const ownerName = (owner: MemberId) => {
    const name = props.members.find((m) => m.memberId === owner)?.displayName ?? t("unknownMember");
    return owner === props.me ? `${name} (${t("you")})` : name;
  };

  return (
    <Show when={props.goals.length > 0} fallback={<p class="empty">{t("goalsEmpty")}</p>}>
      <ul class="goal-list">
        <For each={props.goals}>
          {(goal) => (
            <li class="card goal" data-testid="goal" data-goal-id={goal.id}>
              <Show
                when={props.editingId === goal.id}
                fallback={
                  <>
                    <h3 class="goal-title" data-testid="goal-title">
                      {goal.title}
                    </h3>
                    <p class="goal-meta">
                      <span class="tag">{t(`categories.${goal.category}`)}</span>
                      <Show when={goal.targetAmount !== null}>
                        <span>
                          {t("goalTarget")}:{" "}
                          <strong data-testid="goal-target">{currency(goal.targetAmount ?? 0)}</strong>
                        </span>
                      </Show>
                    </p>
                    <p class="goal-owner-line">
                      {t("goalBy")} <span data-testid="goal-owner">{ownerName(goal.owner)}</span>
                    </p>
                    <Show when={goal.owner === props.me}>
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
                  </>
                }
              >
                <h3 class="goal-title">{t("editGoalTitle")}</h3>
                <GoalForm
                  idPrefix={`edit-${goal.id}`}
                  initial={{ title: goal.title, category: goal.category, targetAmount: goal.targetAmount }}
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
