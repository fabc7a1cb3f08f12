/** One group: its goals (add, edit your own), its members, and inviting a friend. */
import type { GroupId } from "@porch/shared";
import { createSignal, type JSX, Show } from "solid-js";
import type { GoalInput } from "../services/porch-api.ts";
import { GoalForm } from "../components/goal-form.tsx";
import { GoalList } from "../components/goal-list.tsx";
import { MembersPanel } from "../components/members-panel.tsx";
import { createAction } from "../primitives/create-action.ts";
import { createGroupView } from "../primitives/create-group-view.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

export function GroupScreen(props: { readonly groupId: GroupId }): JSX.Element {
  const { api, state } = usePorch();
  const { t, errorText } = useI18n();
  const view = createGroupView(api, state.version, () => props.groupId);
  const me = () => state.profile()?.memberId ?? null;
  const [editingId, setEditingId] = createSignal<string | null>(null);
  const add = createAction((input: GoalInput) => api.life.addGoal(props.groupId, input));
  const edit = createAction((goalId: string, input: GoalInput) => api.life.editGoal(props.groupId, goalId, input));
  const sentence = (code: ReturnType<typeof add.error>) => (code ? errorText(code) : null);

  const startEdit = (goalId: string) => {
    edit.clearError();
    setEditingId(goalId);
    queueMicrotask(() => document.getElementById(`edit-${goalId}-title`)?.focus());
  };
  const stopEdit = (goalId: string) => {
    setEditingId(null);
    // Put focus back where the member was, not at the top of the page.
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-goal-id="${goalId}"] [data-testid="goal-edit"]`)?.focus());
  };
  const save = async (goalId: string, input: GoalInput) => {
    const result = await edit.run(goalId, input);
    if (result?.ok) stopEdit(goalId);
    return result?.ok === true;
  };

  return (
    <div class="stack">
      <a class="back" href={hrefFor({ name: "home" })}>
        ← {t("backToGroups")}
      </a>
      <Show
        when={view()}
        fallback={
          <>
            <h1 tabindex="-1">{t("groupNotFoundTitle")}</h1>
            <p>{t("groupNotFound")}</p>
          </>
        }
      >
        {(group) => (
          <>
            <h1 tabindex="-1" data-testid="group-name">
              {group().name}
            </h1>
            <section aria-labelledby="goals-title">
              <h2 id="goals-title">{t("goalsTitle")}</h2>
              <GoalList
                goals={group().goals}
                members={group().members}
                me={me()}
                editingId={editingId()}
                onEdit={startEdit}
                onCancelEdit={() => {
                  const id = editingId();
                  if (id !== null) stopEdit(id);
                }}
                onSave={save}
                savePending={edit.pending()}
                saveError={sentence(edit.error())}
              />
            </section>
            {/* One goal form at a time: a small screen stays calm, and the form's test ids stay unique. */}
            <Show when={editingId() === null}>
              <section class="card" aria-labelledby="add-goal-title">
                <h2 id="add-goal-title">{t("addGoalTitle")}</h2>
                <GoalForm
                  idPrefix="add-goal"
                  submitLabel={t("goalAdd")}
                  pending={add.pending()}
                  error={sentence(add.error())}
                  onSubmit={async (input) => (await add.run(input))?.ok === true}
                />
              </section>
            </Show>
            <MembersPanel groupId={props.groupId} groupName={group().name} members={group().members} />
          </>
        )}
      </Show>
    </div>
  );
}
