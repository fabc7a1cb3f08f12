/** "A new device was added on …" from this member's other devices, and what to do if it was not them. */
import { For, type JSX, Show } from "solid-js";
import { formatDate } from "../i18n/format.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import type { DeviceNotice } from "../core/api/membership-api.ts";
import "./membership.css";

export function DeviceNotices(props: {
  readonly notices: readonly DeviceNotice[];
  readonly onDismiss: () => void;
}): JSX.Element {
  const { t, lang } = useI18n();
  return (
    <Show when={props.notices.length > 0}>
      <section class="important device-notice" role="status" data-testid="device-notice">
        <For each={props.notices}>{(n) => <p>{t("membership.noticeDeviceAdded", formatDate(n.at, lang()))}</p>}</For>
        <p>{t("membership.noticeWhatToDo")}</p>
        <div class="actions">
          <button type="button" data-testid="device-notice-dismiss" onClick={() => props.onDismiss()}>
            {t("membership.noticeDismiss")}
          </button>
        </div>
      </section>
    </Show>
  );
}
