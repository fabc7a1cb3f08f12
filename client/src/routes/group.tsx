/**
 * One group: tabs for its shared life (goals, check-ins, offers and asks, lending circles), then its
 * members and inviting a friend. Members stay on screen under every tab: who can read what you post
 * is always in view.
 */
import type { GroupId } from "@porch/shared";
import { createSignal, type JSX, Match, Show, Switch } from "solid-js";
import { CheckinsPanel } from "../components/checkins-panel.tsx";
import { CirclesPanel } from "../components/circles-panel.tsx";
import { GoalsPanel } from "../components/goals-panel.tsx";
import { LifeTabs } from "../components/life-tabs.tsx";
import { MembersPanel } from "../components/members-panel.tsx";
import { OffersPanel } from "../components/offers-panel.tsx";
import { createGroupView } from "../primitives/create-group-view.ts";
import { createLifeView } from "../primitives/create-life-view.ts";
import { createNextTask } from "../primitives/create-next-task.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

type TabKey = "goals" | "checkins" | "offers" | "circles";

export function GroupScreen(props: { readonly groupId: GroupId }): JSX.Element {
  const { api, state } = usePorch();
  const { t } = useI18n();
  const view = createGroupView(api, state.version, () => props.groupId);
  const life = createLifeView(api, state.version, () => props.groupId);
  const [tab, setTab] = createSignal<TabKey>("goals");
  // Below the goals: built in the task after the one that paints the first goal cards.
  const membersNow = createNextTask();
  // A member who was removed or left keeps what they saw, read-only: nothing they type could be sent.
  const gone = () => (state.version(), api.membership.view(props.groupId)?.gone ?? null);
  const tabs = () =>
    [
      { key: "goals", label: t("goalsTitle") },
      { key: "checkins", label: t("life.tabCheckins") },
      { key: "offers", label: t("life.tabOffers") },
      { key: "circles", label: t("life.tabCircles") },
    ] as const;

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
            <Show when={life()}>
              {(l) => (
                <LifeTabs idPrefix="group" label={t("life.tabsLabel")} tabs={tabs()} selected={tab()} onSelect={setTab}>
                  <Switch>
                    <Match when={tab() === "goals"}>
                      <fieldset class="life-fieldset" disabled={gone() !== null}>
                        <GoalsPanel groupId={props.groupId} group={group()} life={l()} />
                      </fieldset>
                    </Match>
                    <Match when={tab() === "checkins"}>
                      <fieldset class="life-fieldset" disabled={gone() !== null}>
                        <CheckinsPanel groupId={props.groupId} group={group()} life={l()} />
                      </fieldset>
                    </Match>
                    <Match when={tab() === "offers"}>
                      <fieldset class="life-fieldset" disabled={gone() !== null}>
                        <OffersPanel groupId={props.groupId} group={group()} life={l()} />
                      </fieldset>
                    </Match>
                    <Match when={tab() === "circles"}>
                      <fieldset class="life-fieldset" disabled={gone() !== null}>
                        <CirclesPanel groupId={props.groupId} group={group()} life={l()} />
                      </fieldset>
                    </Match>
                  </Switch>
                </LifeTabs>
              )}
            </Show>
            <Show when={membersNow()}>
              <MembersPanel groupId={props.groupId} groupName={group().name} members={group().members} />
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
