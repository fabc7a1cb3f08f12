/** The Circles tab: lending circles the group tracks (the app holds and moves no money), and starting one. */
import type { GroupId } from "@porch/shared";
import { createSignal, For, type JSX, Show } from "solid-js";
import type { LifeView } from "../core/api/group-life-api.ts";
import type { GroupView } from "../core/api/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import { CircleCard } from "./circle-card.tsx";
import { CircleForm } from "./circle-form.tsx";
import { FoldedForm } from "./folded-form.tsx";

export function CirclesPanel(props: {
  readonly groupId: GroupId;
  readonly group: GroupView;
  readonly life: LifeView;
}): JSX.Element {
  const { state } = usePorch();
  const { t } = useI18n();
  const me = () => state.profile()?.memberId ?? null;
  const [adding, setAdding] = createSignal(false);
  const nameOf = (id: string) => props.group.members.find((m) => m.memberId === id)?.displayName ?? t("unknownMember");
  return (
    <>
      <section aria-labelledby="circles-title">
        <h2 id="circles-title">{t("life.circlesTitle")}</h2>
        <p class="important" data-testid="circles-notice">
          {t("life.circlesIntro")}
        </p>
        <Show
          when={props.life.circles.length > 0}
          fallback={
            <p class="empty" data-testid="circles-empty">
              {t("life.circlesEmpty")}
            </p>
          }
        >
          <ul class="life-list">
            <For each={props.life.circles}>
              {(circle) => <CircleCard groupId={props.groupId} circle={circle} me={me()} nameOf={nameOf} />}
            </For>
          </ul>
        </Show>
      </section>
      <FoldedForm
        id="new-circle"
        openLabel={t("groupScreen.newCircleOpen")}
        title={t("life.newCircleTitle")}
        open={adding()}
        onOpenChange={setAdding}
        testId="circle-form-open"
      >
        {(done) => (
          <CircleForm groupId={props.groupId} members={props.group.members} me={me()} onSaved={() => done(true)} />
        )}
      </FoldedForm>
    </>
  );
}
