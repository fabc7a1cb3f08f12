/**
 * Everything about who is in a group, for the group screen's members section: the member list and
 * inviting a friend (roles, pending invitations, removal and leaving grow here).
 */
import type { GroupId } from "@porch/shared";
import { createSignal, type JSX } from "solid-js";
import { createAction } from "../primitives/create-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import type { GroupMember } from "../services/porch-api.ts";
import { InvitePanel } from "./invite-panel.tsx";
import { MemberList } from "./member-list.tsx";

export function MembersPanel(props: { readonly groupId: GroupId; readonly groupName: string; readonly members: readonly GroupMember[] }): JSX.Element {
  const { api, state } = usePorch();
  const { t, errorText } = useI18n();
  const [link, setLink] = createSignal<string | null>(null);
  const invite = createAction(() => api.createInviteLink(props.groupId));
  const createLink = async () => {
    const result = await invite.run();
    if (result?.ok) setLink(result.value);
  };
  return (
    <>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("membersTitle")}</h2>
        <MemberList members={props.members} me={state.profile()?.memberId ?? null} />
      </section>
      <InvitePanel
        groupName={props.groupName}
        link={link()}
        pending={invite.pending()}
        error={invite.error() ? errorText(invite.error()!) : null}
        onCreate={() => void createLink()}
      />
    </>
  );
}
