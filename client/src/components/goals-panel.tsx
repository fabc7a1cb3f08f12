/** The Goals tab: the group's goals (add, edit your own, progress, cheers, comments). */
import type { GroupId } from "@porch/shared";
import { createSignal, type JSX, Show } from "solid-js";
import type { GoalInput, LifeView } from "../core/api/group-life-api.ts";
import type { GroupView } from "../core/api/porch-api.ts";
import { createLifeAction } from "../primitives/create-life-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { GoalForm } from "./goal-form.tsx";
import { GoalList } from "./goal-list.tsx";

export function GoalsPanel(props: {
  readonly groupId: GroupId;
  readonly group: GroupView;
  readonly life: LifeView;
}): JSX.Element {
  const { api } = usePorch();
  const { t } = useI18n();
  const [editingId, setEditingId] = createSignal<string | null>(null);
  const add = createLifeAction((input: GoalInput) => api.life.addGoal(props.groupId, input));
  const edit = createLifeAction((goalId: string, input: GoalInput) => api.life.editGoal(props.groupId, goalId, input));

  const startEdit = (goalId: string) => {
    edit.clear();
    setEditingId(goalId);
    queueMicrotask(() => document.getElementById(`edit-${goalId}-title`)?.focus());
  };
  const stopEdit = (goalId: string) => {
    setEditingId(null);
    // Put focus back where the member was, not at the top of the page.
    queueMicrotask(() =>
      document.querySelector<HTMLElement>(`[data-goal-id="${goalId}"] [data-testid="goal-edit"]`)?.focus(),
    );
  };
  const save = async (goalId: string, input: GoalInput) => {
    const result = await edit.run(goalId, input);
    if (result?.ok) stopEdit(goalId);
    return result?.ok === true;
  };

  return (
    <>
      <section aria-labelledby="goals-title">
        <h2 id="goals-title">{t("goalsTitle")}</h2>
        <GoalList
          groupId={props.groupId}
          goals={props.life.goals}
          members={props.group.members}
          editingId={editingId()}
          onEdit={startEdit}
          onCancelEdit={() => {
            const id = editingId();
            if (id !== null) stopEdit(id);
          }}
          onSave={save}
          savePending={edit.pending()}
          saveError={edit.message()}
        />
      </section>
      {/* One goal form at a time: a small screen stays calm, and the form's test ids stay unique. */}
      <Show when={editingId() === null}>
        <section class="card" aria-labelledby="add-goal-heading">
          <h2 id="add-goal-heading">{t("addGoalTitle")}</h2>
          <GoalForm
            idPrefix="add-goal"
            submitLabel={t("goalAdd")}
            pending={add.pending()}
            error={add.message()}
            onSubmit={async (input) => (await add.run(input))?.ok === true}
            defaultVisibility={
              api.journal.view()?.consents.groupProgress.includes(props.groupId) ? "amounts" : "percent"
            }
          />
        </section>
      </Show>
    </>
  );
}
