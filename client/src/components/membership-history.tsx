/** What everyone in the group sees happen to its membership, newest first. */
import { For, type JSX } from "solid-js";
import { formatDate } from "../i18n/format.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import type { MembershipEvent, Named } from "../core/api/membership-api.ts";
import "./membership.css";

export function MembershipHistory(props: { readonly events: readonly MembershipEvent[] }): JSX.Element {
  const { t, lang } = useI18n();
  const n = (who: Named) => who.displayName || t("unknownMember");
  const sentence = (e: MembershipEvent): string => {
    switch (e.kind) {
      case "created":
        return t("membership.eventCreated", n(e.by));
      case "joined":
        return t("membership.eventJoined", n(e.member), e.invitedBy === null ? null : n(e.invitedBy));
      case "removed":
        return t("membership.eventRemoved", n(e.by), n(e.member));
      case "left":
        return t("membership.eventLeft", n(e.member));
      case "role":
        return e.role === "admin"
          ? t("membership.eventManager", n(e.by), n(e.member))
          : t("membership.eventMember", n(e.by), n(e.member));
    }
  };
  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title">{t("membership.historyTitle")}</h3>
      <ul class="membership-history">
        <For each={[...props.events].reverse()}>
          {(e) => (
            <li data-testid="membership-event">
              {sentence(e)} <span class="note">· {formatDate(e.at, lang())}</span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
