/** What a manager can do to another member: change their role, or remove them (after a clear confirmation). */
import type { Role } from "@porch/shared";
import { createSignal, type JSX, Show } from "solid-js";
import { useI18n } from "../primitives/i18n-context.tsx";
import type { GroupMember } from "../core/api/porch-api.ts";
import "./membership.css";

export function MemberActions(props: {
  readonly member: GroupMember;
  readonly pending: boolean;
  readonly onSetRole: (role: Role) => void;
  readonly onRemove: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [confirming, setConfirming] = createSignal(false);
  const name = () => props.member.displayName || t("unknownMember");
  return (
    <>
      <div class="member-actions" role="group" aria-label={t("membership.actionsFor", name())}>
        <button
          type="button"
          data-testid="member-role-toggle"
          disabled={props.pending}
          onClick={() => props.onSetRole(props.member.role === "admin" ? "member" : "admin")}
        >
          {props.member.role === "admin" ? t("membership.makeMember", name()) : t("membership.makeManager", name())}
        </button>
        <button type="button" data-testid="member-remove" disabled={props.pending} onClick={() => setConfirming(true)}>
          {t("membership.remove", name())}
        </button>
      </div>
      <Show when={confirming()}>
        <div class="confirm-box important" role="alertdialog" aria-label={t("membership.removeConfirm", name())}>
          <p>
            <strong>{t("membership.removeConfirm", name())}</strong> {t("membership.removeExplain")}
          </p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              data-testid="confirm-remove"
              disabled={props.pending}
              onClick={() => {
                setConfirming(false);
                props.onRemove();
              }}
            >
              {t("membership.confirmRemove")}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </button>
          </div>
        </div>
      </Show>
    </>
  );
}
