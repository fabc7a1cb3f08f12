/**
 * Everything about who is in a group, for the group's members screen: the member list with roles
 * (and, for managers, actions), inviting a friend, open invitations, what happened, leaving, and the
 * notice shown once this member is out of the group.
 */
import type { GroupId, MemberId, Role } from "@porch/shared";
import { createMemo, createSignal, type JSX, Show } from "solid-js";
import { createAction } from "../primitives/create-action.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import type { InviteOptions } from "../core/api/membership-api.ts";
import type { GroupMember } from "../core/api/porch-api.ts";
import { ErrorMessage } from "./error-message.tsx";
import { InvitePanel } from "./invite-panel.tsx";
import { LeaveGroup } from "./leave-group.tsx";
import { MemberActions } from "./member-actions.tsx";
import { MemberList } from "./member-list.tsx";
import { MembershipHistory } from "./membership-history.tsx";
import { PendingInvites } from "./pending-invites.tsx";
import { RemovedNotice } from "./removed-notice.tsx";

export function MembersPanel(props: {
  readonly groupId: GroupId;
  readonly groupName: string;
  readonly members: readonly GroupMember[];
}): JSX.Element {
  const { api, state } = usePorch();
  const { t, errorText } = useI18n();
  const view = createMemo(() => (state.version(), api.membership.view(props.groupId)));
  const me = () => state.profile()?.memberId ?? null;
  const isAdmin = () => view()?.myRole === "admin";
  const [link, setLink] = createSignal<string | null>(null);
  const invite = createAction((options: InviteOptions) => api.membership.createInvite(props.groupId, options));
  const revoke = createAction((id: string) => api.membership.revokeInvite(props.groupId, id));
  const setRole = createAction((memberId: MemberId, role: Role) =>
    api.membership.setRole(props.groupId, memberId, role),
  );
  const remove = createAction((memberId: MemberId) => api.membership.remove(props.groupId, memberId));
  const leave = createAction((successor: MemberId | null) => api.membership.leave(props.groupId, successor));
  const busy = () => setRole.pending() || remove.pending() || revoke.pending();
  const actionError = () => setRole.error() ?? remove.error() ?? revoke.error();
  const createLink = async (options: InviteOptions) => {
    const result = await invite.run(options);
    if (result?.ok) setLink(result.value);
  };
  // The last manager leaving must name a successor among the others.
  const successors = () => {
    const v = view();
    if (v === null || v.myRole !== "admin" || v.members.filter((m) => m.role === "admin").length > 1) return [];
    return v.members.filter((m) => m.memberId !== me());
  };

  return (
    <>
      <Show when={view()?.gone}>{(how) => <RemovedNotice how={how()} />}</Show>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("membersTitle")}</h2>
        <MemberList
          members={props.members}
          me={me()}
          actions={(member) => (
            <Show when={isAdmin() && member.memberId !== me()}>
              <MemberActions
                member={member}
                pending={busy()}
                onSetRole={(role) => void setRole.run(member.memberId, role)}
                onRemove={() => void remove.run(member.memberId)}
              />
            </Show>
          )}
        />
        <ErrorMessage message={actionError() ? errorText(actionError()!) : null} />
      </section>
      <Show when={isAdmin()}>
        <InvitePanel
          groupName={props.groupName}
          link={link()}
          pending={invite.pending()}
          error={invite.error() ? errorText(invite.error()!) : null}
          onCreate={(options) => void createLink(options)}
        />
        <PendingInvites
          invites={view()?.pendingInvites ?? []}
          pending={busy()}
          onRevoke={(id) => void revoke.run(id)}
        />
      </Show>
      <MembershipHistory events={view()?.events ?? []} />
      <Show when={view()?.myRole}>
        <LeaveGroup
          successors={successors()}
          pending={leave.pending()}
          error={leave.error() ? errorText(leave.error()!) : null}
          onLeave={(successor) => void leave.run(successor)}
        />
      </Show>
    </>
  );
}
