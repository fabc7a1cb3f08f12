/** Open invitations, for managers: who each is for, until when it works, and a way to cancel it. */
import { For, type JSX, Show } from "solid-js";
import { formatDate } from "../i18n/format.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import type { PendingInvite } from "../core/api/membership-api.ts";
import "./membership.css";

export function PendingInvites(props: {
  readonly invites: readonly PendingInvite[];
  readonly pending: boolean;
  readonly onRevoke: (id: string) => void;
}): JSX.Element {
  const { t, lang } = useI18n();
  const describe = (invite: PendingInvite) =>
    t("membership.pendingItem", invite.note, formatDate(invite.expiresAt, lang()));
  return (
    <section aria-labelledby="pending-title">
      <h3 id="pending-title">{t("membership.pendingTitle")}</h3>
      <Show when={props.invites.length > 0} fallback={<p class="note">{t("membership.pendingEmpty")}</p>}>
        <ul class="pending-invites">
          <For each={props.invites}>
            {(invite) => (
              <li data-testid="pending-invite">
                <span>{describe(invite)}</span>
                <button
                  type="button"
                  data-testid="revoke-invite"
                  disabled={props.pending}
                  aria-label={t("membership.revokeLabel", describe(invite))}
                  onClick={() => props.onRevoke(invite.id)}
                >
                  {t("membership.revoke")}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
