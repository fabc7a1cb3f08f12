/** The group's members by display name and role, this member marked "you", with optional actions per member. */
import type { MemberId } from "@porch/shared";
import { For, type JSX, Show } from "solid-js";
import type { GroupMember } from "../core/api/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import "./membership.css";

export function MemberList(props: {
  readonly members: readonly GroupMember[];
  readonly me: MemberId | null;
  readonly actions?: (member: GroupMember) => JSX.Element;
}): JSX.Element {
  const { t } = useI18n();
  return (
    <ul class="member-list">
      <For each={props.members}>
        {(member) => (
          <li data-testid="member" data-me={member.memberId === props.me ? "true" : undefined} data-role={member.role}>
            <span class="member-name">{member.displayName || t("unknownMember")}</span>
            <Show when={member.memberId === props.me}>
              {" "}
              <span class="you-tag">({t("you")})</span>
            </Show>
            <Show when={member.role === "admin"}>
              <span class="role-tag" data-testid="member-role">
                {t("membership.roleAdmin")}
              </span>
            </Show>
            {props.actions?.(member)}
          </li>
        )}
      </For>
    </ul>
  );
}
