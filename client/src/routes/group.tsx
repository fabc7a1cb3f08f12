/**
 * One group: who can read it (one line, always in view, with the way to members and invitations),
 * what is new since the last visit, then tabs for its shared life (goals, check-ins, offers and asks,
 * lending circles). Membership has its own screen so the life tabs stay short on a phone.
 */
import type { GroupId } from "@porch/shared";
import { createSignal, type JSX, Match, Show, Switch } from "solid-js";
import { CheckinsPanel } from "../components/checkins-panel.tsx";
import { CirclesPanel } from "../components/circles-panel.tsx";
import { GoalsPanel } from "../components/goals-panel.tsx";
import { LifeTabs } from "../components/life-tabs.tsx";
import { RemovedNotice } from "../components/removed-notice.tsx";
import { WhatsNew } from "../components/whats-new.tsx";
import "../components/group-screen.css";
import type { OfferDraft } from "../components/offer-form.tsx";
import { OffersPanel } from "../components/offers-panel.tsx";
import { createGroupView } from "../primitives/create-group-view.ts";
import { createLifeView } from "../primitives/create-life-view.ts";
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
  // An ask made from a check-in: the Offers tab opens its form filled in with the check-in's words.
  const [draft, setDraft] = createSignal<OfferDraft | null>(null);
  const turnIntoAsk = (d: OfferDraft) => {
    setDraft(d);
    setTab("offers");
  };
  const me = () => state.profile()?.memberId ?? null;
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
            <Show when={gone()}>{(how) => <RemovedNotice how={how()} />}</Show>
            <div class="group-who" data-testid="group-who">
              <Show
                when={group().members.some((m) => m.memberId !== me())}
                fallback={
                  <>
                    <p>{t("groupScreen.onlyYou")}</p>
                    <a
                      class="button"
                      data-testid="members-link"
                      href={hrefFor({ name: "group-members", groupId: props.groupId })}
                    >
                      {t("groupScreen.inviteFirst")}
                    </a>
                  </>
                }
              >
                <p>
                  {t(
                    "groupScreen.whoSees",
                    group()
                      .members.map((m) => m.displayName || t("unknownMember"))
                      .join(", "),
                  )}
                </p>
                <a data-testid="members-link" href={hrefFor({ name: "group-members", groupId: props.groupId })}>
                  {t("groupScreen.membersLink")}
                </a>
              </Show>
            </div>
            <WhatsNew
              groupId={props.groupId}
              nameOf={(id) => group().members.find((m) => m.memberId === id)?.displayName || t("unknownMember")}
              onOpen={setTab}
            />
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
                        <CheckinsPanel groupId={props.groupId} group={group()} life={l()} onTurnIntoAsk={turnIntoAsk} />
                      </fieldset>
                    </Match>
                    <Match when={tab() === "offers"}>
                      <fieldset class="life-fieldset" disabled={gone() !== null}>
                        <OffersPanel
                          groupId={props.groupId}
                          group={group()}
                          life={l()}
                          draft={draft()}
                          onDraftUsed={() => setDraft(null)}
                        />
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
          </>
        )}
      </Show>
    </div>
  );
}
