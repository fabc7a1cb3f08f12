/**
 * Who is in a group and everything about membership: the member list (and, for managers, roles and
 * removal), inviting a friend, open invitations, who came and went, and leaving. Reached from the
 * group screen's header, so the group's life tabs stay short.
 */
import type { GroupId } from "@porch/shared";
import { type JSX, Show } from "solid-js";
import { MembersPanel } from "../components/members-panel.tsx";
import { createGroupView } from "../primitives/create-group-view.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";

export function GroupMembersScreen(props: { readonly groupId: GroupId }): JSX.Element {
  const { api, state } = usePorch();
  const { t } = useI18n();
  const view = createGroupView(api, state.version, () => props.groupId);
  return (
    <div class="stack">
      <Show
        when={view()}
        fallback={
          <>
            <a class="back" href={hrefFor({ name: "home" })}>
              ← {t("backToGroups")}
            </a>
            <h1 tabindex="-1">{t("groupNotFoundTitle")}</h1>
            <p>{t("groupNotFound")}</p>
          </>
        }
      >
        {(group) => (
          <>
            <a class="back" data-testid="back-to-group" href={hrefFor({ name: "group", groupId: props.groupId })}>
              ← {t("groupScreen.backToGroup", group().name)}
            </a>
            <h1 tabindex="-1" data-testid="members-screen-title">
              {t("groupScreen.membersScreenTitle", group().name)}
            </h1>
            <MembersPanel groupId={props.groupId} groupName={group().name} members={group().members} />
          </>
        )}
      </Show>
    </div>
  );
}
