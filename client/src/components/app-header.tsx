/**
 * The bar on every screen: the app's name, settings, the language switch and — once this device has
 * something to sync — the sync status. Before an account exists there is nothing to sync, so no status.
 */
import { type JSX, Show } from "solid-js";
import type { SyncState } from "../core/api/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { SyncStatus } from "./sync-status.tsx";

export function AppHeader(props: {
  readonly homeHref: string | null;
  /** Null while there is no account on this device. */
  readonly settingsHref: string | null;
  /** Null while there is nothing to sync. */
  readonly sync: SyncState | null;
}): JSX.Element {
  const { t } = useI18n();
  return (
    <header class="app-header">
      <div class="app-header-row">
        <Show when={props.homeHref} fallback={<span class="app-name">{t("appName")}</span>}>
          {(href) => (
            <a class="app-name" href={href()}>
              {t("appName")}
            </a>
          )}
        </Show>
        <div class="app-header-tools">
          <Show when={props.settingsHref}>
            {(href) => (
              <a class="header-link" href={href()} data-testid="settings-link">
                {t("first.settingsLink")}
              </a>
            )}
          </Show>
          <LanguageSwitch />
        </div>
      </div>
      <Show when={props.sync}>{(sync) => <SyncStatus state={sync()} />}</Show>
    </header>
  );
}
