/** The enrolled families, by friend group, with the names they gave the organization. */
import { createMemo, For, type JSX, Show } from "solid-js";
import type { Participant } from "../core/aggregation.ts";
import { useOrgI18n } from "./org-i18n.tsx";

/** Participants by friend group, groups in order of first enrolment, names sorted within each. */
export function byFriendGroup(participants: readonly Participant[]): Participant[][] {
  const groups = new Map<string, Participant[]>();
  for (const p of participants) groups.set(p.groupId, [...(groups.get(p.groupId) ?? []), p]);
  return [...groups.values()].map((g) =>
    [...g].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })),
  );
}

export function ParticipantList(props: { readonly participants: readonly Participant[] }): JSX.Element {
  const { d } = useOrgI18n();
  const groups = createMemo(() => byFriendGroup(props.participants));
  return (
    <section class="card" aria-labelledby="participants-title">
      <h2 id="participants-title">
        {d().participantsTitle} <span class="count-tag">{props.participants.length}</span>
      </h2>
      <Show when={groups().length > 0} fallback={<p class="empty">{d().participantsEmpty}</p>}>
        <div class="friend-groups" data-testid="participants">
          <For each={groups()}>
            {(group, i) => (
              <section class="friend-group" aria-labelledby={`friend-group-${i()}`}>
                <h3 id={`friend-group-${i()}`}>{d().friendGroup(i() + 1, group.length)}</h3>
                <ul class="name-list">
                  <For each={group}>
                    {(p) => (
                      <li data-member={p.memberId} classList={{ "no-name": p.name === "" }}>
                        {p.name === "" ? d().noName : p.name}
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            )}
          </For>
        </div>
      </Show>
    </section>
  );
}
