/** Where this phone's changes are: sent, being sent, waiting for the relay, or waiting for the network. */
import type { JSX } from "solid-js";
import type { SyncState } from "../core/api/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";

export function SyncStatus(props: { readonly state: SyncState }): JSX.Element {
  const { t, errorText } = useI18n();
  const pending = () => (props.state.kind === "synced" ? 0 : props.state.pending);
  const text = () => {
    const state = props.state;
    switch (state.kind) {
      case "synced":
        return t("syncSynced");
      case "syncing":
        return t("syncSyncing");
      case "connecting":
        return t("first.syncConnecting", state.pending);
      case "offline":
        return t("syncOffline", state.pending);
      case "error":
        return t("syncError", errorText(state.code));
    }
  };
  return (
    <div
      class="sync-status"
      role="status"
      aria-live="polite"
      data-testid="sync-status"
      data-state={props.state.kind}
      data-pending={pending()}
    >
      <span class="sync-dot" aria-hidden="true" />
      <span>{text()}</span>
    </div>
  );
}
