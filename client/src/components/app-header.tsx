/** The bar on every screen: the app's name, the language switch and the sync status. */
import { type JSX, Show } from "solid-js";
import type { SyncState } from "../core/api/porch-api.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { SyncStatus } from "./sync-status.tsx";

export function AppHeader(props: { readonly homeHref: string | null; readonly sync: SyncState }): JSX.Element {
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
        <LanguageSwitch />
      </div>
      <SyncStatus state={props.sync} />
    </header>
  );
}
