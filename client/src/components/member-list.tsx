/** The group's members by display name, this member marked "you". */
import type { MemberId } from "@porch/shared";
import { For, type JSX, Show } from "solid-js";
import type { GroupMember } from "../services/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";

export function MemberList(props: { readonly members: readonly GroupMember[]; readonly me: MemberId | null }): JSX.Element {
  const { t } = useI18n();
  return (
    <ul class="member-list">
      <For each={props.members}>
        {(member) => (
          <li data-testid="member" data-me={member.memberId === props.me ? "true" : undefined}>
            <span class="member-name">{member.displayName}</span>
            <Show when={member.memberId === props.me}>
              {" "}
              <span class="you-tag">({t("you")})</span>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}
